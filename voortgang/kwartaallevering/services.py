"""The quarterly delivery: its completeness check, run by a Celery task and kept with its moment,
and its release by the contactpersoon; the file is made once, hashed, stored and never changed.
A correction is a new version."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import permissions
from inburgering.dates import Quarter
from inburgering.models import Gemeente
from inburgering.privacy import events
from inburgering.services import ServiceError
from voortgang import tasks
from voortgang.kwartaallevering import cbs, completeness, records
from voortgang.models import DeliveryCheck, Kwartaallevering


@transaction.atomic
def request_check(*, actor, gemeente_id: int, quarter: Quarter) -> None:
    """Ask for the check of a gemeente's quarter; the page says it runs until it is done."""
    if gemeente_id not in permissions.monitor_gemeente_ids(actor):
        raise ServiceError(_("You do not work for this municipality."))
    DeliveryCheck.objects.update_or_create(
        gemeente_id=gemeente_id,
        year=quarter.year,
        quarter=quarter.number,
        defaults={"requested_at": timezone.now()},
    )
    transaction.on_commit(
        lambda: tasks.check_delivery.delay(gemeente_id, quarter.year, quarter.number)
    )


@transaction.atomic
def check(*, gemeente_id: int, quarter: Quarter) -> DeliveryCheck:
    """Run the check and keep its result (the Celery task's work; safe to run twice). It is
    dated when it started reading: a change made while it runs is not in it."""
    started = timezone.now()
    return _keep(gemeente_id, quarter, records.records(gemeente_id, quarter), started)


def check_every_gemeente(quarter: Quarter) -> int:
    """The night's check of the quarter to deliver, for every gemeente, each in its own
    transaction; returns how many."""
    ids = list(Gemeente.objects.values_list("pk", flat=True))
    for gemeente_id in ids:
        check(gemeente_id=gemeente_id, quarter=quarter)
    return len(ids)


def check_after_data(sender=None, **_signal) -> None:
    """After the demo (or bench) data is in, so the delivery page has a check to show."""
    check_every_gemeente(Quarter.of(timezone.localdate()).previous())


def _keep(gemeente_id: int, quarter: Quarter, found: list, started) -> DeliveryCheck:
    people = [[r.dossier_id, codes] for r in found if (codes := completeness.problem_codes(r))]
    kept, _created = DeliveryCheck.objects.update_or_create(
        gemeente_id=gemeente_id,
        year=quarter.year,
        quarter=quarter.number,
        defaults={
            "checked_at": started,
            "records": len(found),
            "open_points": sum(len(codes) for _pk, codes in people),
            "people": people,
        },
    )
    return kept


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
    started = timezone.now()
    found = records.records(gemeente.pk, quarter)
    open_points = _keep(gemeente.pk, quarter, found, started).open_points  # the page's check too
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
