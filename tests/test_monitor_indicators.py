"""The monitor's indicators against a small data set whose figures are worked out by hand
below (docs/monitor.md defines them). The period is 2024-K1 up to 2024-K2, so the stock
indicators count on 30 June 2024; 2024 is a leap year, and dates sit on 31 March / 1 April.

Gemeente A, a dossier per line (trigger = the later of kennisgeving and BRP):

    D1  duty 10-01  kennisgeving 15-01  BRP 01-02 (koppeling 05-01)  intake 20-02..10-03
        PIP 31-03 (b1)  MAP 01-04..30-06 completed  PVT 01-05..01-06 stopped  KNM passed 30-06
    D2  duty 29-02  kennisgeving 29-02                                intake 01-04..15-04
        PIP 09-05 (onderwijs, the 70th day: still in time)
    D3  duty 31-03  kennisgeving 02-04  BRP 01-04 (koppeling 01-03)  intake 10-04, not done
        PVT 31-03..01-04 stopped, to blame
    D4  duty 01-04, nothing yet
    D5  duty 30-06  intake 01-07 (after the period)
    D6  duty 31-12-2023 (outside the period)  kennisgeving 01-01  intake 31-01..15-02
        PIP 01-04 (z, 91 days: late), schakelen 01-06; exams: reading failed 01-01, passed 31-03

Gemeente B: DB  duty 02-01  kennisgeving 02-01  intake 20-01..25-01  PIP 01-02 (b1)
"""

import datetime

import pytest

from inburgering.choices import Doelgroep, DossierStatus
from inburgering.dates import Quarter
from intake.models import BredeIntake, Intakegesprek, Uitnodiging
from pip_plans.models import DuoBesluit, Ontzorging, Pip, PipVersie
from tests import factories
from voortgang.models import (
    Examenresultaat,
    Herinnering,
    Signaal,
    Traject,
    Voortgangsgesprek,
)
from voortgang.monitor import facts, indicators
from voortgang.monitor.filters import MonitorFilter

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 26)


def monitor_filter(gemeenten, **cuts) -> MonitorFilter:
    return MonitorFilter(
        gemeente_ids=tuple(g.pk for g in gemeenten),
        first=Quarter(2024, 1),
        last=Quarter(2024, 2),
        today=TODAY,
        **cuts,
    )


def intake(dossier, held_on, completed_on=None):
    brede_intake = BredeIntake.objects.create(dossier=dossier, completed_on=completed_on)
    if held_on:
        Intakegesprek.objects.create(intake=brede_intake, held_on=held_on, kanaal="fysiek")
    return brede_intake


def plan(dossier, dagtekening, leerroute, *, number=1, reden="", pip=None):
    pip = pip or Pip.objects.create(dossier=dossier, termijn_start=dagtekening)
    return PipVersie.objects.create(
        pip=pip,
        number=number,
        status="vastgesteld",
        reden=reden,
        dagtekening=dagtekening,
        leerroute=leerroute,
    )


def duo_besluit(dossier, actor, **fields):
    return DuoBesluit.objects.create(
        dossier=dossier, grond="Brief van DUO", recorded_by=actor, **fields
    )


