"""The monitor page and its exports: who reaches it, which gemeenten they see, small counts
as "<5" for a beleidsmedewerker, the same figures in the page, the charts and the files, and a
fixed number of queries whatever the number of dossiers."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import load_workbook

from inburgering.choices import DossierStatus, Role
from inburgering.models import AuditEvent
from tests import factories
from voortgang.monitor import facts

pytestmark = pytest.mark.django_db

# This quarter's dossiers: their duty started on the first day of the current quarter.
TODAY = datetime.date.today()
QUARTER_START = datetime.date(TODAY.year, 3 * ((TODAY.month - 1) // 3) + 1, 1)


@pytest.fixture
def gemeenten(db):
    mine, other = factories.TeamFactory(), factories.TeamFactory()
    factories.many_dossiers(
        mine, 7, status=DossierStatus.AANGEMELD, datum_start_inburgeringsplicht=QUARTER_START
    )
    factories.many_dossiers(
        other,
        3,
        start=100,
        status=DossierStatus.AANGEMELD,
        datum_start_inburgeringsplicht=QUARTER_START,
    )
    facts.refresh()
    return mine, other


def _client(user):
    client = factories.VerifiedClient()
    client.force_login(user)
    return client


def _funnel_first_count(html: str) -> str:
    table = html[html.index('id="figures-funnel"') :]
    return re.search(r'utrecht-table__cell--numeric">([^<]*)<', table).group(1)


@pytest.mark.parametrize(
    "role", [Role.REGISSEUR, Role.KETENPARTNER, Role.PRIVACY_OFFICER, Role.FUNCTIONEEL_BEHEERDER]
)
def test_only_teamleiders_and_beleidsmedewerkers_reach_the_monitor(role, gemeenten):
    user = factories.auditor(gemeenten[0].gemeente, role=role)
    client = _client(user)
    assert client.get(reverse("monitor")).status_code == 403
    assert client.get(reverse("monitor_export", args=["xlsx"])).status_code == 403


def test_a_teamleider_sees_exact_figures_of_their_own_gemeenten_only(gemeenten):
    mine, other = gemeenten
    client = _client(factories.teamleider(mine))
    page = client.get(reverse("monitor")).content.decode()
    assert _funnel_first_count(page) == "7"  # the other gemeente's 3 are not counted
    assert mine.gemeente.naam in page
    assert other.gemeente.naam not in page
    moment = date_format(timezone.localtime(facts.last_refresh().refreshed_at), "j F Y H:i")
    assert f"Cijfers van {moment}." in page  # how old the figures are
    # Asking for the other gemeente is refused next to the field; the figures stay one's own.
    response = client.get(reverse("monitor"), {"gemeente": other.gemeente.pk})
    html = response.content.decode()
    assert "is geen beschikbare keuze" in html
    assert _funnel_first_count(html) == "7"


def test_a_beleidsmedewerker_sees_small_counts_as_under_five_and_no_names(gemeenten):
    mine, other = gemeenten
    user = factories.auditor(mine.gemeente, other.gemeente, role=Role.BELEIDSMEDEWERKER)
    client = _client(user)
    assert client.get(reverse("home")).url == reverse("monitor")
    page = client.get(reverse("monitor")).content.decode()
    assert _funnel_first_count(page) == "10"  # both gemeenten: the whole region
    one = client.get(reverse("monitor"), {"gemeente": other.gemeente.pk}).content.decode()
    assert _funnel_first_count(one) == "&lt;5"  # 3 dossiers
    assert "Persoon" not in page  # the dossiers' surnames
    assert "Mijn dossiers" not in page and "Mijn werkvoorraad" not in page  # no casework


def test_the_charts_are_accessible_svg_without_inline_style_or_script(gemeenten):
    # qrcode (the second factor's enrolment) gives the SVG namespace the prefix "svg:" for the
    # whole process; the charts must still come out as plain <svg>.
    ET.register_namespace("svg", "http://www.w3.org/2000/svg")
    page = _client(factories.teamleider(gemeenten[0])).get(reverse("monitor")).content.decode()
    charts = re.findall(r"<svg[^>]*app-monitor-chart.*?</svg>", page, re.S)
    assert len(charts) == 4
    for chart in charts:
        assert 'role="img"' in chart
        assert re.search(r'<title id="chart-\w+-title">', chart)
        assert "<script" not in chart
        assert "<style" not in chart
        assert "style=" not in chart


def test_the_xlsx_and_csv_hold_the_pages_figures_and_filters(gemeenten):
    mine, _other = gemeenten
    client = _client(factories.teamleider(mine))
    query = {"doelgroep": "asielstatushouder"}
    response = client.get(reverse("monitor_export", args=["xlsx"]), query)
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["funnel"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Doelgroep", "Asielstatushouder"] in [row[:2] for row in rows]
    registered = next(row for row in rows if row[0] == "Aangemeld")
    assert registered[1] == 7
    assert set(book.sheetnames) >= {"funnel", "lead_times", "on_time", "routes", "load"}
    text = client.get(reverse("monitor_export", args=["csv"]), query).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0] == "Monitor inburgering"
    assert ["Doelgroep", "Asielstatushouder"] in lines
    figures_of = next(line for line in lines if line[:1] == ["Cijfers van"])
    assert figures_of[1].startswith(timezone.localdate().strftime("%d-%m-%Y"))
    assert ["Aangemeld", "7", "7", "100.0"] in lines
    assert AuditEvent.objects.filter(action="exported", detail__startswith="monitor").count() == 2


def test_the_exports_neutralise_a_formula_in_a_name(gemeenten):
    mine, _other = gemeenten
    mine.gemeente.naam = "=HYPERLINK(1)"
    mine.gemeente.save()
    client = _client(factories.teamleider(mine))
    text = client.get(reverse("monitor_export", args=["csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    book = load_workbook(io.BytesIO(client.get(reverse("monitor_export", args=["xlsx"])).content))
    values = [cell.value for row in book["funnel"].iter_rows() for cell in row]
    assert "'=HYPERLINK(1)" in values


def test_an_unknown_export_kind_is_404(gemeenten):
    client = _client(factories.teamleider(gemeenten[0]))
    assert client.get(reverse("monitor_export", args=["pdf"])).status_code == 404


def test_the_monitor_runs_the_same_queries_for_more_dossiers(gemeenten):
    mine, _other = gemeenten
    client = _client(factories.teamleider(mine))
    client.get(reverse("monitor"))  # warm the session and the user's reads
    cache.clear()  # the figures computed, not kept from the first view
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("monitor"))
    factories.many_dossiers(mine, 40, start=1000, datum_start_inburgeringsplicht=QUARTER_START)
    facts.refresh()
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("monitor"))
    assert len(large) == len(small)
    assert len(small) <= 30


def test_the_figures_are_computed_once_per_renewal_of_the_read_model(gemeenten):
    mine, _other = gemeenten
    client = _client(factories.teamleider(mine))
    with CaptureQueriesContext(connection) as computed:
        first = _tables(client.get(reverse("monitor")))
    with CaptureQueriesContext(connection) as kept:
        again = _tables(client.get(reverse("monitor")))
    assert again == first
    assert not any("voortgang_monitor_dossier" in q["sql"] for q in kept.captured_queries)
    assert any("voortgang_monitor_dossier" in q["sql"] for q in computed.captured_queries)
    # New dossiers count from the next renewal on, not before.
    factories.many_dossiers(mine, 7, start=1000, datum_start_inburgeringsplicht=QUARTER_START)
    assert _tables(client.get(reverse("monitor"))) == first
    facts.refresh()
    assert _tables(client.get(reverse("monitor"))) != first
    # Another user with another cut of the figures does not get these.
    assert "&lt;5" not in first
    beleid = _client(factories.auditor(mine.gemeente, role=Role.BELEIDSMEDEWERKER))
    assert "&lt;5" in _tables(beleid.get(reverse("monitor")))


def _tables(response) -> str:
    """The page's figures: its charts and tables, without the per-request form tokens."""
    html = response.content.decode()
    return html[html.index('id="figures-funnel"') : html.index("</main>")]
