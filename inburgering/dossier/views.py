"""Thin views of the core: the caseload, registration, the dossier page, closing and
reopening a dossier."""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering import law, permissions, services
from inburgering.choices import PRE_PLAN_STATUSES, Role
from inburgering.deadlines import pip_deadline_status
from inburgering.dossier import sections as dossier_sections
from inburgering.dossier import selectors as dossier_selectors
from inburgering.dossier import services as dossier_services
from inburgering.dossier.forms import (
    CaseloadFilterForm,
    CloseDossierForm,
    ContactDetailsForm,
    EditPersonalDataForm,
    MoveDossierForm,
    RegistrationForm,
    ReopenDossierForm,
)
from inburgering.models import PERSONAL_DATA_FIELDS, ContactDetails
from inburgering.permissions import guard
from inburgering.web.form_handling import dossier_form_page, versioned_save


def _personal_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in PERSONAL_DATA_FIELDS}


def _duplicate_bsn_error(request, form, exclude_id=None) -> bool:
    """Refuse a BSN that another dossier has, linking to it when the user may see it."""
    bsn = form.cleaned_data.get("bsn")
    message = bsn and bsn_taken_message(request.user, bsn, exclude_id)
    if message:
        form.add_error("bsn", message)
    return bool(message)


def bsn_taken_message(user, bsn: str, exclude_id=None) -> str:
    """Why this BSN cannot get a (second) dossier, with a link to the one there is when the
    user may see it (or to reopening it, for a closed one); "" when it is free."""
    exists, visible = dossier_selectors.existing_dossier_with_bsn(user, bsn, exclude_id)
    if not exists:
        return ""
    if visible is not None and visible.is_closed:
        can_reopen = permissions.can(user, permissions.Action.ASSIGN, visible)
        return format_html(
            '{} <a class="utrecht-link" href="{}">{}</a>',
            _("This BSN belongs to a closed dossier, which can be reopened with its history."),
            reverse("dossier_reopen", args=[visible.pk])
            if can_reopen
            else visible.get_absolute_url(),
            _("Reopen the dossier of %(name)s") % {"name": visible.full_name}
            if can_reopen
            else _("Open the closed dossier of %(name)s; your team lead can reopen it")
            % {"name": visible.full_name},
        )
    if visible is not None:
        return format_html(
            '{} <a class="utrecht-link" href="{}">{}</a>',
            _("A dossier with this BSN already exists."),
            visible.get_absolute_url(),
            _("Open the existing dossier of %(name)s") % {"name": visible.full_name},
        )
    return _(
        "A dossier with this BSN already exists, on another caseload. "
        "Ask your team lead to have it assigned to you."
    )


@guard(permissions.AUTHENTICATED)
def home(request):
    if permissions.partner_organisatie_id(request.user) is not None:
        return redirect("partner_home")
    if permissions.has_role(request.user, Role.BELEIDSMEDEWERKER) and not (
        permissions.can_register_dossier(request.user)
    ):
        return redirect("monitor")
    return redirect("caseload")


@guard(permissions.AUTHENTICATED)
def caseload(request):
    """The user's dossiers; a teamleider also filters by regisseur and chooses dossiers (some,
    or all matching the filter) to give another regisseur."""
    can_assign = permissions.can_assign_dossiers(request.user)
    regisseurs = dossier_selectors.regisseurs_of_teams(request.user) if can_assign else None
    filter_form = CaseloadFilterForm(request.GET, regisseurs=regisseurs)
    caseload_filter = filter_form.to_filter()
    paginator = Paginator(
        dossier_selectors.caseload(request.user, caseload_filter), settings.LIST_PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "inburgering/caseload.html",
        {
            "filter_form": filter_form,
            "page": page,
            "query_string": query.urlencode(),
            "can_register": permissions.can_register_dossier(request.user),
            "is_filtered": caseload_filter.is_filtered,
            "can_assign": can_assign,
            "led_team_ids": permissions.led_team_ids(request.user) if can_assign else (),
        },
    )


@guard(permissions.REGISTER_DOSSIER)
@require_http_methods(["GET", "POST"])
def dossier_register(request):
    teams = dossier_selectors.teams_for_registration(request.user)
    form = RegistrationForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid() and not _duplicate_bsn_error(request, form):
        try:
            dossier = dossier_services.register_inburgeraar(
                actor=request.user, team=form.cleaned_data["team"], data=_personal_data(form)
            )
        except services.DuplicateBsnError:
            _duplicate_bsn_error(request, form)
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The dossier has been registered."))
            return redirect(dossier)
    return render(
        request, "inburgering/dossier_register.html", {"form": form, "has_team": teams.exists()}
    )


def _pip_deadline(dossier):
    """The PIP deadline matters until a plan is set, i.e. while registering and in intake."""
    if dossier.status not in PRE_PLAN_STATUSES or not law.rules_of(dossier.regime).pip_deadline:
        return None
    return pip_deadline_status(
        kennisgeving=dossier.datum_kennisgeving,
        brp_inschrijving=dossier.datum_brp_inschrijving,
        today=timezone.localdate(),
        weeks=settings.PIP_DEADLINE_WEEKS,
    )


