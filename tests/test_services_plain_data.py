"""Every write service from plain data, without HTTP: keyword arguments, dicts and lists of
rows, as a Celery task, a command or the demo data would pass them. The services check their
own rules, so no caller can skip one."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from inburgering import rendered_files
from inburgering.choices import DossierStatus, Role
from inburgering.demo import demo_bsn
from inburgering.dossier import services as dossier_services
from inburgering.models import AuditEvent, Deling, DossierExport, Inburgeraar
from inburgering.privacy import services as privacy_services
from inburgering.services import ConcurrentEditError, ServiceError
from inburgering.sharing import services as sharing_services
from intake import services as intake_services
from intake.models import Kind, Werkervaring
from pip_plans import services as pip_services
from pip_plans.models import Afspraak, PipDocument
from tests import factories
from voortgang import services as voortgang_services
from voortgang.models import GesprekStatus, Herinnering, Voortgangsgesprek

TODAY = timezone.localdate()


@pytest.fixture
def intake(dossier, regisseur):
    return intake_services.start_intake(actor=regisseur, dossier=dossier)


@pytest.fixture
def concept(dossier, regisseur):
    return pip_services.create_pip(actor=regisseur, dossier=dossier)


# --- The core ------------------------------------------------------------------------------


def test_register_inburgeraar(team, regisseur):
    dossier = dossier_services.register_inburgeraar(
        actor=regisseur,
        team=team,
        data={
            "bsn": demo_bsn(7),
            "surname": "Haddad",
            "date_of_birth": datetime.date(1990, 1, 1),
            "doelgroep": "asielstatushouder",
            "datum_start_inburgeringsplicht": datetime.date(2024, 3, 1),
        },
    )
    assert (dossier.regisseur, dossier.status, dossier.regime) == (regisseur, "aangemeld", "wi2021")
    assert dossier.history.get().history_user == regisseur


def test_the_personal_data_services_change_nothing_else(dossier, regisseur, team):
    """Status, team and regisseur change through their own services, never as personal data."""
    before = (dossier.surname, dossier.status)
    with pytest.raises(ValueError, match="status"):
        dossier_services.update_personal_data(
            actor=regisseur,
            dossier_id=dossier.pk,
            expected_version=dossier.lock_version,
            data={"surname": "Ander", "status": DossierStatus.AFGEROND},
        )
    with pytest.raises(ValueError, match="regisseur"):
        dossier_services.register_inburgeraar(
            actor=regisseur, team=team, data={"surname": "Nieuw", "regisseur": None}
        )
    dossier.refresh_from_db()
    assert (dossier.surname, dossier.status) == before
    assert not Inburgeraar.objects.filter(surname="Nieuw").exists()


def test_grant_shares_and_expire_shares(dossier, regisseur):
    werkbedrijf = factories.OrganisatieFactory(domeinen=["werk"])
    [deling] = sharing_services.grant_shares(
        actor=regisseur,
        dossier=dossier,
        organisatie=werkbedrijf,
        domeinen=["werk"],
        may_note=False,
        grondslag="wettelijke_taak",
        wettelijk_artikel="art. 6 lid 1 sub e AVG",
        valid_until=TODAY,
        reden="Begeleiding naar werk",
    )
    assert deling.history.get().history_user == regisseur
    assert sharing_services.expire_shares(today=TODAY) == 0
    assert sharing_services.expire_shares(today=TODAY + datetime.timedelta(days=1)) == 1
    assert not Deling.objects.exists()


def test_the_shares_of_a_dossier_end_with_it(dossier, regisseur):
    (deling,) = factories.share(dossier, regisseur, factories.OrganisatieFactory())
    ended = sharing_services.end_shares_of_dossier(actor=regisseur, dossier=dossier, reason="Klaar")
    assert [(share.organisatie_id, share.domein) for share in ended] == [
        (deling.organisatie_id, deling.domein)
    ]
    assert not Deling.objects.exists()
    assert AuditEvent.objects.get(action="share_ended").payload["cause"] == "dossier_closed"


def test_an_export_is_asked_for_marked_failed_made_and_removed(dossier, regisseur):
    export = privacy_services.request_export(actor=regisseur, dossier=dossier, kind="inzage")
    rendered_files.mark_failed(DossierExport, export.pk)
    export.refresh_from_db()
    assert export.status == "failed"
    export = privacy_services.render_export(export_id=export.pk)
    assert export.status == "ready" and export.pdf_file and export.json_file
    assert privacy_services.remove_export_files(dossier.pk) == 2


# --- The intake ----------------------------------------------------------------------------


def test_a_finding_saves_its_lists_from_plain_rows(intake, regisseur):
    gesprek = intake_services.save_intakegesprek(
        actor=regisseur,
        intake_id=intake.pk,
        data={"held_on": datetime.date(2025, 1, 6), "kanaal": "locatie"},
    )
    bevinding = intake_services.save_bevinding(
        actor=regisseur,
        intake_id=intake.pk,
        leefgebied="werk",
        expected_version=0,
        data={"gesprek": gesprek, "current_situation": "Werkte als lasser"},
        opleidingen=[{"niveau": "basis", "years": 6}],
        werkervaringen=[{"profession": "Lasser", "years": 8}, {"profession": "Kok"}],
    )
    assert (bevinding.gesprek, bevinding.domein) == (gesprek, "werk")
    lasser = Werkervaring.objects.get(profession="Lasser")
    kok = Werkervaring.objects.get(profession="Kok")
    bevinding = intake_services.save_bevinding(
        actor=regisseur,
        intake_id=intake.pk,
        leefgebied="werk",
        expected_version=bevinding.lock_version,
        data={"current_situation": "Lasser, nu zonder werk"},
        werkervaringen=[
            {"id": lasser.pk, "delete": False, "years": 9},
            {"id": kok.pk, "delete": True},
        ],
    )
    assert list(intake.werkervaringen.values_list("profession", "years")) == [("Lasser", 9)]
    assert intake.opleidingen.get().niveau == "basis"  # a list not passed is left as it is
    removed = Werkervaring.history.filter(history_type="-").get()
    assert (removed.profession, removed.history_user) == ("Kok", regisseur)
    assert bevinding.lock_version == 1
    with pytest.raises(ConcurrentEditError):
        intake_services.save_bevinding(
            actor=regisseur,
            intake_id=intake.pk,
            leefgebied="werk",
            expected_version=0,
            data={"current_situation": "Oud"},
        )


def test_a_finding_refuses_rows_and_conversations_of_another_intake(
    intake, regisseur, team, dossier
):
    other = intake_services.start_intake(
        actor=regisseur, dossier=factories.InburgeraarFactory(team=team, regisseur=regisseur)
    )
    intake_services.save_bevinding(
        actor=regisseur,
        intake_id=other.pk,
        leefgebied="jeugd",
        expected_version=0,
        data={},
        kinderen=[{"given_name": "Lina", "date_of_birth": datetime.date(2021, 4, 2)}],
    )
    kind = Kind.objects.get()
    with pytest.raises(ConcurrentEditError):
        intake_services.save_bevinding(
            actor=regisseur,
            intake_id=intake.pk,
            leefgebied="jeugd",
            expected_version=0,
            data={},
            kinderen=[{"id": kind.pk, "given_name": "Overschreven"}],
        )
    assert Kind.objects.get().given_name == "Lina"
    other_gesprek = intake_services.save_intakegesprek(
        actor=regisseur,
        intake_id=other.pk,
        data={"held_on": datetime.date(2025, 1, 6), "kanaal": "video"},
    )
    with pytest.raises(ServiceError):
        intake_services.save_bevinding(
            actor=regisseur,
            intake_id=intake.pk,
            leefgebied="taal",
            expected_version=0,
            data={"gesprek": other_gesprek},
        )
    with pytest.raises(ValueError):  # children belong to the jeugd finding only
        intake_services.save_bevinding(
            actor=regisseur,
            intake_id=intake.pk,
            leefgebied="taal",
            expected_version=0,
            data={},
            kinderen=[{"given_name": "Lina", "date_of_birth": datetime.date(2021, 4, 2)}],
        )
    with pytest.raises(ValueError):  # a field of another leefgebied
        intake_services.save_bevinding(
            actor=regisseur,
            intake_id=intake.pk,
            leefgebied="taal",
            expected_version=0,
            data={"woonsituatie": "azc"},
        )


def test_a_conversation_is_recorded_and_changed(intake, regisseur):
    gesprek = intake_services.save_intakegesprek(
        actor=regisseur,
        intake_id=intake.pk,
        data={"held_on": datetime.date(2025, 1, 6), "kanaal": "locatie", "leefgebieden": ["taal"]},
    )
    intake_services.save_intakegesprek(
        actor=regisseur, intake_id=intake.pk, gesprek_id=gesprek.pk, data={"kanaal": "video"}
    )
    gesprek.refresh_from_db()
    assert (gesprek.kanaal, gesprek.leefgebieden) == ("video", ["taal"])
    assert gesprek.history.count() == 2


def test_an_invitation_is_recorded_with_its_dates_in_order(intake, regisseur):
    with pytest.raises(ServiceError):
        intake_services.record_uitnodiging(
            actor=regisseur,
            intake_id=intake.pk,
            sent_on=datetime.date(2025, 1, 6),
            appointment_on=datetime.date(2025, 1, 1),
        )
    invitation = intake_services.record_uitnodiging(
        actor=regisseur,
        intake_id=intake.pk,
        sent_on=datetime.date(2025, 1, 1),
        appointment_on=datetime.date(2025, 1, 6),
    )
    assert (invitation.opkomst, invitation.history.get().history_user) == ("open", regisseur)


def test_the_exemption_clears_the_test_outcome(intake, regisseur):
    test = intake_services.save_leerbaarheidstoets(
        actor=regisseur,
        intake_id=intake.pk,
        expected_version=0,
        data={"taken_on": datetime.date(2025, 2, 1), "indicated_route": "b1"},
    )
    test = intake_services.save_leerbaarheidstoets(
        actor=regisseur,
        intake_id=intake.pk,
        expected_version=test.lock_version,
        data={"vrijstelling": "visueel", "vrijstelling_reason": "Blind"},
    )
    assert (test.taken_on, test.indicated_route, test.lock_version) == (None, "", 1)
    with pytest.raises(ConcurrentEditError):
        intake_services.save_leerbaarheidstoets(
            actor=regisseur, intake_id=intake.pk, expected_version=0, data={"vrijstelling": ""}
        )


def test_completing_checks_the_legal_parts_itself(intake, regisseur, dossier):
    """No caller hands in the completeness check: an intake without its legal parts is refused
    whoever calls, and completes once they are on file."""
    advice = {"advised_leerroute": "b1", "advice_reasoning": "Leert snel"}
    with pytest.raises(ServiceError):
        intake_services.complete_intake(
            actor=regisseur, intake_id=intake.pk, expected_version=0, data=advice
        )
    intake_services.save_leerbaarheidstoets(
        actor=regisseur,
        intake_id=intake.pk,
        expected_version=0,
        data={"taken_on": datetime.date(2025, 2, 1), "indicated_route": "b1"},
    )
    intake_services.save_bevinding(
        actor=regisseur,
        intake_id=intake.pk,
        leefgebied="werk",
        expected_version=0,
        data={},
        opleidingen=[{"niveau": "basis"}],
        werkervaringen=[{"profession": "Kapper"}],
    )
    with pytest.raises(ServiceError):  # personal circumstances still missing
        intake_services.complete_intake(
            actor=regisseur, intake_id=intake.pk, expected_version=0, data=advice
        )
    intake_services.save_bevinding(
        actor=regisseur,
        intake_id=intake.pk,
        leefgebied="gezondheid",
        expected_version=0,
        data={"physical_health": "Goed", "mental_health": "Moe"},
    )
    completed = intake_services.complete_intake(
        actor=regisseur,
        intake_id=intake.pk,
        expected_version=0,
        data=advice,
        today=datetime.date(2025, 3, 1),
    )
    dossier.refresh_from_db()
    assert (completed.status, completed.completed_on) == ("afgerond", datetime.date(2025, 3, 1))
    assert dossier.status == DossierStatus.PLAN


# --- The plan ------------------------------------------------------------------------------


def test_a_section_saves_its_afspraken_from_plain_rows(concept, regisseur):
    werkbedrijf = factories.OrganisatieFactory(domeinen=["werk"])
    sectie = pip_services.save_sectie(
        actor=regisseur,
        versie_id=concept.pk,
        expected_version=0,
        leefgebied="werk",
        data={"situatie": "Zoekt werk", "doelen": "Een werkplek"},
        afspraken=[
            {"wat": "Werkplek zoeken", "wie": "partner", "organisatie": werkbedrijf},
            {"wat": "Cv maken", "wie": "inburgeraar", "organisatie": werkbedrijf},
        ],
    )
    assert (sectie.situatie, sectie.domein) == ("Zoekt werk", "werk")
    plek = Afspraak.objects.get(wat="Werkplek zoeken")
    cv = Afspraak.objects.get(wat="Cv maken")
    assert (plek.organisatie, cv.organisatie) == (werkbedrijf, None)  # only a partner's has one
    pip_services.save_sectie(
        actor=regisseur,
        versie_id=concept.pk,
        expected_version=1,
        leefgebied="werk",
        data={},
        afspraken=[{"id": plek.pk, "status": "lopend"}, {"id": cv.pk, "delete": True}],
    )
    assert list(sectie.afspraken.values_list("wat", "status")) == [("Werkplek zoeken", "lopend")]
    assert Afspraak.history.filter(history_type="-").get().history_user == regisseur
    concept.refresh_from_db()
    assert concept.lock_version == 2


def test_a_section_refuses_a_stale_concept_a_partner_without_name_and_other_rows(
    concept, regisseur
):
    taal = pip_services.save_sectie(
        actor=regisseur,
        versie_id=concept.pk,
        expected_version=0,
        leefgebied="taal",
        data={},
        afspraken=[{"wat": "Taalschool", "wie": "inburgeraar"}],
    )
    with pytest.raises(ConcurrentEditError):
        pip_services.save_sectie(
            actor=regisseur,
            versie_id=concept.pk,
            expected_version=0,
            leefgebied="werk",
            data={"situatie": "Oud"},
            afspraken=[],
        )
    with pytest.raises(ServiceError):
        pip_services.save_sectie(
            actor=regisseur,
            versie_id=concept.pk,
            expected_version=1,
            leefgebied="werk",
            data={},
            afspraken=[{"wat": "Werkplek zoeken", "wie": "partner"}],
        )
    with pytest.raises(ConcurrentEditError):  # an afspraak of the taal section
        pip_services.save_sectie(
            actor=regisseur,
            versie_id=concept.pk,
            expected_version=1,
            leefgebied="werk",
            data={},
            afspraken=[{"id": taal.afspraken.get().pk, "wat": "Overschreven"}],
        )
    assert Afspraak.objects.get().wat == "Taalschool"


def test_the_unburdening_is_saved_for_those_the_law_names(dossier, regisseur):
    concept = pip_services.create_pip(actor=regisseur, dossier=dossier)
    unburdening = {"items": ["huur", "energie"], "machtiging_getekend_op": None}
    with pytest.raises(ServiceError):  # no social assistance on file
        pip_services.save_ontzorging(
            actor=regisseur, versie_id=concept.pk, expected_version=0, **unburdening
        )
    dossier_services.update_personal_data(
        actor=regisseur,
        dossier_id=dossier.pk,
        expected_version=dossier.lock_version,
        data={"datum_start_bijstand": datetime.date(2026, 1, 1)},
    )
    ontzorging = pip_services.save_ontzorging(
        actor=regisseur, versie_id=concept.pk, expected_version=0, **unburdening
    )
    assert (ontzorging.items, ontzorging.geplande_einddatum) == (
        ["huur", "energie"],
        datetime.date(2026, 6, 30),  # the last day of the six months
    )


def test_an_afspraak_status_of_the_plan_in_force(dossier, regisseur):
    factories.fixed_plan(dossier, regisseur, afspraken=[("taal", "Taalschool")])
    afspraak = Afspraak.objects.get(sectie__versie__status="vastgesteld")
    pip_services.update_afspraak_status(
        actor=regisseur,
        dossier=dossier,
        afspraak_id=afspraak.pk,
        status="lopend",
        previous_status="open",
    )
    with pytest.raises(ConcurrentEditError):
        pip_services.update_afspraak_status(
            actor=regisseur,
            dossier=dossier,
            afspraak_id=afspraak.pk,
            status="gedaan",
            previous_status="open",
        )
    afspraak.refresh_from_db()
    assert afspraak.status == "lopend"


def test_a_document_is_marked_failed_and_its_files_removed(dossier, regisseur):
    fixed = factories.fixed_plan(dossier, regisseur)
    document = pip_services.request_document(actor=regisseur, versie_id=fixed.pk)
    rendered_files.mark_failed(PipDocument, document.pk)
    document.refresh_from_db()
    assert document.status == "failed"
    stored = PipDocument.objects.get(pk=document.pk)
    stored.file.save("plan.pdf", ContentFile(b"%PDF-1.7"))
    assert pip_services.remove_dossier_files(dossier.pk) == 1


# --- Progress ------------------------------------------------------------------------------


def test_a_planned_talk_is_cancelled_and_a_reminder_dismissed(dossier, regisseur):
    factories.fixed_plan(dossier, regisseur)  # long ago: the first talk is overdue
    gesprek = Voortgangsgesprek.objects.get(dossier=dossier, status=GesprekStatus.GEPLAND)
    herinnering = Herinnering.objects.get(gesprek=gesprek, recipient=regisseur)
    voortgang_services.dismiss_herinnering(actor=regisseur, herinnering_id=herinnering.pk)
    voortgang_services.dismiss_herinnering(actor=regisseur, herinnering_id=herinnering.pk)
    herinnering.refresh_from_db()
    assert herinnering.dismissed_at is not None
    with pytest.raises(ConcurrentEditError):
        voortgang_services.cancel_gesprek(
            actor=regisseur, gesprek_id=gesprek.pk, expected_version=gesprek.lock_version + 1
        )
    voortgang_services.cancel_gesprek(
        actor=regisseur, gesprek_id=gesprek.pk, expected_version=gesprek.lock_version
    )
    assert not Voortgangsgesprek.objects.filter(pk=gesprek.pk).exists()


def test_a_report_refuses_what_the_actor_may_not_write(dossier, regisseur, team):
    """The report names its notes and afspraken by leefgebied and id; a note in a leefgebied
    the actor does not see, or an afspraak of another plan, is refused."""
    factories.fixed_plan(dossier, regisseur, afspraken=[("taal", "Taalschool")])
    gesprek = Voortgangsgesprek.objects.get(dossier=dossier, status=GesprekStatus.GEPLAND)
    other = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    factories.fixed_plan(other, regisseur, afspraken=[("taal", "Elders")])
    elders = Afspraak.objects.get(wat="Elders")
    with pytest.raises(ServiceError):
        voortgang_services.save_verslag(
            actor=regisseur,
            gesprek_id=gesprek.pk,
            expected_version=gesprek.lock_version,
            data={"held_on": TODAY},
            afspraken=[{"afspraak_id": elders.pk, "status": "gedaan", "comment": ""}],
        )
    partner = factories.user_with_role(
        Role.KETENPARTNER, organisatie=factories.OrganisatieFactory(domeinen=["werk"])
    )
    with pytest.raises(ServiceError):
        voortgang_services.save_verslag(
            actor=partner,
            gesprek_id=gesprek.pk,
            expected_version=gesprek.lock_version,
            data={"held_on": TODAY},
            notities={"gezondheid": "Slaapt slecht"},
        )
    elders.refresh_from_db()
    assert elders.status == "open"
