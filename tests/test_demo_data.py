"""Demo data: a region of three municipalities, all roles, 66 varied dossiers dated around
today (two of the Wi2013's ondertussengroep); idempotent; every demo dossier exports."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from inburgering import permissions
from inburgering.choices import (
    PRE_PLAN_STATUSES,
    RUNNING_STATUSES,
    Doelgroep,
    DossierStatus,
    ExportKind,
    Opkomst,
    Regime,
)
from inburgering.deadlines import pip_deadline
from inburgering.demo import DEMO_PASSWORD
from inburgering.models import (
    AuditAction,
    AuditEvent,
    Bijeenkomst,
    Brief,
    DossierMove,
    Gemeente,
    Inburgeraar,
    Organisatie,
    User,
)
from inburgering.privacy import inzage
from intake.models import BredeIntake, Opleiding, Uitnodiging

pytestmark = pytest.mark.slow  # loads the whole demo region


@pytest.fixture(scope="module")
def demo_region(django_db_setup, django_db_blocker):
    """The demo region, loaded once for the module (it takes a while); returns what the command
    printed. Each test runs in a savepoint of this module's transaction, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = io.StringIO()
        call_command("demo_data", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def test_demo_data_is_complete_and_idempotent(demo_region, db, client):
    """Loaded twice (loading takes a while, so one test checks it all): the second load
    changes nothing."""
    from pip_plans.models import Bekendmaking, Bezwaar, Pip, PipVersie
    from voortgang.models import Herinnering, Signaal, Voortgangsgesprek

    counts = (
        Pip.objects.filter(termijn_start__isnull=False).count(),
        Voortgangsgesprek.objects.filter(status="afgerond").count(),
        Signaal.objects.count(),
        Herinnering.objects.filter(recipient__username__startswith="regisseur").count(),
    )
    output = io.StringIO()
    call_command("demo_data", stdout=output)
    assert "regisseur1" in demo_region and "regisseur1" in output.getvalue()
    assert Gemeente.objects.count() == 3
    assert Inburgeraar.objects.count() == 66
    assert Organisatie.objects.count() == 4
    assert set(Inburgeraar.objects.values_list("doelgroep", flat=True)) == set(Doelgroep.values)
    assert set(Inburgeraar.objects.values_list("regime", flat=True)) == set(Regime.values)
    assert set(Inburgeraar.objects.values_list("status", flat=True)) == set(DossierStatus.values)
    for dossier in Inburgeraar.objects.all():
        dossier.full_clean()
    assert Inburgeraar.history.filter(history_type="+").count() == 66  # registered once
    intakes = BredeIntake.objects.all()
    assert intakes.filter(status="afgerond").count() > 10
    assert intakes.filter(status="lopend").count() > 3
    assert not intakes.filter(dossier__status="aangemeld").exists()
    ondertussen = Inburgeraar.objects.filter(regime=Regime.WI2013, status="uitvoering")
    with_intake = (
        Inburgeraar.objects.exclude(status="aangemeld")
        .exclude(pk__in=ondertussen)  # under the Wi2013 no brede intake duty
        .exclude(overdracht__isnull=False)  # its intake stayed with the previous gemeente
    )
    assert intakes.count() == with_intake.count()
    assert User.objects.filter(groups__name="regisseur").count() == 4
    # A normal week: three new dossiers in the queue, a colleague standing in for regisseur1,
    # PIP deadlines a few weeks either side of today rather than years ago.
    # Across gemeenten: one moved within the region, one reopened, one received from Den
    # Haag; each waits in a queue beside the three new ones.
    assert Inburgeraar.objects.filter(regisseur=None).count() == 6
    assert DossierMove.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_REOPENED).count() == 1
    assert PipVersie.objects.filter(vorige_gemeente="Den Haag").exists()
    running = Inburgeraar.objects.filter(status__in=RUNNING_STATUSES)
    assert running.filter(contact__isnull=False).count() == running.count()
    assert running.filter(contact__interpreter_needed=True).exists()
    # A normal week of appointments: every running dossier with a regisseur has one; after a
    # missed intake a second one, with the warning.
    assigned = running.exclude(regisseur=None)
    assert not assigned.filter(bijeenkomsten__isnull=True).exists()
    assert set(Bijeenkomst.objects.values_list("opkomst", flat=True)) == set(Opkomst.values)
    assert Bijeenkomst.objects.exclude(reason="").filter(opkomst="open").exists()  # moved
    assert Uitnodiging.objects.filter(bijeenkomst__isnull=False, gevolg="waarschuwing").exists()
    # Letters of the week: invitations in the person's language, warnings after a no-show.
    assert Brief.objects.filter(kind="uitnodiging_intake").exclude(language="").exists()
    assert Brief.objects.filter(kind="waarschuwing").count() == min(
        2, Bijeenkomst.objects.filter(soort="brede_intake", opkomst="niet_verschenen").count()
    )
    # Every plan fixed here was made known; some met an objection.
    fixed_here = PipVersie.objects.filter(status="vastgesteld", vorige_gemeente="")
    assert Bekendmaking.objects.count() == fixed_here.count()
    assert Bezwaar.objects.exists()
    waiting = Herinnering.objects.filter(soort="wachtrij", recipient__username="teamleider")
    assert waiting.count() == 6  # the teamleider's worklist says so
    assert permissions.stands_in_for(_fresh("regisseur4")) == (_checked("regisseur1").pk,)
    today = timezone.localdate()
    reopened = AuditEvent.objects.filter(action=AuditAction.DOSSIER_REOPENED).values("dossier")
    deadlines = [
        pip_deadline(kennisgeving=k, brp_inschrijving=b)
        for k, b in Inburgeraar.objects.filter(status__in=PRE_PLAN_STATUSES)
        .exclude(pk__in=reopened)  # back after years: its deadline passed long ago
        .values_list("datum_kennisgeving", "datum_brp_inschrijving")
    ]
    assert all(abs((day - today).days) < 120 for day in deadlines)
    assert any(day < today for day in deadlines) and any(day >= today for day in deadlines)

    # Plans, talks, signals and reminders, made once however often the data is loaded.
    assert counts[0] > 3 and counts[1] == counts[0] and counts[2] > 1 and counts[3] > 0
    assert (
        Pip.objects.filter(termijn_start__isnull=False).count(),
        Voortgangsgesprek.objects.filter(status="afgerond").count(),
        Signaal.objects.count(),
        Herinnering.objects.filter(recipient__username__startswith="regisseur").count(),
    ) == counts
    assert Pip.objects.filter(termijn_start__isnull=True).exists()  # concepts in the plan phase

    client.force_login(_checked("regisseur1"))
    page = client.get(reverse("caseload"))
    assert page.context["page"].paginator.count == 21
    assert client.get(reverse("bijeenkomsten_week")).context["week"].count > 0

    # Both regimes, correctly: the running Wi2013 dossiers have social guidance, the PVT,
    # participation and DUO's extension, and no PIP nor its deadline; the Wi2021 ones a
    # learning record.
    from pip_plans.models import DuoBesluit
    from voortgang.models import Examenresultaat, Traject

    assert ondertussen.count() == 2
    assert not Pip.objects.filter(dossier__in=ondertussen).exists()
    assert set(Traject.objects.filter(dossier__in=ondertussen).values_list("soort", flat=True)) == {
        "pvt",
        "maatschappelijke_begeleiding",
        "participatie",
    }
    assert DuoBesluit.objects.filter(dossier__in=ondertussen).count() == 2
    assert not Herinnering.objects.filter(
        dossier__in=ondertussen, soort__in=["pip_termijn", "termijn_einde", "ontzorgen"]
    ).exists()
    assert DuoBesluit.objects.filter(dossier__regime=Regime.WI2021).count() == 1
    assert Examenresultaat.objects.exists() and Traject.objects.filter(soort="map").exists()
    assert Inburgeraar.objects.filter(verblijfsvergunning="regulier", doelgroep="asielstatushouder")

    # A partner sees the dossiers shared with it, never their BSN.
    client.force_login(_checked("partner-werk"))
    response = client.get(reverse("home"), follow=True)
    assert response.context["page"].paginator.count > 3
    dossier = response.context["page"].object_list[0]
    page = client.get(dossier.get_absolute_url())
    assert page.status_code == 200 and dossier.bsn not in page.content.decode()


