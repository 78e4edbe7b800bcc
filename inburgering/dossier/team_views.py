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
from inburgering.dossier.forms import AssignForm, WaarnemingForm
from inburgering.numbers import parse_int
from inburgering.permissions import guard


@guard(permissions.ASSIGN_DOSSIERS)
def assignment_queue(request):
    paginator = Paginator(
        dossier_selectors.assignment_queue(request.user), settings.CASELOAD_PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "inburgering/assignment_queue.html", {"page": page})


@guard(permissions.ASSIGN_DOSSIERS)
@require_http_methods(["GET", "POST"])
def assign_dossiers(request):
    """The chosen dossiers (``dossier`` in the query or the form), a regisseur and a reason."""
    data = request.POST if request.method == "POST" else request.GET
    ids = sorted({n for n in map(parse_int, data.getlist("dossier")) if n is not None})
    chosen = list(dossier_selectors.dossiers_to_assign(request.user, ids))
    refused = sorted(set(ids) - {dossier.pk for dossier in chosen})
    form = AssignForm(
        request.POST or None,
        initial={"dossier": ids},
        regisseurs=dossier_selectors.regisseurs_with_load({d.gemeente_id for d in chosen}),
        needs_reason=any(dossier.regisseur_id is not None for dossier in chosen),
    )
    if request.method == "POST" and form.is_valid():
        try:
            moved = dossier_services.assign_regisseur(
                actor=request.user,
                dossier_ids=form.cleaned_data["dossier"],
                regisseur_id=form.cleaned_data["regisseur"].pk,
                reason=form.cleaned_data["reason"],
            )
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            regisseur = form.cleaned_data["regisseur"]
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
    return render(
        request,
        "inburgering/assign_dossiers.html",
        {"form": form, "chosen": chosen, "refused": refused, "title": _("Choose a regisseur")},
    )


@guard(permissions.ASSIGN_DOSSIERS)
@require_http_methods(["GET", "POST"])
def waarnemingen(request):
    """The substitutions that run or are to come, and the form to arrange one."""
    form = WaarnemingForm(
        request.POST or None,
        regisseurs=permissions.team_regisseurs(request.user).order_by(
            "last_name", "first_name", "username"
        ),
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
