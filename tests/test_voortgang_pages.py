"""The voortgang pages: forms that keep what was typed, owners' access, fixed query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.choices import Role
from tests import factories
from voortgang import reminders, services
from voortgang.models import Herinnering, Signaal, Voortgangsgesprek, Voortgangsnotitie

TODAY = timezone.localdate()


@pytest.fixture
def plan(dossier, regisseur):
    return factories.fixed_plan(
        dossier, regisseur, dagtekening=TODAY, afspraken=[("taal", "Naar de taalschool")]
    )


@pytest.fixture
def gesprek(plan, dossier):
    return Voortgangsgesprek.objects.get(dossier=dossier)


def _url(name, **kwargs):
    return reverse(name, kwargs=kwargs)


def test_the_dossier_page_shows_the_next_talk(regisseur_client, dossier, gesprek):
    response = regisseur_client.get(dossier.get_absolute_url())
    assert "Volgend voortgangsgesprek" in response.content.decode()
    assert gesprek.planned_on.strftime("%Y") in response.content.decode()


def test_the_dossier_page_sums_up_progress(regisseur_client, regisseur, dossier, gesprek):
    held_on = TODAY - datetime.timedelta(days=20)
    Voortgangsgesprek.objects.create(
        dossier=dossier,
        versie=gesprek.versie,
        status="afgerond",
        planned_on=held_on,
        held_on=held_on,
        conclusie="plan_bijstellen",
        created_by=regisseur,
    )
    factories.signaal(dossier, regisseur, subject="Huurachterstand")
    factories.signaal(dossier, regisseur, subject="Opgelost", status="afgehandeld", resolution="Ok")
    schuldhulp = factories.OrganisatieFactory(naam="Schuldhulp", domeinen=["inkomen"])
    factories.signaal(
        dossier,
        regisseur,
        owner=None,
        owner_organisatie=schuldhulp,
        subject="Aflossing",
        ernst="hoog",
    )
    for number in range(7):
        services.add_voortgangsnotitie(
            actor=regisseur, dossier=dossier, leefgebied="taal", text=f"Notitie {number}"
        )
    page = " ".join(regisseur_client.get(dossier.get_absolute_url()).content.decode().split())
    assert f"Volgend voortgangsgesprek: {gesprek.planned_on:%-d}" in page
    assert "Laatste gesprek gehouden op" in page and "Plan bijstellen." in page
    assert "2 open signalen:" in page and "Huurachterstand" in page and "Opgelost" not in page
    assert f"Huurachterstand</a> (inkomen en financiën, midden) — {regisseur}</li>" in page
    assert "Aflossing</a> (inkomen en financiën, hoog) — Schuldhulp</li>" in page
    assert "De 5 nieuwste van 7 notities." in page
    assert "Notitie 6" in page and "Notitie 1" not in page
    assert f"(taal) — {regisseur}: <a" in page


def test_planning_proposes_the_date_from_the_agreed_frequency(regisseur_client, dossier, gesprek):
    url = _url("cancel_gesprek", dossier_id=dossier.pk, voortgangsgesprek_id=gesprek.pk)
    regisseur_client.post(url, {"lock_version": 0})
    assert not Voortgangsgesprek.objects.filter(dossier=dossier).exists()
    response = regisseur_client.get(_url("plan_gesprek", dossier_id=dossier.pk))
    proposed = TODAY + datetime.timedelta(weeks=12)
    assert response.context["form"]["planned_on"].value() == proposed
    past = regisseur_client.post(
        _url("plan_gesprek", dossier_id=dossier.pk), {"planned_on": "2020-01-01"}
    )
    assert past.status_code == 200 and past.context["form"].errors["planned_on"]


def test_a_report_with_a_future_date_keeps_everything_typed(regisseur_client, dossier, gesprek):
    url = _url("save_verslag", dossier_id=dossier.pk, voortgangsgesprek_id=gesprek.pk)
    response = regisseur_client.post(
        url,
        {
            "lock_version": 0,
            "held_on": "2031-01-01",
            "notitie_taal": "Leert snel",
            "interpreter_used": "on",
            "examens-TOTAL_FORMS": "0",
            "examens-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "toekomst" in str(errors["held_on"])
    assert "tolk" in str(errors["interpreter_language"])
    assert "Leert snel" in response.content.decode()
    gesprek.refresh_from_db()
    assert gesprek.status == "gepland"


def test_the_conclusion_asks_for_a_reason_when_the_plan_is_adjusted(
    regisseur_client, dossier, gesprek
):
    gesprek.status, gesprek.held_on = "gehouden", TODAY
    gesprek.save()
    url = _url("conclude_gesprek", dossier_id=dossier.pk, voortgangsgesprek_id=gesprek.pk)
    response = regisseur_client.post(url, {"lock_version": 0, "conclusie": "plan_bijstellen"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"toelichting", "reden"}
    fine = regisseur_client.post(
        url,
        {
            "lock_version": 0,
            "conclusie": "handhaven",
            "toelichting": "Veel verzuim",
            "maatregel": "boete",
            "maatregel_on": TODAY.isoformat(),
            "boete_eur": "1200",
        },
    )
    assert "800" in str(fine.context["form"].errors["boete_eur"])
    response = regisseur_client.post(
        url,
        {
            "lock_version": 0,
            "conclusie": "plan_bijstellen",
            "toelichting": "Meer uren taal",
            "reden": "gewijzigde_omstandigheden",
        },
    )
    assert response["Location"] == f"{_url('plan_overview', dossier_id=dossier.pk)}?versie=2"


def test_a_partner_cannot_own_a_signal_outside_its_domain(regisseur_client, dossier):
    werk = factories.OrganisatieFactory(naam="Werkbedrijf", domeinen=["werk"])
    response = regisseur_client.post(
        _url("raise_signaal", dossier_id=dossier.pk),
        {
            "leefgebied": "inkomen",
            "subject": "Schulden",
            "ernst": "hoog",
            "owner": f"org:{werk.pk}",
            "follow_up_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 200
    assert "domein" in str(response.context["form"].errors["owner"]).lower()
    assert 'value="Schulden"' in response.content.decode()
    assert not Signaal.objects.exists()


def test_the_owner_of_a_signal_sees_it_but_not_the_rest_of_the_dossier(
    client, regisseur, other_regisseur, dossier
):
    signaal = factories.signaal(dossier, regisseur, owner=other_regisseur)
    client.force_login(other_regisseur)
    worklist = client.get(_url("worklist"))
    assert signaal.subject in worklist.content.decode()
    assert _nav(worklist, "worklist").badge == 1
    assert client.get(signaal.get_absolute_url()).status_code == 200
    assert client.get(dossier.get_absolute_url()).status_code == 404
    assert dossier.bsn not in client.get(signaal.get_absolute_url()).content.decode()
    response = client.post(
        signaal.get_absolute_url(),
        {
            "lock_version": 0,
            "status": "afgehandeld",
            "follow_up_on": signaal.follow_up_on.isoformat(),
            "resolution": "Aangemeld bij schuldhulp",
        },
    )
    assert response.status_code == 302
    signaal.refresh_from_db()
    assert (signaal.status, signaal.history.first().history_user) == (
        "afgehandeld",
        other_regisseur,
    )
    assert signaal.subject not in client.get(_url("worklist")).content.decode()


def test_a_reminder_can_be_marked_as_done(regisseur_client, regisseur, dossier, gesprek):
    services.reschedule_gesprek(
        actor=regisseur, gesprek_id=gesprek.pk, expected_version=0, planned_on=TODAY
    )
    herinnering = Herinnering.objects.get(recipient=regisseur, resolved_at=None)
    url = _url("dismiss_herinnering", herinnering_id=herinnering.pk)
    assert regisseur_client.post(url).status_code == 302
    herinnering.refresh_from_db()
    assert herinnering.dismissed_at is not None
    reminders.run_daily()  # the same cause does not come back
    assert not Herinnering.objects.filter(recipient=regisseur, dismissed_at=None, resolved_at=None)


def _fill_worklist(regisseur, team, count):
    """Owned signals, talks due and (from the third item) chain partners' notes, each with
    its own partner organisation."""
    for number in range(count):
        dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
        if number % 3 == 2:
            partner = factories.user_with_role(
                Role.KETENPARTNER, organisatie=factories.OrganisatieFactory(domeinen=["werk"])
            )
            partner.groups.add(partner.organisatie.group)
            factories.share(dossier, regisseur, partner.organisatie)
            services.add_voortgangsnotitie(
                actor=partner, dossier=dossier, leefgebied="werk", text="Nieuws"
            )
        elif number % 2:
            factories.signaal(
                dossier, regisseur, follow_up_on=TODAY + datetime.timedelta(days=number)
            )
        else:
            factories.fixed_plan(
                dossier, regisseur, dagtekening=TODAY - datetime.timedelta(weeks=13)
            )


def test_the_worklist_runs_the_same_queries_for_2_and_50_items_and_pages_in_the_database(
    regisseur_client, regisseur, team, queries, settings
):
    settings.LIST_PAGE_SIZE = 50
    _fill_worklist(regisseur, team, 2)  # a talk due and a signal: both kinds of line
    two = queries.get(regisseur_client, _url("worklist"))
    _fill_worklist(regisseur, team, 48)
    response = regisseur_client.get(_url("worklist"))
    items = response.context["page"].object_list
    assert len(items) == 50
    assert sum(bool(i.herinnering and i.herinnering.notitie_id) for i in items) == 16
    assert "Voortgangsnotitie van Partner" in response.content.decode()
    queries.assert_same_count(two, queries.get(regisseur_client, _url("worklist")))
    # More than a page: the database cuts it; the last page holds the rest, soonest first.
    _fill_worklist(regisseur, team, 30)
    last = queries.get(regisseur_client, _url("worklist"), page=2)
    queries.assert_same_count(two, last)
    rest = last.response.context["page"].object_list
    assert len(rest) == 30 and last.response.context["page"].paginator.count == 80
    first = regisseur_client.get(_url("worklist")).context["page"].object_list
    days = [item.due_on for item in [*first, *rest]]
    assert days == sorted(days)


def test_the_worklist_puts_the_most_urgent_first(regisseur_client, regisseur, team):
    for days, ernst in ((5, "laag"), (-3, "laag"), (5, "hoog")):
        dossier = factories.InburgeraarFactory(team=team, regisseur=regisseur)
        factories.signaal(
            dossier, regisseur, ernst=ernst, follow_up_on=TODAY + datetime.timedelta(days=days)
        )
    items = regisseur_client.get(_url("worklist")).context["page"].object_list
    assert [(i.overdue_days, i.signaal.ernst) for i in items] == [
        (3, "laag"),
        (0, "hoog"),
        (0, "laag"),
    ]


def test_the_timeline_runs_the_same_queries_for_1_and_50_items(
    regisseur_client, regisseur, dossier, queries
):
    url = _url("dossier_timeline", dossier_id=dossier.pk)
    factories.signaal(dossier, regisseur)
    one = queries.get(regisseur_client, url)
    factories.fixed_plan(dossier, regisseur, dagtekening=TODAY)
    for number in range(47):
        factories.signaal(dossier, regisseur, subject=f"Signaal {number}")
    for number in range(20):  # notes outside talks: each names its author
        services.add_voortgangsnotitie(
            actor=regisseur, dossier=dossier, leefgebied="taal", text=f"N{number}"
        )
    response = regisseur_client.get(url)
    # version started, fixed, talk, 48 signals, 20 notes
    assert len(response.context["entries"]) == 71
    queries.assert_same_count(one, queries.get(regisseur_client, url))


def test_the_progress_overview_runs_the_same_queries_for_1_and_many_notes(
    regisseur_client, regisseur, dossier, plan, queries
):
    url = _url("voortgang_overview", dossier_id=dossier.pk)
    services.add_voortgangsnotitie(actor=regisseur, dossier=dossier, leefgebied="taal", text="N0")
    factories.signaal(dossier, regisseur)
    one = queries.get(regisseur_client, url)
    partner = factories.OrganisatieFactory(domeinen=["werk"])
    for number in range(1, 30):
        Voortgangsnotitie.objects.create(
            dossier=dossier,
            leefgebied="werk",
            text=f"N{number}",
            author=factories.UserFactory(),
            organisatie=partner,
        )
        factories.signaal(dossier, regisseur, subject=f"Signaal {number}")
    response = regisseur_client.get(url)
    assert len(response.context["overview"].notities) == 30
    assert "N29" in response.content.decode()
    queries.assert_same_count(one, queries.get(regisseur_client, url))


def test_the_timeline_is_in_order(regisseur_client, regisseur, dossier):
    factories.fixed_plan(dossier, regisseur, dagtekening=TODAY - datetime.timedelta(days=30))
    entries = regisseur_client.get(_url("dossier_timeline", dossier_id=dossier.pk)).context[
        "entries"
    ]
    assert [e.day for e in entries] == sorted((e.day for e in entries), reverse=True)
    assert {e.kind for e in entries} == {"plan", "gesprek"}


def test_the_talk_page_runs_a_fixed_number_of_queries(
    regisseur_client, regisseur, dossier, queries
):
    afspraken = [("taal", f"Afspraak {n}") for n in range(10)]
    factories.fixed_plan(dossier, regisseur, dagtekening=TODAY, afspraken=afspraken[:1])
    gesprek = Voortgangsgesprek.objects.get(dossier=dossier)
    one = queries.get(regisseur_client, gesprek.get_absolute_url())
    other = factories.InburgeraarFactory(team=dossier.team, regisseur=regisseur)
    factories.fixed_plan(other, regisseur, dagtekening=TODAY, afspraken=afspraken)
    many = Voortgangsgesprek.objects.get(dossier=other)
    queries.assert_same_count(one, queries.get(regisseur_client, many.get_absolute_url()))


def _nav(response, key):
    """The navigation's entry ``key`` on a page."""
    return next(item for item in response.context["nav_items"] if item.key == key)
