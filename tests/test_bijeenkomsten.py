"""Appointments with the person (issue 19, point 2): planned with time, place and interpreter,
moved or cancelled with a reason, attended or not; an intake appointment's no-show drives the
escalation; the dossier page, the week view and the .ics file."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from inburgering.bijeenkomsten import services
from inburgering.choices import BijeenkomstSoort, Opkomst, Role
from inburgering.dates import AMSTERDAM
from inburgering.models import Bijeenkomst, ContactDetails
from inburgering.services import ConcurrentEditError, ServiceError
from intake import services as intake_services
from intake.enforcement import Gevolg
from intake.models import Uitnodiging
from tests import factories

TODAY = timezone.localdate()
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


def _typed(regisseur, **changes) -> dict:
    return {
        "soort": "overig",
        "date": NEXT_WEEK.isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "location": "Stadhuis, kamer 2.14",
        "video_link": "",
        "interpreter_language": "ar",
        "interpreter_booked": "on",
        "host": str(regisseur.pk),
        "other_attendees": "Maatje Ahmed",
        "note": "Neem uw verblijfsdocument mee.",
        "lock_version": "0",
        **changes,
    }


def _data(regisseur, **changes) -> dict:
    return {
        "soort": BijeenkomstSoort.OVERIG,
        "date": NEXT_WEEK,
        "start_time": datetime.time(10),
        "end_time": datetime.time(11),
        "location": "Stadhuis",
        "host": regisseur,
        **changes,
    }


def _plan(dossier, regisseur, **changes) -> Bijeenkomst:
    return services.plan_bijeenkomst(
        actor=regisseur, dossier_id=dossier.pk, data=_data(regisseur, **changes)
    )


def _started(bijeenkomst) -> datetime.datetime:
    return bijeenkomst.starts_at + datetime.timedelta(minutes=5)


def test_a_regisseur_plans_an_appointment_with_an_interpreter(regisseur_client, dossier, regisseur):
    werk = factories.OrganisatieFactory(naam="Werkplein", domeinen=["werk"])
    werk.gemeenten.add(dossier.gemeente)
    url = reverse("plan_bijeenkomst", args=[dossier.pk])
    response = regisseur_client.post(url, {**_typed(regisseur), "partners": [werk.pk]})
    assert response.status_code == 302, response.context["form"].errors
    bijeenkomst = Bijeenkomst.objects.get(dossier=dossier)
    assert (bijeenkomst.start_time, bijeenkomst.interpreter_language) == (
        datetime.time(10),
        "ar",
    )
    assert list(bijeenkomst.partners.all()) == [werk]
    assert {row.history_user for row in bijeenkomst.history.all()} == {regisseur}
    page = regisseur_client.get(dossier.get_absolute_url()).content.decode()
    assert "10:00–11:00" in page and "Stadhuis, kamer 2.14" in page
    assert "Arabisch (geboekt)" in page and "Werkplein" in page


def test_a_new_appointment_asks_the_interpreter_the_contact_details_need(
    regisseur_client, dossier, regisseur
):
    ContactDetails.objects.create(
        dossier=dossier, interpreter_needed=True, interpreter_language="ti"
    )
    form = regisseur_client.get(reverse("plan_bijeenkomst", args=[dossier.pk])).context["form"]
    assert form["interpreter_language"].value() == "ti"
    assert form["host"].value() == regisseur.pk


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("end_time", "09:30", "De bijeenkomst moet eindigen nadat hij begint."),
        ("location", "", "Vul de plaats of een videolink in."),
        ("start_time", "١٠:٠٠", "Typ getallen en datums met de cijfers 0 tot en met 9."),
        ("start_time", "25:00", "Voer een geldige tijd in."),
        ("date", "2031-01-01", "Een bijeenkomst ligt tussen"),
        ("video_link", "javascript:alert(1)", "Voer een geldige URL in."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(
    regisseur_client, dossier, regisseur, field, typed, message
):
    response = regisseur_client.post(
        reverse("plan_bijeenkomst", args=[dossier.pk]), _typed(regisseur, **{field: typed})
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert form[field].value() == typed
    assert form["note"].value() == "Neem uw verblijfsdocument mee."
    assert not Bijeenkomst.objects.exists()


def test_moving_asks_why_and_keeps_it(regisseur_client, dossier, regisseur):
    bijeenkomst = _plan(dossier, regisseur)
    url = reverse("change_bijeenkomst", args=[dossier.pk, bijeenkomst.pk])
    later = (NEXT_WEEK + datetime.timedelta(days=1)).isoformat()
    response = regisseur_client.post(url, _typed(regisseur, date=later))
    assert "Zeg waarom de bijeenkomst wordt verplaatst." in response.content.decode()
    response = regisseur_client.post(url, _typed(regisseur, date=later, reason="Tolk ziek"))
    assert response.status_code == 302
    bijeenkomst.refresh_from_db()
    assert (bijeenkomst.date.isoformat(), bijeenkomst.reason) == (later, "Tolk ziek")
    assert bijeenkomst.history.first().history_change_reason == "Tolk ziek"
    # Another change without a new time needs no reason.
    response = regisseur_client.post(
        url, _typed(regisseur, date=later, lock_version="1", location="Wijkcentrum")
    )
    assert response.status_code == 302
    assert Bijeenkomst.objects.get().location == "Wijkcentrum"


def test_two_people_changing_at_once_do_not_overwrite_each_other(dossier, regisseur):
    bijeenkomst = _plan(dossier, regisseur)
    for location, version in (("Wijkcentrum", 0), ("Bibliotheek", 0)):
        change = {
            "actor": regisseur,
            "dossier_id": dossier.pk,
            "bijeenkomst_id": bijeenkomst.pk,
            "expected_version": version,
            "data": _data(regisseur, location=location),
        }
        if location == "Bibliotheek":
            with pytest.raises(ConcurrentEditError):
                services.change_bijeenkomst(**change)
        else:
            services.change_bijeenkomst(**change)
    assert Bijeenkomst.objects.get().location == "Wijkcentrum"


def test_cancelling_asks_why_and_ends_the_appointment(regisseur_client, dossier, regisseur):
    bijeenkomst = _plan(dossier, regisseur)
    url = reverse("cancel_bijeenkomst", args=[dossier.pk, bijeenkomst.pk])
    response = regisseur_client.post(url, {"reason": "", "lock_version": "0"})
    assert "Dit veld is verplicht." in response.content.decode()
    assert (
        regisseur_client.post(url, {"reason": "Verhuisd", "lock_version": "0"}).status_code == 302
    )
    bijeenkomst.refresh_from_db()
    assert (bijeenkomst.opkomst, bijeenkomst.reason) == (Opkomst.VERVALLEN, "Verhuisd")
    with pytest.raises(ServiceError, match="plan een nieuwe"):
        services.change_bijeenkomst(
            actor=regisseur,
            dossier_id=dossier.pk,
            bijeenkomst_id=bijeenkomst.pk,
            expected_version=bijeenkomst.lock_version,
            data=_data(regisseur),
        )


def test_attendance_is_known_once_the_appointment_has_started(dossier, regisseur):
    bijeenkomst = _plan(dossier, regisseur)
    record = {"actor": regisseur, "dossier_id": dossier.pk, "bijeenkomst_id": bijeenkomst.pk}
    with pytest.raises(ServiceError, match="begonnen is"):
        services.record_attendance(**record, opkomst=Opkomst.NIET_VERSCHENEN)
    with pytest.raises(ServiceError, match="Kies of de persoon"):
        services.record_attendance(**record, opkomst=Opkomst.VERVALLEN, now=_started(bijeenkomst))
    services.record_attendance(**record, opkomst=Opkomst.VERSCHENEN, now=_started(bijeenkomst))
    with pytest.raises(ServiceError, match="voorbij of afgezegd"):
        services.record_attendance(**record, opkomst=Opkomst.NIET_VERSCHENEN)
    assert Bijeenkomst.objects.get().opkomst == Opkomst.VERSCHENEN


def test_a_valid_cancellation_by_the_person_can_come_before(dossier, regisseur):
    bijeenkomst = _plan(dossier, regisseur)
    services.record_attendance(
        actor=regisseur,
        dossier_id=dossier.pk,
        bijeenkomst_id=bijeenkomst.pk,
        opkomst=Opkomst.AFGEMELD,
    )
    assert Bijeenkomst.objects.get().opkomst == Opkomst.AFGEMELD


def test_an_intake_appointment_needs_an_open_intake(dossier, regisseur):
    with pytest.raises(ServiceError, match="Start de brede intake"):
        _plan(dossier, regisseur, soort=BijeenkomstSoort.BREDE_INTAKE)
    assert not Bijeenkomst.objects.exists()


def _intake_appointment(dossier, regisseur, date) -> Bijeenkomst:
    return _plan(
        dossier,
        regisseur,
        soort=BijeenkomstSoort.BREDE_INTAKE,
        date=date,
        interpreter_language="ar",
        interpreter_booked=True,
    )


def test_no_shows_at_intake_appointments_escalate_as_the_law_says(dossier, regisseur):
    """domain.md §2b: a first no-show earns a warning and a new invitation, a second a fine."""
    intake_services.start_intake(actor=regisseur, dossier=dossier)
    first = _intake_appointment(dossier, regisseur, TODAY - datetime.timedelta(days=14))
    invitation = Uitnodiging.objects.get(bijeenkomst=first)
    assert (invitation.sent_on, invitation.appointment_on) == (first.date, first.date)

    cancelled = _intake_appointment(dossier, regisseur, TODAY - datetime.timedelta(days=10))
    services.cancel_bijeenkomst(
        actor=regisseur,
        dossier_id=dossier.pk,
        bijeenkomst_id=cancelled.pk,
        expected_version=0,
        reason="Tolk niet beschikbaar",
    )
    assert Uitnodiging.objects.get(bijeenkomst=cancelled).opkomst == Opkomst.VERVALLEN

    second = _intake_appointment(dossier, regisseur, TODAY - datetime.timedelta(days=7))
    for bijeenkomst in (first, second):
        services.record_attendance(
            actor=regisseur,
            dossier_id=dossier.pk,
            bijeenkomst_id=bijeenkomst.pk,
            opkomst=Opkomst.NIET_VERSCHENEN,
        )
    outcomes = {
        u.bijeenkomst_id: (u.opkomst, u.gevolg, u.fine_eur) for u in Uitnodiging.objects.all()
    }
    assert outcomes == {
        first.pk: (Opkomst.NIET_VERSCHENEN, Gevolg.WAARSCHUWING, None),
        cancelled.pk: (Opkomst.VERVALLEN, "", None),
        second.pk: (Opkomst.NIET_VERSCHENEN, Gevolg.BOETE, 250),
    }


def test_moving_an_intake_appointment_moves_its_invitation(dossier, regisseur):
    intake_services.start_intake(actor=regisseur, dossier=dossier)
    bijeenkomst = _intake_appointment(dossier, regisseur, NEXT_WEEK)
    later = NEXT_WEEK + datetime.timedelta(days=3)
    services.change_bijeenkomst(
        actor=regisseur,
        dossier_id=dossier.pk,
        bijeenkomst_id=bijeenkomst.pk,
        expected_version=0,
        data=_data(regisseur, soort=BijeenkomstSoort.BREDE_INTAKE, date=later),
        reason="Regisseur ziek",
    )
    assert Uitnodiging.objects.get(bijeenkomst=bijeenkomst).appointment_on == later


def test_the_intake_page_answers_a_planned_invitation_on_its_appointment(dossier, regisseur):
    intake_services.start_intake(actor=regisseur, dossier=dossier)
    bijeenkomst = _intake_appointment(dossier, regisseur, TODAY - datetime.timedelta(days=1))
    invitation = Uitnodiging.objects.get(bijeenkomst=bijeenkomst)
    intake_services.record_opkomst(
        actor=regisseur, uitnodiging_id=invitation.pk, opkomst=Opkomst.NIET_VERSCHENEN
    )
    bijeenkomst.refresh_from_db()
    invitation.refresh_from_db()
    assert bijeenkomst.opkomst == invitation.opkomst == Opkomst.NIET_VERSCHENEN
    assert invitation.gevolg == Gevolg.WAARSCHUWING


def _calendar(client, dossier, bijeenkomst):
    response = client.get(reverse("bijeenkomst_ics", args=[dossier.pk, bijeenkomst.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content, Calendar.from_ical(response.content).walk("VEVENT")[0]


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(datetime.date(2027, 7, 1), 8), (datetime.date(2027, 1, 7), 9)],
    ids=["summer", "winter"],
)
def test_the_calendar_file_holds_amsterdam_time(
    regisseur_client, dossier, regisseur, day, utc_hour
):
    bijeenkomst = _plan(dossier, regisseur, date=day)
    Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(date=day)  # beyond the form's year
    raw, event = _calendar(regisseur_client, dossier, bijeenkomst)
    start = event.decoded("dtstart")
    assert start.tzinfo.key == AMSTERDAM.key
    assert start.astimezone(datetime.UTC).hour == utc_hour
    assert event.decoded("dtend") - start == datetime.timedelta(hours=1)
    assert dossier.full_name in str(event["summary"])
    assert dossier.bsn.encode() not in raw and b"BEGIN:VTIMEZONE" in raw


def test_a_moved_or_cancelled_appointment_updates_the_same_calendar_event(
    regisseur_client, dossier, regisseur
):
    bijeenkomst = _plan(dossier, regisseur, other_attendees="<b>{{ dossier.bsn }}</b>")
    _raw, before = _calendar(regisseur_client, dossier, bijeenkomst)
    assert "<b>{{ dossier.bsn }}</b>" in str(before["description"])
    services.cancel_bijeenkomst(
        actor=regisseur,
        dossier_id=dossier.pk,
        bijeenkomst_id=bijeenkomst.pk,
        expected_version=0,
        reason="Verhuisd",
    )
    _raw, after = _calendar(regisseur_client, dossier, bijeenkomst)
    assert after["uid"] == before["uid"]
    assert (after["sequence"], after["status"]) == (before["sequence"] + 1, "CANCELLED")


def test_markup_comes_out_literally_on_the_dossier_page(regisseur_client, dossier, regisseur):
    _plan(dossier, regisseur, location="<script>x</script>{{ dossier.bsn }}")
    page = regisseur_client.get(dossier.get_absolute_url()).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;{{ dossier.bsn }}" in page
    assert "<script>x" not in page


def test_the_week_shows_the_users_own_appointments_day_by_day(
    regisseur_client, dossier, regisseur, other_regisseur, team
):
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    _plan(dossier, regisseur, date=monday + datetime.timedelta(days=2), start_time=datetime.time(9))
    theirs = factories.InburgeraarFactory(team=team, regisseur=other_regisseur, surname="Anders")
    _plan(theirs, other_regisseur, date=monday)
    response = regisseur_client.get(reverse("bijeenkomsten_week"))
    week = response.context["week"]
    assert [len(day.bijeenkomsten) for day in week.days] == [0, 0, 1, 0, 0, 0, 0]
    page = response.content.decode()
    assert dossier.full_name in page and "Anders" not in page
    assert "09:00–11:00" in page


def test_the_week_shows_nothing_of_a_dossier_that_left_the_caseload(
    regisseur_client, dossier, regisseur, other_regisseur
):
    _plan(dossier, regisseur, date=TODAY)
    dossier.regisseur = other_regisseur
    dossier.save()
    response = regisseur_client.get(reverse("bijeenkomsten_week"))
    assert response.context["week"].count == 0
    assert dossier.surname not in response.content.decode()


def test_a_wrong_week_gets_a_dutch_message(regisseur_client):
    response = regisseur_client.get(reverse("bijeenkomsten_week"), {"day": "٢٠٢٦-١١-٢٦"})
    assert response.status_code == 200
    assert "Typ getallen en datums met de cijfers 0 tot en met 9." in response.content.decode()
    response = regisseur_client.get(reverse("bijeenkomsten_week"), {"day": "9999-12-31"})
    assert response.status_code == 200


def test_the_pages_ask_the_same_queries_however_many_appointments(
    regisseur_client, dossier, regisseur, team, queries
):
    urls = [reverse("bijeenkomsten_week"), dossier.get_absolute_url()]
    before = [queries.get(regisseur_client, url) for url in urls]
    werk = factories.OrganisatieFactory(domeinen=["werk"])
    for offset, other in enumerate(factories.many_dossiers(team, 12, regisseur=regisseur)):
        for bijeenkomst in (
            _plan(other, regisseur, date=TODAY + datetime.timedelta(days=offset % 5)),
            _plan(dossier, regisseur, date=TODAY + datetime.timedelta(days=offset % 5)),
        ):
            bijeenkomst.partners.add(werk)
    for url, earlier in zip(urls, before, strict=True):
        queries.assert_same_count(earlier, queries.get(regisseur_client, url))


def test_a_partner_sees_no_appointments(dossier, regisseur):
    _plan(dossier, regisseur, location="Geheime kamer")
    organisatie = factories.OrganisatieFactory(domeinen=["wonen"])
    user = factories.user_with_role(Role.KETENPARTNER, organisatie=organisatie)
    user.groups.add(organisatie.group)
    factories.share(dossier, regisseur, organisatie)
    client = factories.VerifiedClient()
    client.force_login(user)
    page = client.get(dossier.get_absolute_url())
    assert page.status_code == 200 and "Geheime kamer" not in page.content.decode()
    bijeenkomst = Bijeenkomst.objects.get()
    assert (
        client.get(reverse("bijeenkomst_ics", args=[dossier.pk, bijeenkomst.pk])).status_code == 404
    )
