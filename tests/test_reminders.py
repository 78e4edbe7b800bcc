"""The daily reminder job: once per cause, one email per user, safe to run twice, by a worker."""

import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.schedules import crontab
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from inburgering.celery import app
from inburgering.services import SYSTEM_USERNAME, ServiceError
from inburgering.settings.base import schedule_from
from pip_plans import services as pip_services
from tests import factories
from voortgang import reminders, services
from voortgang.models import Herinnering, Voortgangsgesprek
from voortgang.tasks import send_daily_reminders

TODAY = timezone.localdate()


def _move_talk(dossier, actor, planned_on):
    gesprek = Voortgangsgesprek.objects.get(dossier=dossier, status="gepland")
    services.reschedule_gesprek(
        actor=actor,
        gesprek_id=gesprek.pk,
        expected_version=gesprek.lock_version,
        planned_on=planned_on,
    )
    return gesprek


@pytest.fixture
def prepared(team):
    """Four dossiers, each with one cause: a talk overdue, a signal overdue (owned by a
    colleague), the PIP deadline in 3 days, and the termijn ending in 5 months."""
    regisseur = factories.regisseur(team, username="sanne", email="sanne@gemeente.test")
    colleague = factories.regisseur(team, username="youssef", email="youssef@gemeente.test")
    talk, signal, deadline, termijn = (
        factories.InburgeraarFactory(team=team, regisseur=regisseur, surname=name)
        for name in ("Haddad", "Kidane", "Melnyk", "Osman")
    )
    factories.fixed_plan(talk, regisseur, dagtekening=TODAY - datetime.timedelta(days=120))
    gesprek = _move_talk(talk, regisseur, TODAY - datetime.timedelta(days=5))
    signaal = factories.signaal(
        signal, regisseur, owner=colleague, follow_up_on=TODAY - datetime.timedelta(days=2)
    )
    deadline.datum_kennisgeving = TODAY + datetime.timedelta(days=3) - datetime.timedelta(weeks=10)
    deadline.save()
    factories.fixed_plan(
        termijn, regisseur, dagtekening=TODAY + relativedelta(months=5) - relativedelta(years=3)
    )
    _move_talk(termijn, regisseur, TODAY + datetime.timedelta(days=30))
    return {
        "regisseur": regisseur,
        "colleague": colleague,
        "causes": {
            ("gesprek", talk.pk, gesprek.pk, None, regisseur.pk),
            ("signaal", signal.pk, None, signaal.pk, colleague.pk),
            ("pip_termijn", deadline.pk, None, None, regisseur.pk),
            ("termijn_einde", termijn.pk, None, None, regisseur.pk),
        },
    }


def _reminders():
    """The open reminders; a talk moved away from today left a resolved one behind."""
    return [
        (r.soort, r.dossier_id, r.gesprek_id, r.signaal_id, r.recipient_id)
        for r in Herinnering.objects.filter(resolved_at=None)
    ]


