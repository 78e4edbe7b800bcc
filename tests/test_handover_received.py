"""Receiving a handover (issue 18, point 4): a dossier closed as "verhuisd" in one gemeente is
exported, and its file opens a dossier in another installation: the person's data, the
termijn start, the plan as the previous gemeente's (read-only), the learning record; never
health. A file that is not sound is refused with a Dutch message and creates nothing; the
same file twice makes one dossier.

"Another installation" is this database after the source dossier was destroyed by retention
(with its history and the partner it named): the new dossier can only come from the file."""

from __future__ import annotations

import datetime
import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from inburgering.choices import ExportKind, RenderStatus
from inburgering.dossier import handover
from inburgering.dossier import services as dossier_services
from inburgering.models import (
    AuditAction,
    AuditEvent,
    ContactDetails,
    DossierExport,
    Inburgeraar,
    Organisatie,
    Overdracht,
)
from inburgering.privacy import retention
from inburgering.privacy.inzage import FORMAT
from inburgering.services import DuplicateBsnError
from inburgering.tasks import render_dossier_export
from intake import services as intake_services
from pip_plans import services as pip_services
from pip_plans.models import Afspraak, DuoBesluit, Pip, PipVersie, Sectie
from tests import factories
from voortgang import services as voortgang_services
from voortgang.models import Examenresultaat, Traject, Voortgangsgesprek

TODAY = timezone.localdate()
HEALTH = "GEHEIM rugklachten"


def _source_file(team, regisseur) -> bytes:
    """A Zeewolde dossier with an intake (health among the findings), a fixed plan with
    agreements, a concluded talk with lesson hours, an exam, a MAP and DUO's extension,
    closed as moved away; the handover file its closing made."""
    partner = factories.OrganisatieFactory(naam="Werkbedrijf Zeewolde", domeinen=["werk"])
    dossier = factories.InburgeraarFactory(
        team=team, regisseur=regisseur, surname="Tesfay", bsn="111222333"
    )
    dossier_services.save_contact_details(
        actor=regisseur,
        dossier_id=dossier.pk,
        expected_version=0,
        data={"street": "Oude Straat", "phone": "+31 6 12345678", "letter_language": "ti"},
    )
    intake = intake_services.start_intake(actor=regisseur, dossier=dossier)
    intake.bevindingen.create(leefgebied="werk", current_situation="Bakker in Eritrea")
    intake.bevindingen.create(leefgebied="gezondheid", current_situation=HEALTH)
    intake.status = "afgerond"
    intake.save()
    versie = factories.fixed_plan(
        dossier,
        regisseur,
        dagtekening=TODAY - datetime.timedelta(days=200),
        afspraken=[
            ("werk", "Stage bij de bakker", TODAY + datetime.timedelta(days=30)),
            ("taal", "Taalcursus B1 volgen"),
        ],
        taalschool="Taalhuis Zeewolde",
        loopbaanperspectief="Eigen bakkerij",
    )
    partner_sectie = Sectie.objects.get(versie=versie, leefgebied="werk")
    Afspraak.objects.create(
        sectie=partner_sectie, wat="Vacatures zoeken", wie="partner", organisatie=partner
    )
    Voortgangsgesprek.objects.filter(dossier=dossier).update(
        status="afgerond",
        held_on=TODAY - datetime.timedelta(days=20),
        lesuren_gevolgd=320,
        map_praktijkuren=12,
        notes="Gaat goed",
    )
    voortgang_services.record_examenresultaat(
        actor=regisseur,
        dossier_id=dossier.pk,
        onderdeel="lezen",
        niveau="b1",
        taken_on=TODAY - datetime.timedelta(days=10),
        uitslag="behaald",
    )
    voortgang_services.save_traject(
        actor=regisseur,
        dossier_id=dossier.pk,
        soort="map",
        expected_version=0,
        data={"status": "lopend", "started_on": TODAY - datetime.timedelta(days=60)},
    )
    pip_services.record_duo_besluit(
        actor=regisseur,
        dossier_id=dossier.pk,
        soort="verlenging",
        dagtekening=TODAY - datetime.timedelta(days=5),
        grond="Ziekte",
        verwijtbaar=False,
        maanden=6,
    )
    dossier.refresh_from_db()
    dossier_services.close_dossier(
        actor=regisseur,
        dossier_id=dossier.pk,
        expected_version=dossier.lock_version,
        status="verhuisd",
        ended_on=TODAY,
        reason="Verhuisd naar Harderwijk",
        new_gemeente="Harderwijk",
    )
    export = DossierExport.objects.get(dossier=dossier, kind=ExportKind.OVERDRACHT)
    render_dossier_export.apply(args=[export.pk])
    export.refresh_from_db()
    assert export.status == RenderStatus.READY
    with export.json_file.open("rb") as stored:
        return stored.read()


