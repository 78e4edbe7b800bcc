"""A dossier's life cycle: its statuses and the moves between them, in one place; pure
functions, unit-tested. Every service that changes a status asks ``transition_problem``
(through ``services.advance_status``, ``close_dossier`` and ``reopen_dossier``).

A running dossier only moves forward (registered → intake → plan → in progress), and may
skip a phase: a Wi2013 dossier has no plan, a plan may be fixed before the intake is
completed. Any running dossier can be closed (completed, moved away, deregistered). A closed
dossier is never changed into another closed status; it is reopened, to the phase it had
when it was closed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from inburgering.choices import ENDED_STATUSES, RUNNING_STATUSES, DossierStatus

# The running statuses in the order a dossier passes them.
RUNNING_ORDER = {status: index for index, status in enumerate(RUNNING_STATUSES)}


def _label(status: str) -> str:
    return str(DossierStatus(status).label).lower()


def transition_problem(current: str, new: str) -> str:
    """Why a dossier cannot go from ``current`` to ``new`` ("" when it can)."""
    if current == new:
        return _("The dossier already has the status %(status)s.") % {"status": _label(new)}
    if current in ENDED_STATUSES:
        if new in ENDED_STATUSES:
            return _("This dossier has already been closed.")
        return ""  # reopening
    if new in ENDED_STATUSES:
        return ""
    if RUNNING_ORDER[new] < RUNNING_ORDER[current]:
        return _("A dossier does not go back from %(current)s to %(new)s.") % {
            "current": _label(current),
            "new": _label(new),
        }
    return ""


def comes_later(current: str, new: str) -> bool:
    """Whether ``new`` is a later phase of a running dossier than ``current`` (the apps move
    a dossier forward when their work starts, and leave one that is further already)."""
    return (
        current in RUNNING_ORDER
        and new in RUNNING_ORDER
        and RUNNING_ORDER[new] > RUNNING_ORDER[current]
    )


def status_after_reopening(history: list[str]) -> str:
    """The phase a reopened dossier returns to: its last running status before it was closed
    (``history`` newest first), or registered when it never ran."""
    return next((status for status in history if status in RUNNING_ORDER), DossierStatus.AANGEMELD)
