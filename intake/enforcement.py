"""What follows when someone does not show up for the brede intake; pure functions, unit-tested."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

NO_SHOW_FINE_EUR_DEFAULT = 250


class Gevolg(models.TextChoices):
    """The consequence the college attaches to a missed invitation (domain.md §2b)."""

    WAARSCHUWING = "waarschuwing", _("Written warning")
    BOETE = "boete", _("Fine")
    PIP_AMBTSHALVE = "pip_ambtshalve", _("Fine; the municipality sets the plan")


@dataclass(frozen=True)
class Escalation:
    """One step of the escalation: the consequence, the fine in euros, whether to invite again."""

    gevolg: Gevolg
    fine_eur: int
    new_invitation: bool


def escalation_for_no_show(
    no_show_number: int, *, fine_eur: int = NO_SHOW_FINE_EUR_DEFAULT
) -> Escalation:
    """The escalation for the n-th missed intake invitation (domain.md §2b).

    A first miss earns a written warning and a second invitation; a second a fine and a third
    invitation; a third a second fine, after which the college sets the PIP itself instead of
    inviting yet again (whether entirely without the person's input is unconfirmed). Later
    misses are treated like the third, since the plan is then already the college's to set.
    The amount is a parameter because it is the municipality's policy, not a fixed number.
    """
    if no_show_number < 1:
        raise ValueError(f"no_show_number must be at least 1, got {no_show_number}")
    if no_show_number == 1:
        return Escalation(gevolg=Gevolg.WAARSCHUWING, fine_eur=0, new_invitation=True)
    if no_show_number == 2:
        return Escalation(gevolg=Gevolg.BOETE, fine_eur=fine_eur, new_invitation=True)
    return Escalation(gevolg=Gevolg.PIP_AMBTSHALVE, fine_eur=fine_eur, new_invitation=False)
