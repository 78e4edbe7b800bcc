"""Inzage and handover exports hold every field of every registered model, empty or filled.

The dossiers here are built by walking the registry (``audit_trail.sources()``) and each
model's fields, so a model or field added later is exported in these tests without touching
them; a field of a type the filler does not know yet fails with a message saying so.
"""

import datetime
import decimal
import io
import json
import time
import types
import uuid
from graphlib import TopologicalSorter

import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.auth.models import Group, Permission
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.test.utils import isolate_apps
from django.utils import timezone
from django_countries import countries
from django_countries.fields import CountryField
from pypdf import PdfReader

from inburgering import services
from inburgering.celery import app
from inburgering.choices import DossierStatus, ExportKind, RenderStatus
from inburgering.demo import demo_bsn
from inburgering.dossier import services as dossier_services
from inburgering.models import (
    DossierExport,
    Gemeente,
    Inburgeraar,
    InburgeraarGroupObjectPermission,
    Organisatie,
    Team,
    User,
)
from inburgering.privacy import audit_trail, inzage
from inburgering.privacy import services as privacy_services
from inburgering.tasks import render_dossier_export
from intake import services as intake_services
from intake.models import Opleiding
from tests import factories

pytestmark = pytest.mark.slow  # renders export PDFs, with a Celery worker

DAY = datetime.date(2025, 3, 14)
MOMENT = datetime.datetime(2025, 3, 14, 9, 30, 15, tzinfo=datetime.UTC)
FILL = object()  # in an override: the value the filler would give a filled dossier
DERIVED = {"domein"}  # set by the model's save from the leefgebied, which may have none

# Where a model's check constraints rule out the filler's generic pick. A share rests on
# consent (with the consent row) or on a statutory task (with its article); a signal has
# exactly one owner, a colleague or a partner organisation.
# A dossier's BSN and V-number are digits 0-9 of their length, and a closed dossier has the
# day its duty ended (database constraints). A decision of DUO carries the figures of its kind:
# a release none, a fine its amount and new end.
OVERRIDES = {
    "empty": {
        "inburgering.Inburgeraar": {"bsn": demo_bsn(90_001)},
        "inburgering.Deling": {"grondslag": "wettelijke_taak", "wettelijk_artikel": FILL},
        "voortgang.Signaal": {"owner": FILL},
        "pip_plans.DuoBesluit": {"soort": "ontheffing"},
        "inburgering.Bijeenkomst": {"end_time": datetime.time(10, 30), "location": FILL},
    },
    "filled": {
        "inburgering.Inburgeraar": {
            "bsn": demo_bsn(90_002),
            "v_nummer": "1234567890",
            "status": "afgerond",
        },
        "voortgang.Signaal": {"owner_organisatie": None},
        "pip_plans.DuoBesluit": {"soort": "boete", "maanden": None},
        "inburgering.ContactDetails": {
            "postcode": "1234 AB",
            "phone": "+31 6 12345678",
            "contact_phone": "+31 6 87654321",
        },
        "inburgering.Bijeenkomst": {"end_time": datetime.time(10, 30)},
    },
}


def _text(model_field, tag: str) -> str:
    text = f"{tag} {model_field.model._meta.model_name} {model_field.name}"
    return text[: model_field.max_length] if model_field.max_length else text


def _filled(model_field, tag: str):
    """A value of the field's type: the first real choice of a field with choices."""
    if isinstance(model_field, ArrayField):
        return [_filled(model_field.base_field, tag)]
    if model_field.choices:
        return next(value for value, _label in model_field.flatchoices if value not in ("", None))
    kinds = [
        (models.BooleanField, True),
        (models.DateTimeField, MOMENT),  # before DateField: it is one
        (models.DateField, DAY),
        (models.TimeField, datetime.time(9, 30)),
        (models.DurationField, datetime.timedelta(hours=1, minutes=30)),
        (models.DecimalField, decimal.Decimal("12.50")),
        (models.FloatField, 1.5),
        (models.IntegerField, 7),  # and its positive, small and big kinds
        (models.UUIDField, uuid.UUID(int=7)),
        (models.JSONField, {"tekst": tag, "lijst": [1, 2]}),
        (models.EmailField, f"{tag}@example.nl"),
        (models.URLField, "https://example.nl/"),
        (models.GenericIPAddressField, "192.0.2.7"),
        (models.FileField, f"exports/{tag}-{model_field.name}.pdf"),
        (models.BinaryField, tag.encode()),
        (models.CharField, None),  # text, below
        (models.TextField, None),
    ]
    for kind, value in kinds:
        if isinstance(model_field, kind):
            return _text(model_field, tag) if value is None else value
    raise AssertionError(
        f"{model_field.model._meta.label}.{model_field.name}: no test value for a "
        f"{type(model_field).__name__}; add one to _filled"
    )