def test_every_demo_dossier_exports(demo_region, db):
    """All 66 demo dossiers, inzage and handover: the JSON file and the document (the HTML the
    PDF is laid out from) of every one, and the PDF itself of one inzage per status and one
    handover (laying out 120 PDFs takes minutes; the layout only sees the text already made
    for the HTML)."""
    dossiers = list(Inburgeraar.objects.select_related("gemeente").order_by("pk"))
    assert len(dossiers) == 66
    without_country = Opleiding.objects.filter(country="").values("intake__dossier").distinct()
    assert without_country.count() > 10  # the shape that failed (issue 14)
    printed = {}
    for dossier in dossiers:
        for kind in (ExportKind.INZAGE, ExportKind.OVERDRACHT):
            collected = inzage.collect(dossier, kind)
            document = json.loads(inzage.as_json(collected))
            assert document["personal_data"]["bsn"] == dossier.bsn
            for row in document["records"]["intake.Opleiding"]["rows"]:
                assert isinstance(row["country"], str)
            assert dossier.surname in inzage.as_html(collected)
            key = (dossier.status if kind == ExportKind.INZAGE else "", kind)
            if printed.setdefault(key, dossier) is dossier:
                first_page = PdfReader(io.BytesIO(inzage.as_pdf(collected))).pages[0]
                assert dossier.surname in first_page.extract_text()
    assert len(printed) == len(DossierStatus.values) + 1


def _fresh(username):
    return permissions.with_roles(User.objects.filter(username=username)).get()


def _checked(username):
    """The demo account, after checking its published password (the lockout backend needs a
    request for a real login, which the browser tests do)."""
    user = User.objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD)
    return user
