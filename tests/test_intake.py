"""The brede intake: recording in parts, the legal parts, the advice, history and no-shows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from inburgering.choices import DossierStatus, Leefgebied, Leerroute
from inburgering.services import ServiceError
from intake import selectors, services
from intake.enforcement import Gevolg
from intake.models import (
    Bevinding,
    BredeIntake,
    Intakegesprek,
    Kind,
    Leerbaarheidstoets,
    Opkomst,
    Opleiding,
    Uitnodiging,
    Werkervaring,
)
from tests import factories


@pytest.fixture
def intake(dossier, regisseur):
    return services.start_intake(actor=regisseur, dossier=dossier)


def _url(name, dossier, **kwargs):
    return reverse(name, kwargs={"dossier_id": dossier.pk, **kwargs})


def _post_leefgebied(client, dossier, leefgebied, data):
    return client.post(_url("save_bevinding", dossier, leefgebied=leefgebied), data)


def _empty_formset(prefix, **rows):
    data = {f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0"}
    data.update({f"{prefix}-0-{name}": value for name, value in rows.items()})
    return data


def test_starting_the_intake_moves_the_dossier_to_intake(regisseur_client, dossier):
    response = regisseur_client.post(_url("start_intake", dossier))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.INTAKE
    assert BredeIntake.objects.get(dossier=dossier).status == "lopend"


def test_a_leefgebied_is_saved_on_its_own_with_its_domein(regisseur_client, dossier, intake):
    response = _post_leefgebied(
        regisseur_client,
        dossier,
        "taal",
        {"current_situation": "Spreekt Arabisch", "level_spreken": "a1", "lock_version": 0},
    )
    assert response.status_code == 302
    bevinding = Bevinding.objects.get(intake=intake)
    assert (bevinding.leefgebied, bevinding.domein, bevinding.level_spreken) == ("taal", "", "a1")
    _post_leefgebied(
        regisseur_client,
        dossier,
        "wonen",
        {"current_situation": "AZC", "woonsituatie": "azc"},
    )
    assert Bevinding.objects.get(leefgebied="wonen").domein == "wonen"


def test_a_finding_edit_is_in_the_history_with_old_and_new_value(
    regisseur_client, regisseur, dossier, intake
):
    _post_leefgebied(regisseur_client, dossier, "wonen", {"current_situation": "AZC Budel"})
    _post_leefgebied(
        regisseur_client,
        dossier,
        "wonen",
        {"current_situation": "Huurwoning Leiden", "lock_version": 0},
    )
    bevinding = Bevinding.objects.get(intake=intake, leefgebied="wonen")
    newest, previous = bevinding.history.order_by("-history_id")[:2]
    assert newest.history_user == regisseur
    changes = {c.field: (c.old, c.new) for c in newest.diff_against(previous).changes}
    assert changes["current_situation"] == ("AZC Budel", "Huurwoning Leiden")


def test_a_stale_finding_form_is_refused(regisseur_client, dossier, intake):
    _post_leefgebied(regisseur_client, dossier, "wonen", {"current_situation": "Eerste"})
    _post_leefgebied(
        regisseur_client, dossier, "wonen", {"current_situation": "Tweede", "lock_version": 0}
    )
    response = _post_leefgebied(
        regisseur_client, dossier, "wonen", {"current_situation": "Oud", "lock_version": 0}
    )
    assert response.status_code == 200
    assert "Oud</textarea>" in response.content.decode()
    assert Bevinding.objects.get(leefgebied="wonen").current_situation == "Tweede"


def test_education_work_and_children_are_saved_with_the_finding(regisseur_client, dossier, intake):
    data = {
        "current_situation": "Werkte als lasser",
        **_empty_formset("opleidingen", niveau="voortgezet", years="6", country="SY"),
        **_empty_formset("werkervaringen", profession="Lasser", years="8", sector="Bouw"),
    }
    assert _post_leefgebied(regisseur_client, dossier, "werk", data).status_code == 302
    assert intake.opleidingen.get().niveau == "voortgezet"
    assert intake.werkervaringen.get().profession == "Lasser"
    data = _empty_formset("kinderen", given_name="Lina", date_of_birth="2021-04-02")
    assert _post_leefgebied(regisseur_client, dossier, "jeugd", data).status_code == 302
    assert intake.kinderen.get().given_name == "Lina"


@pytest.mark.parametrize(
    ("name", "kwargs", "data", "field", "dutch", "kept"),
    [
        (
            "save_bevinding",
            {"leefgebied": "jeugd"},
            {
                "family_situation": "Drie kinderen",
                **_empty_formset("kinderen", given_name="Sami", date_of_birth="2031-01-01"),
            },
            "kinderen-0-date_of_birth",
            "geboortedatum kan niet in de toekomst",
            'value="Sami"',
        ),
        (
            "save_intakegesprek",
            {},
            {"held_on": "2024-02-01", "kanaal": "locatie", "notes": "Eerste kennismaking"},
            "held_on",
            "niet vóór de start van de inburgeringsplicht",
            "Eerste kennismaking",
        ),
        (
            "save_leerbaarheidstoets",
            {},
            {"taken_on": "2031-05-01", "indicated_route": "b1", "indicated_level": "b1"},
            "taken_on",
            "kan niet in de toekomst",
            'value="2031-05-01"',
        ),
    ],
)
def test_invalid_dates_are_explained_next_to_the_field_and_nothing_is_lost(
    regisseur_client, dossier, intake, name, kwargs, data, field, dutch, kept
):
    with translation.override("nl"):
        response = regisseur_client.post(_url(name, dossier, **kwargs), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html
    assert dutch in html
    assert kept in html
    assert not Intakegesprek.objects.exists()


def test_completion_lists_what_is_missing_and_refuses(regisseur_client, dossier, intake):
    response = regisseur_client.get(_url("complete_intake", dossier))
    missing = response.context["overview"].missing
    assert len(missing) == 3
    response = regisseur_client.post(
        _url("complete_intake", dossier),
        {"advised_leerroute": "b1", "advice_reasoning": "Goed leerbaar", "lock_version": 0},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    intake.refresh_from_db()
    assert intake.status == "lopend"


def _fill_legal_parts(intake, actor, indicated_route=Leerroute.B1):
    intake.opleidingen.create(niveau="basis", years=6)
    intake.werkervaringen.create(profession="Kapper", years=3)
    Bevinding.objects.create(
        intake=intake, leefgebied=Leefgebied.GEZONDHEID, physical_health="Goed", mental_health="Moe"
    )
    intake.leerbaarheidstoets = (
        intake.__class__.leerbaarheidstoets.related.related_model.objects.create(
            intake=intake, taken_on=datetime.date(2025, 3, 1), indicated_route=indicated_route
        )
    )


def test_an_advice_that_departs_from_the_test_needs_a_motivation(
    regisseur_client, regisseur, dossier, intake
):
    _fill_legal_parts(intake, regisseur, indicated_route=Leerroute.B1)
    url = _url("complete_intake", dossier)
    response = regisseur_client.post(
        url, {"advised_leerroute": "z", "advice_reasoning": "Analfabeet", "lock_version": 0}
    )
    assert "deviation_motivation" in response.context["form"].errors
    response = regisseur_client.post(
        url,
        {
            "advised_leerroute": "z",
            "advice_reasoning": "Analfabeet",
            "deviation_motivation": "Leert niet in het Latijnse schrift",
            "lock_version": 0,
        },
    )
    assert response.status_code == 302
    intake.refresh_from_db()
    dossier.refresh_from_db()
    assert (intake.status, intake.advised_leerroute, intake.completed_by) == (
        "afgerond",
        "z",
        regisseur,
    )
    assert intake.completed_on == timezone.localdate()
    assert dossier.status == DossierStatus.PLAN
    page = regisseur_client.get(dossier.get_absolute_url()).content.decode()
    assert "Leert niet in het Latijnse schrift" in page
    assert f"({regisseur})" in page  # who completed it


def test_the_dossier_page_sums_up_the_intake_as_its_own_page_does(
    regisseur_client, regisseur, dossier, intake
):
    """The summary reads its parts in SQL, the intake's page from the rows: they agree."""

    def assert_summary(recorded: int, missing: int):
        summary = selectors.intake_summary(regisseur, dossier)
        overview = selectors.intake_overview(regisseur, dossier)
        assert summary.missing == overview.missing and len(summary.missing) == missing
        assert summary.recorded_count == overview.recorded_count == recorded
        assert summary.leefgebieden_count == len(overview.progress) == len(Leefgebied)
        page = " ".join(regisseur_client.get(dossier.get_absolute_url()).content.decode().split())
        assert f"{recorded} van 7 leefgebieden vastgelegd" in page
        assert ("Dit ontbreekt nog" in page) == bool(missing)

    assert_summary(recorded=0, missing=3)
    intake.opleidingen.create(niveau="basis", years=6)
    werk = Bevinding.objects.create(intake=intake, leefgebied=Leefgebied.WERK)
    health = Bevinding.objects.create(
        intake=intake, leefgebied=Leefgebied.GEZONDHEID, physical_health="Goed"
    )
    assert_summary(recorded=2, missing=3)  # no work, no current situation, health half done
    werk.current_situation = "Zoekt werk"
    werk.save()
    health.mental_health = "Moe"
    health.save()
    assert_summary(recorded=2, missing=1)  # the learnability test
    Leerbaarheidstoets.objects.create(intake=intake, taken_on=datetime.date(2025, 3, 1))
    assert_summary(recorded=2, missing=1)  # taken, but no route indicated
    Leerbaarheidstoets.objects.filter(intake=intake).update(vrijstelling="visueel")
    assert_summary(recorded=2, missing=0)