def _may_be_empty(model_field) -> bool:
    if model_field.is_relation:
        return model_field.null
    return model_field.null or model_field.has_default() or model_field.blank


def _empty(model_field):
    """As empty as the model allows: null, else the default (a flag, a starting status),
    else blank."""
    if model_field.null:
        return None
    if model_field.has_default():
        return model_field.get_default()
    if isinstance(model_field, ArrayField):
        return []
    if isinstance(model_field, models.JSONField):
        return {}
    return ""


class _Outside:
    """Rows outside the registry that registered rows point to (gemeente, users, ...)."""

    def __init__(self, team: Team, user: User):
        self.team, self.user = team, user
        self.organisatie = factories.OrganisatieFactory()

    def row(self, target, dossier):
        if target is Gemeente:
            return self.team.gemeente
        if target is Team:
            return self.team
        if target is User:
            return self.user
        if target is Organisatie:
            return self.organisatie
        if target is InburgeraarGroupObjectPermission:  # one-to-one from a share: a new one
            return InburgeraarGroupObjectPermission.objects.create(
                group=Group.objects.create(name=f"test:{uuid.uuid4()}"),
                permission=Permission.objects.get(codename="view_werk"),
                content_object=dossier,
            )
        raise AssertionError(f"no {target._meta.label} for the test dossier; add it to _Outside")


def _registered_in_order() -> list:
    """The registered models, each after the registered models it points to."""
    registered = [model for model, _path in audit_trail.sources()]
    graph = {
        model: {
            f.related_model
            for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if f.is_relation and f.related_model in registered and f.related_model is not model
        }
        for model in registered
    }
    return list(TopologicalSorter(graph).static_order())


def build_dossier(mode: str, outside: _Outside) -> tuple[Inburgeraar, dict]:
    """One row of every registered model for a new dossier, every field ``mode`` ("empty" or
    "filled"); returns the dossier and the rows by model."""
    tag = {"empty": "leeg", "filled": "gevuld"}[mode]
    rows: dict = {}
    for model in _registered_in_order():
        overrides = OVERRIDES[mode].get(model._meta.label, {})
        instance = model()
        for model_field in model._meta.concrete_fields:
            if model_field.primary_key:
                continue
            override = overrides.get(model_field.name, FILL)
            if override is not FILL:
                value = override
            elif (
                mode == "empty" and model_field.name not in overrides and _may_be_empty(model_field)
            ):
                value = _empty(model_field)
            elif model_field.is_relation:
                value = _related(model_field, rows, outside)
            else:
                value = _filled(model_field, tag)
            setattr(instance, model_field.name, value)
        instance._history_user = outside.user
        instance.save()
        if mode == "filled":
            for model_field in model._meta.many_to_many:
                getattr(instance, model_field.name).set([_related(model_field, rows, outside)])
        rows[model] = instance
    return rows[Inburgeraar], rows


def _related(model_field, rows: dict, outside: _Outside):
    target = model_field.related_model
    if target in rows:
        return rows[target]
    return outside.row(target, rows.get(Inburgeraar))


def _exported(dossier, kind: str, actor) -> tuple[dict, str, DossierExport]:
    """Ask for the export through the service and let the Celery task make it (eagerly, with
    its retries); returns the stored JSON, the stored PDF's text and the export."""
    export = privacy_services.request_export(actor=actor, dossier=dossier, kind=kind)
    render_dossier_export.apply(args=[export.pk])
    export.refresh_from_db()
    assert export.status == RenderStatus.READY
    with export.json_file.open("rb") as stored:
        document = json.loads(stored.read())
    with export.pdf_file.open("rb") as stored:
        pdf = PdfReader(io.BytesIO(stored.read()))
    assert document["kind"] == kind
    return document, "".join(page.extract_text() for page in pdf.pages), export


