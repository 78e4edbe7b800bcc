"""The progress section on the dossier page: the next talk, the last one and open signals."""

from django.template.loader import render_to_string
from django.utils import timezone

from inburgering import permissions
from voortgang import selectors


def render(request, dossier):
    return render_to_string(
        "voortgang/dossier_section.html",
        {
            "dossier": dossier,
            "overview": selectors.voortgang_overview(request.user, dossier),
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
            "today": timezone.localdate(),
        },
        request=request,
    )
