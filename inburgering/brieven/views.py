"""Thin views of letters: make one (with a preview first), see and download it; every one
guarded by the permission policy."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from inburgering import permissions
from inburgering.brieven import services
from inburgering.brieven.forms import MakeLetterForm
from inburgering.choices import RenderStatus
from inburgering.models import AuditAction, Brief
from inburgering.permissions import guard
from inburgering.privacy import audit
from inburgering.services import ServiceError


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def make_brief(request, dossier):
    form = MakeLetterForm(request.POST or None, dossier=dossier)
    preview = None
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data
        try:
            if "make" in request.POST:
                brief = services.make_brief(
                    actor=request.user,
                    dossier_id=dossier.pk,
                    kind=choice["kind"],
                    language=choice["language"],
                    bijeenkomst_id=choice["bijeenkomst"].pk if choice["bijeenkomst"] else None,
                )
                return redirect("brief_detail", dossier_id=dossier.pk, brief_id=brief.pk)
            preview = services.compose(
                dossier=dossier,
                kind=choice["kind"],
                language=choice["language"],
                bijeenkomst=choice["bijeenkomst"],
                writer=request.user,
            )
        except services.NeedsAppointment as exc:
            form.add_error("bijeenkomst", str(exc))  # next to the field it is about
        except ServiceError as exc:
            form.add_error(None, str(exc))
    return render(
        request, "brieven/make.html", {"dossier": dossier, "form": form, "preview": preview}
    )


def _brief_or_404(dossier, brief_id) -> Brief:
    return get_object_or_404(
        Brief.objects.select_related("requested_by"), pk=brief_id, dossier=dossier
    )


@guard(permissions.VIEW_DOSSIER)
@require_GET
def brief_detail(request, dossier, brief_id):
    brief = _brief_or_404(dossier, brief_id)
    return render(request, "brieven/detail.html", {"dossier": dossier, "brief": brief})


@guard(permissions.VIEW_DOSSIER)
@require_GET
def brief_pdf(request, dossier, brief_id):
    brief = _brief_or_404(dossier, brief_id)
    if brief.status != RenderStatus.READY or not brief.file:
        raise Http404
    audit.record(request, AuditAction.PDF_DOWNLOADED, dossier, detail=f"brief {brief.pk}")
    name = f"brief-{brief.kind}-{brief.requested_at:%Y-%m-%d}-{brief.pk}.pdf"
    return FileResponse(brief.file.open("rb"), as_attachment=True, filename=name)