@guard(permissions.VIEW_SHARED_DOSSIER)
def dossier_detail(request, dossier):
    """The whole dossier for its caseload; for a partner the same page through its lens."""
    lens = permissions.lens_for(request.user, dossier)
    context = {
        "dossier": dossier,
        "lens": lens,
        "contact": dossier_selectors.contact_of(dossier) if lens.sees_address else None,
        "sections": dossier_sections.render_all(request, dossier, lens),
    }
    if lens.full:
        context |= {
            "pip_deadline": _pip_deadline(dossier),
            "last_change": dossier_selectors.last_change(dossier),
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
            "can_assign": permissions.can(request.user, permissions.Action.ASSIGN, dossier),
        }
    return render(request, "inburgering/dossier_detail.html", context)


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def dossier_contact(request, dossier):
    contact = dossier_selectors.contact_of(dossier) or ContactDetails(dossier=dossier)
    form = ContactDetailsForm(request.POST or None, instance=contact)

    save = versioned_save(
        request, form, dossier_services.save_contact_details, dossier_id=dossier.pk
    )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        title=_("Contact details"),
        message=_("The contact details have been saved."),
        back_label=_("Back to the dossier"),
        intro=_(
            "Only the caseload sees these details; a partner for housing sees the address "
            "while housing is shared with it."
        ),
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def dossier_edit(request, dossier):
    if request.method != "POST":
        form = EditPersonalDataForm(
            instance=dossier, initial={"lock_version": dossier.lock_version}
        )
        return render(request, "inburgering/dossier_edit.html", {"form": form, "dossier": dossier})
    form = EditPersonalDataForm(request.POST, instance=dossier)
    conflict = None
    if form.is_valid() and not _duplicate_bsn_error(request, form, exclude_id=dossier.pk):
        try:
            dossier_services.update_personal_data(
                actor=request.user,
                dossier_id=dossier.pk,
                expected_version=form.cleaned_data["lock_version"],
                data=_personal_data(form),
            )
        except services.ConcurrentEditError as exc:
            # Keep what the user typed, against the current version, so a resubmit is deliberate.
            conflict = permissions.dossier_for(request.user, dossier.pk, permissions.Action.EDIT)
            data = request.POST.copy()
            data["lock_version"] = conflict.lock_version
            form = EditPersonalDataForm(data, instance=copy.copy(conflict))
            form.is_valid()
            form.add_error(None, str(exc))
        except services.DuplicateBsnError:
            _duplicate_bsn_error(request, form, exclude_id=dossier.pk)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(dossier)
    return render(
        request,
        "inburgering/dossier_edit.html",
        {"form": form, "dossier": dossier, "conflict": conflict},
    )


@guard(permissions.EDIT_DOSSIER)
@require_http_methods(["GET", "POST"])
def dossier_close(request, dossier):
    form = CloseDossierForm(request.POST or None, dossier=dossier)

    def save():
        dossier_services.close_dossier(
            actor=request.user,
            dossier_id=dossier.pk,
            expected_version=form.expected_version(),
            status=form.cleaned_data["status"],
            ended_on=form.cleaned_data["ended_on"],
            reason=form.cleaned_data["reason"],
            new_gemeente=form.cleaned_data["new_gemeente"],
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        message=_("The dossier has been closed."),
        template="inburgering/dossier_close.html",
        title=_("Close the dossier"),
        back_label=_("Back to the dossier"),
        retention_years=settings.RETENTION_YEARS,
    )


@guard(permissions.REOPEN_DOSSIER)
@require_http_methods(["GET", "POST"])
def dossier_reopen(request, dossier):
    if not dossier.is_closed:
        messages.info(request, _("This dossier is not closed."))
        return redirect(dossier.get_absolute_url())
    form = ReopenDossierForm(request.POST or None, dossier=dossier)

    def save():
        dossier_services.reopen_dossier(
            actor=request.user,
            dossier_id=dossier.pk,
            expected_version=form.expected_version(),
            reason=form.cleaned_data["reason"],
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        message=_("The dossier has been reopened and is in the team's queue."),
        title=_("Reopen the dossier"),
        back_label=_("Back to the dossier"),
        intro=_(
            "The dossier returns to the phase it had when it was closed, in the team's queue, "
            "with its whole history. The end of the duty is cleared, so the retention period "
            "no longer runs; shares that ended stay ended."
        ),
        submit_label=_("Reopen"),
    )


@guard(permissions.MOVE_DOSSIER)
@require_http_methods(["GET", "POST"])
def dossier_move(request, dossier):
    if dossier.is_closed:
        messages.info(request, _("This dossier has been closed."))
        return redirect(dossier.get_absolute_url())
    form = MoveDossierForm(request.POST or None, dossier=dossier)

    def save():
        dossier_services.move_dossier(
            actor=request.user,
            dossier_id=dossier.pk,
            expected_version=form.expected_version(),
            team_id=form.cleaned_data["team"].pk,
            reason=form.cleaned_data["reason"],
        )

    return dossier_form_page(
        request,
        dossier,
        [form],
        save,
        message=_("The dossier has moved and is in the new team's queue."),
        success_url=reverse("caseload"),
        title=_("Move to another municipality of the region"),
        back_label=_("Back to the dossier"),
        intro=_(
            "The integration term, the learning route, the plan, the learning record and the "
            "history stay. The dossier goes to the new team's queue; shares with partners "
            "that do not serve the new municipality end."
        ),
        submit_label=_("Move"),
    )
