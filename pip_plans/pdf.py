"""The printed PIP for the inburgeraar: plain Dutch, A4, a tagged accessible PDF (PDF/UA-1).

WeasyPrint takes ~2 s to import, so it is imported inside the function only.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from inburgering import awb, permissions
from inburgering.choices import LEEFGEBIED_ORDER
from pip_plans import selectors
from pip_plans.models import PipVersie, Sectie


def client_document_context(versie: PipVersie) -> dict:
    """What the person may read: the client mode of the plan (no health unless agreed)."""
    dossier = versie.pip.dossier
    intake = getattr(dossier, "brede_intake", None)
    leefgebieden = permissions.leefgebieden_for_client_document(
        health_agreed=bool(intake and intake.health_in_client_pdf)
    )
    secties = Sectie.objects.filter(versie=versie, leefgebied__in=leefgebieden).prefetch_related(
        "afspraken__organisatie"
    )
    return {
        "versie": versie,
        "dossier": dossier,
        "gemeente": dossier.gemeente,
        "regisseur": dossier.regisseur,
        "secties": sorted(secties, key=lambda sectie: LEEFGEBIED_ORDER[sectie.leefgebied]),
        "termijn": selectors.termijn_for(dossier),
        "termijn_years": settings.PIP_TERMIJN_YEARS,
        # Printed before it is handed over: the term counted from the dagtekening.
        "bezwaar_deadline": (
            awb.objection_deadline(versie.dagtekening) if versie.dagtekening else None
        ),
    }


PDF_VARIANT = "pdf/ua-1"


def render_pip_pdf(versie: PipVersie, *, concept: bool) -> bytes:
    """Render the plan as PDF/UA-1 with language nl; a concept carries a CONCEPT watermark."""
    return laid_out_plan(versie, concept=concept).write_pdf(pdf_variant=PDF_VARIANT)


def laid_out_plan(versie: PipVersie, *, concept: bool):
    """The plan laid out on its pages (a WeasyPrint document), before it is written."""
    from weasyprint import HTML

    with translation.override("nl"):
        html = render_to_string(
            "pip_plans/pdf.html", {**client_document_context(versie), "concept": concept}
        )
    return HTML(string=html).render(pdf_variant=PDF_VARIANT)
