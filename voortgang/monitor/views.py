"""The monitor page and its exports: aggregates only, never a person's data."""

from django.http import Http404
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from inburgering import permissions
from inburgering.models import AuditAction
from inburgering.permissions import guard
from inburgering.privacy import audit
from voortgang.monitor import export, facts, selectors
from voortgang.monitor.forms import MonitorFilterForm

EXPORT_KINDS = ("xlsx", "csv")


def _figures(request):
    form = MonitorFilterForm(
        request.GET or None,
        gemeenten=selectors.gemeenten_of(request.user),
        teams=selectors.teams_of(request.user),
        today=timezone.localdate(),
    )
    exact = permissions.sees_small_counts(request.user)
    stand = facts.last_refresh()
    figures, drawn = selectors.figures(form.to_filter(), exact=exact, stand=stand)
    return form, figures, drawn, exact, stand


@guard(permissions.MONITOR)
def monitor(request):
    form, figures, drawn, exact, stand = _figures(request)
    drawn = {chart.table_key: chart for chart in drawn}
    return render(
        request,
        "voortgang/monitor.html",
        {
            "form": form,
            "sections": [(table, drawn.get(table.key)) for table in figures.tables],
            "exact": exact,
            "filter": form.to_filter(),
            "query": request.GET.urlencode(),
            "stand": stand,
        },
    )


@guard(permissions.MONITOR)
def monitor_export(request, kind: str):
    if kind not in EXPORT_KINDS:
        raise Http404
    form, figures, _drawn, _exact, stand = _figures(request)
    audit.record(
        request, AuditAction.EXPORTED, detail=f"monitor {kind}: {request.GET.urlencode()}"[:200]
    )
    made_on = timezone.localdate().isoformat()
    figures_of = (
        formats.date_format(timezone.localtime(stand.refreshed_at), "SHORT_DATETIME_FORMAT")
        if stand
        else ""
    )
    filters = [*form.description(), (_("Figures of"), figures_of)]
    return export.response(figures, filters, made_on, kind)
