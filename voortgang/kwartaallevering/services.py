"""Releasing the quarterly delivery: the contactpersoon checks the records and releases them;
the file is made once, hashed, stored and never changed. A correction is a new version."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from inburgering import permissions
from inburgering.dates import Quarter
from inburgering.models import Gemeente
from inburgering.privacy import events
from inburgering.services import ServiceError
from voortgang.kwartaallevering import cbs, completeness, records
from voortgang.models import Kwartaallevering


@transaction.atomic
def release_kwartaallevering(
    *, actor, gemeente_id: int, quarter: Quarter, open_points_checked: bool, note: str = ""
) -> Kwartaallevering:
    """Build, freeze and keep the delivery of one gemeente's quarter. Points still open in the
    completeness check must have been looked at (``open_points_checked``); a redelivery says
    why it replaces the previous one. One release at a time per gemeente (its row is locked)."""
    if not permissions.can_release_delivery(actor):
        raise ServiceError(_("Only the contactpersoon inburgering releases the delivery."))
    if gemeente_id not in permissions.monitor_gemeente_ids(actor):
        raise ServiceError(_("You do not work for this municipality."))
    gemeente = Gemeente.objects.select_for_update().get(pk=gemeente_id)
    found = records.records(gemeente.pk, quarter)
    open_points = sum(len(completeness.problems(record)) for record in found)
    if open_points and not open_points_checked:
        raise ServiceError(
            _("Confirm that you have looked at the %(count)d points still open.")
            % {"count": open_points}
        )
    previous = (
        Kwartaallevering.objects.filter(
            gemeente=gemeente, year=quarter.year, quarter=quarter.number
        )
        .order_by("-version")
        .first()
    )
    note = note.strip()
    if previous and not note:
        raise ServiceError(_("Say why this delivery replaces the previous one."))
    version = previous.version + 1 if previous else 1
    content = cbs.file_bytes(found, gemeentecode=gemeente.cbs_code, quarter=quarter)
    levering = Kwartaallevering(
        gemeente=gemeente,
        year=quarter.year,
        quarter=quarter.number,
        version=version,
        sha256=hashlib.sha256(content).hexdigest(),
        records=len(found),
        open_problems=open_points,
        note=note,
        released_by=actor,
    )
    name = cbs.file_name(gemeentecode=gemeente.cbs_code, quarter=quarter, version=version)
    levering.file.save(name, ContentFile(content), save=False)
    levering.save()
    events.delivery_released(actor=actor, levering=levering)
    return levering
