"""Talks and signals through their services: planning, the report, the conclusion, owners."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from inburgering.services import ConcurrentEditError, ServiceError
from pip_plans.models import Afspraak, PipVersie
from tests import factories
from voortgang import services
from voortgang.models import (
    AfspraakVoortgang,
    Examenresultaat,
    GesprekStatus,
    Herinnering,
    Signaal,
    Voortgangsgesprek,
)
from voortgang.selectors import gesprek_detail

TODAY = timezone.localdate()


@pytest.fixture
def plan(dossier, regisseur):
    return factories.fixed_plan(
        dossier,
        regisseur,
        dagtekening=TODAY - datetime.timedelta(days=7),
        afspraken=[("taal", "Elke week naar de taalschool"), ("inkomen", "Budgetcursus volgen")],
    )


@pytest.fixture
def gesprek(plan, dossier):
    return Voortgangsgesprek.objects.get(dossier=dossier, status=GesprekStatus.GEPLAND)


def test_fixing_the_plan_plans_the_first_talk_at_the_agreed_frequency(plan, gesprek, regisseur):
    assert gesprek.versie == plan
    assert gesprek.planned_on == plan.dagtekening + datetime.timedelta(weeks=12)
    assert gesprek.history.get().history_user == regisseur


def test_only_one_talk_is_planned_at_a_time(gesprek, regisseur, dossier):
    with pytest.raises(ServiceError):
        services.plan_gesprek(actor=regisseur, dossier=dossier, planned_on=TODAY)


def test_talks_need_a_fixed_plan(regisseur, dossier):
    with pytest.raises(ServiceError):
        services.plan_gesprek(actor=regisseur, dossier=dossier, planned_on=TODAY)


def test_moving_a_talk_checks_the_version(gesprek, regisseur):
    services.reschedule_gesprek(
        actor=regisseur, gesprek_id=gesprek.pk, expected_version=0, planned_on=TODAY
    )
    with pytest.raises(ConcurrentEditError):
        services.reschedule_gesprek(
            actor=regisseur, gesprek_id=gesprek.pk, expected_version=0, planned_on=TODAY
        )
    gesprek.refresh_from_db()
    assert (gesprek.planned_on, gesprek.lock_version) == (TODAY, 1)


def _verslag(gesprek, regisseur, *, notities=None, examens=None, partners=(), **data):
    """The report from plain data, as a task or an import would give it (no form)."""
    detail = gesprek_detail(regisseur, gesprek.dossier, gesprek)
    taal, inkomen = (row.afspraak for row in detail.afspraken)
    return services.save_verslag(
        actor=regisseur,
        gesprek_id=gesprek.pk,
        expected_version=gesprek.lock_version,
        data={
            "held_on": TODAY,
            "inburgeraar_present": True,
            "lesuren_gevolgd": 320,
            "uren_geoorloofd_verzuim": 8,
            "uren_ongeoorloofd_verzuim": 2,
            **data,
        },
        partners=partners,
        notities=(
            {"taal": "Gaat goed vooruit", "inkomen": "Heeft betalingsachterstanden"}
            if notities is None
            else notities
        ),
        afspraken=[
            {"afspraak_id": taal.pk, "status": "lopend", "comment": "Twee keer gemist"},
            {"afspraak_id": inkomen.pk, "status": "open", "comment": ""},
        ],
        examens=(
            [
                {
                    "id": None,
                    "onderdeel": "lezen",
                    "niveau": "b1",
                    "taken_on": TODAY - datetime.timedelta(days=3),
                    "uitslag": "behaald",
                }
            ]
            if examens is None
            else examens
        ),
    )


def test_the_report_records_notes_figures_afspraken_and_exams(gesprek, regisseur):
    gesprek = _verslag(gesprek, regisseur)
    assert (gesprek.status, gesprek.held_on, gesprek.lesuren_gevolgd) == ("gehouden", TODAY, 320)
    assert {n.leefgebied: n.text for n in gesprek.notities.all()} == {
        "taal": "Gaat goed vooruit",
        "inkomen": "Heeft betalingsachterstanden",
    }
    assert gesprek.notities.get(leefgebied="inkomen").domein == "inkomen"
    taal = Afspraak.objects.get(wat="Elke week naar de taalschool")
    assert taal.status == "lopend"  # the afspraak's current status follows the talk
    assert AfspraakVoortgang.objects.get(afspraak=taal).comment == "Twee keer gemist"
    resultaat = Examenresultaat.objects.get(gesprek=gesprek)
    assert (resultaat.onderdeel, resultaat.uitslag) == ("lezen", "behaald")
    assert resultaat.history.get().history_user == regisseur
    assert not Herinnering.objects.filter(gesprek=gesprek, resolved_at=None).exists()


def test_an_emptied_note_is_removed_with_history(gesprek, regisseur):
    gesprek = _verslag(gesprek, regisseur)
    _verslag(gesprek, regisseur, notities={"taal": "Gaat goed vooruit", "inkomen": ""}, examens=[])
    assert list(gesprek.notities.values_list("leefgebied", flat=True)) == ["taal"]
    deleted = gesprek.notities.model.history.filter(history_type="-").get()
    assert (deleted.leefgebied, deleted.history_user) == ("inkomen", regisseur)


def _conclude(gesprek, actor, **data):
    gesprek.refresh_from_db()
    return services.conclude_gesprek(
        actor=actor, gesprek_id=gesprek.pk, expected_version=gesprek.lock_version, data=data
    )


def test_a_talk_is_concluded_only_after_it_was_recorded(gesprek, regisseur):
    with pytest.raises(ServiceError):
        _conclude(gesprek, regisseur, conclusie="doorgaan")


def test_continuing_plans_the_next_talk(gesprek, regisseur, dossier):
    _verslag(gesprek, regisseur)
    concluded = _conclude(gesprek, regisseur, conclusie="doorgaan", toelichting="")
    assert (concluded.status, concluded.concluded_by) == ("afgerond", regisseur)
    following = Voortgangsgesprek.objects.get(dossier=dossier, status="gepland")
    assert following.planned_on == TODAY + datetime.timedelta(weeks=12)
    with pytest.raises(ServiceError):
        _conclude(concluded, regisseur, conclusie="doorgaan")


def test_adjusting_the_plan_opens_a_concept_with_the_reason_and_the_hours(gesprek, regisseur, plan):
    _verslag(gesprek, regisseur)
    concluded = _conclude(
        gesprek,
        regisseur,
        conclusie="plan_bijstellen",
        toelichting="Budgetcursus past beter bij wonen",
        reden="gewijzigde_omstandigheden",
        new_route="",
    )
    concept = concluded.nieuwe_versie
    assert (concept.number, concept.status, concept.reden) == (
        2,
        "concept",
        "gewijzigde_omstandigheden",
    )
    assert concept.reden_toelichting == "Budgetcursus past beter bij wonen"


def test_a_change_the_law_forbids_rolls_the_whole_conclusion_back(gesprek, regisseur, plan):
    _verslag(gesprek, regisseur)  # 320 lesuren: too few for afschalen
    with pytest.raises(ServiceError):
        _conclude(
            gesprek, regisseur, conclusie="plan_bijstellen", toelichting="A2", reden="afschalen"
        )
    gesprek.refresh_from_db()
    assert gesprek.status == "gehouden"
    assert PipVersie.objects.filter(pip=plan.pip).count() == 1


def test_enforcement_records_the_fine_within_the_maximum(gesprek, regisseur):
    _verslag(gesprek, regisseur)
    with pytest.raises(ServiceError):
        _conclude(
            gesprek,
            regisseur,
            conclusie="handhaven",
            toelichting="x",
            maatregel="boete",
            maatregel_on=TODAY,
            boete_eur=900,
        )
    concluded = _conclude(
        gesprek,
        regisseur,
        conclusie="handhaven",
        toelichting="Verzuim",
        maatregel="boete",
        maatregel_on=TODAY,
        boete_eur=250,
    )
    assert (concluded.maatregel, concluded.boete_eur) == ("boete", 250)


def test_a_signal_owner_must_be_a_colleague_or_a_partner_in_its_domain(regisseur, dossier):
    outsider = factories.regisseur(factories.TeamFactory(), username="elders")
    with pytest.raises(ServiceError):
        factories.signaal(dossier, regisseur, owner=outsider)
    werk = factories.OrganisatieFactory(naam="Werkbedrijf", domeinen=["werk"])
    with pytest.raises(ServiceError):
        factories.signaal(dossier, regisseur, owner=None, owner_organisatie=werk)
    inkomen = factories.OrganisatieFactory(naam="Schuldhulp", domeinen=["inkomen"])
    signaal = factories.signaal(dossier, regisseur, owner=None, owner_organisatie=inkomen)
    signaal.refresh_from_db()
    assert (signaal.owner, signaal.owner_organisatie, signaal.domein) == (None, inkomen, "inkomen")


def _follow_up(signaal, actor, status, resolution="", expected_version=0):
    return services.follow_up_signaal(
        actor=actor,
        signaal_id=signaal.pk,
        expected_version=expected_version,
        status=status,
        follow_up_on=signaal.follow_up_on,
        resolution=resolution,
    )


def test_following_up_a_signal(regisseur, other_regisseur, dossier):
    signaal = factories.signaal(dossier, regisseur, owner=other_regisseur)
    with pytest.raises(ServiceError):
        _follow_up(signaal, other_regisseur, "afgehandeld")
    _follow_up(signaal, other_regisseur, "afgehandeld", "Schuldhulp gestart")
    signaal.refresh_from_db()
    assert (signaal.status, signaal.resolved_on) == ("afgehandeld", TODAY)
    assert signaal.history.first().history_user == other_regisseur
    with pytest.raises(ConcurrentEditError):
        _follow_up(signaal, regisseur, "open")


def test_reopening_a_signal_clears_its_resolution_date(regisseur, dossier):
    signaal = factories.signaal(dossier, regisseur, status="afgehandeld", resolution="Opgelost")
    assert Signaal.objects.get(pk=signaal.pk).resolved_on == TODAY
    _follow_up(signaal, regisseur, "open", "Toch niet")
    assert Signaal.objects.get(pk=signaal.pk).resolved_on is None


def test_every_voortgang_change_names_its_user_in_the_history(gesprek, regisseur):
    werk = factories.OrganisatieFactory(naam="Werkbedrijf", domeinen=["werk"])
    gesprek = _verslag(gesprek, regisseur, partners=[werk])
    _conclude(gesprek, regisseur, conclusie="doorgaan")
    factories.signaal(gesprek.dossier, regisseur)
    checked = 0
    for model in apps.get_app_config("voortgang").get_models():
        tracked = hasattr(model._meta, "simple_history_manager_attribute")
        # reminders: see test_reminders; the learning record: see test_learning_record
        if tracked and model.__name__ not in ("Herinnering", "Traject"):
            rows = model.history.all()
            assert rows.exists(), model
            assert {row.history_user for row in rows} == {regisseur}, model
            checked += 1
    assert checked == 5
    assert [p.organisatie for p in gesprek.history.latest().partners.all()] == [werk]


def test_a_health_concern_stays_with_those_who_work_on_the_dossier(
    regisseur, other_regisseur, teamleider, dossier
):
    with pytest.raises(ServiceError):
        factories.signaal(dossier, regisseur, owner=other_regisseur, leefgebied="gezondheid")
    signaal = factories.signaal(dossier, regisseur, owner=teamleider, leefgebied="gezondheid")
    assert signaal.owner == teamleider


def test_concluding_keeps_a_talk_someone_already_planned(gesprek, regisseur, dossier):
    _verslag(gesprek, regisseur)
    services.plan_gesprek(actor=regisseur, dossier=dossier, planned_on=TODAY)
    _conclude(gesprek, regisseur, conclusie="doorgaan")
    assert Voortgangsgesprek.objects.get(dossier=dossier, status="gepland").planned_on == TODAY
