"""DUO's decisions on the dossier (domain.md §2a, §2b): a verlenging, a fine with its new
termijn, an ontheffing or vrijstelling of the whole duty or of exam parts. Each moves the dates
that follow from it: the plan page, the printed plan, the outstanding exams, the reminders."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from inburgering.services import ServiceError
from pip_plans import rules, selectors
from pip_plans import services as pip_services
from pip_plans.models import DuoBesluit
from pip_plans.pdf import client_document_context
from tests import factories
from voortgang import reminders
from voortgang.models import Herinnering

PLAN_DAY = datetime.date(2026, 1, 5)  # termijn 6 January 2026 up to 5 January 2029


def _besluit(soort, dagtekening, **fields):
    return SimpleNamespace(
        soort=soort,
        dagtekening=dagtekening,
        maanden=fields.get("maanden"),
        nieuwe_einddatum=fields.get("nieuwe_einddatum"),
        onderdelen=fields.get("onderdelen", []),
    )


# --- The rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "months", "expected"),
    [
        (datetime.date(2029, 1, 5), 12, datetime.date(2030, 1, 5)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),  # from a leap day
        (datetime.date(2027, 9, 30), 1, datetime.date(2027, 10, 31)),  # a month end stays one
        (datetime.date(2027, 1, 31), 1, datetime.date(2027, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
    ],
)
def test_an_extension_runs_from_the_day_after_the_old_end(end, months, expected):
    assert rules.extended_end(end, months) == expected


def test_decisions_apply_in_the_order_of_their_dates():
    start = datetime.date(2026, 1, 6)
    fine_day = datetime.date(2029, 3, 1)
    termijn = rules.termijn_after_decisions(
        start,
        years=3,
        besluiten=[
            _besluit("verlenging", datetime.date(2029, 6, 1), maanden=6),  # after the fine
            _besluit("boete", fine_day, nieuwe_einddatum=rules.new_term_end(fine_day)),
            _besluit("verlenging", datetime.date(2028, 6, 1), maanden=2),
        ],
    )
    assert termijn.base_end == datetime.date(2029, 1, 5)
    # two months on the first termijn, then the fine's new termijn (to 1 March 2031), then six
    # months on that one
    assert termijn.end == datetime.date(2031, 9, 1)
    assert (termijn.extended_months, termijn.fined, termijn.moved) == (8, True, True)


def test_an_exemption_of_parts_releases_those_parts_and_one_of_nothing_the_whole_duty():
    start = datetime.date(2026, 1, 6)
    parts = rules.termijn_after_decisions(
        start,
        years=3,
        besluiten=[_besluit("ontheffing", start, onderdelen=["spreken", "schrijven"])],
    )
    assert (parts.exempt, parts.released) == (frozenset({"spreken", "schrijven"}), False)
    whole = rules.termijn_after_decisions(
        start, years=3, besluiten=[_besluit("vrijstelling", start)]
    )
    assert whole.released


def test_the_new_term_after_a_fine_is_two_years_from_the_day_after():
    assert rules.new_term_end(datetime.date(2029, 3, 1)) == datetime.date(2031, 3, 1)
    assert rules.new_term_end(datetime.date(2028, 2, 29)) == datetime.date(2030, 2, 28)


TODAY = datetime.date(2029, 1, 10)
TERMIJN = rules.termijn_after_decisions(datetime.date(2026, 1, 6), years=3, besluiten=[])


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"dagtekening": TODAY + datetime.timedelta(days=1)}, "dagtekening", "toekomst"),
        ({"dagtekening": datetime.date(2023, 12, 31)}, "dagtekening", "01-01-2024"),
        ({"maanden": None}, "maanden", "maanden"),
        ({"maanden": 61}, "maanden", "60"),
        ({"verwijtbaar": None}, "verwijtbaar", "verwijtbaar"),
        ({"termijn": None}, "soort", "termijn"),
    ],
)
def test_a_verlenging_is_refused_with_a_reason_per_field(fields, field, message):
    values = {
        "soort": "verlenging",
        "dagtekening": TODAY,
        "today": TODAY,
        "duty_start": datetime.date(2024, 1, 1),
        "termijn": TERMIJN,
        "maanden": 12,
        "verwijtbaar": False,
        **fields,
    }
    problems = rules.duo_besluit_problems(**values)
    assert list(problems) == [field]
    assert message in problems[field].lower() or message in problems[field]


def test_a_fine_needs_its_amount_and_a_new_end_after_its_date():
    problems = rules.duo_besluit_problems(
        soort="boete",
        dagtekening=TODAY,
        today=TODAY,
        duty_start=None,
        termijn=TERMIJN,
        bedrag_eur=1251,
        nieuwe_einddatum=TODAY,
    )
    assert set(problems) == {"bedrag_eur", "nieuwe_einddatum"}
    assert not rules.duo_besluit_problems(
        soort="boete",
        dagtekening=TODAY,
        today=TODAY,
        duty_start=None,
        termijn=TERMIJN,
        bedrag_eur=1250,
        nieuwe_einddatum=TODAY + datetime.timedelta(days=1),
    )


# --- On the dossier ---------------------------------------------------------------------------


@pytest.fixture
def plan(dossier, regisseur):
    return factories.fixed_plan(dossier, regisseur, dagtekening=PLAN_DAY)


def _record(dossier, actor, **fields):
    values = {"soort": "verlenging", "dagtekening": datetime.date.today(), "grond": "Ziekte"}
    return pip_services.record_duo_besluit(
        actor=actor, dossier_id=dossier.pk, **{**values, **fields}
    )


def test_a_verlenging_of_12_months_moves_the_plan_page_the_pdf_and_the_reminders(
    dossier, regisseur, regisseur_client, plan, time_machine
):
    time_machine.move_to(datetime.datetime(2028, 9, 1, 9))  # the termijn ends within 6 months
    regisseur_client.force_login(regisseur)  # a session of today
    reminders.sync(actor=regisseur)
    ending = Herinnering.objects.get(dossier=dossier, soort="termijn_einde")
    assert ending.due_on == datetime.date(2029, 1, 5)

    _record(dossier, regisseur, maanden=12, verwijtbaar=False)

    assert selectors.termijn_for(dossier).end == datetime.date(2030, 1, 5)
    page = regisseur_client.get(reverse("plan_overview", args=[dossier.pk])).content.decode()
    assert "5 januari 2030" in page
    assert "5 januari 2029" in page  # what it was, beside the link to DUO's decisions
    assert "met 12 maanden verlengd" in _pdf_text(plan)
    ending.refresh_from_db()
    assert ending.resolved_at is not None  # the old end no longer holds: not reminded of
    assert not Herinnering.objects.filter(
        dossier=dossier, soort="termijn_einde", resolved_at=None
    ).exists()  # the new end is more than six months away
    assert DuoBesluit.objects.get().history.get().history_user == regisseur


def _pdf_text(versie) -> str:
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("nl"):
        return render_to_string("pip_plans/pdf.html", client_document_context(versie))


def test_the_printed_plan_is_made_again_after_a_decision(dossier, regisseur, plan):
    first = pip_services.request_document(actor=regisseur, versie_id=plan.pk)
    assert pip_services.request_document(actor=regisseur, versie_id=plan.pk) == first
    _record(dossier, regisseur, maanden=6, verwijtbaar=False)
    second = pip_services.request_document(actor=regisseur, versie_id=plan.pk)
    assert second != first
    assert second.termijn_einde == datetime.date(2029, 7, 5)


def test_a_whole_release_ends_the_termijn_reminders(dossier, regisseur, plan, time_machine):
    time_machine.move_to(datetime.datetime(2028, 9, 1, 9))
    _record(dossier, regisseur, soort="ontheffing", grond="Psychische beperking")
    reminders.sync(actor=regisseur)
    assert not Herinnering.objects.filter(dossier=dossier, soort="termijn_einde").exists()
    with pytest.raises(ServiceError, match="hele"):
        _record(dossier, regisseur, maanden=6, verwijtbaar=False)


def test_withdrawing_a_decision_restores_the_dates_and_keeps_it_in_the_history(
    dossier, regisseur, plan
):
    besluit = _record(dossier, regisseur, maanden=12, verwijtbaar=True)
    pip_services.withdraw_duo_besluit(
        actor=regisseur, dossier_id=dossier.pk, besluit_id=besluit.pk, reason="Verkeerd dossier"
    )
    assert selectors.termijn_for(dossier).end == datetime.date(2029, 1, 5)
    assert besluit.history.latest().history_change_reason == "Verkeerd dossier"
    with pytest.raises(ServiceError):
        pip_services.withdraw_duo_besluit(
            actor=regisseur, dossier_id=dossier.pk, besluit_id=besluit.pk, reason="Nog eens"
        )


def test_a_verlenging_before_any_plan_is_refused(dossier, regisseur):
    with pytest.raises(ServiceError, match="termijn"):
        _record(dossier, regisseur, maanden=12, verwijtbaar=False)


def test_the_form_explains_each_problem_and_keeps_what_was_typed(dossier, regisseur_client, plan):
    url = reverse("record_duo_besluit", args=[dossier.pk])
    response = regisseur_client.post(
        url,
        {
            "soort": "boete",
            "dagtekening": "2026-03-01",
            "grond": "Onvoldoende inspanning",
            "bedrag_eur": "5000",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["bedrag_eur"] and "1250" in form.errors["bedrag_eur"][0]
    assert 'value="Onvoldoende inspanning"' in response.content.decode()
    assert not DuoBesluit.objects.exists()
    response = regisseur_client.post(  # the new termijn's end left empty: the usual two years
        url,
        {
            "soort": "boete",
            "dagtekening": "2026-03-01",
            "grond": "Onvoldoende inspanning",
            "bedrag_eur": "500",
            "nieuwe_einddatum": "2026-02-01",
        },
    )
    assert "nieuwe termijn" in response.context["form"].errors["nieuwe_einddatum"][0]
    response = regisseur_client.post(
        url,
        {
            "soort": "boete",
            "dagtekening": "2026-03-01",
            "grond": "Onvoldoende inspanning",
            "bedrag_eur": "500",
        },
    )
    assert response.status_code == 302
    fine = DuoBesluit.objects.get()
    assert (fine.nieuwe_einddatum, fine.verwijtbaar) == (datetime.date(2028, 3, 1), True)


def test_a_decision_recorded_through_the_page_shows_on_the_timeline(
    dossier, regisseur_client, plan
):
    response = regisseur_client.post(
        reverse("record_duo_besluit", args=[dossier.pk]),
        {
            "soort": "ontheffing",
            "dagtekening": datetime.date.today().isoformat(),
            "grond": "Visuele beperking",
            "onderdelen": ["lezen"],
        },
    )
    assert response.status_code == 302
    timeline = regisseur_client.get(reverse("dossier_timeline", args=[dossier.pk]))
    assert "Visuele beperking" in timeline.content.decode()


def test_an_ontheffing_for_one_part_removes_it_from_the_outstanding_exams(
    dossier, regisseur, regisseur_client
):
    levels = {f"niveau_{part}": "b1" for part in ("lezen", "luisteren", "schrijven", "spreken")}
    factories.fixed_plan(dossier, regisseur, dagtekening=PLAN_DAY, **levels)
    url = reverse("learning_record", args=[dossier.pk])

    def outstanding():
        record = regisseur_client.get(url).context["record"]
        return [stand.onderdeel for stand in record.outstanding]

    assert outstanding() == ["lezen", "luisteren", "schrijven", "spreken", "knm"]
    _record(
        dossier,
        regisseur,
        soort="ontheffing",
        grond="Auditieve beperking",
        onderdelen=["spreken"],
    )
    assert outstanding() == ["lezen", "luisteren", "schrijven", "knm"]
    assert "Ontheven door DUO" in regisseur_client.get(url).content.decode()


def test_a_fine_without_a_stated_end_gets_the_usual_new_termijn(dossier, regisseur, plan):
    today = datetime.date.today()
    fine = _record(dossier, regisseur, soort="boete", grond="Geen examens gedaan", bedrag_eur=300)
    assert fine.nieuwe_einddatum == rules.new_term_end(today, months=24)
    assert selectors.termijn_for(dossier).end == fine.nieuwe_einddatum
