"""The plan's section on the dossier page: the whole plan, or a partner's sections."""

from django.template.loader import render_to_string

from inburgering.law import rules_of
from pip_plans import selectors
from pip_plans.forms import AfspraakStatusForm


def render(request, dossier, lens, preview):
    if not lens.full:
        plan = selectors.shared_plan(dossier, lens)
        return render_to_string(
            "pip_plans/dossier_section_partner.html",
            {
                "dossier": dossier,
                "plan": plan,
                "lens": lens,
                "preview": preview,
                "status_form": AfspraakStatusForm(),
            },
            request=request,
        )
    return render_to_string(
        "pip_plans/dossier_section.html",
        {
            "dossier": dossier,
            "overview": selectors.plan_summary(dossier),
            "regime_rules": rules_of(dossier.regime),
            "ontzorgen": selectors.ontzorgen_of(dossier),
        },
        request=request,
    )
