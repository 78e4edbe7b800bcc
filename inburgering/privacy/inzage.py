"""Everything held about one person, for inzage (AVG art. 15) and for warme overdracht.

Built from the registry the audit trail uses (each app registers its models with the path to
the dossier), so a model is in the export the day its app registers it. Inzage holds the
current data, its history, the shares and to whom the data was made visible; a handover to
another gemeente holds the current data only, without special-category (health) data, which
the receiving gemeente collects again on its own ground.
"""

from __future__ import annotations

import base64
import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_countries.fields import Country, MultipleCountriesDescriptor

from inburgering import permissions
from inburgering.choices import ExportKind, Leefgebied
from inburgering.models import AuditAction, AuditEvent, Deling, Inburgeraar
from inburgering.privacy import audit_trail

# Version 2: a relation to another row of the file holds that row's id, so a reader can
# rebuild the plan's structure (version 1 named it only).
FORMAT = "inburgering-dossier-export/2"
# Bookkeeping, not personal data: the optimistic-lock counter and guardian's permission rows.
_SKIPPED = {"lock_version", "view_permission", "note_permission"}
_MADE_VISIBLE = (AuditAction.DOSSIER_VIEWED, AuditAction.PDF_DOWNLOADED, AuditAction.EXPORTED)


@dataclass
class Value:
    name: str
    label: str
    raw: object
    shown: str


@dataclass
class Group:
    """The rows of one model, e.g. all intake findings of the dossier."""

    model: str
    title: str
    records: list[list[Value]] = field(default_factory=list)


@dataclass
class Share:
    organisation: str
    domein: str
    grondslag: str
    granted_on: datetime.date
    valid_until: datetime.date
    ended_on: datetime.date | None
    ended_reason: str


@dataclass
class Visibility:
    """Who opened, printed or exported the data: an organisation (or the gemeente's own
    staff) per domain, with how often and when first and last."""

    organisation: str
    domein: str
    times: int
    first: datetime.datetime
    last: datetime.datetime


@dataclass
class Export:
    kind: str
    generated_at: datetime.datetime
    dossier: Inburgeraar
    personal_data: list[Value]
    groups: list[Group]
    history: list[audit_trail.TrailEntry]
    shares: list[Share]
    made_visible_to: list[Visibility]


def collect(dossier: Inburgeraar, kind: str) -> Export:
    """What the export holds; one query per registered model and a few for the rest. A
    handover leaves out health: the health leefgebied and a model's special-category fields
    (AVG art. 9; the new gemeente asks again on its own ground)."""
    inzage = kind == ExportKind.INZAGE
    allowed = Leefgebied.values if inzage else permissions.leefgebieden_for_handover()
    groups = []
    for model, path in audit_trail.sources():
        if model is Inburgeraar:
            continue
        rows = _rows(model, path, dossier.pk)
        withheld = () if inzage else getattr(model, "SPECIAL_CATEGORY_FIELDS", ())
        records = [
            [value for value in _values(row) if value.name not in withheld]
            for row in rows
            if getattr(row, "leefgebied", None) in (None, *allowed)
        ]
        groups.append(Group(model._meta.label, str(model._meta.verbose_name_plural), records))
    return Export(
        kind=kind,
        generated_at=timezone.now(),
        dossier=dossier,
        personal_data=_values(_rows(Inburgeraar, "id", dossier.pk)[0]),
        groups=groups,
        history=audit_trail.dossier_trail(dossier.pk, audit_trail.Filters()) if inzage else [],
        shares=_shares(dossier.pk) if inzage else [],
        made_visible_to=_made_visible_to(dossier) if inzage else [],
    )


def _rows(model, path: str, dossier_id: int) -> list:
    lookup = {audit_trail.dossier_column(path): dossier_id}
    relations = [
        f.name for f in model._meta.concrete_fields if f.is_relation and f.name not in _SKIPPED
    ]
    many = [f.name for f in model._meta.many_to_many]
    return list(
        model.objects.filter(**lookup)
        .select_related(*relations)
        .prefetch_related(*many)
        .order_by("pk")
    )


def _values(row) -> list[Value]:
    values = []
    for model_field in [*row._meta.concrete_fields, *row._meta.many_to_many]:
        if model_field.name in _SKIPPED:
            continue
        raw, shown = _value(row, model_field)
        values.append(Value(model_field.name, str(model_field.verbose_name), raw, shown))
    return values


def refers_within(model_field) -> bool:
    """Whether a relation points to a row that is itself in the file (a section's version):
    the file holds that row's id, which links the rows of one file and nothing else."""
    registered = {model for model, _path in audit_trail.sources()}
    return model_field.related_model in registered


def _value(row, model_field) -> tuple[object, str]:
    """The field's value as stored (``ExportEncoder`` writes it in the JSON file) and as the
    PDF shows it. A related row outside the file (a user, an organisation) is named, not
    numbered: its id means nothing elsewhere."""
    if model_field.many_to_many:
        names = [str(item) for item in getattr(row, model_field.name).all()]
        return names, ", ".join(names)
    if model_field.is_relation:
        related = getattr(row, model_field.name)
        if related is None:
            return None, ""
        return (related.pk if refers_within(model_field) else str(related)), str(related)
    raw = getattr(row, model_field.attname)
    return raw, _shown(raw, model_field)


