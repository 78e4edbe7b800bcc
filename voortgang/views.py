"""Thin views of voortgang; every one guarded by the permission policy."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inburgering import permissions
from inburgering.numbers import parse_int
from inburgering.permissions import guard
from inburgering.web.form_handling import (
    dossier_form_page,
    form_page,
    formset_rows,
    submitted,
)
from voortgang import rules, scopes, selectors, services
from voortgang.forms import (
    CancelForm,
    ConclusieForm,
    ExamenresultaatFormSet,
    NotitieForm,
    OpvolgingForm,
    PlanGesprekForm,
    SignaalForm,
    VerslagForm,
)
from voortgang.models import GesprekStatus, Signaal, Voortgangsgesprek
from voortgang.team_worklist import team_worklist


def _overview_url(dossier) -> str:
    return reverse("voortgang_overview", kwargs={"dossier_id": dossier.pk})


def _gesprek_or_404(dossier, gesprek_id) -> Voortgangsgesprek:
    gesprek = selectors.gesprek_for(dossier, gesprek_id)
    if gesprek is None:
        raise Http404
    return gesprek


def _open_gesprek_or_404(dossier, gesprek_id) -> Voortgangsgesprek:
    gesprek = _gesprek_or_404(dossier, gesprek_id)
    if gesprek.status == GesprekStatus.AFGEROND:
        raise Http404
    return gesprek


@guard(permissions.VIEW_DOSSIER)
def voortgang_overview(request, dossier):
    return render(
        request,
        "voortgang/overview.html",
        {
            "dossier": dossier,
            "overview": selectors.voortgang_overview(request.user, dossier),
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
            "today": timezone.localdate(),
        },
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def plan_gesprek(request, dossier):
    versie = selectors.versie_in_force(dossier)
    if versie is None:
        messages.error(request, _("Progress talks start once the plan is fixed."))
        return redirect(_overview_url(dossier))
    proposed = rules.next_talk_date(
        last_held=selectors.last_held_on(dossier),
        plan_date=versie.dagtekening,
        weeks=versie.voortgang_frequentie_weken,
        today=timezone.localdate(),
    )
    form = PlanGesprekForm(
        request.POST or None, instance=Voortgangsgesprek(), initial={"planned_on": proposed}
    )

    def save():
        services.plan_gesprek(
            actor=request.user, dossier=dossier, planned_on=form.cleaned_data["planned_on"]
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        title=_("Plan a progress talk"),
        message=_("The talk has been planned."),
        back_url=_overview_url(dossier),
        template="voortgang/plan_form.html",
        versie=versie,
    )


@guard(permissions.VIEW_DOSSIER)
def gesprek_detail(request, dossier, voortgangsgesprek_id):
    gesprek = _gesprek_or_404(dossier, voortgangsgesprek_id)
    return render(
        request,
        "voortgang/gesprek_detail.html",
        {
            "dossier": dossier,
            "detail": selectors.gesprek_detail(request.user, dossier, gesprek),
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
        },
    )


def _planned_gesprek_or_404(dossier, gesprek_id) -> Voortgangsgesprek:
    gesprek = _gesprek_or_404(dossier, gesprek_id)
    if gesprek.status != GesprekStatus.GEPLAND:
        raise Http404
    return gesprek


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def reschedule_gesprek(request, dossier, voortgangsgesprek_id):
    gesprek = _planned_gesprek_or_404(dossier, voortgangsgesprek_id)
    form = PlanGesprekForm(request.POST or None, instance=gesprek)

    def save():
        services.reschedule_gesprek(
            actor=request.user,
            gesprek_id=gesprek.pk,
            expected_version=form.expected_version(),
            planned_on=form.cleaned_data["planned_on"],
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        title=_("Move or cancel the talk"),
        message=_("The talk has been moved."),
        success_url=_overview_url(dossier),
        back_url=gesprek.get_absolute_url(),
        template="voortgang/plan_form.html",
        gesprek=gesprek,
        cancel_form=CancelForm(instance=gesprek),
    )


@guard(permissions.EDIT_DOSSIER)
@require_POST
def cancel_gesprek(request, dossier, voortgangsgesprek_id):
    gesprek = _planned_gesprek_or_404(dossier, voortgangsgesprek_id)
    form = CancelForm(request.POST, instance=gesprek)

    def save():
        services.cancel_gesprek(
            actor=request.user,
            gesprek_id=gesprek.pk,
            expected_version=form.expected_version(),
        )

    if submitted(request, [form], save):
        messages.success(request, _("The talk has been cancelled."))
    else:
        messages.error(request, " ".join(form.non_field_errors()))
    return redirect(_overview_url(dossier))


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def save_verslag(request, dossier, voortgangsgesprek_id):
    gesprek = _open_gesprek_or_404(dossier, voortgangsgesprek_id)
    detail = selectors.gesprek_detail(request.user, dossier, gesprek)
    data = request.POST if request.method == "POST" else None
    form = VerslagForm(data, instance=gesprek, detail=detail)
    examens = ExamenresultaatFormSet(data, instance=gesprek, prefix="examens")
    examens.title = _("Exam results")

    def save():
        services.save_verslag(
            actor=request.user,
            gesprek_id=gesprek.pk,
            expected_version=form.expected_version(),
            examens=formset_rows(examens),
            **form.service_data(),
        )

    return dossier_form_page(
        request,
        dossier,
        [form, examens],
        save,
        title=_("Report of the progress talk"),
        message=_("The report of the talk has been saved."),
        back_url=gesprek.get_absolute_url(),
        template="voortgang/verslag_form.html",
        gesprek=gesprek,
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def conclude_gesprek(request, dossier, voortgangsgesprek_id):
    gesprek = _open_gesprek_or_404(dossier, voortgangsgesprek_id)
    form = ConclusieForm(request.POST or None, gesprek=gesprek)
    concluded = {}

    def save():
        concluded["gesprek"] = services.conclude_gesprek(
            actor=request.user,
            gesprek_id=gesprek.pk,
            expected_version=form.expected_version(),
            data=form.cleaned_data,
        )

    def success_url() -> str:
        """A new plan concept is where the work continues; otherwise back to the talk."""
        nieuwe_versie = concluded["gesprek"].nieuwe_versie
        if nieuwe_versie is None:
            return gesprek.get_absolute_url()
        plan_url = reverse("plan_overview", kwargs={"dossier_id": dossier.pk})
        return f"{plan_url}?versie={nieuwe_versie.number}"

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        title=_("Conclude the progress talk"),
        message=_("The talk has been concluded."),
        success_url=success_url,
        back_url=gesprek.get_absolute_url(),
        template="voortgang/conclude_gesprek.html",
    )


@guard(permissions.NOTE_DOSSIER)
@require_http_methods(["GET", "POST"])
def raise_signaal(request, dossier):
    """Raise a signal: the caseload with any owner, a partner in its own domains, for the
    municipality to pick up."""
    lens = permissions.lens_for(request.user, dossier)
    gesprek = None
    gesprek_id = parse_int(request.GET.get("gesprek"))
    if lens.full and gesprek_id is not None:
        gesprek = _gesprek_or_404(dossier, gesprek_id)
    form = SignaalForm(
        request.POST or None,
        instance=Signaal(dossier=dossier),
        dossier=dossier,
        leefgebieden=lens.note_leefgebieden,
        default_owner=request.user,
        fixed_owner=None if lens.full else selectors.municipal_contact(dossier),
    )

    def save():
        services.raise_signaal(
            actor=request.user, dossier=dossier, gesprek=gesprek, data=form.service_data()
        )

    if gesprek:
        back_url = gesprek.get_absolute_url()
    else:
        back_url = _overview_url(dossier) if lens.full else dossier.get_absolute_url()
    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        title=_("Raise a signal"),
        message=_("The signal has been raised."),
        back_url=back_url,
    )


@guard(permissions.NOTE_DOSSIER)
@require_http_methods(["GET", "POST"])
def add_voortgangsnotitie(request, dossier):
    """A progress note outside a talk, in a leefgebied the user may write in."""
    lens = permissions.lens_for(request.user, dossier)
    form = NotitieForm(request.POST or None, leefgebieden=lens.note_leefgebieden)

    def save():
        services.add_voortgangsnotitie(actor=request.user, dossier=dossier, **form.cleaned_data)

    back_url = dossier.get_absolute_url()
    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        title=_("Add a progress note"),
        message=_("The progress note has been added."),
        back_url=back_url,
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def update_signaal(request, dossier, signaal_id):
    visible = permissions.visible_leefgebieden(request.user, dossier)
    signaal = selectors.signaal_on_dossier(dossier, signaal_id)
    if signaal is None or signaal.leefgebied not in visible:
        raise Http404
    form = SignaalForm(
        request.POST or None, instance=signaal, dossier=dossier, leefgebieden=visible
    )

    def save():
        services.update_signaal(
            actor=request.user,
            signaal_id=signaal.pk,
            expected_version=form.expected_version(),
            data=form.service_data(),
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        title=_("Change the signal"),
        message=_("The signal has been saved."),
        back_url=signaal.get_absolute_url(),
    )


@guard(permissions.VIEW_DOSSIER)
def dossier_timeline(request, dossier):
    entries = selectors.timeline(request.user, dossier)
    return render(
        request,
        "voortgang/timeline.html",
        {"dossier": dossier, "entries": entries, "today": timezone.localdate()},
    )


@guard(scopes.HANDLE_SIGNAAL)
@require_http_methods(["GET", "POST"])
def signaal_detail(request, signaal):
    form = OpvolgingForm(request.POST or None, instance=signaal)

    def save():
        services.follow_up_signaal(
            actor=request.user,
            signaal_id=signaal.pk,
            expected_version=form.expected_version(),
            status=form.cleaned_data["status"],
            follow_up_on=form.cleaned_data["follow_up_on"],
            resolution=form.cleaned_data["resolution"],
        )

    return form_page(
        request,
        [form],
        save,
        message=_("The follow-up has been saved."),
        success_url=signaal.get_absolute_url(),
        template="voortgang/signaal_detail.html",
        signaal=signaal,
        dossier=signaal.dossier,
        on_caseload=permissions.can(request.user, permissions.Action.EDIT, signaal.dossier),
    )


@guard(permissions.AUTHENTICATED)
def worklist(request):
    today = timezone.localdate()
    page = Paginator(selectors.worklist(request.user, today), settings.LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "voortgang/worklist.html",
        {"page": page, "today": today, "team": team_worklist(request.user, today)},
    )


@guard(scopes.OWN_REMINDER)
@require_POST
def dismiss_herinnering(request, herinnering):
    services.dismiss_herinnering(actor=request.user, herinnering_id=herinnering.pk)
    messages.success(request, _("The reminder has been marked as done."))
    return redirect("worklist")
