"""The print base shared by the plan and the inzage/handover export (templates/print/base.html)."""

import io
from pathlib import Path

from django.conf import settings as django_settings
from pypdf import PdfReader

from inburgering.choices import ExportKind
from inburgering.models import Gemeente
from inburgering.privacy import inzage
from inburgering.templatetags.printing import brand_tokens
from pip_plans.models import PipVersie
from pip_plans.pdf import render_pip_pdf
from tests.test_pip_pdf import fixed_plan  # noqa: F401 (the fixture)

TEMPLATES = Path(django_settings.BASE_DIR) / "templates"
THEME = Path(django_settings.BASE_DIR) / "static" / "css" / "theme.css"


def _documents(versie) -> list[bytes]:
    dossier = versie.pip.dossier
    return [
        render_pip_pdf(versie, concept=False),
        inzage.as_pdf(inzage.collect(dossier, ExportKind.INZAGE)),
        inzage.as_pdf(inzage.collect(dossier, ExportKind.OVERDRACHT)),
    ]


def test_the_brand_tokens_are_read_from_the_theme():
    tokens = brand_tokens()
    assert tokens["--inburgering-color-primary"] == "#1f4e79"
    assert tokens["--inburgering-color-heading"] == "var(--inburgering-color-primary)"
    assert tokens["--inburgering-font-family"].startswith("system-ui, ")  # one line
    for template in ("print/base.html", "pip_plans/pdf.html", "inburgering/inzage_pdf.html"):
        assert "#1f4e79" not in (TEMPLATES / template).read_text()


def test_a_restyled_theme_restyles_both_printed_documents(fixed_plan, settings, tmp_path):  # noqa: F811
    theme = THEME.read_text()
    restyled = theme.replace(
        "--inburgering-color-primary: #1f4e79", "--inburgering-color-primary: #ff0000"
    )
    assert restyled != theme
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "theme.css").write_text(restyled)
    settings.STATICFILES_DIRS = [tmp_path]
    for pdf in _documents(fixed_plan):
        first_page = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
        assert b"1 0 0 rg" in first_page  # the headings, in the new primary colour


def test_the_running_header_prints_the_name_as_written(fixed_plan):  # noqa: F811
    dossier = fixed_plan.pip.dossier
    Gemeente.objects.filter(pk=dossier.gemeente_id).update(naam='\'s-Hertogenbosch & "Vught"')
    for pdf in _documents(PipVersie.objects.get(pk=fixed_plan.pk)):
        reader = PdfReader(io.BytesIO(pdf))
        assert reader.metadata.author == 'Gemeente \'s-Hertogenbosch & "Vught"'
        lines = reader.pages[0].extract_text().splitlines()
        assert 'Gemeente \'s-Hertogenbosch & "Vught"' in lines, lines
