"""The learning record: exam results from talks and entered directly in one overview per part,
lesson hours per period with a chart, MAP, PVT and maatschappelijke begeleiding tracked without
a new beschikking, and what a chain partner for werk may see of it."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from inburgering.choices import Role
from inburgering.services import ConcurrentEditError, ServiceError
from pip_plans import services as pip_services
from tests import factories
from voortgang import learning, services
from voortgang.models import Examenresultaat, Traject, Voortgangsgesprek

TODAY = datetime.date.today()


def _result(onderdeel, uitslag="behaald", niveau="b1", day=datetime.date(2026, 3, 1)):
    return SimpleNamespace(onderdeel=onderdeel, uitslag=uitslag, niveau=niveau, taken_on=day)


# --- The rules ------------------------------------------------------------------------------


def test_each_part_stands_passed_released_open_or_not_asked():
    required = {"lezen": "b1", "luisteren": "b1", "spreken": "a2", "knm": ""}
    stands = learning.exam_standing(
        required=required,
        results=[
            _result("lezen", niveau="a2"),  # below the level asked: does not count
            _result("lezen", day=datetime.date(2026, 5, 1)),
            _result("spreken", uitslag="niet_behaald", niveau="a2"),
            _result("knm", niveau=""),
        ],
        exempt=frozenset({"luisteren"}),
    )
    by_part = {stand.onderdeel: stand for stand in stands}
    assert [stand.onderdeel for stand in stands] == [
        "lezen",
        "luisteren",
        "schrijven",
        "spreken",
        "knm",
    ]
    assert (by_part["lezen"].state, by_part["lezen"].passed_on) == (
        "behaald",
        datetime.date(2026, 5, 1),
    )
    assert by_part["lezen"].attempts == 2
    assert by_part["luisteren"].state == "ontheven"
    assert by_part["schrijven"].state == "niet_gevraagd"
    assert by_part["spreken"].state == "open"
    assert by_part["knm"].state == "behaald"


def test_a_whole_release_leaves_nothing_outstanding():
    stands = learning.exam_standing(required={"lezen": "b1"}, results=[], released=True)
    assert not [stand for stand in stands if stand.outstanding]


ALL = ("map", "pvt", "maatschappelijke_begeleiding")


def _problems(**fields):
    values = {
        "soort": "map",
        "status": "lopend",
        "started_on": TODAY,
        "finished_on": None,
        "reden_niet_afgerond": "",
        "verwijtbaar": None,
        "today": TODAY,
        "allowed": ALL,
        **fields,
    }
    return learning.traject_problems(**values)


@pytest.mark.parametrize(("hours", "allowed"), [(39, False), (40, True)])
def test_the_map_is_completed_only_after_40_practical_hours(hours, allowed):
    problems = _problems(status="afgerond", finished_on=TODAY, map_hours=hours)
    assert (not problems) is allowed
    if not allowed:
        assert "39" in problems["status"]


def test_a_stopped_component_needs_its_reason_and_whether_the_person_is_to_blame():
    problems = _problems(soort="pvt", status="niet_afgerond", finished_on=TODAY)
    assert set(problems) == {"reden_niet_afgerond", "verwijtbaar"}
    assert not _problems(
        soort="pvt",
        status="niet_afgerond",
        finished_on=TODAY,
        reden_niet_afgerond="Verhuisd naar het buitenland",
        verwijtbaar=False,
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"started_on": TODAY + datetime.timedelta(days=1)}, "started_on"),
        ({"status": "afgerond", "finished_on": None, "soort": "pvt"}, "finished_on"),
        (
            {"finished_on": TODAY - datetime.timedelta(days=2), "status": "afgerond"},
            "finished_on",
        ),
        ({"soort": "map", "allowed": ("pvt",)}, "status"),
    ],
)
def test_a_component_date_or_kind_that_cannot_be(fields, field):
    values = {"soort": "pvt", **fields}
    if field == "finished_on" and values.get("finished_on"):
        values["started_on"] = TODAY  # finishing before it started
    assert field in _problems(**values)


def test_the_chart_scales_to_the_target_or_the_highest_total():
    points, target_y = learning.lesson_chart(
        [(datetime.date(2026, 1, 1), 150), (datetime.date(2026, 4, 1), 300)], target=600
    )
    assert [(p.total, p.added) for p in points] == [(150, 150), (300, 150)]
    assert (points[1].height, target_y) == (60, 0)  # half of the 600-hour line
    points, target_y = learning.lesson_chart([(datetime.date(2026, 1, 1), 1200)], target=600)
    assert (points[0].height, target_y) == (120, 60)


# --- On the dossier ---------------------------------------------------------------------------


@pytest.fixture
def plan(dossier, regisseur):
    levels = {f"niveau_{part}": "b1" for part in ("lezen", "luisteren", "schrijven", "spreken")}
    return factories.fixed_plan(
        dossier, regisseur, dagtekening=TODAY - datetime.timedelta(days=90), **levels
    )


def _held_talk(dossier, regisseur, *, day, examens=(), **figures):
    talk = Voortgangsgesprek.objects.get(dossier=dossier, status="gepland")
    services.save_verslag(
        actor=regisseur,
        gesprek_id=talk.pk,
        expected_version=talk.lock_version,
        data={"held_on": day, **figures},
        examens=list(examens),
    )
    talk.refresh_from_db()
    services.conclude_gesprek(
        actor=regisseur,
        gesprek_id=talk.pk,
        expected_version=talk.lock_version,
        data={"conclusie": "doorgaan"},
    )
    return talk


def test_results_from_a_talk_and_entered_directly_show_in_one_overview(
    dossier, regisseur, regisseur_client, plan
):
    pip_services.record_duo_besluit(
        actor=regisseur,
        dossier_id=dossier.pk,
        soort="vrijstelling",
        dagtekening=TODAY,
        grond="Nederlands diploma",
        onderdelen=["knm"],
    )
    _held_talk(
        dossier,
        regisseur,
        day=TODAY - datetime.timedelta(days=30),
        examens=[{"onderdeel": "lezen", "niveau": "b1", "taken_on": TODAY, "uitslag": "behaald"}],
        lesuren_gevolgd=250,
    )
    services.record_examenresultaat(
        actor=regisseur,
        dossier_id=dossier.pk,
        onderdeel="luisteren",
        niveau="b1",
        taken_on=TODAY,
        uitslag="behaald",
    )
    response = regisseur_client.get(reverse("learning_record", args=[dossier.pk]))
    record = response.context["record"]
    states = {stand.onderdeel: stand.state for stand in record.stands}
    assert states == {
        "lezen": "behaald",  # in the talk
        "luisteren": "behaald",  # entered directly
        "schrijven": "open",
        "spreken": "open",
        "knm": "ontheven",  # DUO's exemption
    }
    assert [stand.onderdeel for stand in record.outstanding] == ["schrijven", "spreken"]
    assert {r.gesprek_id is None for r in record.resultaten} == {True, False}
    page = response.content.decode()
    assert "Direct ingevoerd" in page and "In het gesprek van" in page
    assert record.lesuren == 250
    assert 'role="img"' in page


def test_a_partner_for_werk_sees_the_map_and_no_exam_details(dossier, regisseur, plan, client):
    werk = factories.OrganisatieFactory(naam="Werkbedrijf", domeinen=["werk"])
    factories.share(dossier, regisseur, werk)
    partner = factories.user_with_role(Role.KETENPARTNER, organisatie=werk)
    partner.groups.add(werk.group)
    services.save_traject(
        actor=regisseur,
        dossier_id=dossier.pk,
        soort="map",
        expected_version=0,
        data={"status": "lopend", "started_on": TODAY, "uitvoerder": "Leerwerkplaats Noord"},
    )
    services.record_examenresultaat(
        actor=regisseur,
        dossier_id=dossier.pk,
        onderdeel="spreken",
        niveau="b1",
        taken_on=TODAY,
        uitslag="niet_behaald",
    )
    client.force_login(partner)
    response = client.get(reverse("learning_record", args=[dossier.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Leerwerkplaats Noord" in page
    assert "Niet behaald" not in page and "Examens" not in page
    assert response.context["record"].parts == frozenset({"map", "participatie"})
    jeugd = factories.OrganisatieFactory(naam="Jeugdteam", domeinen=["jeugd"])
    factories.share(dossier, regisseur, jeugd)
    other = factories.user_with_role(Role.KETENPARTNER, organisatie=jeugd)
    other.groups.add(jeugd.group)
    client.force_login(other)
    assert client.get(reverse("learning_record", args=[dossier.pk])).status_code == 404


def test_a_component_changes_without_a_new_beschikking_and_keeps_its_history(
    dossier, regisseur, plan
):
    versions = plan.pip.versies.count()
    services.save_traject(
        actor=regisseur,
        dossier_id=dossier.pk,
        soort="pvt",
        expected_version=0,
        data={"status": "lopend", "started_on": TODAY - datetime.timedelta(days=20)},
    )
    traject = services.save_traject(
        actor=regisseur,
        dossier_id=dossier.pk,
        soort="pvt",
        expected_version=1,
        data={"status": "afgerond", "finished_on": TODAY},
    )
    assert (traject.status, traject.lock_version) == ("afgerond", 2)
    assert plan.pip.versies.count() == versions
    assert [h.history_user for h in traject.history.all()] == [regisseur, regisseur]
    with pytest.raises(ConcurrentEditError):  # opened before the last save
        services.save_traject(
            actor=regisseur,
            dossier_id=dossier.pk,
            soort="pvt",
            expected_version=1,
            data={"status": "lopend"},
        )


def test_the_map_cannot_be_completed_before_40_hours_are_recorded_in_talks(
    dossier, regisseur, plan
):
    data = {"status": "afgerond", "started_on": TODAY - datetime.timedelta(days=60)}
    data["finished_on"] = TODAY
    with pytest.raises(ServiceError, match="40"):
        services.save_traject(
            actor=regisseur, dossier_id=dossier.pk, soort="map", expected_version=0, data=data
        )
    _held_talk(dossier, regisseur, day=TODAY - datetime.timedelta(days=1), map_praktijkuren=40)
    traject = services.save_traject(
        actor=regisseur, dossier_id=dossier.pk, soort="map", expected_version=0, data=data
    )
    assert traject.status == "afgerond"


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(dossier, regisseur_client, plan):
    url = reverse("save_traject", args=[dossier.pk, "pvt"])
    response = regisseur_client.post(
        url,
        {
            "status": "niet_afgerond",
            "started_on": "2026-01-10",
            "finished_on": "2026-01-20",
            "uitvoerder": "Stichting Welkom",
            "lock_version": "0",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"reden_niet_afgerond", "verwijtbaar"}
    assert 'value="Stichting Welkom"' in response.content.decode()
    assert not Traject.objects.exists()
    assert (
        regisseur_client.get(reverse("save_traject", args=[dossier.pk, "onzin"])).status_code == 404
    )


def test_the_onderwijsroute_has_no_map(dossier, regisseur, regisseur_client):
    factories.fixed_plan(dossier, regisseur, leerroute="onderwijs")
    url = reverse("save_traject", args=[dossier.pk, "map"])
    assert regisseur_client.get(url).status_code == 404


def test_an_exam_result_in_the_future_is_refused(dossier, regisseur):
    with pytest.raises(ServiceError):
        services.record_examenresultaat(
            actor=regisseur,
            dossier_id=dossier.pk,
            onderdeel="knm",
            niveau="",
            taken_on=TODAY + datetime.timedelta(days=1),
            uitslag="behaald",
        )
    assert not Examenresultaat.objects.exists()


def test_the_learning_record_runs_the_same_queries_for_few_and_many_results(
    dossier, regisseur, regisseur_client, plan, queries
):
    url = reverse("learning_record", args=[dossier.pk])
    few = queries.get(regisseur_client, url)
    for day in range(30):
        Examenresultaat.objects.create(
            dossier=dossier,
            onderdeel="lezen",
            niveau="b1",
            taken_on=TODAY - datetime.timedelta(days=day),
            uitslag="niet_behaald",
        )
    for soort in ("map", "pvt", "maatschappelijke_begeleiding"):
        Traject.objects.create(dossier=dossier, soort=soort, updated_by=regisseur)
    _held_talk(dossier, regisseur, day=TODAY - datetime.timedelta(days=1), lesuren_gevolgd=90)
    pip_services.record_duo_besluit(
        actor=regisseur,
        dossier_id=dossier.pk,
        soort="verlenging",
        dagtekening=TODAY,
        grond="Ziekte",
        maanden=3,
        verwijtbaar=False,
    )
    many = queries.get(regisseur_client, url)
    queries.assert_same_count(few, many)
