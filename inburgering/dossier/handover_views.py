"""Receiving a handover file (warme overdracht) from another gemeente: a thin view over
``dossier.services.receive_handover``."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering import permissions, services
from inburgering.dossier import selectors as dossier_selectors
from inburgering.dossier import services as dossier_services
from inburgering.dossier.forms import HandoverForm
from inburgering.dossier.handover import HandoverRefused
from inburgering.dossier.views import bsn_taken_message
from inburgering.permissions import guard


@guard(permissions.REGISTER_DOSSIER)
@require_http_methods(["GET", "POST"])
def receive_handover(request):
    teams = dossier_selectors.teams_for_registration(request.user)
    form = HandoverForm(request.POST or None, request.FILES or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = dossier_services.receive_handover(
                actor=request.user, team=form.cleaned_data["team"], raw=form.cleaned_data["bestand"]
            )
        except HandoverRefused as exc:
            for problem in exc.problems:
                form.add_error("bestand", problem)
        except dossier_services.HandoverAlreadyReceived as exc:
            form.add_error("bestand", _received_before(request.user, exc))
        except services.DuplicateBsnError as exc:
            form.add_error("bestand", bsn_taken_message(request.user, exc.bsn))
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return _received(request, dossier)
    return render(
        request, "inburgering/receive_handover.html", {"form": form, "has_team": teams.exists()}
    )


def _received_before(user, exc) -> str:
    if permissions.can(user, permissions.Action.VIEW, exc.dossier):
        return format_html(
            '{} <a class="utrecht-link" href="{}">{}</a>',
            str(exc),
            exc.dossier.get_absolute_url(),
            _("Open the dossier of %(name)s") % {"name": exc.dossier.full_name},
        )
    return _("%(refusal)s The dossier is in your team's queue or on a colleague's caseload.") % {
        "refusal": exc
    }


def _received(request, dossier):
    """To the new dossier when the user may open it; a regisseur's new dossier waits in
    the queue until the teamleider assigns it."""
    if permissions.can(request.user, permissions.Action.VIEW, dossier):
        messages.success(request, _("The handover has been received; the dossier is in the queue."))
        return redirect(dossier)
    messages.success(
        request,
        _(
            "The handover has been received. The dossier of %(name)s is in the queue of "
            "%(team)s; the team lead assigns it."
        )
        % {"name": dossier.full_name, "team": dossier.team.naam},
    )
    return redirect("caseload")
