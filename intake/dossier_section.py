"""The intake's section on the dossier page: the whole intake, or a partner's findings."""

from django.template.loader import render_to_string

from inburgering import permissions
from intake import selectors


def render(request, dossier, lens, preview):
    if not lens.full:
        return render_to_string(
            "intake/dossier_section_partner.html",
            {"findings": selectors.shared_findings(dossier, lens)},
            request=request,
        )
    return render_to_string(
        "intake/dossier_section.html",
        {
            "dossier": dossier,
            "intake": selectors.intake_summary(request.user, dossier),
            "klantprofiel": selectors.klantprofiel_of(dossier),
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
        },
        request=request,
    )