@pytest.fixture
def region(db):
    team_a = factories.TeamFactory()
    team_b = factories.TeamFactory()
    actor = factories.regisseur(team_a)

    def dossier(team, duty, **dates):
        return factories.InburgeraarFactory(
            team=team, status=DossierStatus.INTAKE, datum_start_inburgeringsplicht=duty, **dates
        )

    d1 = dossier(
        team_a,
        D(2024, 1, 10),
        datum_kennisgeving=D(2024, 1, 15),
        datum_brp_inschrijving=D(2024, 2, 1),
        datum_koppeling=D(2024, 1, 5),
    )
    intake(d1, D(2024, 2, 20), D(2024, 3, 10))
    v1 = plan(d1, D(2024, 3, 31), "b1")
    Traject.objects.create(
        dossier=d1,
        soort="map",
        status="afgerond",
        started_on=D(2024, 4, 1),
        finished_on=D(2024, 6, 30),
        updated_by=actor,
    )
    Traject.objects.create(
        dossier=d1,
        soort="pvt",
        status="niet_afgerond",
        started_on=D(2024, 5, 1),
        finished_on=D(2024, 6, 1),
        updated_by=actor,
    )
    Examenresultaat.objects.create(
        dossier=d1, onderdeel="knm", taken_on=D(2024, 6, 30), uitslag="behaald"
    )

    d2 = dossier(team_a, D(2024, 2, 29), datum_kennisgeving=D(2024, 2, 29))
    intake(d2, D(2024, 4, 1), D(2024, 4, 15))
    v2 = plan(d2, D(2024, 5, 9), "onderwijs")

    d3 = dossier(
        team_a,
        D(2024, 3, 31),
        datum_kennisgeving=D(2024, 4, 2),
        datum_brp_inschrijving=D(2024, 4, 1),
        datum_koppeling=D(2024, 3, 1),
    )
    intake(d3, D(2024, 4, 10))
    Traject.objects.create(
        dossier=d3,
        soort="pvt",
        status="niet_afgerond",
        started_on=D(2024, 3, 31),
        finished_on=D(2024, 4, 1),
        verwijtbaar=True,
        updated_by=actor,
    )

    d4 = dossier(team_a, D(2024, 4, 1))
    d5 = dossier(team_a, D(2024, 6, 30))
    intake(d5, D(2024, 7, 1))

    d6 = dossier(team_a, D(2023, 12, 31), datum_kennisgeving=D(2024, 1, 1))
    intake(d6, D(2024, 1, 31), D(2024, 2, 15))
    v6 = plan(d6, D(2024, 4, 1), "z")
    plan(d6, D(2024, 6, 1), "b1", number=2, reden="schakelen", pip=v6.pip)
    Traject.objects.create(  # started before the period, stopped after it: not counted
        dossier=d6,
        soort="map",
        status="niet_afgerond",
        started_on=D(2023, 12, 31),
        finished_on=D(2024, 7, 1),
        updated_by=actor,
    )
    Examenresultaat.objects.create(
        dossier=d6, onderdeel="lezen", taken_on=D(2024, 1, 1), uitslag="niet_behaald"
    )
    Examenresultaat.objects.create(
        dossier=d6, onderdeel="lezen", taken_on=D(2024, 3, 31), uitslag="behaald"
    )
    Examenresultaat.objects.create(  # after the period
        dossier=d3, onderdeel="spreken", taken_on=D(2024, 7, 1), uitslag="behaald"
    )

    db_ = dossier(team_b, D(2024, 1, 2), datum_kennisgeving=D(2024, 1, 2))
    intake(db_, D(2024, 1, 20), D(2024, 1, 25))
    plan(db_, D(2024, 2, 1), "b1")
    facts.refresh()
    return {
        "a": team_a.gemeente,
        "b": team_b.gemeente,
        "team_a": team_a,
        "actor": actor,
        "dossiers": (d1, d2, d3, d4, d5, d6, db_),
        "versies": (v1, v2, v6),
    }


def test_the_funnel_counts_each_step_reached_by_the_periods_last_day(region):
    funnel = indicators.funnel(monitor_filter([region["a"]]))
    # D1-D5 started their duty in the period (D6 the day before it); intake started by 30
    # June: D1, D2, D3 (D5 on 1 July); completed: D1, D2; plan: D1, D2; in uitvoering (MAP
    # begun): D1. D3's PVT counts for nothing: its intake is not completed.
    assert funnel.counts == {
        "aangemeld": 5,
        "intake_gestart": 3,
        "intake_afgerond": 2,
        "pip": 2,
        "uitvoering": 1,
        "afgerond": 0,
    }
    assert [funnel.dropped(step) for step in indicators.FUNNEL_STEPS] == [2, 1, 0, 1, 1, None]


