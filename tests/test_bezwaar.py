"""After the plan is fixed (issue 19, point 6): how and when it was handed over or sent,
whether the person signed for receipt, and an objection with its terms computed (Awb with the
Algemene termijnenwet, tests/test_awb.py) and its outcome; a founded objection starts a plan
change with the reason 'bezwaar'."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.services import ConcurrentEditError, ServiceError
from pip_plans import services
from pip_plans.models import Bekendmaking, Bezwaar, PipVersie, VersieStatus, WijzigingReden
from tests import factories

TODAY = timezone.localdate()
DAGTEKENING = TODAY - datetime.timedelta(days=60)


@pytest.fixture
def versie(dossier, regisseur):
    return factories.fixed_plan(dossier, regisseur, dagtekening=DAGTEKENING)


def _url(name, dossier, **ids):
    return reverse(name, kwargs={"dossier_id": dossier.pk, **ids})


def test_handing_over_the_plan_is_recorded_with_the_receipt(
    regisseur_client, dossier, versie, regisseur
):
    handed = DAGTEKENING + datetime.timedelta(days=2)
    response = regisseur_client.post(
        _url("record_bekendmaking", dossier, versie_id=versie.pk),
        {
            "wijze": "uitgereikt",
            "made_known_on": handed.isoformat(),
            "receipt_signed": "on",
            "note": "Uitgereikt in het voortgangsgesprek, met tolk.",
            "lock_version": "0",
        },
    )
    assert response.status_code == 302
    bekendmaking = Bekendmaking.objects.get(versie=versie)
    assert (bekendmaking.made_known_on, bekendmaking.receipt_signed) == (handed, True)
    assert bekendmaking.history.get().history_user == regisseur
    page = regisseur_client.get(_url("plan_overview", dossier)).content.decode()
    assert "Persoonlijk uitgereikt op" in page and "heeft voor ontvangst getekend" in page
    assert f"op tijd tot en met {(handed + datetime.timedelta(weeks=6)).day}" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ((DAGTEKENING - datetime.timedelta(days=1)).isoformat(), "vóór de dagtekening"),
        ((TODAY + datetime.timedelta(days=1)).isoformat(), "niet in de toekomst"),
        ("٢٠٢٦-٠١-٠١", "cijfers 0 tot en met 9"),
    ],
)
def test_a_wrong_date_gets_a_dutch_message_and_keeps_what_was_typed(
    regisseur_client, dossier, versie, typed, message
):
    response = regisseur_client.post(
        _url("record_bezwaar", dossier, versie_id=versie.pk),
        {"received_on": typed, "grounds": "Ik wil de onderwijsroute."},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors["received_on"]), form.errors
    assert form["grounds"].value() == "Ik wil de onderwijsroute."
    assert not Bezwaar.objects.exists()


def test_an_objection_shows_its_terms_and_a_late_one_is_flagged(
    regisseur_client, dossier, versie, regisseur
):
    made_known = DAGTEKENING + datetime.timedelta(days=1)
    services.record_bekendmaking(
        actor=regisseur,
        dossier_id=dossier.pk,
        versie_id=versie.pk,
        expected_version=0,
        data={"wijze": "post", "made_known_on": made_known, "receipt_signed": False},
    )
    late = made_known + datetime.timedelta(weeks=6, days=5)  # past even a holiday's delay
    bezwaar = services.record_bezwaar(
        actor=regisseur,
        dossier_id=dossier.pk,
        versie_id=versie.pk,
        data={"received_on": late, "grounds": "Route", "committee": True},
    )
    bezwaar = Bezwaar.objects.select_related("versie__bekendmaking").get(pk=bezwaar.pk)
    assert not bezwaar.in_time
    assert bezwaar.decision_deadline >= made_known + datetime.timedelta(weeks=18)
    page = regisseur_client.get(_url("plan_overview", dossier)).content.decode()
    assert "controleer het poststempel" in page and "adviescommissie" in page


def _bezwaar(dossier, versie, regisseur):
    return services.record_bezwaar(
        actor=regisseur,
        dossier_id=dossier.pk,
        versie_id=versie.pk,
        data={"received_on": DAGTEKENING + datetime.timedelta(days=20), "grounds": "Route"},
    )


def test_a_founded_objection_starts_a_plan_change_with_that_reason(
    regisseur_client, dossier, versie, regisseur
):
    bezwaar = _bezwaar(dossier, versie, regisseur)
    response = regisseur_client.post(
        _url("decide_bezwaar", dossier, bezwaar_id=bezwaar.pk),
        {
            "uitkomst": "gegrond",
            "decided_on": TODAY.isoformat(),
            "uitkomst_toelichting": "Onderwijsroute onvoldoende onderzocht.",
            "lock_version": "0",
        },
    )
    assert response.status_code == 302
    bezwaar.refresh_from_db()
    concept = PipVersie.objects.get(pip=versie.pip, status=VersieStatus.CONCEPT)
    assert bezwaar.wijziging == concept
    assert concept.reden == WijzigingReden.BEZWAAR
    assert "Onderwijsroute onvoldoende onderzocht." in concept.reden_toelichting
    with pytest.raises(ServiceError, match="al vastgelegd"):
        services.decide_bezwaar(
            actor=regisseur,
            dossier_id=dossier.pk,
            bezwaar_id=bezwaar.pk,
            expected_version=bezwaar.lock_version,
            data={"uitkomst": "ongegrond", "decided_on": TODAY},
        )


def test_an_unfounded_objection_leaves_the_plan_as_it_is(dossier, versie, regisseur):
    bezwaar = _bezwaar(dossier, versie, regisseur)
    services.decide_bezwaar(
        actor=regisseur,
        dossier_id=dossier.pk,
        bezwaar_id=bezwaar.pk,
        expected_version=0,
        data={"uitkomst": "ongegrond", "decided_on": TODAY},
    )
    assert not PipVersie.objects.filter(status=VersieStatus.CONCEPT).exists()
    assert Bezwaar.objects.get().wijziging is None


def test_a_founded_objection_waits_for_an_open_draft_and_nothing_is_saved(
    dossier, versie, regisseur
):
    bezwaar = _bezwaar(dossier, versie, regisseur)
    services.start_wijziging(actor=regisseur, pip_id=versie.pip_id, reden="anders")
    with pytest.raises(ServiceError, match="concept"):
        services.decide_bezwaar(
            actor=regisseur,
            dossier_id=dossier.pk,
            bezwaar_id=bezwaar.pk,
            expected_version=0,
            data={"uitkomst": "gegrond", "decided_on": TODAY},
        )
    assert Bezwaar.objects.get().uitkomst == ""


def test_two_people_deciding_at_once_do_not_overwrite_each_other(dossier, versie, regisseur):
    bezwaar = _bezwaar(dossier, versie, regisseur)
    Bezwaar.objects.filter(pk=bezwaar.pk).update(lock_version=1)  # someone saved meanwhile
    with pytest.raises(ConcurrentEditError):
        services.decide_bezwaar(
            actor=regisseur,
            dossier_id=dossier.pk,
            bezwaar_id=bezwaar.pk,
            expected_version=0,
            data={"uitkomst": "ongegrond", "decided_on": TODAY},
        )


def test_a_draft_or_a_previous_municipalitys_plan_is_not_made_known_here(
    regisseur_client, dossier, versie, regisseur
):
    concept = services.start_wijziging(actor=regisseur, pip_id=versie.pip_id, reden="anders")
    assert (
        regisseur_client.get(_url("record_bezwaar", dossier, versie_id=concept.pk)).status_code
        == 404
    )
    PipVersie.objects.filter(pk=versie.pk).update(vorige_gemeente="Den Haag")
    with pytest.raises(ServiceError, match="vorige gemeente"):
        services.record_bezwaar(
            actor=regisseur,
            dossier_id=dossier.pk,
            versie_id=versie.pk,
            data={"received_on": TODAY},
        )


def test_markup_in_an_objection_comes_out_literally(regisseur_client, dossier, versie, regisseur):
    services.record_bezwaar(
        actor=regisseur,
        dossier_id=dossier.pk,
        versie_id=versie.pk,
        data={"received_on": TODAY, "grounds": "<b>{{ dossier.bsn }}</b>"},
    )
    page = regisseur_client.get(_url("plan_overview", dossier)).content.decode()
    assert "&lt;b&gt;{{ dossier.bsn }}&lt;/b&gt;" in page and "<b>{{" not in page


def test_the_plan_page_asks_the_same_queries_with_objections_or_without(
    regisseur_client, dossier, versie, regisseur, queries
):
    url = _url("plan_overview", dossier)
    before = queries.get(regisseur_client, url)
    for _number in range(3):
        _bezwaar(dossier, versie, regisseur)
    services.record_bekendmaking(
        actor=regisseur,
        dossier_id=dossier.pk,
        versie_id=versie.pk,
        expected_version=0,
        data={"wijze": "digitaal", "made_known_on": DAGTEKENING},
    )
    queries.assert_same_count(before, queries.get(regisseur_client, url))
