"""The PIP's life cycle through its services: prefill, fix, change within the law's rules."""

import datetime

import pytest

from inburgering.choices import DossierStatus, Leefgebied
from inburgering.services import ConcurrentEditError, ServiceError
from intake import services as intake_services
from intake.models import Bevinding, IntakeStatus
from pip_plans import services
from pip_plans.models import Afspraak, Pip, PipVersie, Sectie


@pytest.fixture
def completed_intake(dossier, regisseur):
    intake = intake_services.start_intake(actor=regisseur, dossier=dossier)
    Bevinding.objects.create(
        intake=intake,
        leefgebied=Leefgebied.WERK,
        current_situation="Was lasser",
        ontwikkelwensen="Wil weer lassen",
    )
    intake.status = IntakeStatus.AFGEROND
    intake.advised_leerroute = "b1"
    intake.save()
    return intake


@pytest.fixture
def concept(regisseur, dossier, completed_intake):
    return services.create_pip(actor=regisseur, dossier=dossier)


def _fix(concept, actor, dagtekening=datetime.date(2025, 3, 3)):
    concept.refresh_from_db()
    return services.fix_pip(
        actor=actor,
        versie_id=concept.pk,
        expected_version=concept.lock_version,
        dagtekening=dagtekening,
    )


def test_a_new_plan_is_prefilled_from_the_completed_intake(concept, regisseur):
    assert (concept.number, concept.status, concept.leerroute) == (1, "concept", "b1")
    werk = concept.secties.get(leefgebied="werk")
    assert (werk.situatie, werk.doelen, werk.domein) == ("Was lasser", "Wil weer lassen", "werk")
    assert concept.secties.count() == len(Leefgebied)
    assert concept.history.get().history_user == regisseur


def test_fixing_starts_the_termijn_the_day_after_the_dagtekening(concept, regisseur, dossier):
    _fix(concept, regisseur, datetime.date(2025, 3, 3))
    pip = Pip.objects.get(dossier=dossier)
    assert pip.termijn_start == datetime.date(2025, 3, 4)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.UITVOERING
    concept.refresh_from_db()
    assert (concept.status, concept.vastgesteld_by) == ("vastgesteld", regisseur)


def test_a_fixed_version_is_never_edited_again(concept, regisseur):
    _fix(concept, regisseur)
    with pytest.raises(ServiceError):
        services.update_concept(
            actor=regisseur, versie_id=concept.pk, expected_version=1, data={"begeleiding": "x"}
        )


def test_later_versions_never_move_the_termijn(concept, regisseur, dossier):
    _fix(concept, regisseur, datetime.date(2025, 3, 3))
    change = services.start_wijziging(
        actor=regisseur,
        pip_id=concept.pip_id,
        reden="gewijzigde_omstandigheden",
        on=datetime.date(2025, 9, 1),
    )
    _fix(change, regisseur, datetime.date(2025, 9, 2))
    assert Pip.objects.get(dossier=dossier).termijn_start == datetime.date(2025, 3, 4)
    assert PipVersie.objects.filter(pip__dossier=dossier, status="vastgesteld").count() == 2


def test_a_change_copies_sections_and_afspraken(concept, regisseur):
    sectie = concept.secties.get(leefgebied="wonen")
    Afspraak.objects.create(sectie=sectie, wat="Huurtoeslag aanvragen", wie="inburgeraar")
    _fix(concept, regisseur)
    change = services.start_wijziging(
        actor=regisseur, pip_id=concept.pip_id, reden="anders", toelichting="Nieuwe woning"
    )
    assert change.number == 2
    copied = Sectie.objects.get(versie=change, leefgebied="wonen")
    assert copied.afspraken.get().wat == "Huurtoeslag aanvragen"
    assert Afspraak.objects.count() == 2


@pytest.mark.parametrize(
    ("on", "allowed"),
    [(datetime.date(2026, 9, 3), True), (datetime.date(2026, 9, 4), False)],
)
def test_schakelen_only_within_18_months(concept, regisseur, on, allowed):
    _fix(concept, regisseur, datetime.date(2025, 3, 3))  # termijn starts 2025-03-04
    change = lambda: services.start_wijziging(  # noqa: E731
        actor=regisseur, pip_id=concept.pip_id, reden="schakelen", new_route="z", on=on
    )
    if allowed:
        assert change().leerroute == "z"
    else:
        with pytest.raises(ServiceError, match="03-09-2026"):
            change()


def test_afschalen_needs_600_lesson_hours_from_a_talk(concept, regisseur):
    _fix(concept, regisseur)
    with pytest.raises(ServiceError):
        services.start_wijziging(actor=regisseur, pip_id=concept.pip_id, reden="afschalen")
    with pytest.raises(ServiceError):
        services.start_wijziging(
            actor=regisseur, pip_id=concept.pip_id, reden="afschalen", lesuren=599
        )
    change = services.start_wijziging(
        actor=regisseur, pip_id=concept.pip_id, reden="afschalen", lesuren=600
    )
    assert (change.leerroute, change.niveau_spreken) == ("b1", "a2")


