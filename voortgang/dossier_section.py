"""The progress section on the dossier page: talks and signals, or a partner's notes."""

from django.template.loader import render_to_string
from django.utils import timezone

from inburgering import permissions
from voortgang import selectors


def render(request, dossier, lens, preview):
    if not lens.full:
        return render_to_string(
            "voortgang/dossier_section_partner.html",
            {
                "dossier": dossier,
                "notes": selectors.shared_notes(dossier, lens),
                "lens": lens,
                "preview": preview,
            },
            request=request,
        )
    return render_to_string(
        "voortgang/dossier_section.html",
        {
            "dossier": dossier,
            "summary": selectors.voortgang_summary(request.user, dossier),
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
            "today": timezone.localdate(),
        },
        request=request,
    )
