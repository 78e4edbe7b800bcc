"""Reads of a dossier's exports."""

from __future__ import annotations

from inburgering.choices import RenderStatus
from inburgering.models import (
    DossierExport,
    Inburgeraar,
)


def exports_of(dossier: Inburgeraar) -> list[DossierExport]:
    return list(DossierExport.objects.filter(dossier=dossier).select_related("requested_by"))


def ready_export(dossier: Inburgeraar, export_id: int) -> DossierExport | None:
    """A finished export of this dossier (the guard has checked the dossier)."""
    return DossierExport.objects.filter(
        pk=export_id, dossier=dossier, status=RenderStatus.READY
    ).first()
