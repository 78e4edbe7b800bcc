"""The quarterly delivery for the Statistiek Wet Inburgering: which records a gemeente's quarter
holds (worked out by hand below), the completeness check, the file with the GGM's names, and
the release by the contactpersoon: frozen, hashed, audited, a redelivery beside it.

The quarter is 2026-K1 (1 January to 31 March 2026), gemeente A:

    D1  duty 15-01, first intake session 20-01, intake completed 10-02, PIP 31-03 (b1),
        MAP 01-02..31-03 completed; a talk on 15-03 reports 120 lesson hours, 4 and 2 hours
        of absence (and a later talk, 1 April, reports more: not in this quarter)
    D2  duty 2025, nothing in the quarter: not in the file
    D3  duty 2025, moved from A to B on 01-04 (the next quarter): not in this file,
        and D4, moved from A to B on 31-03: in it, with B's code
    D5  duty 01-03, an asylum permit holder without V-number, intake completed 05-03 with no
        session recorded: two points open
"""

import csv
import datetime
import hashlib
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inburgering.choices import DossierStatus, Role
from inburgering.dates import Quarter
from inburgering.models import AuditEvent, DossierMove
from inburgering.services import ServiceError
from intake.models import BredeIntake, Intakegesprek
from pip_plans.models import Pip, PipVersie
from tests import factories
from voortgang.kwartaallevering import cbs, completeness, records, services
from voortgang.kwartaallevering.records import Record
from voortgang.kwartaallevering.selectors import PEOPLE_PER_PAGE
from voortgang.models import DeliveryCheck, Kwartaallevering, Traject, Voortgangsgesprek
from voortgang.tasks import check_deliveries, check_delivery

pytestmark = pytest.mark.django_db

D = datetime.date
K1 = Quarter(2026, 1)


@pytest.fixture
def quarter_data(db):
    team = factories.TeamFactory()
    elsewhere = factories.TeamFactory()
    actor = factories.regisseur(team)

    def dossier(duty, **fields):
        fields.setdefault("v_nummer", "1234567890")
        return factories.InburgeraarFactory(
            team=team,
            datum_start_inburgeringsplicht=duty,
            status=DossierStatus.UITVOERING,
            **fields,
        )

    d1 = dossier(D(2026, 1, 15))
    intake = BredeIntake.objects.create(dossier=d1, completed_on=D(2026, 2, 10))
    Intakegesprek.objects.create(intake=intake, held_on=D(2026, 1, 20), kanaal="fysiek")
    pip = Pip.objects.create(dossier=d1, termijn_start=D(2026, 4, 1), termijn_einde=D(2029, 3, 31))
    versie = PipVersie.objects.create(
        pip=pip, number=1, status="vastgesteld", dagtekening=D(2026, 3, 31), leerroute="b1"
    )
    Traject.objects.create(
        dossier=d1,
        soort="map",
        status="afgerond",
        started_on=D(2026, 2, 1),
        finished_on=D(2026, 3, 31),
        updated_by=actor,
    )
    for held_on, hours, absent, unexcused in (
        (D(2026, 3, 15), 120, 4, 2),
        (D(2026, 4, 1), 160, 1, 1),
    ):
        Voortgangsgesprek.objects.create(
            dossier=d1,
            versie=versie,
            status="gehouden",
            planned_on=held_on,
            held_on=held_on,
            lesuren_gevolgd=hours,
            uren_geoorloofd_verzuim=absent,
            uren_ongeoorloofd_verzuim=unexcused,
            created_by=actor,
        )
    dossier(D(2025, 6, 1))  # D2
    for moved_at, duty in (
        (datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC), D(2025, 1, 1)),
        (datetime.datetime(2026, 3, 31, 9, tzinfo=datetime.UTC), D(2025, 2, 1)),
    ):
        moved = factories.InburgeraarFactory(
            team=elsewhere,
            v_nummer="3234567890",
            datum_start_inburgeringsplicht=duty,
            status=DossierStatus.UITVOERING,
        )
        move = DossierMove.objects.create(
            dossier=moved,
            from_gemeente=team.gemeente,
            to_gemeente=elsewhere.gemeente,
            from_team=team,
            to_team=elsewhere,
            reason="Verhuisd",
            moved_by=actor,
        )
        DossierMove.objects.filter(pk=move.pk).update(moved_at=moved_at)
    d5 = dossier(D(2026, 3, 1), v_nummer="")
    BredeIntake.objects.create(dossier=d5, completed_on=D(2026, 3, 5))
    return {"team": team, "elsewhere": elsewhere, "d1": d1, "d5": d5, "actor": actor}


