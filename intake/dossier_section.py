"""The intake's section on the dossier page."""

from django.template.loader import render_to_string

from inburgering import permissions
from intake import selectors


def render(request, dossier):
    return render_to_string(
        "intake/dossier_section.html",
        {
            "dossier": dossier,
            "overview": selectors.intake_overview(request.user, dossier),
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
        },
        request=request,
    )