_made: dict = {}


def _made_once(team, regisseur) -> tuple[bytes, dict]:
    """The handover file and what its source held, made by the first test that asks (the
    export renders a PDF too); every test then receives the same bytes into its own
    database state, in which the source no longer exists."""
    if not _made:
        raw = _source_file(team, regisseur)
        source = Inburgeraar.objects.get(bsn="111222333")
        pip = Pip.objects.get(dossier=source)
        versie = pip.versies.get(status="vastgesteld")
        _made["raw"] = raw
        _made["held"] = {
            "gemeente": source.gemeente.naam,
            "termijn_start": pip.termijn_start,
            "leerroute": versie.leerroute,
            "taalschool": versie.taalschool,
            "dagtekening": versie.dagtekening,
            "secties": {
                s.leefgebied: (s.situatie, s.doelen)
                for s in versie.secties.exclude(leefgebied="gezondheid")
            },
            "afspraken": {
                (a.sectie.leefgebied, a.wat, a.uiterlijk, a.status)
                for a in Afspraak.objects.filter(sectie__versie=versie).exclude(wie="partner")
            },
            "exams": list(
                Examenresultaat.objects.filter(dossier=source).values_list(
                    "onderdeel", "niveau", "taken_on", "uitslag"
                )
            ),
            "duo": list(DuoBesluit.objects.filter(dossier=source).values_list("soort", "maanden")),
        }
        assert retention.destroy_due(today=TODAY + datetime.timedelta(days=365 * 20)) == 1
        Organisatie.objects.filter(naam="Werkbedrijf Zeewolde").delete()
    return _made["raw"], _made["held"]


@pytest.fixture
def moved(team, regisseur):
    """The handover file, what the source dossier held, and the receiving gemeente's team
    ("another installation": the source and the partner it named do not exist here)."""
    raw, held = _made_once(team, regisseur)
    assert not Inburgeraar.objects.filter(bsn="111222333").exists()
    other_team = factories.TeamFactory(gemeente=factories.GemeenteFactory(naam="Harderwijk"))
    return {
        "raw": raw,
        "held": held,
        "team": other_team,
        "regisseur": factories.regisseur(other_team),
        "teamleider": factories.teamleider(other_team),
    }


def _client(user):
    client = factories.VerifiedClient()
    client.force_login(user)
    return client


def _upload(client, team, raw: bytes, name="overdracht.json"):
    return client.post(
        reverse("receive_handover"),
        {"team": team.pk, "bestand": SimpleUploadedFile(name, raw, "application/json")},
    )


def test_the_received_dossier_shows_what_the_previous_gemeente_held(moved):
    response = _upload(_client(moved["regisseur"]), moved["team"], moved["raw"])
    assert response.status_code == 302 and response.url == reverse("caseload")  # the queue

    dossier = Inburgeraar.objects.get(bsn="111222333")
    held = moved["held"]
    assert (dossier.team, dossier.regisseur, dossier.status) == (
        moved["team"],
        None,
        "uitvoering",
    )
    assert (dossier.surname, dossier.datum_brp_inschrijving) == ("Tesfay", None)
    pip = Pip.objects.get(dossier=dossier)
    assert pip.termijn_start == held["termijn_start"]
    versie = pip.versies.get()
    assert (versie.vorige_gemeente, versie.leerroute, versie.taalschool, versie.dagtekening) == (
        held["gemeente"],  # the gemeente that decided it
        held["leerroute"],
        held["taalschool"],
        held["dagtekening"],
    )
    assert {s.leefgebied: (s.situatie, s.doelen) for s in versie.secties.all()} == held["secties"]
    received = Afspraak.objects.filter(sectie__versie=versie)
    assert {
        (a.sectie.leefgebied, a.wat, a.uiterlijk, a.status) for a in received.exclude(wie="partner")
    } == held["afspraken"]
    unknown = received.get(wie="partner")  # the partner is not known here: named in the text
    assert unknown.organisatie is None and "Werkbedrijf Zeewolde" in unknown.wat
    assert (
        list(
            Examenresultaat.objects.filter(dossier=dossier).values_list(
                "onderdeel", "niveau", "taken_on", "uitslag"
            )
        )
        == held["exams"]
    )
    assert (
        list(DuoBesluit.objects.filter(dossier=dossier).values_list("soort", "maanden"))
        == (held["duo"])
    )
    assert Traject.objects.get(dossier=dossier).status == "lopend"
    assert Voortgangsgesprek.objects.get(dossier=dossier).lesuren_gevolgd == 320
    contact = ContactDetails.objects.get(dossier=dossier)  # how to reach them, not where
    assert (contact.phone, contact.letter_language, contact.street) == ("+31 6 12345678", "ti", "")
    assert AuditEvent.objects.filter(dossier=dossier, action=AuditAction.HANDOVER_RECEIVED).count()