def test_the_funnel_of_a_cohort_splits_at_31_march(region):
    first = indicators.funnel(monitor_filter([region["a"]], cohort=Quarter(2024, 1)))
    second = indicators.funnel(monitor_filter([region["a"]], cohort=Quarter(2024, 2)))
    # Cohort K1: D1, D2 and D3 (duty on 31 March); K2: D4 (1 April) and D5 (30 June).
    assert first.counts["aangemeld"] == 3
    assert first.counts["intake_gestart"] == 3
    assert first.counts["pip"] == 2
    assert second.counts["aangemeld"] == 2
    assert second.counts["intake_gestart"] == 0


def test_the_region_adds_the_other_gemeente_and_a_cut_narrows_it(region):
    both = indicators.funnel(monitor_filter([region["a"], region["b"]]))
    assert both.counts["aangemeld"] == 6  # + DB
    assert both.counts["pip"] == 3
    family = indicators.funnel(
        monitor_filter([region["a"], region["b"]], doelgroep=Doelgroep.GEZINSMIGRANT)
    )
    assert family.counts["aangemeld"] == 0
    team = indicators.funnel(
        monitor_filter([region["a"], region["b"]], team_id=region["team_a"].pk)
    )
    assert team.counts["aangemeld"] == 5


def test_lead_times_take_median_and_90th_percentile_of_the_days(region):
    found = {lead.key: lead for lead in indicators.lead_times(monitor_filter([region["a"]]))}
    # Trigger to intake, intakes started in the period: D1 19 (1 Feb - 20 Feb), D2 32
    # (29 Feb - 1 Apr), D3 8, D6 30. Sorted 8 19 30 32: median 24.5; p90 at 2.7: 30 + 0.7*2.
    assert (found["trigger_intake"].count, found["trigger_intake"].median) == (4, 24.5)
    assert found["trigger_intake"].p90 == pytest.approx(31.4)
    # Intake to PIP, first PIPs in the period: D1 40, D2 38, D6 61: median 40, p90 40+0.8*21.
    assert (found["intake_pip"].count, found["intake_pip"].median) == (3, 40)
    assert found["intake_pip"].p90 == pytest.approx(56.8)
    # Trigger to PIP: D1 59, D2 70, D6 91.
    assert (found["trigger_pip"].count, found["trigger_pip"].median) == (3, 70)
    assert found["trigger_pip"].p90 == pytest.approx(86.8)
    # Koppeling to BRP, registrations in the period: D1 27, D3 31.
    assert (found["koppeling_brp"].count, found["koppeling_brp"].median) == (2, 29)
    assert found["koppeling_brp"].p90 == pytest.approx(30.6)


def test_the_lead_time_distribution_puts_each_pip_in_its_weeks(region):
    buckets = dict(indicators.trigger_pip_distribution(monitor_filter([region["a"]])))
    # 59 and 70 days fall in "8 to 10 weeks" (57-70 days), 91 in "12 to 16 weeks".
    assert buckets == {
        "le_2": 0,
        "le_4": 0,
        "le_6": 0,
        "le_8": 0,
        "le_10": 2,
        "le_12": 0,
        "le_16": 1,
        "le_26": 0,
        "more": 0,
    }


def test_pips_within_ten_weeks_and_route_mix_per_quarter(region):
    k1, k2 = indicators.plans_per_quarter(monitor_filter([region["a"]]))
    # K1: D1 (31 March, day 59). K2: D2 (day 70, the deadline day itself) and D6 (day 91);
    # D6's second version is a change (schakelen), not a first PIP.
    assert (k1.quarter, k1.first_pips, k1.on_time, k1.routes["b1"]) == (Quarter(2024, 1), 1, 1, 1)
    assert (k2.first_pips, k2.on_time, k2.no_trigger) == (2, 1, 0)
    assert k2.routes == {"b1": 0, "onderwijs": 1, "z": 1}
    assert (k1.schakelen, k2.schakelen, k2.afschalen) == (0, 1, 0)


