"""The appointments on the dossier page: the caseload's only, like the contact details."""

from inburgering.bijeenkomsten import selectors
from inburgering.bijeenkomsten.forms import AttendanceForm
from inburgering.dossier.sections import caseload_section

render = caseload_section(
    "bijeenkomsten/dossier_section.html",
    lambda dossier: {
        "bijeenkomsten": selectors.of_dossier(dossier),
        "attendance_choices": AttendanceForm.base_fields["opkomst"].choices,
    },
)