def test_health_never_travels(moved):
    document = json.loads(moved["raw"])
    assert HEALTH not in moved["raw"].decode()
    assert "gezondheid" not in {
        row["leefgebied"] for row in document["records"]["pip_plans.Sectie"]["rows"]
    }
    dossier_services.receive_handover(
        actor=moved["regisseur"], team=moved["team"], raw=moved["raw"]
    )
    assert not Sectie.objects.filter(leefgebied="gezondheid").exists()


def test_the_teamleider_sees_the_previous_plan_read_only(moved):
    dossier = dossier_services.receive_handover(
        actor=moved["teamleider"], team=moved["team"], raw=moved["raw"]
    )
    page = _client(moved["teamleider"]).get(reverse("plan_overview", args=[dossier.pk]))
    text = page.content.decode()
    assert "Plan van de vorige gemeente" in text
    assert "Stage bij de bakker" in text
    assert reverse("request_document", args=[dossier.pk]) not in text  # never printed here
    assert "Eigen plan maken (verhuizing)" in text
    with pytest.raises(pip_services.ServiceError):
        pip_services.request_document(
            actor=moved["teamleider"], versie_id=PipVersie.objects.get(pip__dossier=dossier).pk
        )
    # The new gemeente's own plan starts from it, keeping the route.
    concept = pip_services.start_wijziging(
        actor=moved["teamleider"], pip_id=dossier.pip.pk, reden="verhuizing"
    )
    assert (concept.vorige_gemeente, concept.leerroute) == ("", moved["held"]["leerroute"])
    timeline = _client(moved["teamleider"]).get(reverse("dossier_timeline", args=[dossier.pk]))
    assert f"Ontvangen in een overdracht van {moved['held']['gemeente']}" in (
        timeline.content.decode()
    )


def test_the_same_file_twice_makes_one_dossier(moved):
    client = _client(moved["teamleider"])
    _upload(client, moved["team"], moved["raw"])
    counts = (Inburgeraar.objects.count(), PipVersie.objects.count(), AuditEvent.objects.count())
    response = _upload(client, moved["team"], moved["raw"])
    assert response.status_code == 200
    assert "Dit overdrachtsbestand is al ontvangen." in response.content.decode()
    dossier = Inburgeraar.objects.get(bsn="111222333")
    assert dossier.get_absolute_url() in response.content.decode()
    assert Overdracht.objects.count() == 1
    assert counts[:2] == (Inburgeraar.objects.count(), PipVersie.objects.count())


def test_a_bsn_with_an_open_dossier_here_is_refused_with_a_link(moved):
    here = factories.InburgeraarFactory(
        team=moved["team"], regisseur=moved["regisseur"], bsn="111222333", surname="Hier"
    )
    response = _upload(_client(moved["regisseur"]), moved["team"], moved["raw"])
    text = response.content.decode()
    assert "Er bestaat al een dossier met dit BSN." in text
    assert here.get_absolute_url() in text
    assert Inburgeraar.objects.count() == 1 and not Overdracht.objects.exists()
    with pytest.raises(DuplicateBsnError):
        dossier_services.receive_handover(
            actor=moved["regisseur"], team=moved["team"], raw=moved["raw"]
        )


def _every_string(value, replace):
    if isinstance(value, dict):
        return {key: _every_string(item, replace) for key, item in value.items()}
    if isinstance(value, list):
        return [_every_string(item, replace) for item in value]
    return replace(value) if isinstance(value, str) else value


def _heading(document: dict) -> dict:
    """What says which file this is, kept so the file is read as far as its content."""
    return {name: document[name] for name in ("format", "kind", "generated_at")}


def _variant(raw: bytes, change) -> bytes:
    document = json.loads(raw)
    change(document)
    return json.dumps(document).encode()


