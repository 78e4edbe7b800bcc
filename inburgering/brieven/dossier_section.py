"""The letters on the dossier page: the caseload's only, like the appointments."""

from django.template.loader import render_to_string

from inburgering import permissions
from inburgering.brieven import selectors


def render(request, dossier, lens, preview):
    if not lens.full:
        return ""
    return render_to_string(
        "brieven/dossier_section.html",
        {
            "dossier": dossier,
            "brieven": selectors.letters_of(dossier),
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
        },
        request=request,
    )