def test_the_quarter_holds_who_had_something_to_report(quarter_data):
    found = {r.dossier_id: r for r in records.records(quarter_data["team"].gemeente_id, K1)}
    d1, d5 = quarter_data["d1"], quarter_data["d5"]
    assert len(found) == 3  # D1, D4 (moved on 31 March) and D5; not D2, not D3 (1 April)
    r1 = found[d1.pk]
    assert (r1.intake_start, r1.intake_end, r1.first_pip, r1.pip_in_quarter) == (
        D(2026, 1, 20),
        D(2026, 2, 10),
        D(2026, 3, 31),
        D(2026, 3, 31),
    )
    assert (r1.leerroute, r1.map_start, r1.map_end, r1.map_status) == (
        "b1",
        D(2026, 2, 1),
        D(2026, 3, 31),
        "afgerond",
    )
    assert (r1.lesuren, r1.verzuim_geoorloofd, r1.verzuim_ongeoorloofd) == (120, 4, 2)
    moved = next(r for pk, r in found.items() if pk not in (d1.pk, d5.pk))
    assert moved.moved_on == D(2026, 3, 31)
    assert moved.moved_to == quarter_data["elsewhere"].gemeente.cbs_code


def test_the_file_names_its_columns_after_the_ggm_and_leaves_out_later_facts(quarter_data):
    found = records.records(quarter_data["team"].gemeente_id, K1)
    content = cbs.file_bytes(found, gemeentecode="GM0001", quarter=K1).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    first = next(row for row in rows if row["Burgerservicenummer"] == quarter_data["d1"].bsn)
    assert first["PIP.DagtekeningInitielePIP"] == "2026-03-31"
    assert first["MAP.DatumEindgesprekMAP"] == "2026-03-31"
    assert first["MAP.Resultaat"] == "voldaan"
    assert first["BredeIntake.GevolgdeUrenKNMenTaalles"] == "120"
    assert first["BredeIntake.DatumTot(Peildatum)"] == "2026-03-31"
    # The termijn starts on 1 April: after the quarter, so not yet a fact of it.
    assert first["Inburgeringstermijn.DatumAanvangInburgeringstermijn"] == ""
    assert first["Kwartaal"] == "2026-K1"


def _record(**fields) -> Record:
    values = dict.fromkeys(Record.__dataclass_fields__)
    values |= {
        "dossier_id": 1,
        "bsn": "123456782",
        "v_nummer": "1234567890",
        "doelgroep": "asielstatushouder",
        "regime": "wi2021",
        "status": "uitvoering",
        "leerroute": "",
        "map_status": "",
        "pvt_status": "",
        "moved_to": "",
        "moved_from": "",
        "duty_start": D(2026, 1, 1),
    }
    return Record(**(values | fields))


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, []),
        ({"duty_start": None}, ["dossier_edit"]),
        ({"v_nummer": ""}, ["dossier_edit"]),
        ({"doelgroep": "gezinsmigrant", "v_nummer": ""}, []),
        ({"intake_end": D(2026, 2, 1)}, ["intake_overview"]),
        ({"intake_start": D(2026, 2, 2), "intake_end": D(2026, 2, 1)}, ["intake_overview"]),
        ({"first_pip": D(2025, 12, 31)}, ["dossier_edit", "plan_overview"]),
        ({"first_pip": D(2026, 1, 1), "termijn_start": D(2026, 1, 2)}, []),
        ({"map_status": "afgerond"}, ["learning_record"]),
        ({"pvt_status": "niet_afgerond", "pvt_end": D(2026, 2, 1)}, ["learning_record"]),
        (
            {"pvt_status": "niet_afgerond", "pvt_end": D(2026, 2, 1), "pvt_verwijtbaar": False},
            [],
        ),
    ],
)
def test_the_completeness_check(fields, expected):
    assert [p.page for p in completeness.problems(_record(**fields))] == expected


