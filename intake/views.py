"""Thin views of the brede intake; every one guarded by the permission policy."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inburgering import permissions
from inburgering.choices import ATTENDANCE_OUTCOMES, Leefgebied
from inburgering.permissions import guard
from inburgering.services import ServiceError
from inburgering.web.form_handling import (
    dossier_form_page,
    formset_rows,
    model_data,
    versioned_save,
)
from intake import selectors, services
from intake.forms import (
    LEEFGEBIED_FORMSETS,
    CompletionForm,
    IntakegesprekForm,
    KlantprofielForm,
    LeerbaarheidstoetsForm,
    OpkomstForm,
    UitnodigingForm,
    bevinding_form_class,
)
from intake.models import (
    Bevinding,
    BredeIntake,
    Intakegesprek,
    Klantprofiel,
    Leerbaarheidstoets,
    Uitnodiging,
)


def _overview_url(dossier) -> str:
    return reverse("intake_overview", kwargs={"dossier_id": dossier.pk})


def _intake_or_404(dossier):
    try:
        return selectors.intake_of(dossier)
    except BredeIntake.DoesNotExist as exc:
        raise Http404 from exc


def _back(dossier) -> dict:
    """Where a form page of this app goes back to, and after saving, on to."""
    return {"back_url": _overview_url(dossier), "back_label": _("Back to the broad intake")}


def _saved(request, dossier, message):
    messages.success(request, message)
    return redirect(_overview_url(dossier))


@guard(permissions.VIEW_DOSSIER)
def intake_overview(request, dossier):
    overview = selectors.intake_overview(request.user, dossier)
    return render(
        request,
        "intake/overview.html",
        {
            "dossier": dossier,
            "overview": overview,
            "opkomst_choices": [(o.value, o.label) for o in ATTENDANCE_OUTCOMES],
        },
    )


@guard(permissions.EDIT_DOSSIER)
@require_POST
def start_intake(request, dossier):
    try:
        services.start_intake(actor=request.user, dossier=dossier)
    except ServiceError as exc:  # a closed dossier
        messages.error(request, str(exc))
        return redirect(_overview_url(dossier))
    return _saved(request, dossier, _("The broad intake has been started."))


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def save_bevinding(request, dossier, leefgebied):
    if leefgebied not in permissions.visible_leefgebieden(request.user, dossier):
        raise Http404
    leefgebied = Leefgebied(leefgebied)
    intake = _intake_or_404(dossier)
    bevinding = Bevinding.objects.filter(intake=intake, leefgebied=leefgebied).first()
    bevinding = bevinding or Bevinding(intake=intake, leefgebied=leefgebied)
    data = request.POST if request.method == "POST" else None
    form = bevinding_form_class(leefgebied)(data, instance=bevinding, intake=intake)
    formsets = [
        formset_class(data, instance=intake, prefix=prefix)
        for prefix, formset_class in LEEFGEBIED_FORMSETS.get(leefgebied, {}).items()
    ]
    for formset in formsets:
        formset.title = formset.model._meta.verbose_name_plural

    def save():
        services.save_bevinding(
            actor=request.user,
            intake_id=intake.pk,
            leefgebied=leefgebied,
            expected_version=form.expected_version(),
            data=model_data(form),
            **{formset.prefix: formset_rows(formset) for formset in formsets},
        )

    return dossier_form_page(
        request,
        dossier,
        [form, *formsets],
        save,
        **_back(dossier),
        title=leefgebied.label,
        message=_("The findings on %(leefgebied)s have been saved.")
        % {"leefgebied": leefgebied.label.lower()},
        template="intake/leefgebied_form.html",
        leefgebied=leefgebied,
        special_category=leefgebied == Leefgebied.GEZONDHEID,
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def save_intakegesprek(request, dossier, gesprek_id=None):
    intake = _intake_or_404(dossier)
    gesprek = (
        get_object_or_404(Intakegesprek, pk=gesprek_id, intake=intake)
        if gesprek_id
        else Intakegesprek(intake=intake)
    )
    form = IntakegesprekForm(
        request.POST or None,
        instance=gesprek,
        duty_start=dossier.datum_start_inburgeringsplicht,
    )

    def save():
        services.save_intakegesprek(
            actor=request.user, intake_id=intake.pk, gesprek_id=gesprek.pk, data=model_data(form)
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Change conversation") if gesprek.pk else _("Record a conversation"),
        message=_("The conversation has been saved."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def save_klantprofiel(request, dossier):
    profiel = Klantprofiel.objects.filter(dossier=dossier).first() or Klantprofiel(dossier=dossier)
    form = KlantprofielForm(request.POST or None, instance=profiel)

    save = versioned_save(request, form, services.save_klantprofiel, dossier_id=dossier.pk)

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        title=_("COA client profile"),
        message=_("The COA client profile has been saved."),
        back_label=_("Back to the dossier"),
        intro=_(
            "What the COA handed over at koppeling, before the person is housed: the brede "
            "intake can start from it."
        ),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def save_leerbaarheidstoets(request, dossier):
    intake = _intake_or_404(dossier)
    test = Leerbaarheidstoets.objects.filter(intake=intake).first() or Leerbaarheidstoets(
        intake=intake
    )
    form = LeerbaarheidstoetsForm(request.POST or None, instance=test)

    save = versioned_save(request, form, services.save_leerbaarheidstoets, intake_id=intake.pk)

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Learnability test"),
        message=_("The learnability test has been saved."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def record_uitnodiging(request, dossier):
    intake = _intake_or_404(dossier)
    form = UitnodigingForm(request.POST or None)

    def save():
        services.record_uitnodiging(actor=request.user, intake_id=intake.pk, **model_data(form))

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Record an invitation"),
        message=_("The invitation has been recorded."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_POST
def record_opkomst(request, dossier, uitnodiging_id):
    intake = _intake_or_404(dossier)
    invitation = get_object_or_404(Uitnodiging, pk=uitnodiging_id, intake=intake)
    form = OpkomstForm(request.POST, instance=invitation)
    if not form.is_valid():
        messages.error(request, _("Choose whether the person attended."))
        return redirect(_overview_url(dossier))
    try:
        services.record_opkomst(
            actor=request.user, uitnodiging_id=invitation.pk, opkomst=form.cleaned_data["opkomst"]
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect(_overview_url(dossier))
    return _saved(request, dossier, _("The attendance has been recorded."))


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def complete_intake(request, dossier):
    overview = selectors.intake_overview(request.user, dossier)
    if overview.intake is None:
        raise Http404
    test = overview.leerbaarheidstoets
    form = CompletionForm(
        request.POST or None,
        instance=overview.intake,
        indicated_route=test.indicated_route if test else "",
    )

    def save():
        services.complete_intake(
            actor=request.user,
            intake_id=overview.intake.pk,
            expected_version=form.expected_version(),
            data=model_data(form),
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Complete the intake"),
        message=_("The broad intake has been completed."),
        success_url=dossier.get_absolute_url(),
        template="intake/complete.html",
        overview=overview,
    )