def test_map_pvt_and_exams_in_the_period(region):
    found = {c.soort: c for c in indicators.components(monitor_filter([region["a"]]))}
    # MAP: D1 started 1 April, completed 30 June; D6's started and stopped outside the period.
    assert (found["map"].started, found["map"].completed) == (1, 1)
    assert found["map"].not_completed_verwijtbaar + found["map"].not_completed_other == 0
    # PVT: D3 (31 March to 1 April, to blame) and D1 (stopped, blame not recorded).
    assert (found["pvt"].started, found["pvt"].completed) == (2, 0)
    assert (found["pvt"].not_completed_verwijtbaar, found["pvt"].not_completed_other) == (1, 1)
    exams = {
        e.onderdeel: (e.taken, e.passed) for e in indicators.exams(monitor_filter([region["a"]]))
    }
    # Reading twice (1 January failed, 31 March passed), KNM once; D3's speaking is in July.
    assert exams == {
        "lezen": (2, 1),
        "luisteren": (0, 0),
        "schrijven": (0, 0),
        "spreken": (0, 0),
        "knm": (1, 1),
    }


def test_ontzorgen_started_completed_and_ended_early(region):
    d2 = region["dossiers"][1]
    v1, v2, v6 = region["versies"]
    Ontzorging.objects.create(versie=v1, start=D(2024, 2, 1), geplande_einddatum=D(2024, 7, 31))
    Ontzorging.objects.create(versie=v2, start=D(2024, 5, 9), geplande_einddatum=D(2024, 11, 8))
    Ontzorging.objects.create(versie=v6, start=D(2023, 10, 1), geplande_einddatum=D(2024, 3, 31))
    d2.datum_start_bijstand, d2.datum_einde_bijstand = D(2024, 5, 1), D(2024, 6, 30)
    d2.save()
    facts.refresh()
    result = indicators.ontzorgen(monitor_filter([region["a"]]))
    # Started in the period: D1 (1 Feb), D2 (9 May). Six months done in it: D6 (31 March).
    # Ended early: D2, its bijstand stopped on 30 June, before 8 November. D1 runs on.
    assert result == indicators.Ontzorgen(started=2, completed=1, ended_early=1)


def test_enforcement_and_termijnen(region):
    d1, d2, d3, d4, d5, d6, _db = region["dossiers"]
    actor = region["actor"]

    def invitation(dossier, gevolg, on, fine=None):
        brede_intake = BredeIntake.objects.get_or_create(dossier=dossier)[0]
        Uitnodiging.objects.create(
            intake=brede_intake,
            sent_on=on - datetime.timedelta(days=20),
            appointment_on=on - datetime.timedelta(days=10),
            opkomst="niet_verschenen",
            gevolg=gevolg,
            gevolg_on=on,
            fine_eur=fine,
        )

    invitation(d3, "waarschuwing", D(2024, 3, 31))
    invitation(d4, "boete", D(2024, 4, 1), fine=250)
    invitation(d5, "waarschuwing", D(2024, 7, 1))  # after the period
    Voortgangsgesprek.objects.create(
        dossier=d1,
        versie=region["versies"][0],
        status="afgerond",
        planned_on=D(2024, 6, 30),
        held_on=D(2024, 6, 30),
        maatregel="waarschuwing",
        maatregel_on=D(2024, 6, 30),
        created_by=actor,
    )
    for dossier, soort, on, extra in (
        (d6, "verlenging", D(2024, 5, 1), {"maanden": 6, "verwijtbaar": False}),
        (d6, "boete", D(2024, 8, 1), {"bedrag_eur": 500, "nieuwe_einddatum": D(2026, 8, 1)}),
    ):
        duo_besluit(dossier, actor, soort=soort, dagtekening=on, **extra)
    withdrawn = duo_besluit(d1, actor, soort="verlenging", dagtekening=D(2024, 5, 2), maanden=3)
    withdrawn.withdrawn_at = datetime.datetime(2024, 5, 3, tzinfo=datetime.UTC)
    withdrawn.save()
    # Termijnen on 30 June 2024: under six months left means an end before 30 December.
    Pip.objects.filter(dossier=d1).update(termijn_einde=D(2027, 3, 31))
    Pip.objects.filter(dossier=d2).update(termijn_einde=D(2024, 12, 29))  # at risk
    Pip.objects.filter(dossier=d6).update(termijn_einde=D(2024, 12, 30))  # six months: not
    Pip.objects.create(dossier=d3, termijn_start=D(2021, 6, 30), termijn_einde=D(2024, 6, 29))
    facts.refresh()
    result = indicators.enforcement(monitor_filter([region["a"]]))
    assert result == indicators.Enforcement(
        intake_warnings=1,
        intake_fines=1,
        plan_warnings=1,
        plan_fines=0,
        duo_fines=0,
        extended=1,
        at_risk=1,
        overdue=1,
    )