def test_the_contactpersoon_releases_and_a_correction_keeps_the_first(quarter_data):
    gemeente = quarter_data["team"].gemeente
    user = factories.contactpersoon(gemeente)
    with pytest.raises(ServiceError, match="2 openstaande punten"):
        services.release_kwartaallevering(
            actor=user, gemeente_id=gemeente.pk, quarter=K1, open_points_checked=False
        )
    first = services.release_kwartaallevering(
        actor=user, gemeente_id=gemeente.pk, quarter=K1, open_points_checked=True
    )
    content = first.file.read()
    assert (first.version, first.records, first.open_problems) == (1, 3, 2)
    assert first.sha256 == hashlib.sha256(content).hexdigest()
    assert AuditEvent.objects.filter(action="delivery_released").count() == 1
    with pytest.raises(ServiceError, match="waarom"):
        services.release_kwartaallevering(
            actor=user, gemeente_id=gemeente.pk, quarter=K1, open_points_checked=True
        )
    d5 = quarter_data["d5"]
    d5.v_nummer = "2234567890"
    d5.save()
    second = services.release_kwartaallevering(
        actor=user,
        gemeente_id=gemeente.pk,
        quarter=K1,
        open_points_checked=True,
        note="V-nummer aangevuld",
    )
    assert (second.version, second.open_problems) == (2, 1)
    first.refresh_from_db()
    assert first.file.open("rb").read() == content  # the first file is kept as it was


def test_only_the_contactpersoon_of_the_gemeente_releases(quarter_data):
    gemeente = quarter_data["team"].gemeente
    policy = factories.auditor(gemeente, role=Role.BELEIDSMEDEWERKER)
    other = factories.contactpersoon(quarter_data["elsewhere"].gemeente)
    for user in (policy, other):
        with pytest.raises(ServiceError):
            services.release_kwartaallevering(
                actor=user, gemeente_id=gemeente.pk, quarter=K1, open_points_checked=True
            )
    assert not Kwartaallevering.objects.exists()


def _client(user):
    client = factories.VerifiedClient()
    client.force_login(user)
    return client


def test_the_check_page_lists_dossier_numbers_and_links_only_for_who_may_open(quarter_data):
    gemeente = quarter_data["team"].gemeente
    d5 = quarter_data["d5"]
    query = {"gemeente": gemeente.pk, "kwartaal": "2026-K1"}
    services.check(gemeente_id=gemeente.pk, quarter=K1)
    page = _client(factories.contactpersoon(gemeente)).get(reverse("kwartaallevering"), query)
    html = page.content.decode()
    assert f"Dossier {d5.pk}" in html
    assert "Het V-nummer ontbreekt." in html
    assert d5.surname not in html and d5.bsn not in html
    assert reverse("dossier_edit", kwargs={"dossier_id": d5.pk}) not in html
    assert reverse("release_kwartaallevering") in html
    leader = factories.teamleider(quarter_data["team"])
    html = _client(leader).get(reverse("kwartaallevering"), query).content.decode()
    assert reverse("dossier_edit", kwargs={"dossier_id": d5.pk}) in html
    assert reverse("release_kwartaallevering") not in html  # not the contactpersoon


def test_release_download_and_refusals_through_the_pages(quarter_data):
    gemeente = quarter_data["team"].gemeente
    user = factories.contactpersoon(gemeente)
    client = _client(user)
    data = {"gemeente": gemeente.pk, "kwartaal": "2026-K1"}
    refused = client.post(reverse("release_kwartaallevering"), data)
    assert "Bevestig dat u de 2 openstaande punten" in refused.content.decode()
    response = client.post(
        reverse("release_kwartaallevering"), data | {"open_points_checked": "on"}
    )
    assert response.status_code == 302
    levering = Kwartaallevering.objects.get()
    download = client.get(reverse("kwartaallevering_file", kwargs={"levering_id": levering.pk}))
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == levering.sha256
    assert AuditEvent.objects.filter(
        action="exported", detail__startswith="kwartaallevering"
    ).exists()
    leader = _client(factories.teamleider(quarter_data["team"]))
    assert leader.post(reverse("release_kwartaallevering"), data).status_code == 403
    url = reverse("kwartaallevering_file", kwargs={"levering_id": levering.pk})
    assert leader.get(url).status_code == 404
    stranger = factories.contactpersoon(quarter_data["elsewhere"].gemeente)
    assert _client(stranger).get(url).status_code == 404


def test_the_delivery_is_due_four_weeks_after_the_quarter(quarter_data):
    user = factories.contactpersoon(quarter_data["team"].gemeente)
    html = _client(user).get(reverse("kwartaallevering"), {"kwartaal": "2026-K1"}).content.decode()
    assert "28 april 2026" in html


