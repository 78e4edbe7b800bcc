"""The learning record of a dossier: the overview (the caseload all of it, a partner for werk
the MAP) and its direct writes, an exam result and a tracked component."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering import permissions
from inburgering.law import rules_of
from inburgering.permissions import guard
from inburgering.web.form_handling import dossier_form_page
from voortgang import selectors, services
from voortgang.forms import ExamenresultaatForm, TrajectForm
from voortgang.models import Examenresultaat, Traject, TrajectSoort


def _record_url(dossier) -> str:
    return reverse("learning_record", kwargs={"dossier_id": dossier.pk})


def _back(dossier) -> dict:
    return {"back_url": _record_url(dossier), "back_label": _("Back to the learning record")}


@guard(permissions.VIEW_SHARED_DOSSIER)
def learning_record(request, dossier):
    lens = permissions.lens_for(request.user, dossier)
    if not lens.learning_parts:
        raise Http404
    return render(
        request,
        "voortgang/learning_record.html",
        {
            "dossier": dossier,
            "record": selectors.learning_record(dossier, lens),
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
            "min_lesuren": settings.PIP_AFSCHALEN_MIN_LESUREN,
            "regime_rules": rules_of(dossier.regime),
        },
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def record_examenresultaat(request, dossier):
    form = ExamenresultaatForm(request.POST or None, instance=Examenresultaat(dossier=dossier))

    def save():
        services.record_examenresultaat(
            actor=request.user, dossier_id=dossier.pk, **form.cleaned_data
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Enter an exam result"),
        message=_("The exam result has been recorded."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def save_traject(request, dossier, soort):
    allowed = selectors.trajecten_for(dossier)
    if soort not in allowed:
        raise Http404
    instance = Traject.objects.filter(dossier=dossier, soort=soort).first()
    form = TrajectForm(
        request.POST or None,
        instance=instance or Traject(dossier=dossier, soort=soort),
        allowed=allowed,
        map_hours=selectors.recorded_map_hours(dossier.pk),
    )

    def save():
        services.save_traject(
            actor=request.user,
            dossier_id=dossier.pk,
            soort=soort,
            expected_version=form.expected_version(),
            data={name: form.cleaned_data[name] for name in form.Meta.fields},
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=TrajectSoort(soort).label,
        message=_("The component has been saved."),
    )
