"""Inzage (AVG art. 15) and the handover export: everything of one dossier, nothing of others."""

import datetime
import io
import json
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse
from pypdf import PdfReader

from inburgering.celery import app
from inburgering.choices import ExportKind, Role
from inburgering.models import AuditEvent, Deling, DossierExport
from inburgering.privacy import inzage
from inburgering.sharing import services as sharing_services
from intake import services as intake_services
from intake.models import Bevinding
from pip_plans import services as pip_services
from pip_plans.models import PipVersie
from tests import factories
from voortgang.models import Signaal, Voortgangsgesprek


def _seeded(team, regisseur, surname, tag):
    """A dossier with findings in three leefgebieden (health among them), a fixed plan and a
    new concept, two talks, two signals, a share that ended and one that runs, and a partner
    who looked at it."""
    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur, surname=surname)
    intake = intake_services.start_intake(actor=regisseur, dossier=dossier)
    intake.bevindingen.create(leefgebied="werk", current_situation=f"{tag} werkervaring")
    intake.bevindingen.create(leefgebied="wonen", current_situation=f"{tag} woning")
    intake.bevindingen.create(leefgebied="gezondheid", physical_health=f"{tag} rugklachten")
    fixed = factories.fixed_plan(dossier, regisseur, afspraken=[("werk", f"{tag} stage")])
    pip_services.start_wijziging(actor=regisseur, pip_id=fixed.pip_id, reden="anders")
    Voortgangsgesprek.objects.create(  # an earlier talk, held
        dossier=dossier,
        versie=fixed,
        status="afgerond",
        planned_on=datetime.date(2026, 3, 1),
        held_on=datetime.date(2026, 3, 2),
    )
    factories.signaal(dossier, regisseur, subject=f"{tag} schulden")
    factories.signaal(dossier, regisseur, leefgebied="wonen", subject=f"{tag} huur")
    werk = factories.OrganisatieFactory(naam=f"Werkbedrijf {tag}", domeinen=["werk"])
    wonen = factories.OrganisatieFactory(naam=f"Woningcorporatie {tag}", domeinen=["wonen"])
    factories.share(dossier, regisseur, werk)
    factories.share(dossier, regisseur, wonen)
    sharing_services.revoke_share(
        actor=regisseur, deling_id=dossier.delingen.get(domein="wonen").pk, reden="Klaar"
    )
    partner = factories.user_with_role(Role.KETENPARTNER, organisatie=werk)
    partner.groups.add(werk.group)
    partner_client = factories.VerifiedClient()
    partner_client.force_login(partner)
    assert partner_client.get(dossier.get_absolute_url()).status_code == 200
    return dossier


@pytest.fixture
def seeded(team, regisseur):
    _seeded(team, regisseur, "Anderman", "ANDERS")  # another person's dossier, same caseload
    return _seeded(team, regisseur, "Haddad", "EIGEN")


def _json(dossier, kind=ExportKind.INZAGE) -> dict:
    return json.loads(inzage.as_json(inzage.collect(dossier, kind)))


def test_the_inzage_holds_every_record_of_the_dossier(seeded):
    document = _json(seeded)
    records = document["records"]

    def rows(label):
        return len(records[label]["rows"])

    assert rows("intake.Bevinding") == Bevinding.objects.filter(intake__dossier=seeded).count()
    assert rows("intake.Bevinding") == 3
    assert rows("pip_plans.PipVersie") == PipVersie.objects.filter(pip__dossier=seeded).count()
    assert rows("pip_plans.PipVersie") == 2
    assert rows("voortgang.Voortgangsgesprek") == 2
    assert rows("voortgang.Voortgangsgesprek") == seeded.voortgangsgesprekken.count()
    assert rows("voortgang.Signaal") == Signaal.objects.filter(dossier=seeded).count() == 2
    assert rows("inburgering.Deling") == Deling.objects.filter(dossier=seeded).count() == 1
    assert document["personal_data"]["bsn"] == seeded.bsn


def test_the_inzage_says_with_whom_data_was_shared_and_who_saw_it(seeded):
    document = _json(seeded)
    shares = {(share["organisation"], share["ended_on"] is None) for share in document["shares"]}
    assert shares == {("Werkbedrijf EIGEN", True), ("Woningcorporatie EIGEN", False)}
    ended = next(share for share in document["shares"] if share["ended_on"])
    assert ended["ended_reason"] == "Klaar"
    seen = {(row["organisation"], row["domein"]) for row in document["made_visible_to"]}
    assert ("Werkbedrijf EIGEN", "werk") in seen
    changes = [change for entry in document["history"] for change in entry["changes"]]
    assert any(change["new"] == "EIGEN schulden" for change in changes)


def test_the_inzage_holds_nothing_of_another_dossier(seeded):
    other = factories.InburgeraarFactory._meta.model.objects.get(surname="Anderman")
    collected = inzage.collect(seeded, ExportKind.INZAGE)
    text = inzage.as_json(collected).decode()
    pdf = PdfReader(io.BytesIO(inzage.as_pdf(collected)))
    printed = "".join(page.extract_text() for page in pdf.pages)
    for found in (text, printed):
        assert "EIGEN stage" in found and "Haddad" in found
        assert "ANDERS" not in found and "Anderman" not in found and other.bsn not in found
    assert pdf.metadata.title.startswith("Inzage in uw gegevens")


def test_a_handover_holds_the_current_data_without_health_or_history(seeded):
    document = _json(seeded, ExportKind.OVERDRACHT)
    leefgebieden = {row["leefgebied"] for row in document["records"]["intake.Bevinding"]["rows"]}
    assert leefgebieden == {"werk", "wonen"}
    assert "rugklachten" not in json.dumps(document)
    assert document["history"] == [] and document["shares"] == []


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_makes_the_export_and_the_download_is_logged():
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team)
    dossier = _seeded(team, regisseur, "Haddad", "EIGEN")
    client = factories.VerifiedClient()
    client.force_login(regisseur)
    url = reverse("dossier_exports", kwargs={"dossier_id": dossier.pk})
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        assert client.post(url).status_code == 302
        export = DossierExport.objects.get(dossier=dossier)
        deadline = time.monotonic() + 60
        while export.status == "pending":
            assert time.monotonic() < deadline, "the worker did not make the export"
            time.sleep(0.2)
            export.refresh_from_db()
    assert export.status == "ready"
    page = client.get(url).content.decode()
    for fmt in ("pdf", "json"):
        download = reverse(
            "dossier_export_download",
            kwargs={"dossier_id": dossier.pk, "export_id": export.pk, "fmt": fmt},
        )
        assert f'href="{download}"' in page
        response = client.get(download)
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF" if fmt == "pdf" else b"{")
    logged = AuditEvent.objects.filter(dossier=dossier, action="exported", actor=regisseur)
    assert sorted(logged.values_list("detail", flat=True)) == ["inzage json", "inzage pdf"]
    assert AuditEvent.objects.filter(dossier=dossier, action="export_requested").count() == 1
    assert Voortgangsgesprek.objects.filter(dossier=dossier).count() == 2