def _exported_row(document: dict, instance) -> dict:
    if isinstance(instance, Inburgeraar):
        return document["personal_data"]
    rows = document["records"][instance._meta.label]["rows"]
    (row,) = [row for row in rows if row["id"] == instance.pk]
    return row


def _exported_value(document: dict, instance, name: str):
    return _exported_row(document, instance)[name]


def _means(model_field, exported, stored) -> bool:
    """Whether the value in the JSON file is the value the database holds."""
    if model_field.many_to_many:
        return exported == [str(item) for item in stored.all()]
    if model_field.is_relation and inzage.refers_within(model_field):
        return exported == (stored.pk if stored is not None else None)
    if model_field.is_relation:
        return exported == (str(stored) if stored is not None else None)
    if isinstance(model_field, models.FileField):
        return exported == (stored.name or "")
    if isinstance(model_field, CountryField):
        return exported == stored.code
    parsed = model_field.to_python(exported)
    if isinstance(stored, datetime.datetime):  # the JSON keeps milliseconds
        return abs(parsed - stored) < datetime.timedelta(milliseconds=1)
    return parsed == stored


@pytest.fixture
def outside(team, regisseur):
    return _Outside(team, regisseur)


@pytest.mark.parametrize("kind", [ExportKind.INZAGE, ExportKind.OVERDRACHT])
def test_every_field_of_every_registered_model_is_exported(kind, outside, regisseur):
    for mode in ("empty", "filled"):
        dossier, rows = build_dossier(mode, outside)
        document, printed, _export = _exported(dossier, kind, regisseur)
        may_stay_empty = OVERRIDES[mode]
        for model, instance in rows.items():
            instance = model.objects.get(pk=instance.pk)
            withheld = set()  # a handover never carries special-category data (AVG art. 9)
            if kind == ExportKind.OVERDRACHT:
                withheld = set(getattr(model, "SPECIAL_CATEGORY_FIELDS", ()))
            for model_field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
                if model_field.name in inzage._SKIPPED:
                    continue
                if model_field.name in withheld:
                    assert model_field.name not in _exported_row(document, instance)
                    continue
                exported = _exported_value(document, instance, model_field.name)
                stored = getattr(instance, model_field.name)
                where = f"{mode} {model._meta.label}.{model_field.name}"
                assert _means(model_field, exported, stored), (where, exported, stored)
                if mode == "filled" and model_field.name not in {
                    *may_stay_empty.get(model._meta.label, {}),
                    *DERIVED,
                }:
                    assert exported not in (None, "", [], {}), f"{where} was not filled"
        country = _exported_value(document, rows[Opleiding], "country")
        nationality = document["personal_data"]["nationality"]
        if mode == "empty":
            assert country == nationality == ""
        else:
            assert country == nationality == _filled_country()
            assert str(countries.name(country)) in printed
        assert dossier.surname in printed
        title = "Inzage in uw gegevens" if kind == ExportKind.INZAGE else "Overdracht van het"
        assert title in printed


def test_the_history_in_the_inzage_holds_every_change_as_text(outside, regisseur):
    for mode, country in (("empty", "MA"), ("filled", "")):
        dossier, rows = build_dossier(mode, outside)
        opleiding = rows[Opleiding]
        before = str(countries.name(opleiding.country.code)) if opleiding.country else ""
        opleiding.country = country  # a change of country in the history
        opleiding.save()
        document, printed, _export = _exported(dossier, ExportKind.INZAGE, regisseur)
        created = {entry["subject"] for entry in document["history"] if entry["action"] == "+"}
        for model, instance in rows.items():
            assert f"{model._meta.verbose_name} {instance.pk}" in created
        for entry in document["history"]:
            for change in entry["changes"]:
                assert all(isinstance(change[key], str) for key in ("field", "old", "new"))
        label = str(Opleiding._meta.get_field("country").verbose_name)
        changed = [
            (change["old"], change["new"])
            for entry in document["history"]
            if entry["subject"] == f"{Opleiding._meta.verbose_name} {opleiding.pk}"
            and entry["action"] == "~"
            for change in entry["changes"]
            if change["field"] == label
        ]
        assert changed == [(before, str(countries.name(country)) if country else "")]
        assert "Wat er is veranderd" in printed


