"""The teamleider's pages: the team's queue ("Nog toe te wijzen"), giving dossiers a
regisseur, from the queue or from a colleague, and arranging substitutes (waarneming)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from inburgering import permissions, services
from inburgering.dossier import selectors as dossier_selectors
from inburgering.dossier import services as dossier_services
from inburgering.dossier.forms import AssignForm, CaseloadFilterForm, WaarnemingForm
from inburgering.numbers import parse_int
from inburgering.permissions import guard


@guard(permissions.ASSIGN_DOSSIERS)
def assignment_queue(request):
    paginator = Paginator(dossier_selectors.assignment_queue(request.user), settings.LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "inburgering/assignment_queue.html", {"page": page})


# Chosen dossiers listed on the assign page; a larger batch shows its count.
SHOWN_CHOSEN = 50


@guard(permissions.ASSIGN_DOSSIERS)
@require_http_methods(["GET", "POST"])
def assign_dossiers(request):
    """The chosen dossiers (``dossier`` numbers, or ``all`` with the caseload's filter), a
    regisseur and a reason; a batch larger than ``ASSIGN_INLINE_MAX`` becomes a job."""
    data = request.POST if request.method == "POST" else request.GET
    by_filter = data.get("all") == "1"
    filter_form = None
    if by_filter:
        filter_form = CaseloadFilterForm(
            data, regisseurs=dossier_selectors.regisseurs_of_teams(request.user)
        )
        ids = []  # a filter that does not parse chooses nothing (the caseload would show all)
        if filter_form.is_valid():
            ids = dossier_selectors.assignable_matching(request.user, filter_form.to_filter())
    else:
        ids = sorted({n for n in map(parse_int, data.getlist("dossier")) if n is not None})
    chosen = dossier_selectors.dossiers_to_assign(request.user, ids)
    facts = dossier_selectors.batch_facts(chosen)
    refused = []  # numbers sent that are not the user's to move (only a list can hold those)
    if facts.count != len(ids):
        refused = sorted(set(ids) - set(chosen.values_list("pk", flat=True)))
    form = AssignForm(
        request.POST or None,
        initial={"dossier": [] if by_filter else ids, "expected": facts.count},
        regisseurs=dossier_selectors.regisseurs_with_load(facts.gemeente_ids),
        needs_reason=facts.any_assigned,
        by_filter=by_filter,
    )
    if request.method == "POST" and form.is_valid():
        if by_filter and form.cleaned_data["expected"] != facts.count:
            form.add_error(None, _changed_message(facts.count))
        else:
            done = _assign(request, form, ids if by_filter else form.cleaned_data["dossier"])
            if done is not None:
                return done
    return render(
        request,
        "inburgering/assign_dossiers.html",
        {
            "form": form,
            "chosen": list(chosen[:SHOWN_CHOSEN]),
            "count": facts.count,
            "refused": refused,
            "by_filter": by_filter,
            "filter_form": filter_form,
            "title": _("Choose a regisseur"),
        },
    )


def _changed_message(count: int) -> str:
    return ngettext(
        "The dossiers matching the filter changed while you chose: now %(count)s dossier. "
        "Check the list and assign again.",
        "The dossiers matching the filter changed while you chose: now %(count)s dossiers. "
        "Check the list and assign again.",
        count,
    ) % {"count": count}


def _assign(request, form, ids: list[int]):
    """Move the batch now, or as a job when it is large; the response, or None when the
    service refused (its message is then on the form)."""
    regisseur = form.cleaned_data["regisseur"]
    arguments = {
        "actor": request.user,
        "dossier_ids": ids,
        "regisseur_id": regisseur.pk,
        "reason": form.cleaned_data["reason"],
    }
    try:
        if len(ids) > settings.ASSIGN_INLINE_MAX:
            job = dossier_services.request_assignment_job(**arguments)
            return redirect("assignment_job", job_id=job.pk)
        moved = dossier_services.assign_regisseur(**arguments)
    except services.ServiceError as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(
        request,
        ngettext(
            "%(count)s dossier now has %(name)s as regisseur.",
            "%(count)s dossiers now have %(name)s as regisseur.",
            len(moved),
        )
        % {"count": len(moved), "name": regisseur},
    )
    return redirect("assignment_queue")


@guard(permissions.ASSIGNMENT_JOB)
def assignment_job(request, job):
    """How far a large batch is; its script keeps the page current until the job has finished."""
    return render(request, "inburgering/assignment_job.html", {"job": job})


@guard(permissions.ASSIGN_DOSSIERS)
@require_http_methods(["GET", "POST"])
def waarnemingen(request):
    """The substitutions that run or are to come, and the form to arrange one."""
    form = WaarnemingForm(
        request.POST or None,
        regisseurs=dossier_selectors.regisseurs_of_teams(request.user),
        waarnemers=dossier_selectors.waarnemer_candidates(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            waarneming = dossier_services.arrange_waarneming(
                actor=request.user,
                regisseur_id=data["regisseur"].pk,
                waarnemer_id=data["waarnemer"].pk,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                reason=data["reason"],
            )
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(waarnemer)s stands in for %(regisseur)s until %(day)s.")
                % {
                    "waarnemer": waarneming.waarnemer,
                    "regisseur": waarneming.regisseur,
                    "day": formats.date_format(waarneming.ends_on, "j F Y"),
                },
            )
            return redirect("waarnemingen")
    today = timezone.localdate()
    return render(
        request,
        "inburgering/waarnemingen.html",
        {
            "form": form,
            "today": today,
            "waarnemingen": dossier_selectors.waarnemingen_of_teams(request.user, today),
        },
    )


@guard(permissions.MANAGE_WAARNEMING)
@require_http_methods(["POST"])
def end_waarneming(request, waarneming):
    try:
        dossier_services.end_waarneming(actor=request.user, waarneming_id=waarneming.pk)
    except services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(waarnemer)s no longer stands in for %(regisseur)s.")
            % {"waarnemer": waarneming.waarnemer, "regisseur": waarneming.regisseur},
        )
    return redirect("waarnemingen")
