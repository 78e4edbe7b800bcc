"""When an intake may be completed and when an advice needs a motivation; pure functions."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class IntakeParts:
    """Which of the three legal parts of art. 14 Wi2021 are on file."""

    leerbaarheidstoets: bool
    education_and_work: bool
    personal_circumstances: bool


PART_LABELS = {
    "leerbaarheidstoets": _("the learnability test, or the exemption from it"),
    "education_and_work": _("education followed and work experience"),
    "personal_circumstances": _("personal circumstances, including physical and mental health"),
}


def missing_parts(parts: IntakeParts) -> list[str]:
    """The legal parts still missing, as Dutch sentences for the page."""
    return [str(label) for name, label in PART_LABELS.items() if not getattr(parts, name)]


def advice_deviates(indicated_route: str, advised_route: str) -> bool:
    """The advice departs from the test when both are known and differ."""
    return bool(indicated_route and advised_route and indicated_route != advised_route)