def test_a_completed_intake_cannot_be_changed(regisseur, dossier, intake):
    invitation = Uitnodiging.objects.create(
        intake=intake, sent_on=datetime.date(2025, 1, 1), appointment_on=datetime.date(2025, 1, 6)
    )
    _fill_legal_parts(intake, regisseur)
    services.complete_intake(
        actor=regisseur,
        intake_id=intake.pk,
        expected_version=0,
        data={"advised_leerroute": "b1", "advice_reasoning": "Leert snel"},
    )
    with pytest.raises(ServiceError):
        services.record_opkomst(
            actor=regisseur, uitnodiging_id=invitation.pk, opkomst=Opkomst.VERSCHENEN
        )


def test_no_shows_escalate_from_warning_to_fine(regisseur, intake, settings):
    settings.INTAKE_NO_SHOW_FINE_EUR = 250
    results = []
    for day in (1, 8, 15):
        invitation = Uitnodiging.objects.create(
            intake=intake,
            sent_on=datetime.date(2025, 1, day),
            appointment_on=datetime.date(2025, 1, day + 5),
        )
        recorded = services.record_opkomst(
            actor=regisseur,
            uitnodiging_id=invitation.pk,
            opkomst=Opkomst.NIET_VERSCHENEN,
            today=datetime.date(2025, 1, day + 6),
        )
        results.append((recorded.gevolg, recorded.fine_eur, recorded.gevolg_on.day))
    assert results == [
        (Gevolg.WAARSCHUWING, None, 7),
        (Gevolg.BOETE, 250, 14),
        (Gevolg.PIP_AMBTSHALVE, 250, 21),
    ]
    with pytest.raises(ServiceError):
        services.record_opkomst(
            actor=regisseur, uitnodiging_id=invitation.pk, opkomst=Opkomst.VERSCHENEN
        )


