"""A readability hint for Dutch letter texts: the Flesch-Douma score of each paragraph
(textstat, whose Dutch reading ease is Douma's adaptation of Flesch). A hint for the
beheerder, never a gate: B1 letters aim at 60 or more."""

from __future__ import annotations

from dataclasses import dataclass

import textstat
from django.utils.translation import gettext_lazy as _

from inburgering.brieven.fields import FIELD, paragraphs

B1_TARGET = 60


@dataclass(frozen=True)
class Hint:
    paragraph: str
    score: float

    @property
    def easy_enough(self) -> bool:
        return self.score >= B1_TARGET

    @property
    def label(self) -> str:
        if self.score >= 80:
            return str(_("very easy"))
        if self.easy_enough:
            return str(_("easy"))
        if self.score >= 40:
            return str(_("fairly difficult: use shorter sentences and words"))
        return str(_("difficult: use shorter sentences and words"))


def douma_scores(body: str) -> list[Hint]:
    """Each paragraph's Flesch-Douma score; a field counts as one short word."""
    textstat.set_lang("nl")
    hints = []
    for paragraph in paragraphs(body):
        plain = FIELD.sub("naam", paragraph)
        hints.append(Hint(paragraph, round(textstat.flesch_reading_ease(plain), 1)))
    return hints