def _shown(raw, model_field) -> str:
    """How the PDF shows a value: choices and countries by their label, in the same order as
    ``ExportEncoder`` (a country or file is checked before the empty value it may equal)."""
    if isinstance(raw, FieldFile):  # the stored file's name, not its content
        return raw.name or ""
    if isinstance(raw, Country):
        return str(raw.name) if raw.code else ""
    if raw is None or raw == "":
        return ""
    if isinstance(raw, (list, tuple, set, frozenset, MultipleCountriesDescriptor)):
        item_field = getattr(model_field, "base_field", model_field)
        return ", ".join(_shown(item, item_field) for item in raw)
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(raw, raw))
    if isinstance(raw, bool):
        return "ja" if raw else "nee"
    if isinstance(raw, datetime.datetime):
        return f"{timezone.localtime(raw):%d-%m-%Y %H:%M}"
    if isinstance(raw, datetime.date):
        return f"{raw:%d-%m-%Y}"
    if isinstance(raw, datetime.time):
        return f"{raw:%H:%M}"
    if isinstance(raw, dict):
        return json.dumps(raw, cls=ExportEncoder, ensure_ascii=False)
    return str(raw)


class ExportEncoder(DjangoJSONEncoder):
    """The one place that turns a stored value into JSON, for every field type a registered
    model may have. Django's encoder writes dates, times, durations, decimals, UUIDs and
    lazy text; this adds what the field types of the apps return: a country as its code ("",
    as stored, when empty; a list of codes for several), a file as its stored name, binary
    data in base64. Anything else fails the export loudly (and the every-field test first),
    rather than writing a value nobody can read back."""

    def default(self, o):
        if isinstance(o, Country):
            return o.code or ""
        if isinstance(o, FieldFile):
            return o.name or ""
        if isinstance(o, (set, frozenset, MultipleCountriesDescriptor)):
            return list(o)
        if isinstance(o, (bytes, memoryview)):
            return base64.b64encode(o).decode("ascii")
        return super().default(o)


def _shares(dossier_id: int) -> list[Share]:
    """Every share there has been, also the ended ones (their history rows remain)."""
    rows = defaultdict(list)
    for row in (
        Deling.history.filter(dossier_id=dossier_id)
        .select_related("organisatie")
        .order_by("history_date", "history_id")
    ):
        rows[row.id].append(row)
    shares = []
    for versions in rows.values():
        first, last = versions[0], versions[-1]
        ended = last.history_type == "-"
        shares.append(
            Share(
                organisation=str(last.organisatie),
                domein=last.get_domein_display(),
                grondslag=last.get_grondslag_display(),
                granted_on=timezone.localdate(first.history_date),
                valid_until=last.valid_until,
                ended_on=timezone.localdate(last.history_date) if ended else None,
                ended_reason=(last.history_change_reason or "") if ended else "",
            )
        )
    return sorted(shares, key=lambda share: share.granted_on)


def _made_visible_to(dossier: Inburgeraar) -> list[Visibility]:
    """Grouped by organisation and domain; the gemeente's own staff under the gemeente's name."""
    summary = (
        AuditEvent.objects.filter(dossier=dossier, action__in=_MADE_VISIBLE)
        .values("actor__organisatie__naam", "domein")
        .annotate(times=models.Count("pk"), first=models.Min("at"), last=models.Max("at"))
        .order_by("first")
    )
    return [
        Visibility(
            organisation=row["actor__organisatie__naam"] or str(dossier.gemeente),
            domein=row["domein"],
            times=row["times"],
            first=row["first"],
            last=row["last"],
        )
        for row in summary
    ]


def as_json(export: Export) -> bytes:
    """The machine-readable file: field names and raw values, with labels beside them."""
    document = {
        "format": FORMAT,
        "kind": export.kind,
        "generated_at": export.generated_at,
        "gemeente": str(export.dossier.gemeente),
        "personal_data": {value.name: value.raw for value in export.personal_data},
        "records": {
            group.model: {
                "title": group.title,
                "fields": {value.name: value.label for value in group.records[0]}
                if group.records
                else {},
                "rows": [{value.name: value.raw for value in record} for record in group.records],
            }
            for group in export.groups
        },
        "history": [
            {
                "at": entry.at,
                "action": entry.action,
                "subject": entry.subject,
                "domein": entry.domein,
                "organisation": str(entry.organisatie or export.dossier.gemeente),
                "changes": [{"field": f, "old": old, "new": new} for f, old, new in entry.changes],
                "reason": entry.reason,
            }
            for entry in export.history
        ],
        "shares": [share.__dict__ for share in export.shares],
        "made_visible_to": [visibility.__dict__ for visibility in export.made_visible_to],
    }
    return json.dumps(document, cls=ExportEncoder, ensure_ascii=False, indent=2).encode()


def as_html(export: Export) -> str:
    """The readable document in Dutch, before it is laid out as a PDF."""
    with translation.override("nl"):
        return render_to_string(
            "inburgering/inzage_pdf.html", {"export": export, "gemeente": export.dossier.gemeente}
        )


def as_pdf(export: Export) -> bytes:
    """The readable file, PDF/UA-1 in Dutch: the document itself, like the printed plan."""
    from weasyprint import HTML

    return HTML(string=as_html(export)).write_pdf(pdf_variant="pdf/ua-1")
