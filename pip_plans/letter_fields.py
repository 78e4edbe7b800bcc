"""The plan's fields in letters: [termijn], the last day to object to the plan in force."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from inburgering.brieven.fields import Field
from inburgering.brieven.selectors import written_date
from pip_plans.models import PipVersie, VersieStatus

FIELDS = [Field("termijn", _("the last day to object to the plan in force"))]


def values(dossier, language: str) -> dict[str, str]:
    """Counted from the day the plan in force was handed over or sent, or from its
    dagtekening while that is not recorded (``PipVersie.objection_deadline``)."""
    versie = (
        PipVersie.objects.filter(
            pip__dossier=dossier, status=VersieStatus.VASTGESTELD, vorige_gemeente=""
        )
        .select_related("bekendmaking")
        .order_by("-number")
        .first()
    )
    deadline = versie.objection_deadline if versie else None
    return {"termijn": written_date(deadline, language)} if deadline else {}
