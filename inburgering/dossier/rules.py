"""Pure rules of the team layer, unit-tested on their own: what makes a substitution's
period acceptable."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

# A waarneming covers an absence (holiday, illness, leave); longer than this is a new
# division of the caseload, which is a reassignment.
MAX_WAARNEMING_DAYS = 183
# How far ahead an absence is arranged: a planned holiday, not a typing error in the year.
MAX_WAARNEMING_AHEAD_DAYS = 366


def waarneming_period_problems(
    *, starts_on: datetime.date, ends_on: datetime.date, today: datetime.date
) -> dict[str, str]:
    """Why this period cannot be a substitution, by field (``starts_on``, ``ends_on``);
    empty when it can."""
    if starts_on < today:
        return {"starts_on": _("A substitution cannot start in the past.")}
    if (starts_on - today).days > MAX_WAARNEMING_AHEAD_DAYS:
        return {"starts_on": _("A substitution is arranged at most a year ahead.")}
    if ends_on < starts_on:
        return {"ends_on": _("The last day cannot be before the first day.")}
    if (ends_on - starts_on).days >= MAX_WAARNEMING_DAYS:
        return {
            "ends_on": _(
                "A substitution lasts at most half a year; for longer, give the dossiers "
                "another regisseur."
            )
        }
    return {}
