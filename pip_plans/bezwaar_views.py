"""Making a fixed plan known and the objections against it: thin views, each guarded by the
permission policy."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering import permissions
from inburgering.permissions import guard
from inburgering.web.form_handling import dossier_form_page, model_data, versioned_save
from pip_plans import selectors, services
from pip_plans.forms import BekendmakingForm, BezwaarForm, BezwaarUitkomstForm
from pip_plans.models import Bekendmaking, Bezwaar


def _fixed_or_404(dossier, versie_id):
    versie = selectors.made_known_versie(dossier, versie_id)
    if versie is None:
        raise Http404
    return versie


def _pages(dossier, versie) -> dict:
    """Back to the plan page showing this version, at its objections."""
    url = reverse("plan_overview", kwargs={"dossier_id": dossier.pk})
    back = f"{url}?versie={versie.number}#bezwaar-heading"
    return {"back_url": back, "back_label": _("Back to the plan")}


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def record_bekendmaking(request, dossier, versie_id):
    versie = _fixed_or_404(dossier, versie_id)
    bekendmaking = getattr(versie, "bekendmaking", None) or Bekendmaking(versie=versie)
    form = BekendmakingForm(request.POST or None, instance=bekendmaking, versie=versie)
    save = versioned_save(
        request, form, services.record_bekendmaking, dossier_id=dossier.pk, versie_id=versie.pk
    )
    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_pages(dossier, versie),
        title=_("How the plan was made known"),
        message=_("How the plan was made known has been saved."),
        intro=_(
            "Version %(number)s of %(day)s. The objection term of six weeks starts the day "
            "after the plan was handed over or sent."
        )
        % {"number": versie.number, "day": date_format(versie.dagtekening, "j F Y")},
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def record_bezwaar(request, dossier, versie_id):
    versie = _fixed_or_404(dossier, versie_id)
    form = BezwaarForm(request.POST or None, instance=Bezwaar(versie=versie), versie=versie)

    def save():
        services.record_bezwaar(
            actor=request.user, dossier_id=dossier.pk, versie_id=versie.pk, data=model_data(form)
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_pages(dossier, versie),
        title=_("Record an objection"),
        message=_("The objection has been recorded."),
        intro=_("Against version %(number)s of the plan, of %(day)s.")
        % {"number": versie.number, "day": date_format(versie.dagtekening, "j F Y")},
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def decide_bezwaar(request, dossier, bezwaar_id):
    bezwaar = get_object_or_404(
        Bezwaar.objects.select_related("versie__bekendmaking"),
        pk=bezwaar_id,
        versie__pip__dossier=dossier,
    )
    form = BezwaarUitkomstForm(request.POST or None, instance=bezwaar)
    save = versioned_save(
        request, form, services.decide_bezwaar, dossier_id=dossier.pk, bezwaar_id=bezwaar.pk
    )
    deadline = bezwaar.decision_deadline
    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_pages(dossier, bezwaar.versie),
        title=_("Decision on the objection"),
        message=_("The decision on the objection has been recorded."),
        intro=_(
            "Objection received on %(received)s; decide by %(deadline)s. A founded objection "
            "opens a change of the plan with the reason 'objection'."
        )
        % {
            "received": date_format(bezwaar.received_on, "j F Y"),
            "deadline": date_format(deadline, "j F Y") if deadline else "–",
        },
    )
