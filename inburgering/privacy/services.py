"""Exports of a dossier (inzage under AVG art. 15, handover to another gemeente): asked for
in one transaction, rendered by a Celery task, removed with the dossier."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from inburgering import rendered_files, tasks
from inburgering.models import (
    DossierExport,
    Inburgeraar,
)
from inburgering.privacy import events, inzage
from inburgering.services import save_as


@transaction.atomic
def request_export(*, actor, dossier: Inburgeraar, kind: str, note: str = "") -> DossierExport:
    """Ask for an export of everything held about the person; made by a Celery task."""
    export = DossierExport(dossier=dossier, kind=kind, note=note[:200], requested_by=actor)
    save_as(export, actor=actor)
    events.export_requested(actor=actor, export=export)
    transaction.on_commit(lambda: tasks.render_dossier_export.delay(export.pk))
    return export


def render_export(*, export_id: int) -> DossierExport:
    """Make and store both files once (``rendered_files``)."""

    def make(export: DossierExport) -> None:
        collected = inzage.collect(export.dossier, export.kind)
        name = f"{export.kind}-{export.dossier_id}-{export.pk}"
        export.json_file.save(f"{name}.json", ContentFile(inzage.as_json(collected)), save=False)
        export.pdf_file.save(f"{name}.pdf", ContentFile(inzage.as_pdf(collected)), save=False)
        export.ready_at = timezone.now()

    exports = DossierExport.objects.select_related("dossier__gemeente")
    return rendered_files.render_once(exports, export_id, make)


def remove_export_files(dossier_id: int) -> int:
    """Delete the stored export files of a dossier (retention); returns how many."""
    removed = 0
    for export in DossierExport.objects.filter(dossier_id=dossier_id):
        for stored in (export.pdf_file, export.json_file):
            if stored:
                stored.delete(save=False)
                removed += 1
    return removed