def test_load_counts_todays_work(db):
    team = factories.TeamFactory()
    first, second = factories.regisseur(team), factories.regisseur(team)
    running = {"team": team, "status": DossierStatus.UITVOERING}
    mine = [factories.InburgeraarFactory(regisseur=first, **running) for _ in range(3)]
    factories.InburgeraarFactory(regisseur=second, **running)
    factories.InburgeraarFactory(regisseur=None, **running)
    factories.InburgeraarFactory(team=team, regisseur=first, status=DossierStatus.AFGEROND)
    for follow_up, status in ((-1, "open"), (3, "in_behandeling"), (-5, "afgehandeld")):
        Signaal.objects.create(
            dossier=mine[0],
            leefgebied="werk",
            subject="Schulden",
            ernst="midden",
            follow_up_on=TODAY + datetime.timedelta(days=follow_up),
            status=status,
            owner=first,
            raised_by=first,
        )
    for due, dismissed in (
        (-1, None),
        (-1, datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)),
        (1, None),
    ):
        Herinnering.objects.create(
            recipient=first,
            dossier=mine[0],
            soort="gesprek",
            cause=f"test:{due}:{dismissed}",
            due_on=TODAY + datetime.timedelta(days=due),
            dismissed_at=dismissed,
        )
    facts.refresh()
    result = indicators.load(monitor_filter([team.gemeente]))
    # Five running (one closed left out), one of them unassigned; caseloads 3 and 1.
    assert result == indicators.Load(
        running=5,
        unassigned=1,
        regisseurs=2,
        per_regisseur_median=2.0,
        per_regisseur_max=3,
        open_signals=2,
        overdue_signals=1,
        overdue_reminders=1,
    )


def test_the_plan_keeps_its_termijn_end_as_duos_decisions_leave_it(db):
    from pip_plans import services as pip_services

    team = factories.TeamFactory()
    actor = factories.regisseur(team)
    dossier = factories.InburgeraarFactory(
        team=team, regisseur=actor, status=DossierStatus.INTAKE, datum_kennisgeving=D(2026, 1, 2)
    )
    factories.fixed_plan(dossier, actor, dagtekening=D(2026, 1, 5))
    pip = Pip.objects.get(dossier=dossier)
    assert pip.termijn_einde == D(2029, 1, 5)  # three years from 6 January 2026
    besluit = pip_services.record_duo_besluit(
        actor=actor,
        dossier_id=dossier.pk,
        soort="verlenging",
        dagtekening=D(2026, 3, 2),
        grond="Ziekte",
        maanden=6,
        verwijtbaar=False,
    )
    pip.refresh_from_db()
    assert pip.termijn_einde == D(2029, 7, 5)
    pip_services.withdraw_duo_besluit(
        actor=actor, dossier_id=dossier.pk, besluit_id=besluit.pk, reason="Verkeerd dossier"
    )
    pip_services.store_termijn_einde(actor=actor, dossier_id=dossier.pk)
    pip.refresh_from_db()
    assert pip.termijn_einde == D(2029, 1, 5)
