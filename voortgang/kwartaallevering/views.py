"""The quarterly delivery: the completeness check of a gemeente's quarter (for the monitor's
users; dossier numbers, never names), its release by the contactpersoon, and the frozen files."""

from __future__ import annotations

import datetime

from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from inburgering import permissions
from inburgering.models import AuditAction
from inburgering.permissions import guard
from inburgering.privacy import audit
from inburgering.web.form_handling import submitted
from voortgang.kwartaallevering import selectors, services
from voortgang.kwartaallevering.forms import DeliveryChoiceForm, ReleaseForm
from voortgang.monitor import selectors as monitor_selectors

DELIVERY_FILE = permissions.record_rule(
    "delivery_file", kwarg="levering_id", target="levering", scope=selectors.deliveries_of
)

# The law's four weeks after the quarter (domain.md §9).
DELIVERY_WEEKS = 4


def _page(request, choice: DeliveryChoiceForm, release_form: ReleaseForm | None = None):
    gemeente_id, quarter = choice.chosen()
    may_release = permissions.can_release_delivery(request.user)
    if release_form is None and gemeente_id is not None:
        release_form = ReleaseForm(initial={"gemeente": gemeente_id, "kwartaal": str(quarter)})
    return render(
        request,
        "voortgang/kwartaallevering.html",
        {
            "choice": choice,
            "quarter": quarter,
            "due_on": quarter.last_day + datetime.timedelta(weeks=DELIVERY_WEEKS),
            "check": selectors.check(request.user, gemeente_id, quarter) if gemeente_id else None,
            "deliveries": selectors.deliveries(gemeente_id, quarter) if gemeente_id else [],
            "may_release": may_release,
            "release_form": release_form if may_release else None,
        },
    )


def _choice(request, data=None) -> DeliveryChoiceForm:
    return DeliveryChoiceForm(
        data,
        gemeenten=monitor_selectors.gemeenten_of(request.user),
        today=timezone.localdate(),
    )


@guard(permissions.MONITOR)
def kwartaallevering(request):
    return _page(request, _choice(request, request.GET or None))


@guard(permissions.RELEASE_DELIVERY)
def release_kwartaallevering(request):
    if request.method != "POST":
        return redirect("kwartaallevering")
    form = ReleaseForm(request.POST)
    choice = _choice(
        request,
        {"gemeente": request.POST.get("gemeente"), "kwartaal": request.POST.get("kwartaal")},
    )

    def save():
        services.release_kwartaallevering(
            actor=request.user,
            gemeente_id=form.cleaned_data["gemeente"],
            quarter=form.cleaned_data["kwartaal"],
            open_points_checked=form.cleaned_data["open_points_checked"],
            note=form.cleaned_data["note"],
        )

    if submitted(request, [form], save):
        query = urlencode(
            {"gemeente": form.cleaned_data["gemeente"], "kwartaal": form.cleaned_data["kwartaal"]}
        )
        return redirect(f"{reverse('kwartaallevering')}?{query}#leveringen")
    return _page(request, choice, form)


@guard(DELIVERY_FILE)
def kwartaallevering_file(request, levering):
    audit.record(request, AuditAction.EXPORTED, detail=f"kwartaallevering {levering}"[:200])
    return FileResponse(
        levering.file.open("rb"),
        as_attachment=True,
        filename=levering.file.name.rsplit("/", 1)[-1],
        content_type="text/csv; charset=utf-8",
    )
