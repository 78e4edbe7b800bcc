"""The appointments on the dossier page: the caseload's only, like the contact details."""

from django.template.loader import render_to_string

from inburgering import permissions
from inburgering.bijeenkomsten import selectors
from inburgering.bijeenkomsten.forms import AttendanceForm


def render(request, dossier, lens, preview):
    if not lens.full:
        return ""
    return render_to_string(
        "bijeenkomsten/dossier_section.html",
        {
            "dossier": dossier,
            "bijeenkomsten": selectors.of_dossier(dossier),
            "attendance_choices": AttendanceForm.base_fields["opkomst"].choices,
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
        },
        request=request,
    )
