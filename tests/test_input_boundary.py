"""Input is normalised or refused at the boundary: digits are 0-9, dates plausible per field.

A BSN typed in full-width digits once passed validation, slipped past the unique key and made
a second dossier for a person who had one; an end date of 1900-01-01 put a dossier on the
night's destruction list. These tests hold the boundary in the forms, the services and the
database.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from inburgering import plausibility, services
from inburgering.dossier import services as dossier_services
from inburgering.models import Inburgeraar
from inburgering.numbers import has_foreign_digits, parse_int
from inburgering.privacy import retention
from inburgering.validators import validate_bsn, validate_v_nummer
from tests import factories

TODAY = datetime.date(2026, 11, 23)
FULL_WIDTH_BSN = "１１１２２２３３３"
ARABIC_INDIC_BSN = "١١١٢٢٢٣٣٣"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", 0),
        ("¹", None),
        ("٣", None),
        ("１", None),
        ("-1", None),
        ("1.5", None),
        ("", None),
        (None, None),
        ("99999999999999999999", None),  # beyond a bigint: no id can have it
        ("1\n", 1),
    ],
)
def test_numbers_from_request_data_are_ascii_digits_within_bounds(text, number):
    assert parse_int(text) == number


def test_foreign_digits_are_recognised():
    assert has_foreign_digits(FULL_WIDTH_BSN)
    assert has_foreign_digits("²")
    assert not has_foreign_digits("111 222.333")


@pytest.mark.parametrize("bsn", [FULL_WIDTH_BSN, ARABIC_INDIC_BSN, "11122233³"])
def test_a_bsn_in_other_digits_is_refused_saying_why(bsn):
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        validate_bsn(bsn)
    assert caught.value.code == "foreign_digits"
    assert "cijfers 0 tot en met 9" in caught.value.messages[0]
    assert "11-proef" not in caught.value.messages[0]


def test_a_v_number_in_other_digits_is_refused_saying_why():
    with pytest.raises(ValidationError) as caught:
        validate_v_nummer("١٢٣٤٥٦٧٨٩٠")
    assert caught.value.code == "foreign_digits"


def test_a_full_width_bsn_makes_no_second_dossier(regisseur_client, registration_data):
    assert regisseur_client.post(reverse("dossier_register"), registration_data).status_code == 302
    registration_data["bsn"] = FULL_WIDTH_BSN
    with translation.override("nl"):
        response = regisseur_client.post(reverse("dossier_register"), registration_data)
    assert response.status_code == 200
    assert "cijfers 0 tot en met 9" in response.context["form"].errors["bsn"][0]
    assert f'value="{FULL_WIDTH_BSN}"' in response.content.decode()  # kept as typed
    assert Inburgeraar.objects.count() == 1


def test_the_database_refuses_a_bsn_or_v_number_in_other_digits(dossier):
    for field, value in (("bsn", FULL_WIDTH_BSN), ("v_nummer", "١٢٣٤٥٦٧٨٩٠")):
        with pytest.raises(IntegrityError), transaction.atomic():
            Inburgeraar.objects.filter(pk=dossier.pk).update(**{field: value})


def test_a_v_number_with_spaces_and_dots_is_compacted(regisseur_client, registration_data):
    registration_data["v_nummer"] = "12.345 678.90"
    regisseur_client.post(reverse("dossier_register"), registration_data)
    assert Inburgeraar.objects.get().v_nummer == "1234567890"


def test_the_bsn_search_needs_ascii_digits(regisseur_client, dossier):
    found = regisseur_client.get(reverse("caseload"), {"q": dossier.bsn[:4]})
    assert dossier in found.context["page"].object_list
    nothing = regisseur_client.get(reverse("caseload"), {"q": "١٢٣"})
    assert nothing.status_code == 200


# --- Dates plausible per field ----------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "refused"),
    [
        (datetime.date(1900, 1, 1), False),
        (datetime.date(1899, 12, 31), True),
        (TODAY, False),
        (TODAY + datetime.timedelta(days=1), True),
        (datetime.date(2100, 1, 1), True),
    ],
)
def test_a_birth_date_lies_between_1900_and_today(birth, refused):
    assert bool(plausibility.birth_date_problem(birth, today=TODAY)) is refused


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        (datetime.date(1990, 1, 1), False),  # the day of birth itself
        (datetime.date(1989, 12, 31), True),  # before it
        (TODAY + datetime.timedelta(days=365), False),
        (TODAY + datetime.timedelta(days=366), True),  # more than a year ahead
        (datetime.date(9999, 12, 31), True),
    ],
)
def test_a_life_event_lies_between_birth_and_a_year_ahead(value, refused):
    problem = plausibility.life_event_problem(value, birth=datetime.date(1990, 1, 1), today=TODAY)
    assert bool(problem) is refused


@pytest.mark.parametrize(
    ("ended_on", "duty_start", "first_contact_on", "refused"),
    [
        (datetime.date(2025, 6, 1), None, datetime.date(2025, 1, 1), False),
        (datetime.date(1900, 1, 1), None, datetime.date(2025, 1, 1), True),  # the typo
        (datetime.date(1989, 12, 31), None, None, True),  # before birth
        (datetime.date(2024, 12, 31), None, datetime.date(2025, 1, 1), True),  # before contact
        (datetime.date(2025, 6, 1), datetime.date(2025, 7, 1), None, True),  # before the duty
        (TODAY + datetime.timedelta(days=1), None, None, True),  # future
    ],
)
def test_an_end_date_lies_after_birth_duty_start_and_first_contact(
    ended_on, duty_start, first_contact_on, refused
):
    problem = plausibility.end_date_problem(
        ended_on,
        birth=datetime.date(1990, 1, 1),
        duty_start=duty_start,
        first_contact_on=first_contact_on,
        today=TODAY,
    )
    assert bool(problem) is refused


def test_first_contact_is_the_earliest_known_date():
    assert plausibility.first_contact(
        None, datetime.date(2025, 3, 1), datetime.date(2025, 2, 1), registered_on=TODAY
    ) == datetime.date(2025, 2, 1)
    assert plausibility.first_contact(None, registered_on=TODAY) == TODAY
    assert plausibility.first_contact(None, registered_on=None) is None


def test_implausible_personal_dates_are_refused_next_to_their_field(
    regisseur_client, registration_data
):
    registration_data |= {
        "date_of_birth": "2030-01-01",
        "datum_kennisgeving": "1850-01-01",
        "datum_brp_inschrijving": "9999-12-31",
    }
    with translation.override("nl"):
        response = regisseur_client.post(reverse("dossier_register"), registration_data)
    errors = response.context["form"].errors
    assert {"date_of_birth", "datum_kennisgeving", "datum_brp_inschrijving"} <= set(errors)
    assert "toekomst" in errors["date_of_birth"][0]
    assert not Inburgeraar.objects.exists()


def _undated_dossier(team, regisseur):
    """A dossier that knows only the date of birth: no duty start, no kennisgeving."""
    return factories.InburgeraarFactory(
        team=team, regisseur=regisseur, datum_start_inburgeringsplicht=None, status="uitvoering"
    )


def test_an_end_date_typed_as_1900_does_not_queue_the_dossier_for_destruction(
    regisseur_client, team, regisseur
):
    dossier = _undated_dossier(team, regisseur)
    url = reverse("dossier_close", kwargs={"dossier_id": dossier.pk})
    data = {"lock_version": 0, "status": "afgerond", "ended_on": "1900-01-01", "reason": "Klaar"}
    with translation.override("nl"):
        response = regisseur_client.post(url, data)
    assert response.status_code == 200
    assert "ended_on" in response.context["form"].errors
    assert Inburgeraar.objects.get(pk=dossier.pk).datum_einde_plicht is None
    assert not [item for item in retention.due() if item.dossier_id == dossier.pk]


def test_the_closing_service_checks_the_end_date_itself(team, regisseur):
    dossier = _undated_dossier(team, regisseur)
    with pytest.raises(services.ServiceError):
        dossier_services.close_dossier(
            actor=regisseur,
            dossier_id=dossier.pk,
            expected_version=dossier.lock_version,
            status="afgerond",
            ended_on=datetime.date(1900, 1, 1),
            reason="Typfout",
        )
    closed = dossier_services.close_dossier(
        actor=regisseur,
        dossier_id=dossier.pk,
        expected_version=dossier.lock_version,
        status="afgerond",
        ended_on=timezone.localdate(),
        reason="Examen gehaald",
    )
    assert closed == []


def test_a_signal_follow_up_before_the_dossier_existed_is_refused(dossier, regisseur):
    data = {
        "leefgebied": "werk",
        "subject": "Schulden",
        "description": "",
        "ernst": "midden",
        "follow_up_on": datetime.date(1900, 1, 1),
        "owner": regisseur,
    }
    from voortgang import services as voortgang_services

    with pytest.raises(services.ServiceError):
        voortgang_services.raise_signaal(actor=regisseur, dossier=dossier, data=data)
    data["follow_up_on"] = timezone.localdate()
    assert voortgang_services.raise_signaal(actor=regisseur, dossier=dossier, data=data).pk


def test_the_signal_form_shows_the_follow_up_problem_next_to_the_field(
    regisseur_client, dossier, regisseur
):
    url = reverse("raise_signaal", kwargs={"dossier_id": dossier.pk})
    data = {
        "leefgebied": "werk",
        "subject": "Schulden",
        "ernst": "midden",
        "owner": f"user:{regisseur.pk}",
        "follow_up_on": "1900-01-02",
    }
    response = regisseur_client.post(url, data)
    assert response.status_code == 200
    assert "follow_up_on" in response.context["form"].errors


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def test_every_project_form_has_the_input_boundary():
    """A form without the mixin would accept "٣" as 3 and 1850 as a date of birth."""
    import importlib

    from django import forms

    from inburgering.web.form_input import InputBoundaryMixin

    for module in (
        "inburgering.dossier.forms",
        "inburgering.accounts.forms",
        "inburgering.sharing.forms",
        "inburgering.privacy.forms",
        "inburgering.bijeenkomsten.forms",
        "inburgering.brieven.forms",
        "voortgang.monitor.forms",
        "voortgang.kwartaallevering.forms",
    ):
        importlib.import_module(module)
    for app in ("intake", "pip_plans", "voortgang"):
        importlib.import_module(f"{app}.forms")
    project = ("inburgering.", "intake.", "pip_plans.", "voortgang.")
    forms_found = [
        form
        for form in _subclasses(forms.BaseForm)
        if form.__module__.startswith(project) and "Mixin" not in form.__name__
    ]
    assert len(forms_found) > 25
    missing = [f.__qualname__ for f in forms_found if not issubclass(f, InputBoundaryMixin)]
    assert not missing, missing