def _hostile(raw: bytes) -> dict[str, tuple[bytes, str]]:
    """Files that must be refused, with the Dutch words the refusal says."""
    markup = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    return {
        "malformed": (b"{dit is geen json", "niet worden gelezen"),
        "truncated": (raw[: len(raw) // 2], "onvolledig"),
        "binary": (bytes(range(256)), "geen tekstbestand"),
        "not a document": (b"[1, 2, 3]", "geen overdrachtsbestand van deze toepassing"),
        "wrong version": (
            _variant(raw, lambda d: d.update(format="inburgering-dossier-export/1")),
            "versie 1",
        ),
        "an inzage export": (
            _variant(raw, lambda d: d.update(kind="inzage")),
            "niet om een overdracht",
        ),
        "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "dieper genest"),
        "nested in a value": (
            _variant(raw, lambda d: d["personal_data"].update(surname=[[[[[[[["x"]]]]]]]])),
            "dieper genest",
        ),
        "huge": (raw + b" " * 2_000_000, "groter dan"),
        "markup in every string": (
            _variant(raw, lambda d: d.update(_every_string(d, lambda s: markup), **_heading(d))),
            "Persoonsgegevens – BSN",
        ),
        "a null character": (
            _variant(raw, lambda d: d["personal_data"].update(surname="Tes\x00fay")),
            "nul-teken",
        ),
        "a bad row": (
            _variant(
                raw,
                lambda d: d["records"]["voortgang.Examenresultaat"]["rows"][0].update(
                    taken_on="2199-01-01", uitslag="geslaagd!"
                ),
            ),
            "Examenresultaat 1",
        ),
        "digits other than 0-9": (
            _variant(
                raw,
                lambda d: d["records"]["voortgang.Voortgangsgesprek"]["rows"][0].update(
                    lesuren_gevolgd="٣٢٠"
                ),
            ),
            "cijfers 0 tot en met 9",
        ),
        "records of another shape": (
            _variant(raw, lambda d: d.update(records={"pip_plans.Pip": "geen lijst"})),
            "niet in de vorm van een overdracht",
        ),
    }


HOSTILE = [
    "malformed",
    "truncated",
    "binary",
    "not a document",
    "wrong version",
    "an inzage export",
    "deeply nested",
    "nested in a value",
    "huge",
    "markup in every string",
    "a null character",
    "a bad row",
    "digits other than 0-9",
    "records of another shape",
]


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_file_that_is_not_sound_is_refused_in_dutch_and_creates_nothing(moved, kind):
    raw, words = _hostile(moved["raw"])[kind]
    before = (Inburgeraar.objects.count(), Pip.objects.count(), AuditEvent.objects.count())
    response = _upload(_client(moved["teamleider"]), moved["team"], raw)
    assert response.status_code == 200
    text = response.content.decode()
    assert words in text, kind
    assert 'id="error-summary"' in text
    assert "<script>alert" not in text
    assert before[:2] == (Inburgeraar.objects.count(), Pip.objects.count())
    assert not Overdracht.objects.exists()


def test_markup_in_free_text_is_kept_as_text(moved):
    document = json.loads(moved["raw"])
    for row in document["records"]["pip_plans.Sectie"]["rows"]:
        row["situatie"] = "<b>vet</b><script>alert(1)</script>"
    dossier = dossier_services.receive_handover(
        actor=moved["teamleider"], team=moved["team"], raw=json.dumps(document).encode()
    )
    page = _client(moved["teamleider"]).get(reverse("plan_overview", args=[dossier.pk]))
    text = page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert(1)" not in text


def test_every_problem_is_named(moved):
    document = json.loads(moved["raw"])
    document["personal_data"].update(bsn="123", date_of_birth="2999-01-01")
    with pytest.raises(handover.HandoverRefused) as refused:
        dossier_services.receive_handover(
            actor=moved["teamleider"], team=moved["team"], raw=json.dumps(document).encode()
        )
    problems = " ".join(refused.value.problems)
    assert "BSN" in problems and "Geboortedatum" in problems
    assert FORMAT.endswith("/2")


@override_settings(HANDOVER_MAX_BYTES=1000)
def test_the_size_limit_is_a_setting(moved):
    with pytest.raises(handover.HandoverRefused, match="groter dan"):
        dossier_services.receive_handover(
            actor=moved["teamleider"], team=moved["team"], raw=moved["raw"]
        )


def test_receiving_a_full_file_takes_under_a_second(moved, capsys):
    started = time.perf_counter()
    dossier_services.receive_handover(
        actor=moved["teamleider"], team=moved["team"], raw=moved["raw"]
    )
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nhandover import: {len(moved['raw'])} bytes in {seconds * 1000:.0f} ms")
    assert seconds < 1.0


def test_the_upload_page_asks_the_same_queries_whatever_the_caseload(moved, queries):
    client = _client(moved["regisseur"])
    url = reverse("receive_handover")
    few = queries.get(client, url)
    factories.many_dossiers(moved["team"], 30, regisseur=moved["regisseur"])
    queries.assert_same_count(few, queries.get(client, url))
