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
            "check": (
                selectors.check(request.user, gemeente_id, quarter, request.GET.get("page"))
                if gemeente_id
                else None
            ),
            "gemeente_id": gemeente_id,
            "query_string": urlencode({"gemeente": gemeente_id or "", "kwartaal": quarter}),
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


def _back_to(gemeente_id: int, quarter, anchor: str):
    query = urlencode({"gemeente": gemeente_id, "kwartaal": quarter})
    return redirect(f"{reverse('kwartaallevering')}?{query}#{anchor}")


@guard(permissions.MONITOR)
def check_kwartaallevering(request):
    """Ask for the completeness check again (a Celery task; the page shows it running)."""
    if request.method != "POST":
        return redirect("kwartaallevering")
    choice = _choice(request, request.POST)

    def save():
        gemeente_id, quarter = choice.chosen()
        services.request_check(actor=request.user, gemeente_id=gemeente_id, quarter=quarter)

    if submitted(request, [choice], save):
        return _back_to(*choice.chosen(), "controle")
    return _page(request, choice)


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
        return _back_to(form.cleaned_data["gemeente"], form.cleaned_data["kwartaal"], "leveringen")
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
