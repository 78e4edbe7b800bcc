"""Thin views of the PIP; every one guarded by the permission policy."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inburgering import permissions
from inburgering.choices import Leefgebied
from inburgering.law import rules_of
from inburgering.models import AuditAction
from inburgering.numbers import parse_int
from inburgering.permissions import guard
from inburgering.privacy import audit
from inburgering.services import ServiceError
from inburgering.web.form_handling import (
    dossier_form_page,
    formset_rows,
    model_data,
    versioned_save,
)
from pip_plans import selectors, services
from pip_plans.forms import (
    AfspraakFormSet,
    AfspraakStatusForm,
    ConceptForm,
    DuoBesluitForm,
    FixPipForm,
    OntzorgingForm,
    PlanPdfForm,
    SectieForm,
    WijzigingForm,
    WithdrawForm,
)
from pip_plans.models import DuoBesluit, Ontzorging, Sectie


def _overview_url(dossier) -> str:
    return reverse("plan_overview", kwargs={"dossier_id": dossier.pk})


def _concept_or_404(dossier):
    concept = selectors.concept_of(dossier)
    if concept is None:
        raise Http404
    return concept


def _saved(request, dossier, message):
    messages.success(request, message)
    return redirect(_overview_url(dossier))


def _back(dossier) -> dict:
    """Where a form page of this app goes back to, and after saving, on to."""
    return {"back_url": _overview_url(dossier), "back_label": _("Back to the plan")}


@guard(permissions.VIEW_DOSSIER)
def plan_overview(request, dossier):
    overview = selectors.plan_overview(request.user, dossier, parse_int(request.GET.get("versie")))
    return render(
        request,
        "pip_plans/overview.html",
        {
            "dossier": dossier,
            "overview": overview,
            "document": selectors.current_document(overview.shown, overview.termijn),
            "pdf_form": PlanPdfForm(
                initial={
                    "versie": overview.shown.number if overview.shown else None,
                    "summary_language": selectors.letter_language_of(dossier),
                }
            ),
            "ontzorgen_applies": services.ontzorgen_applies(dossier),
            "regime_rules": rules_of(dossier.regime),
        },
    )


@guard(permissions.EDIT_DOSSIER)
@require_POST
def create_pip(request, dossier):
    try:
        services.create_pip(actor=request.user, dossier=dossier)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect(_overview_url(dossier))
    return _saved(request, dossier, _("The plan has been created as a draft."))


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def update_concept(request, dossier):
    concept = _concept_or_404(dossier)
    form = ConceptForm(request.POST or None, instance=concept)

    save = versioned_save(request, form, services.update_concept, versie_id=concept.pk)

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Edit the draft plan"),
        message=_("The draft has been saved."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def save_sectie(request, dossier, leefgebied):
    if leefgebied not in permissions.visible_leefgebieden(request.user, dossier):
        raise Http404
    concept = _concept_or_404(dossier)
    sectie = Sectie.objects.filter(versie=concept, leefgebied=leefgebied).first()
    sectie = sectie or Sectie(versie=concept, leefgebied=leefgebied)
    data = request.POST if request.method == "POST" else None
    form = SectieForm(data, instance=sectie, concept=concept)
    afspraken = AfspraakFormSet(data, instance=sectie, prefix="afspraken")
    afspraken.title = _("Agreements")

    def save():
        services.save_sectie(
            actor=request.user,
            versie_id=concept.pk,
            expected_version=form.expected_version(),
            leefgebied=leefgebied,
            data=model_data(form),
            afspraken=formset_rows(afspraken),
        )

    return dossier_form_page(
        request,
        dossier,
        [form, afspraken],
        save,
        **_back(dossier),
        title=Leefgebied(leefgebied).label,
        message=_("The section has been saved."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def fix_pip(request, dossier):
    concept = _concept_or_404(dossier)
    form = FixPipForm(request.POST or None, instance=concept)

    def save():
        services.fix_pip(
            actor=request.user,
            versie_id=concept.pk,
            expected_version=form.expected_version(),
            dagtekening=form.cleaned_data["dagtekening"],
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Fix the plan"),
        message=_("The plan has been fixed."),
        template="pip_plans/fix_pip.html",
        overview=selectors.plan_overview(request.user, dossier, concept.number),
        termijn_years=settings.PIP_TERMIJN_YEARS,
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def start_wijziging(request, dossier):
    overview = selectors.plan_overview(request.user, dossier)
    if overview.pip is None:
        raise Http404
    moved_here = overview.current is not None and bool(overview.current.vorige_gemeente)
    form = WijzigingForm(
        request.POST or None, initial={"reden": "verhuizing"} if moved_here else None
    )

    def save():
        services.start_wijziging(
            actor=request.user,
            pip_id=overview.pip.pk,
            reden=form.cleaned_data["reden"],
            toelichting=form.cleaned_data["toelichting"],
            new_route=form.cleaned_data["new_route"],
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Change the plan"),
        message=_("A new draft version has been started."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_POST
def request_document(request, dossier):
    form = PlanPdfForm(request.POST)
    if not form.is_valid():
        raise Http404
    overview = selectors.plan_overview(request.user, dossier, form.cleaned_data["versie"])
    if overview.shown is None:
        raise Http404
    try:
        services.request_document(
            actor=request.user,
            versie_id=overview.shown.pk,
            summary_language=form.cleaned_data["summary_language"],
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect(_overview_url(dossier))
    audit.record(
        request,
        AuditAction.PDF_RENDER_REQUESTED,
        dossier,
        detail=f"versie {overview.shown.number}",
    )
    messages.success(request, _("The PDF is being made."))
    return redirect(f"{_overview_url(dossier)}?versie={overview.shown.number}")


@guard(permissions.VIEW_DOSSIER)
def plan_pdf_download(request, dossier, document_id):
    document = selectors.ready_document(dossier, document_id)
    if document is None:
        raise Http404
    audit.record(
        request,
        AuditAction.PDF_DOWNLOADED,
        dossier,
        detail=f"versie {document.versie.number}",
    )
    filename = f"persoonlijk-plan-v{document.versie.number}.pdf"
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=filename)


@guard(permissions.VIEW_DOSSIER)
def plan_diff(request, dossier):
    overview = selectors.plan_overview(request.user, dossier)
    if overview.pip is None:
        raise Http404
    old, new = parse_int(request.GET.get("van")), parse_int(request.GET.get("naar"))
    changes = selectors.version_diff(overview.pip, old, new) if old and new else []
    return render(
        request,
        "pip_plans/diff.html",
        {"dossier": dossier, "overview": overview, "old": old, "new": new, "changes": changes},
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def save_ontzorging(request, dossier):
    concept = _concept_or_404(dossier)
    if not services.ontzorgen_applies(dossier):
        raise Http404
    instance = Ontzorging.objects.filter(versie=concept).first() or Ontzorging(versie=concept)
    form = OntzorgingForm(request.POST or None, instance=instance, concept=concept)

    def save():
        services.save_ontzorging(
            actor=request.user,
            versie_id=concept.pk,
            expected_version=form.expected_version(),
            items=form.cleaned_data["items"],
            machtiging_getekend_op=form.cleaned_data["machtiging_getekend_op"],
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_back(dossier),
        title=_("Financial unburdening (ontzorgen)"),
        message=_("The financial unburdening has been saved."),
        intro=_(
            "Ontzorgen runs from the first day of social assistance (%(start)s) for six "
            "months, or until the social assistance stops. Those dates are kept on the "
            "dossier's personal data."
        )
        % {"start": date_format(dossier.datum_start_bijstand, "j F Y")},
    )


def _learning_record(dossier) -> dict:
    url = reverse("learning_record", kwargs={"dossier_id": dossier.pk})
    return {"back_url": f"{url}#duo", "back_label": _("Back to the learning record")}


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def record_duo_besluit(request, dossier):
    form = DuoBesluitForm(
        request.POST or None,
        instance=DuoBesluit(dossier=dossier),
        dossier=dossier,
        termijn=selectors.termijn_for(dossier),
    )

    def save():
        services.record_duo_besluit(
            actor=request.user, dossier_id=dossier.pk, **form.service_data()
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_learning_record(dossier),
        title=_("Record a decision of DUO"),
        message=_("DUO's decision has been recorded; the dates that follow from it are updated."),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def withdraw_duo_besluit(request, dossier, besluit_id):
    besluit = selectors.duo_besluit_on(dossier, besluit_id)
    if besluit is None:
        raise Http404
    form = WithdrawForm(request.POST or None)

    def save():
        services.withdraw_duo_besluit(
            actor=request.user,
            dossier_id=dossier.pk,
            besluit_id=besluit.pk,
            reason=form.cleaned_data["reason"],
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        **_learning_record(dossier),
        title=_("Withdraw a decision of DUO"),
        message=_("The decision has been withdrawn; it stays in the history."),
        intro=_("Withdraw only a decision recorded by mistake: %(besluit)s.")
        % {"besluit": besluit},
        submit_label=_("Withdraw"),
    )


@guard(permissions.NOTE_DOSSIER)
@require_POST
def update_afspraak_status(request, dossier, afspraak_id):
    """Where an afspraak of the plan in force stands: a partner for its own afspraken."""
    form = AfspraakStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(dossier)
    try:
        services.update_afspraak_status(
            actor=request.user, dossier=dossier, afspraak_id=afspraak_id, **form.cleaned_data
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The status of the agreement has been saved."))
    return redirect(dossier)
