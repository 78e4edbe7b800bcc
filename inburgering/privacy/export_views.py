"""The end of a dossier's life: exports (inzage, warme overdracht) and the functioneel
beheerder's dry run of the retention job."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering import permissions
from inburgering.choices import ExportKind, RenderStatus
from inburgering.models import AuditAction, Vernietiging
from inburgering.permissions import guard
from inburgering.privacy import audit, retention
from inburgering.privacy import selectors as privacy_selectors
from inburgering.privacy import services as privacy_services

EXPORT_FORMATS = {"pdf": "application/pdf", "json": "application/json"}


def _exports_url(dossier) -> str:
    return reverse("dossier_exports", kwargs={"dossier_id": dossier.pk})


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def dossier_exports(request, dossier):
    """The exports of a dossier; a POST asks for a new inzage export."""
    if request.method == "POST":
        privacy_services.request_export(actor=request.user, dossier=dossier, kind=ExportKind.INZAGE)
        messages.success(request, _("The export is being made."))
        return redirect(_exports_url(dossier))
    exports = privacy_selectors.exports_of(dossier)
    return render(
        request,
        "inburgering/exports.html",
        {
            "dossier": dossier,
            "exports": exports,
            "pending": any(export.status == RenderStatus.PENDING for export in exports),
        },
    )


@guard(permissions.EDIT_DOSSIER)
def dossier_export_download(request, dossier, export_id, fmt):
    export = privacy_selectors.ready_export(dossier, export_id)
    if export is None or fmt not in EXPORT_FORMATS:
        raise Http404
    audit.record(request, AuditAction.EXPORTED, dossier, detail=f"{export.kind} {fmt}")
    stored = export.pdf_file if fmt == "pdf" else export.json_file
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{export.kind}-{export.requested_at:%Y%m%d}.{fmt}",
        content_type=EXPORT_FORMATS[fmt],
    )


@guard(permissions.MANAGE_RETENTION)
def retention_overview(request):
    """What the nightly job would destroy today, and what it destroyed before (counts only)."""
    return render(
        request,
        "inburgering/retention.html",
        {
            "due": retention.due(),
            "retention_years": settings.RETENTION_YEARS,
            "destroyed": Vernietiging.objects.all()[:50],
        },
    )
