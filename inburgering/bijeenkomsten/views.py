"""Thin views of appointments; every one guarded by the permission policy."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inburgering import permissions
from inburgering.bijeenkomsten import ics, selectors, services
from inburgering.bijeenkomsten.forms import (
    AttendanceForm,
    BijeenkomstForm,
    CancelForm,
    WeekForm,
)
from inburgering.models import Bijeenkomst
from inburgering.permissions import guard
from inburgering.services import ServiceError
from inburgering.web.form_handling import dossier_form_page, model_data


def _section_url(dossier) -> str:
    return f"{dossier.get_absolute_url()}#bijeenkomsten-heading"


def _page(request, dossier, form, save, **texts):
    """An appointment's form page: back to, and after saving on to, the dossier's
    appointments."""
    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        back_label=_("Back to the dossier"),
        success_url=_section_url(dossier),
        **texts,
    )


def _of(dossier, bijeenkomst_id) -> Bijeenkomst:
    return get_object_or_404(
        Bijeenkomst.objects.select_related("dossier"), pk=bijeenkomst_id, dossier=dossier
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def plan_bijeenkomst(request, dossier):
    form = BijeenkomstForm(
        request.POST or None, instance=Bijeenkomst(dossier=dossier), dossier=dossier
    )

    def save():
        services.plan_bijeenkomst(actor=request.user, dossier_id=dossier.pk, data=model_data(form))

    return _page(
        request,
        dossier,
        form,
        save,
        title=_("Plan an appointment"),
        message=_("The appointment has been planned."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def change_bijeenkomst(request, dossier, bijeenkomst_id):
    bijeenkomst = _of(dossier, bijeenkomst_id)
    form = BijeenkomstForm(request.POST or None, instance=bijeenkomst, dossier=dossier)

    def save():
        services.change_bijeenkomst(
            actor=request.user,
            dossier_id=dossier.pk,
            bijeenkomst_id=bijeenkomst.pk,
            expected_version=form.expected_version(),
            data=model_data(form),
            reason=form.cleaned_data.get("reason", ""),
        )

    return _page(
        request,
        dossier,
        form,
        save,
        title=_("Change the appointment"),
        message=_("The appointment has been changed."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def cancel_bijeenkomst(request, dossier, bijeenkomst_id):
    bijeenkomst = _of(dossier, bijeenkomst_id)
    form = CancelForm(request.POST or None, instance=bijeenkomst)

    def save():
        services.cancel_bijeenkomst(
            actor=request.user,
            dossier_id=dossier.pk,
            bijeenkomst_id=bijeenkomst.pk,
            expected_version=form.expected_version(),
            reason=form.cleaned_data["reason"],
        )

    return _page(
        request,
        dossier,
        form,
        save,
        title=_("Cancel the appointment"),
        message=_("The appointment has been cancelled."),
        intro=str(bijeenkomst),
    )


@guard(permissions.EDIT_DOSSIER)
@require_POST
def record_attendance(request, dossier, bijeenkomst_id):
    bijeenkomst = _of(dossier, bijeenkomst_id)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the person attended."))
        return redirect(_section_url(dossier))
    try:
        services.record_attendance(
            actor=request.user,
            dossier_id=dossier.pk,
            bijeenkomst_id=bijeenkomst.pk,
            opkomst=form.cleaned_data["opkomst"],
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The attendance has been recorded."))
    return redirect(_section_url(dossier))


@guard(permissions.VIEW_DOSSIER)
@require_GET
def bijeenkomst_ics(request, dossier, bijeenkomst_id):
    bijeenkomst = _of(dossier, bijeenkomst_id)
    response = HttpResponse(
        ics.calendar_file(bijeenkomst, domain=request.get_host().split(":")[0]),
        content_type="text/calendar; charset=utf-8",
    )
    name = f"afspraak-{bijeenkomst.date:%Y-%m-%d}-{bijeenkomst.pk}.ics"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@guard(permissions.AUTHENTICATED)
@require_GET
def week(request):
    form = WeekForm(request.GET or None)
    day = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["day"]:
        day = form.cleaned_data["day"]
    return render(
        request,
        "bijeenkomsten/week.html",
        {
            "form": form,
            "week": selectors.week_of(request.user, day),
            "today": timezone.localdate(),
        },
    )
