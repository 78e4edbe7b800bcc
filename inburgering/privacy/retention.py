"""Retention: destroy a dossier whose duty ended long enough ago, with everything it left.

"Everything" is the dossier and every row the apps keep for it, the history rows of all of
them (history is a copy of personal data), the partner shares with their guardian
permissions, and the stored PDFs. Its audit events stay, pseudonymised: the dossier is
replaced by a random token. Runs in batches, is safe to run twice, and records counts only.
"""

from __future__ import annotations

import datetime
import secrets
from collections import Counter
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from inburgering.choices import ENDED_STATUSES
from inburgering.models import AuditEvent, Deling, Inburgeraar, Vernietiging
from inburgering.privacy import audit_trail

_file_cleaners = []


def register_files(cleaner) -> None:
    """Apps that store files for a dossier register ``cleaner(dossier_id) -> int`` (files
    removed); retention calls it before the rows go."""
    if cleaner not in _file_cleaners:
        _file_cleaners.append(cleaner)


def retention_limit(today: datetime.date, *, years: int) -> datetime.date:
    """The last end date that is destroyed today: ``years`` full years ago."""
    return today - relativedelta(years=years)


@dataclass(frozen=True)
class Due:
    """A dossier the job would destroy, described without naming the person."""

    dossier_id: int
    gemeente: str
    status: str
    ended_on: datetime.date


def due(today: datetime.date | None = None) -> list[Due]:
    """What the job would destroy today: the functioneel beheerder's dry run."""
    limit = retention_limit(today or timezone.localdate(), years=settings.RETENTION_YEARS)
    return [
        Due(
            dossier.pk,
            str(dossier.gemeente),
            dossier.get_status_display(),
            dossier.datum_einde_plicht,
        )
        for dossier in Inburgeraar.objects.filter(
            status__in=ENDED_STATUSES, datum_einde_plicht__lte=limit
        )
        .select_related("gemeente")
        .order_by("datum_einde_plicht", "pk")
    ]


def destroy_due(*, today: datetime.date | None = None, batch_size: int = 50) -> int:
    """Destroy every dossier past its retention period, a batch per transaction."""
    limit = retention_limit(today or timezone.localdate(), years=settings.RETENTION_YEARS)
    destroyed = 0
    while True:
        with transaction.atomic():
            batch = list(
                Inburgeraar.objects.select_for_update(skip_locked=True)
                .filter(status__in=ENDED_STATUSES, datum_einde_plicht__lte=limit)
                .order_by("pk")[:batch_size]
            )
            for dossier in batch:
                _destroy(dossier)
        destroyed += len(batch)
        if len(batch) < batch_size:
            return destroyed


def _destroy(dossier: Inburgeraar) -> None:
    counts = Counter()
    # Which objects belong to the dossier, found while the rows that lead to it still exist.
    owned = {
        model: set(model.history.filter(**_of(path, dossier.pk)).values_list("id", flat=True))
        | set(model.objects.filter(**_of(path, dossier.pk)).values_list("pk", flat=True))
        for model, path in audit_trail.sources()
    }
    for cleaner in _file_cleaners:
        counts["files"] += cleaner(dossier.pk)
    token = secrets.token_hex(16)
    counts["audit events pseudonymised"] = AuditEvent.objects.filter(
        dossier_id=dossier.pk
    ).pseudonymise(token)
    Deling.objects.filter(dossier_id=dossier.pk).delete()  # before the permissions it protects
    _deleted, per_model = dossier.delete()
    counts += Counter(per_model)
    for model, ids in owned.items():  # the history, including the rows the deletes just wrote
        removed, _per_model = model.history.filter(id__in=ids).delete()
        counts[f"history of {model._meta.label}"] = removed
    Vernietiging.objects.create(
        token=token, ended_on=dossier.datum_einde_plicht, counts=dict(+counts)
    )


def _of(path: str, dossier_id: int) -> dict:
    return {audit_trail.dossier_column(path): dossier_id}