def test_the_daily_job_twice_makes_one_reminder_per_cause_and_mails_once(prepared):
    mail.outbox.clear()
    first = send_daily_reminders.apply().get()
    second = send_daily_reminders.apply().get()
    assert sorted(_reminders()) == sorted(prepared["causes"])  # a list: duplicates would show
    assert first["emails"] == 2 and second == {
        "created": 0,
        "resolved": 0,
        "reopened": 0,
        "emails": 0,
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["sanne@gemeente.test", "youssef@gemeente.test"]
    sanne = next(m for m in mail.outbox if m.to == ["sanne@gemeente.test"])
    assert sanne.body.count("\n- ") == 3
    assert "Haddad" not in sanne.body  # no names leave the application
    assert "/werkvoorraad/" in sanne.body
    assert not Herinnering.objects.filter(emailed_at=None, resolved_at=None).exists()


def test_a_reminder_made_by_the_job_names_the_system_and_the_task_in_its_history(prepared):
    send_daily_reminders.apply()
    deadline = Herinnering.objects.get(soort="pip_termijn")
    created = deadline.history.earliest()
    assert created.history_user.username == SYSTEM_USERNAME
    assert created.history_change_reason.startswith("celery voortgang.tasks.send_daily_reminders")
    assert not created.history_user.is_active  # the system account cannot log in


def test_a_reminder_made_by_a_change_names_the_user_who_made_it(prepared):
    talk = Herinnering.objects.get(soort="gesprek", resolved_at=None)  # synced by the move
    assert talk.history.earliest().history_user == prepared["regisseur"]


def test_a_cause_that_stops_holding_resolves_its_reminder(prepared):
    send_daily_reminders.apply()
    signaal = Herinnering.objects.get(soort="signaal").signaal
    services.follow_up_signaal(
        actor=prepared["colleague"],
        signaal_id=signaal.pk,
        expected_version=signaal.lock_version,
        status="afgehandeld",
        follow_up_on=signaal.follow_up_on,
        resolution="Schuldhulp gestart",
    )
    assert Herinnering.objects.get(soort="signaal").resolved_at is not None
    reminders.run_daily()
    assert Herinnering.objects.filter(soort="signaal").count() == 1


def test_an_unassigned_dossier_reminds_its_team_leads(team):
    leads = [factories.teamleider(team, username=name) for name in ("marieke", "joost")]
    dossier = factories.InburgeraarFactory(
        team=team, datum_kennisgeving=TODAY - datetime.timedelta(weeks=11)
    )
    reminders.run_daily()
    assert {r.recipient for r in Herinnering.objects.filter(dossier=dossier)} == set(leads)


def test_a_new_regisseur_takes_over_the_reminders(prepared, team):
    send_daily_reminders.apply()
    dossier = Herinnering.objects.get(soort="pip_termijn").dossier
    dossier.regisseur = prepared["colleague"]
    dossier.save()
    reminders.run_daily()
    rows = Herinnering.objects.filter(dossier=dossier)
    assert {(r.recipient_id, r.resolved_at is None) for r in rows} == {
        (prepared["regisseur"].pk, False),
        (prepared["colleague"].pk, True),
    }


def test_ended_dossiers_remind_no_one(prepared):
    Herinnering.objects.all().delete()
    for dossier in {r.dossier for r in Voortgangsgesprek.objects.all()}:
        dossier.status = "afgerond"
        dossier.datum_einde_plicht = TODAY
        dossier.save()
    reminders.run_daily()
    assert {r[0] for r in _reminders()} == {"signaal", "pip_termijn"}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_the_reminder_job_against_the_database():
    team = factories.TeamFactory()
    regisseur = factories.regisseur(team, username="sanne", email="sanne@gemeente.test")
    dossier = factories.InburgeraarFactory(
        team=team, regisseur=regisseur, datum_brp_inschrijving=TODAY - datetime.timedelta(weeks=9)
    )
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        send_daily_reminders.delay()
        deadline = time.monotonic() + 20
        while not Herinnering.objects.filter(dossier=dossier, emailed_at__isnull=False).exists():
            assert time.monotonic() < deadline, "the worker did not run the reminder job"
            time.sleep(0.1)
    assert Herinnering.objects.get(dossier=dossier).soort == "pip_termijn"


def test_beat_runs_the_reminder_job_every_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["send-daily-reminders"]
    assert entry["task"] == send_daily_reminders.name
    assert entry["schedule"].hour == {6}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5", datetime.timedelta(seconds=5)), ("0 6 * * *", crontab(minute="0", hour="6"))],
)
def test_the_reminder_schedule_is_seconds_or_a_crontab(value, expected):
    assert schedule_from("REMINDERS_SCHEDULE", value) == expected


@pytest.mark.parametrize("value", ["¹", "５", "٣", "0", "6 *"])
def test_a_schedule_in_other_digits_is_a_clear_configuration_error(value):
    with pytest.raises(ImproperlyConfigured, match="REMINDERS_SCHEDULE"):
        schedule_from("REMINDERS_SCHEDULE", value)