def _filled_country() -> str:
    return _filled(Opleiding._meta.get_field("country"), "gevuld")


@isolate_apps("tests")
def test_field_types_the_models_may_gain_are_exported_too():
    """Types no registered model has yet (decimals, times, JSON, several countries, ...) go
    through the same conversion, so a field added later cannot break the export."""

    class Probe(models.Model):
        bedrag = models.DecimalField(max_digits=6, decimal_places=2)
        tijd = models.TimeField()
        duur = models.DurationField()
        sleutel = models.UUIDField()
        gegevens = models.JSONField()
        landen = CountryField(multiple=True)
        geen_landen = CountryField(multiple=True, blank=True)
        land = CountryField(blank=True)
        getal = models.FloatField()
        data = ArrayField(models.DateField())
        tijden = ArrayField(models.DateTimeField())

        class Meta:
            app_label = "tests"

        def __str__(self):
            return "probe"

    row = Probe(
        bedrag=decimal.Decimal("12.50"),
        tijd=datetime.time(9, 30),
        duur=datetime.timedelta(hours=1),
        sleutel=uuid.UUID(int=7),
        gegevens={"land": "SY", "jaren": [2020, 2021]},
        landen=["SY", "NL"],
        geen_landen=[],
        land="",
        getal=1.5,
        data=[DAY],
        tijden=[MOMENT],
    )
    values = []
    for model_field in Probe._meta.concrete_fields:
        if not model_field.primary_key:
            raw, shown = inzage._value(row, model_field)
            values.append(inzage.Value(model_field.name, model_field.name, raw, shown))
    shown = {value.name: value.shown for value in values}
    assert shown["landen"] == f"{countries.name('NL')}, {countries.name('SY')}"
    assert (shown["land"], shown["geen_landen"], shown["tijd"]) == ("", "", "09:30")
    document = json.loads(inzage.as_json(_export_with(values)))["personal_data"]
    assert document == {
        "bedrag": "12.50",
        "tijd": "09:30:00",
        "duur": "P0DT01H00M00S",
        "sleutel": str(uuid.UUID(int=7)),
        "gegevens": {"land": "SY", "jaren": [2020, 2021]},
        "landen": ["NL", "SY"],  # django-countries keeps them sorted
        "geen_landen": [],
        "land": "",
        "getal": 1.5,
        "data": ["2025-03-14"],
        "tijden": ["2025-03-14T09:30:15Z"],
    }


def _export_with(values) -> inzage.Export:
    return inzage.Export(
        kind=ExportKind.OVERDRACHT,
        generated_at=timezone.now(),
        dossier=types.SimpleNamespace(gemeente="Leiden"),
        personal_data=values,
        groups=[],
        history=[],
        shares=[],
        made_visible_to=[],
    )


@pytest.mark.django_db(transaction=True)
def test_closing_a_dossier_without_education_country_as_moved_makes_the_handover():
    """As in the demo: the education recorded at the intake has no country."""
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team)
    dossier = factories.InburgeraarFactory(
        team=team, regisseur=regisseur, status=DossierStatus.UITVOERING
    )
    intake = intake_services.start_intake(actor=regisseur, dossier=dossier)
    services.save_as(Opleiding(intake=intake, niveau="voortgezet", years=6), actor=regisseur)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        dossier_services.close_dossier(  # enqueues the handover once it commits
            actor=regisseur,
            dossier_id=dossier.pk,
            expected_version=dossier.lock_version,
            status=DossierStatus.VERHUISD,
            ended_on=timezone.localdate(),
            reason="Verhuisd naar Utrecht",
            new_gemeente="Utrecht",
        )
        export = DossierExport.objects.get(dossier=dossier, kind=ExportKind.OVERDRACHT)
        deadline = time.monotonic() + 60
        while export.status == RenderStatus.PENDING:
            assert time.monotonic() < deadline, "the worker did not make the handover"
            time.sleep(0.2)
            export.refresh_from_db()
    assert export.status == RenderStatus.READY
    with export.json_file.open("rb") as stored:
        document = json.loads(stored.read())
    assert document["records"]["intake.Opleiding"]["rows"][0]["country"] == ""
    assert Inburgeraar.objects.get(pk=dossier.pk).status == DossierStatus.VERHUISD
