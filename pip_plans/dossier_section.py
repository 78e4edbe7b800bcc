"""The plan's section on the dossier page."""

from django.template.loader import render_to_string

from pip_plans import selectors


def render(request, dossier):
    overview = selectors.plan_overview(request.user, dossier)
    return render_to_string(
        "pip_plans/dossier_section.html",
        {"dossier": dossier, "overview": overview},
        request=request,
    )