def test_the_check_page_runs_the_same_queries_for_more_dossiers(quarter_data):
    team = quarter_data["team"]
    client = _client(factories.contactpersoon(team.gemeente))
    query = {"gemeente": team.gemeente.pk, "kwartaal": "2026-K1"}
    services.check(gemeente_id=team.gemeente.pk, quarter=K1)
    client.get(reverse("kwartaallevering"), query)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("kwartaallevering"), query)
    factories.many_dossiers(
        team, 60, start=2000, datum_start_inburgeringsplicht=D(2026, 2, 2), v_nummer=""
    )
    services.check(gemeente_id=team.gemeente.pk, quarter=K1)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("kwartaallevering"), query)
    assert len(large) == len(small)
    assert "63 records; 62 openstaande punten bij 61 personen." in _text(response)
    assert response.content.decode().count("Het V-nummer ontbreekt.") == PEOPLE_PER_PAGE


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_asking_for_the_check_queues_it_and_the_page_shows_it_running_until_done(
    quarter_data, django_capture_on_commit_callbacks
):
    gemeente = quarter_data["team"].gemeente
    client = _client(factories.contactpersoon(gemeente))
    query = {"gemeente": gemeente.pk, "kwartaal": "2026-K1"}
    page = client.get(reverse("kwartaallevering"), query)
    assert "Dit kwartaal is nog niet gecontroleerd." in _text(page)
    with django_capture_on_commit_callbacks() as enqueued:
        asked = client.post(reverse("check_kwartaallevering"), query)
    assert asked.status_code == 302 and asked["Location"].endswith("#controle")
    assert len(enqueued) == 1
    kept = DeliveryCheck.objects.get(gemeente=gemeente, year=2026, quarter=1)
    assert kept.running and kept.checked_at is None
    assert "loopt nog" in _text(client.get(reverse("kwartaallevering"), query))
    # The task itself, as the worker runs it (twice: it keeps the later result).
    for _run in range(2):
        assert check_delivery.apply(args=(gemeente.pk, 2026, 1)).get() == 2
    kept.refresh_from_db()
    assert not kept.running and kept.people == [
        [quarter_data["d5"].pk, ["v_nummer", "intake_no_session"]]
    ]
    shown = _text(client.get(reverse("kwartaallevering"), query))
    assert "3 records; 2 openstaande punten bij 1 personen." in shown
    assert "Gecontroleerd op" in shown and "Opnieuw controleren" in shown
    assert "loopt nog" not in shown


def test_a_check_of_another_gemeente_is_refused_next_to_the_field(quarter_data):
    client = _client(factories.contactpersoon(quarter_data["team"].gemeente))
    other = quarter_data["elsewhere"].gemeente
    refused = client.post(
        reverse("check_kwartaallevering"), {"gemeente": other.pk, "kwartaal": "2026-K1"}
    )
    assert refused.status_code == 200
    assert "is geen beschikbare keuze" in refused.content.decode()
    assert not DeliveryCheck.objects.exists()


def test_every_gemeentes_quarter_is_checked(quarter_data):
    assert services.check_every_gemeente(K1) == 2
    checks = {c.gemeente_id: c for c in DeliveryCheck.objects.filter(year=2026, quarter=1)}
    assert checks[quarter_data["team"].gemeente_id].open_points == 2
    assert checks[quarter_data["elsewhere"].gemeente_id].records == 1  # D4 moved in on 31-03


def test_the_night_checks_the_quarter_to_deliver(quarter_data, time_machine):
    time_machine.move_to(datetime.datetime(2026, 4, 10, 4, 30, tzinfo=datetime.UTC))
    assert check_deliveries.apply().get() == 2  # both gemeenten, 2026-K1
    assert DeliveryCheck.objects.filter(year=2026, quarter=1).count() == 2
    assert not DeliveryCheck.objects.exclude(year=2026, quarter=1).exists()


def test_only_a_user_of_the_gemeente_asks_for_its_check(quarter_data):
    gemeente = quarter_data["team"].gemeente
    with pytest.raises(ServiceError):
        services.request_check(
            actor=factories.teamleider(quarter_data["elsewhere"]),
            gemeente_id=gemeente.pk,
            quarter=K1,
        )
    services.request_check(
        actor=factories.teamleider(quarter_data["team"]), gemeente_id=gemeente.pk, quarter=K1
    )
    assert DeliveryCheck.objects.get(gemeente=gemeente).running


def test_a_release_keeps_its_own_check(quarter_data):
    gemeente = quarter_data["team"].gemeente
    levering = services.release_kwartaallevering(
        actor=factories.contactpersoon(gemeente),
        gemeente_id=gemeente.pk,
        quarter=K1,
        open_points_checked=True,
    )
    kept = DeliveryCheck.objects.get(gemeente=gemeente, year=2026, quarter=1)
    assert (kept.records, kept.open_points) == (levering.records, levering.open_problems)
    assert kept.checked_at <= levering.released_at
