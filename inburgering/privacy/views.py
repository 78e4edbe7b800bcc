"""The privacy officer's pages: each dossier's trail of changes and events, each user's
activity, and CSV exports of any filtered view (the export is itself logged)."""

from __future__ import annotations

import csv
import dataclasses

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import permissions
from inburgering.models import AuditAction
from inburgering.permissions import guard
from inburgering.privacy import audit, audit_trail
from inburgering.privacy.forms import DossierSearchForm, TrailFilterForm
from inburgering.web.spreadsheet import safe_cell

CSV_COLUMNS = [
    "time",
    "user",
    "organisation",
    "action",
    "dossier",
    "domain",
    "subject",
    "field",
    "old",
    "new",
    "detail",
    "ip",
    "reason",
]


@guard(permissions.AUDIT)
def privacy_home(request):
    """Find a dossier by name or BSN among the auditor's gemeenten: auditing is not caseload
    work, so it is not limited to a caseload."""
    form = DossierSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    dossiers = []
    if query:
        dossiers = permissions.auditable_dossiers(request.user).filter(
            Q(bsn=query) | Q(surname__icontains=query) | Q(given_names__icontains=query)
        )[:50]
    return render(
        request,
        "inburgering/privacy/home.html",
        {"form": form, "dossiers": dossiers, "query": query},
    )


def _trail_page(request, entries, form, template, **context):
    if request.GET.get("format") == "csv":
        return _csv(request, entries, context)
    page = Paginator(entries, settings.LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        template,
        {"form": form, "page": page, "query_string": query.urlencode(), **context},
    )


def _csv(request, entries, context):
    dossier = context.get("dossier")
    audit.record(
        request,
        AuditAction.EXPORTED,
        dossier,
        detail=f"audit trail csv: {request.GET.urlencode()}",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audittrail.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        base = [
            entry.at.isoformat(),
            getattr(entry.actor, "username", ""),
            str(entry.organisatie or ""),
            entry.action_label,
            entry.dossier_id or "",
            entry.domein,
            entry.subject,
        ]
        tail = [entry.detail, entry.ip_address, entry.reason]
        for label, old, new in entry.changes or [("", "", "")]:
            writer.writerow([safe_cell(cell) for cell in (*base, label, old, new, *tail)])
    return response


@guard(permissions.AUDIT_DOSSIER)
def privacy_dossier(request, audited):
    dossier = audited
    form = TrailFilterForm(request.GET)
    entries = audit_trail.dossier_trail(dossier.pk, _own_part(form.filters(), dossier))
    form.offer_users(entries.actors)
    return _trail_page(
        request,
        entries,
        form,
        "inburgering/privacy/trail.html",
        dossier=dossier,
        title=_("Audit trail of %(name)s") % {"name": dossier.full_name},
    )


def _own_part(filters: audit_trail.Filters, dossier) -> audit_trail.Filters:
    """A dossier that moved away from the auditor's gemeente: its trail up to the move."""
    if dossier.audit_until is None:
        return filters
    until = timezone.localdate(dossier.audit_until)
    return dataclasses.replace(filters, until=min(filters.until or until, until))


@guard(permissions.AUDIT_USER)
def privacy_user(request, subject):
    form = TrailFilterForm(request.GET, for_user=True)
    entries = audit_trail.user_trail(
        subject.pk, form.filters(), within=permissions.auditable_dossiers(request.user)
    )
    return _trail_page(
        request,
        entries,
        form,
        "inburgering/privacy/trail.html",
        subject=subject,
        title=_("Everything %(name)s did") % {"name": subject.get_full_name() or subject},
    )