def test_attendance_is_recorded_through_the_overview_form(regisseur_client, dossier, intake):
    invitation = Uitnodiging.objects.create(
        intake=intake, sent_on=datetime.date(2025, 1, 1), appointment_on=datetime.date(2025, 1, 6)
    )
    url = _url("record_opkomst", dossier, uitnodiging_id=invitation.pk)
    assert regisseur_client.post(url, {"opkomst": "verschenen"}).status_code == 302
    invitation.refresh_from_db()
    assert (invitation.opkomst, invitation.gevolg) == ("verschenen", "")


def test_the_overview_runs_the_same_queries_for_1_and_20_sessions(
    regisseur_client, dossier, intake, queries
):
    def add_session(day):
        gesprek = intake.gesprekken.create(
            held_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=day), kanaal="video"
        )
        leefgebied = list(Leefgebied)[day % len(Leefgebied)]
        Bevinding.objects.update_or_create(
            intake=intake, leefgebied=leefgebied, defaults={"gesprek": gesprek}
        )
        intake.uitnodigingen.create(sent_on=gesprek.held_on, appointment_on=gesprek.held_on)
        intake.opleidingen.create(niveau="basis")
        intake.kinderen.create(date_of_birth=datetime.date(2020, 1, 1))

    url = _url("intake_overview", dossier)
    add_session(0)
    with_one = queries.get(regisseur_client, url)
    for day in range(1, 20):
        add_session(day)
    queries.assert_same_count(with_one, queries.get(regisseur_client, url))