@pytest.mark.django_db
def test_an_agreement_past_its_date_reminds_the_regisseur_until_it_is_done(client, team, regisseur):
    from pip_plans.models import Afspraak
    from pip_plans.services import update_afspraak_status
    from voortgang.selectors import worklist

    dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    factories.fixed_plan(
        dossier,
        regisseur,
        dagtekening=TODAY - datetime.timedelta(days=30),
        afspraken=[
            ("werk", "Cv maken", TODAY - datetime.timedelta(days=3)),
            ("taal", "Taalcafé bezoeken", TODAY),  # the day itself is still in time
        ],
    )
    late = Afspraak.objects.get(wat="Cv maken")
    reminders.sync(actor=regisseur, dossier_id=dossier.pk)
    [item] = [i for i in worklist(regisseur, TODAY) if i.herinnering.soort == "afspraak"]
    assert (item.herinnering.afspraak, item.overdue_days) == (late, 3)
    assert item.url.endswith(f"#afspraak-{late.pk}")
    client.force_login(regisseur)
    html = client.get(item.url).content.decode()
    assert html.count("te laat") == 1  # the plan page marks the late one only

    update_afspraak_status(
        actor=regisseur,
        dossier=dossier,
        afspraak_id=late.pk,
        status="gedaan",
        previous_status="open",
    )
    assert not [i for i in worklist(regisseur, TODAY) if i.herinnering.soort == "afspraak"]
    reminders.sync(actor=regisseur, dossier_id=dossier.pk)
    assert Herinnering.objects.get(afspraak=late).resolved_at is not None


@pytest.mark.django_db
def test_reminders_a_concurrent_sync_made_first_are_skipped_not_doubled(team, regisseur):
    """New reminders go in one insert; when another sync of the same dossier made one of them
    in the meantime (the unique key refuses the insert), they are made one by one, skipping
    that one, with their history."""
    from voortgang import rules

    dossiers = [factories.InburgeraarFactory(team=team, regisseur=regisseur) for _ in range(3)]
    causes = [rules.waiting_for_regisseur(dossier_id=d.pk, today=TODAY) for d in dossiers]
    reminders._create_all([(causes[0], regisseur.pk)], actor=regisseur, reason="")  # the other
    made = reminders._create_all(
        [(cause, regisseur.pk) for cause in causes], actor=regisseur, reason="sync"
    )
    assert made == 2
    assert Herinnering.objects.filter(recipient=regisseur, soort="wachtrij").count() == 3
    assert Herinnering.history.filter(history_change_reason="sync").count() == 2


@pytest.mark.django_db
def test_the_daily_job_holds_a_wi2013_dossier_to_none_of_the_wi2021_deadlines(team, regisseur):
    """Under the Wi2013 there is no PIP (nor its deadline), DUO keeps the termijn and there is
    no ontzorgen: the job makes the Wi2021 dossiers' PIP, termijn and ontzorgen reminders and
    none for their Wi2013 twins, whose municipal work is the PVT."""
    long_ago = TODAY - datetime.timedelta(weeks=12)  # the 10-week PIP deadline has passed
    plan_day = TODAY + relativedelta(months=5) - relativedelta(years=3)  # termijn ends soon
    bijstand = TODAY - relativedelta(months=6) + datetime.timedelta(days=10)  # ends in 9 days
    made = {}
    for regime, duty_start in (("wi2021", plan_day), ("wi2013", datetime.date(2021, 6, 1))):
        waiting = factories.InburgeraarFactory(
            team=team,
            regisseur=regisseur,
            regime=regime,
            datum_start_inburgeringsplicht=duty_start,
            datum_kennisgeving=long_ago,
            datum_start_bijstand=bijstand,
        )
        running = factories.InburgeraarFactory(
            team=team, regisseur=regisseur, regime=regime, datum_start_inburgeringsplicht=duty_start
        )
        if regime == "wi2021":
            factories.fixed_plan(running, regisseur, dagtekening=plan_day)
            _move_talk(running, regisseur, TODAY + datetime.timedelta(days=30))
        else:
            with pytest.raises(ServiceError, match="Wi2013"):
                pip_services.create_pip(actor=regisseur, dossier=running)
            services.save_traject(
                actor=regisseur,
                dossier_id=running.pk,
                soort="pvt",
                expected_version=0,
                data={"status": "lopend", "started_on": TODAY - datetime.timedelta(days=3)},
            )
            running.refresh_from_db()
            assert running.status == "uitvoering"  # the municipality's work has started
        made[regime] = (waiting, running)
    send_daily_reminders.apply()
    kinds = {
        regime: set(
            Herinnering.objects.filter(dossier__in=dossiers).values_list("soort", flat=True)
        )
        for regime, dossiers in made.items()
    }
    assert kinds["wi2021"] >= {"pip_termijn", "termijn_einde", "ontzorgen"}
    assert not kinds["wi2013"] & {"pip_termijn", "termijn_einde", "schakelen", "ontzorgen"}