def test_a_move_keeps_the_leerroute(concept, regisseur):
    _fix(concept, regisseur)
    with pytest.raises(ServiceError):
        services.start_wijziging(
            actor=regisseur, pip_id=concept.pip_id, reden="verhuizing", new_route="z"
        )
    change = services.start_wijziging(actor=regisseur, pip_id=concept.pip_id, reden="verhuizing")
    assert change.leerroute == "b1"


def test_only_one_concept_at_a_time(concept, regisseur):
    _fix(concept, regisseur)
    services.start_wijziging(actor=regisseur, pip_id=concept.pip_id, reden="anders")
    with pytest.raises(ServiceError):
        services.start_wijziging(actor=regisseur, pip_id=concept.pip_id, reden="anders")


def test_a_second_save_of_the_same_concept_is_refused(concept, regisseur, other_regisseur):
    services.update_concept(
        actor=regisseur, versie_id=concept.pk, expected_version=0, data={"begeleiding": "Eerste"}
    )
    with pytest.raises(ConcurrentEditError):
        services.update_concept(
            actor=other_regisseur,
            versie_id=concept.pk,
            expected_version=0,
            data={"begeleiding": "Tweede"},
        )
    concept.refresh_from_db()
    assert concept.begeleiding == "Eerste"


def test_a_plan_cannot_be_fixed_without_a_route(regisseur, dossier):
    concept = services.create_pip(actor=regisseur, dossier=dossier)  # no completed intake
    assert concept.leerroute == ""
    with pytest.raises(ServiceError):
        _fix(concept, regisseur)


# --- The law checked at vaststellen, whatever path made the draft (issue 17, point 1) --------


def _anders_with_route(concept, regisseur, route):
    """A change with reason "Anders" (no rule checked at its start) whose draft then gets
    another learning route typed in."""
    fixed = _fix(concept, regisseur, dagtekening=datetime.date(2024, 1, 5))
    draft = services.start_wijziging(actor=regisseur, pip_id=fixed.pip_id, reden="anders")
    return services.update_concept(
        actor=regisseur,
        versie_id=draft.pk,
        expected_version=draft.lock_version,
        data={"leerroute": route},
    )


def test_a_route_switched_in_an_anders_draft_after_18_months_is_refused_at_vaststellen(
    concept, regisseur
):
    draft = _anders_with_route(concept, regisseur, "z")
    with pytest.raises(ServiceError, match="alleen binnen 18 maanden"):
        _fix(draft, regisseur, dagtekening=datetime.date(2025, 9, 1))
    draft.refresh_from_db()
    assert (draft.status, draft.leerroute) == ("concept", "z")  # the draft is kept


def test_the_schakel_window_is_measured_at_the_dagtekening(concept, regisseur):
    draft = _anders_with_route(concept, regisseur, "z")  # termijn from 6 January 2024
    assert _fix(draft, regisseur, dagtekening=datetime.date(2025, 7, 5)).status == "vastgesteld"


@pytest.mark.parametrize(
    ("dagtekening", "message"),
    [
        (datetime.date(2023, 12, 31), r"vóór die van de vorige versie liggen \(05-01-2024\)"),
        (datetime.date.today() + datetime.timedelta(days=1), "kan niet in de toekomst liggen"),
    ],
)
def test_a_backdated_or_future_dagtekening_is_refused_and_the_draft_kept(
    concept, regisseur, dagtekening, message
):
    fixed = _fix(concept, regisseur, dagtekening=datetime.date(2024, 1, 5))
    draft = services.start_wijziging(actor=regisseur, pip_id=fixed.pip_id, reden="anders")
    with pytest.raises(ServiceError, match=message):
        _fix(draft, regisseur, dagtekening=dagtekening)
    assert PipVersie.objects.get(pk=draft.pk).status == "concept"


@pytest.mark.parametrize(("recorded", "allowed"), [(599, False), (600, True)])
def test_levels_lowered_to_a2_in_any_draft_need_the_hours_recorded_in_talks(
    concept, regisseur, recorded, allowed
):
    from voortgang import services as voortgang_services
    from voortgang.models import Voortgangsgesprek

    fixed = _fix(concept, regisseur, dagtekening=datetime.date(2025, 3, 3))
    talk = Voortgangsgesprek.objects.get(versie=fixed)
    voortgang_services.save_verslag(
        actor=regisseur,
        gesprek_id=talk.pk,
        expected_version=talk.lock_version,
        data={"held_on": datetime.date(2025, 6, 2), "lesuren_gevolgd": recorded},
    )
    draft = services.start_wijziging(actor=regisseur, pip_id=fixed.pip_id, reden="anders")
    draft = services.update_concept(  # the plan holds no hours: only talks record them
        actor=regisseur,
        versie_id=draft.pk,
        expected_version=draft.lock_version,
        data={"niveau_spreken": "a2"},
    )
    if allowed:
        assert _fix(draft, regisseur, dagtekening=datetime.date(2025, 7, 1)).niveau_spreken == "a2"
        return
    with pytest.raises(ServiceError, match="599"):
        _fix(draft, regisseur, dagtekening=datetime.date(2025, 7, 1))
    assert PipVersie.objects.get(pk=draft.pk).status == "concept"