def test_health_is_visible_only_through_the_policy(dossier, intake, regisseur, teamleider):
    Bevinding.objects.create(intake=intake, leefgebied="gezondheid", mental_health="Somber")
    for user in (regisseur, teamleider):
        overview = selectors.intake_overview(user, dossier)
        assert Leefgebied.GEZONDHEID in [p.leefgebied for p in overview.progress]
    outsider = factories.regisseur(factories.TeamFactory())
    overview = selectors.intake_overview(outsider, dossier)
    assert all(p.bevinding is None for p in overview.progress)
    assert overview.progress == []


def test_a_regisseur_of_another_team_gets_404_on_every_intake_url(client, dossier, intake):
    outsider = factories.regisseur(factories.TeamFactory())
    client.force_login(outsider)
    gesprek = intake.gesprekken.create(held_on=datetime.date(2025, 1, 6), kanaal="video")
    invitation = intake.uitnodigingen.create(
        sent_on=datetime.date(2025, 1, 1), appointment_on=datetime.date(2025, 1, 6)
    )
    urls = [
        _url("intake_overview", dossier),
        _url("start_intake", dossier),
        _url("save_bevinding", dossier, leefgebied="gezondheid"),
        _url("save_intakegesprek", dossier),
        _url("save_intakegesprek", dossier, gesprek_id=gesprek.pk),
        _url("save_leerbaarheidstoets", dossier),
        _url("record_uitnodiging", dossier),
        _url("record_opkomst", dossier, uitnodiging_id=invitation.pk),
        _url("complete_intake", dossier),
    ]
    for url in urls:
        assert client.post(url, {"opkomst": "verschenen"}).status_code == 404, url


def test_objects_of_another_dossier_are_not_reachable_through_this_one(
    regisseur_client, regisseur, dossier, intake, team
):
    other = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    other_intake = services.start_intake(actor=regisseur, dossier=other)
    gesprek = other_intake.gesprekken.create(held_on=datetime.date(2025, 1, 6), kanaal="video")
    url = _url("save_intakegesprek", dossier, gesprek_id=gesprek.pk)
    assert regisseur_client.get(url).status_code == 404


def test_every_intake_model_records_the_acting_user(regisseur_client, regisseur, dossier):
    regisseur_client.post(_url("start_intake", dossier))
    regisseur_client.post(
        _url("save_intakegesprek", dossier), {"held_on": "2025-02-03", "kanaal": "video"}
    )
    regisseur_client.post(
        _url("save_bevinding", dossier, leefgebied="werk"),
        {
            "current_situation": "Kok",
            **_empty_formset("opleidingen", niveau="basis"),
            **_empty_formset("werkervaringen", profession="Kok"),
        },
    )
    regisseur_client.post(
        _url("save_bevinding", dossier, leefgebied="jeugd"),
        _empty_formset("kinderen", date_of_birth="2020-01-01"),
    )
    regisseur_client.post(
        _url("save_leerbaarheidstoets", dossier),
        {"vrijstelling": "visueel", "vrijstelling_reason": "Blind"},
    )
    regisseur_client.post(
        _url("record_uitnodiging", dossier),
        {"sent_on": "2025-01-01", "appointment_on": "2025-01-06"},
    )
    intake = BredeIntake.objects.get(dossier=dossier)
    models = [
        BredeIntake,
        Intakegesprek,
        Bevinding,
        Opleiding,
        Werkervaring,
        Kind,
        Leerbaarheidstoets,
        Uitnodiging,
    ]
    for model in models:
        records = model.history.all()
        assert records.exists(), model.__name__
        assert {record.history_user for record in records} == {regisseur}, model.__name__
    assert intake.leerbaarheidstoets.vrijstelling == "visueel"
