"""Progress notes outside a talk reach the regisseur: on the dossier page, the progress
overview and the timeline, and, when a chain partner wrote one, as a worklist item."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from inburgering.choices import Role
from tests import factories
from voortgang import reminders, services
from voortgang.models import Herinnering, Voortgangsnotitie

TODAY = timezone.localdate()


@pytest.fixture
def werkbedrijf(db):
    return factories.OrganisatieFactory(naam="Werkbedrijf Noord", domeinen=["werk"])


@pytest.fixture
def shared_dossier(dossier, regisseur, werkbedrijf):
    factories.fixed_plan(dossier, regisseur, dagtekening=TODAY)
    factories.share(dossier, regisseur, werkbedrijf)
    return dossier


@pytest.fixture
def jobcoach(werkbedrijf):
    user = factories.user_with_role(
        Role.KETENPARTNER,
        username="jobcoach",
        first_name="Joris",
        last_name="Coach",
        email="joris@werkbedrijf.test",
        organisatie=werkbedrijf,
    )
    user.groups.add(werkbedrijf.group)
    return user


def _partner_note(client, jobcoach, dossier, text="Start bij de bakker op maandag"):
    client.force_login(jobcoach)
    url = reverse("add_voortgangsnotitie", kwargs={"dossier_id": dossier.pk})
    assert client.post(url, {"leefgebied": "werk", "text": text}).status_code == 302
    return Voortgangsnotitie.objects.get(text=text)


def _page(name, dossier):
    if name == "dossier":
        return dossier.get_absolute_url()
    return reverse(name, kwargs={"dossier_id": dossier.pk})


@pytest.mark.parametrize("page", ["dossier", "voortgang_overview", "dossier_timeline"])
def test_a_partners_note_reaches_the_regisseur_with_who_wrote_it_and_when(
    client, regisseur, jobcoach, shared_dossier, page
):
    _partner_note(client, jobcoach, shared_dossier)
    client.force_login(regisseur)
    html = client.get(_page(page, shared_dossier)).content.decode()
    assert "Start bij de bakker" in html
    assert "Joris Coach" in html and "Werkbedrijf Noord" in html
    assert f'datetime="{TODAY:%Y-%m-%d}"' in html


@pytest.mark.parametrize("page", ["dossier", "voortgang_overview", "dossier_timeline"])
def test_the_regisseurs_own_note_outside_a_talk_shows_on_the_regisseurs_pages(
    regisseur_client, regisseur, shared_dossier, page
):
    regisseur.first_name, regisseur.last_name = "Sanne", "de Vries"
    regisseur.save()
    services.add_voortgangsnotitie(
        actor=regisseur, dossier=shared_dossier, leefgebied="taal", text="Oefent thuis met de app"
    )
    html = regisseur_client.get(_page(page, shared_dossier)).content.decode()
    assert "Oefent thuis met de app" in html and "Sanne de Vries" in html


def test_the_timeline_names_the_note_with_its_leefgebied_author_and_organisation(
    client, regisseur, jobcoach, shared_dossier
):
    note = _partner_note(client, jobcoach, shared_dossier)
    client.force_login(regisseur)
    entries = client.get(_page("dossier_timeline", shared_dossier)).context["entries"]
    entry = next(e for e in entries if e.kind == "notitie")
    assert entry.day == TODAY
    assert "Werk en participatie" in entry.title
    assert entry.detail.startswith("Joris Coach, Werkbedrijf Noord")
    assert client.get(entry.url).status_code == 200
    assert entry.url.endswith(f"#notitie-{note.pk}")


def test_a_partners_note_puts_an_item_on_the_regisseurs_worklist(
    client, regisseur, jobcoach, shared_dossier
):
    note = _partner_note(client, jobcoach, shared_dossier)
    reminder = Herinnering.objects.get(soort="notitie")
    assert (reminder.recipient, reminder.notitie, reminder.due_on) == (regisseur, note, TODAY)
    assert reminder.history.earliest().history_user == jobcoach
    client.force_login(regisseur)
    worklist = client.get(reverse("worklist"))
    html = worklist.content.decode()
    assert "Werkbedrijf Noord" in html and shared_dossier.full_name in html
    item = next(i for i in worklist.context["page"].object_list if i.herinnering == reminder)
    assert "Start bij de bakker" in client.get(item.url).content.decode()
    assert _nav(worklist, "worklist").badge > 0


def test_the_regisseurs_own_note_makes_no_worklist_item(regisseur, shared_dossier):
    services.add_voortgangsnotitie(
        actor=regisseur, dossier=shared_dossier, leefgebied="werk", text="Eigen"
    )
    reminders.run_daily()
    assert not Herinnering.objects.filter(soort="notitie").exists()


def test_each_partner_note_is_one_item_however_often_the_job_runs(
    client, regisseur, jobcoach, shared_dossier
):
    first = _partner_note(client, jobcoach, shared_dossier, text="Eerste")
    second = _partner_note(client, jobcoach, shared_dossier, text="Tweede")
    reminders.run_daily()
    reminders.run_daily()
    rows = Herinnering.objects.filter(soort="notitie").order_by("pk")
    assert [(r.notitie, r.recipient, r.cause) for r in rows] == [
        (first, regisseur, f"notitie:{first.pk}:{TODAY}"),
        (second, regisseur, f"notitie:{second.pk}:{TODAY}"),
    ]


def test_without_an_active_regisseur_the_team_leads_get_the_item(
    client, team, regisseur, jobcoach, shared_dossier
):
    leads = {factories.teamleider(team, username=name) for name in ("marieke", "joost")}
    regisseur.is_active = False
    regisseur.save()
    _partner_note(client, jobcoach, shared_dossier)
    assert {r.recipient for r in Herinnering.objects.filter(soort="notitie")} == leads


def test_the_regisseur_marks_the_note_as_read_and_it_does_not_come_back(
    client, regisseur, jobcoach, shared_dossier
):
    _partner_note(client, jobcoach, shared_dossier)
    reminder = Herinnering.objects.get(soort="notitie")
    client.force_login(regisseur)
    url = reverse("dismiss_herinnering", kwargs={"herinnering_id": reminder.pk})
    assert client.post(url).status_code == 302
    reminders.run_daily()
    reminder.refresh_from_db()
    assert reminder.dismissed_at is not None and reminder.resolved_at is None
    items = client.get(reverse("worklist")).context["page"].object_list
    assert not [i for i in items if i.herinnering and i.herinnering.soort == "notitie"]
    # Read, not gone: the note stays on the dossier.
    assert "Start bij de bakker" in client.get(shared_dossier.get_absolute_url()).content.decode()


def test_a_partner_cannot_dismiss_the_regisseurs_item(client, jobcoach, shared_dossier):
    _partner_note(client, jobcoach, shared_dossier)
    reminder = Herinnering.objects.get(soort="notitie")
    url = reverse("dismiss_herinnering", kwargs={"herinnering_id": reminder.pk})
    assert client.post(url).status_code == 404
    reminder.refresh_from_db()
    assert reminder.dismissed_at is None


def test_an_old_note_stops_reminding_after_the_window(client, settings, jobcoach, shared_dossier):
    settings.VOORTGANG_NOTE_REMINDER_DAYS = 10
    _partner_note(client, jobcoach, shared_dossier)
    reminders.run_daily(today=TODAY + datetime.timedelta(days=9))
    assert Herinnering.objects.get(soort="notitie").resolved_at is None
    reminders.run_daily(today=TODAY + datetime.timedelta(days=10))
    assert Herinnering.objects.get(soort="notitie").resolved_at is not None


def test_the_daily_mail_about_a_note_names_no_one(client, regisseur, jobcoach, shared_dossier):
    regisseur.email = "sanne@gemeente.test"
    regisseur.save()
    Herinnering.objects.all().delete()  # only the note's reminder in this mail
    _partner_note(client, jobcoach, shared_dossier)
    mail.outbox.clear()
    reminders.run_daily()
    (message,) = mail.outbox
    assert message.to == ["sanne@gemeente.test"]
    assert "voortgangsnotitie" in message.body.lower()
    for name in ("Joris", "Coach", "Werkbedrijf", "bakker", shared_dossier.surname):
        assert name not in message.body


def test_a_partner_never_sees_notes_of_domains_not_shared_with_it(
    client, regisseur, werkbedrijf, jobcoach, shared_dossier
):
    hidden = ("wonen", "inkomen", "gezondheid")
    for leefgebied in ("werk", *hidden):
        services.add_voortgangsnotitie(
            actor=regisseur,
            dossier=shared_dossier,
            leefgebied=leefgebied,
            text=f"Notitie over {leefgebied}",
        )
    _partner_note(client, jobcoach, shared_dossier, text="Notitie van de jobcoach")
    preview = reverse(
        "delen_preview",
        kwargs={"dossier_id": shared_dossier.pk, "organisatie_id": werkbedrijf.pk},
    )
    client.force_login(regisseur)
    pages = {"preview": client.get(preview).content.decode()}
    client.force_login(jobcoach)
    pages["partner"] = client.get(shared_dossier.get_absolute_url()).content.decode()
    for html in pages.values():
        assert "Notitie over werk" in html and "Notitie van de jobcoach" in html
        for leefgebied in hidden:
            assert f"Notitie over {leefgebied}" not in html
    for name in ("voortgang_overview", "dossier_timeline"):
        assert client.get(_page(name, shared_dossier)).status_code == 404
    assert not client.get(reverse("worklist")).context["page"].object_list


def _nav(response, key):
    """The navigation's entry ``key`` on a page."""
    return next(item for item in response.context["nav_items"] if item.key == key)
