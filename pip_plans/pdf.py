"""The printed PIP for the inburgeraar: plain Dutch, A4, a tagged accessible PDF (PDF/UA-1).

WeasyPrint takes ~2 s to import, so it is imported inside the function only.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from inburgering import awb, permissions
from inburgering.choices import LEEFGEBIED_ORDER
from pip_plans import selectors, summary
from pip_plans.models import PipVersie, Sectie


def client_document_context(versie: PipVersie, summary_language: str = "") -> dict:
    """What the person may read: the client mode of the plan (no health unless agreed), with
    a summary page in ``summary_language`` when asked."""
    dossier = versie.pip.dossier
    intake = getattr(dossier, "brede_intake", None)
    leefgebieden = permissions.leefgebieden_for_client_document(
        health_agreed=bool(intake and intake.health_in_client_pdf)
    )
    secties = Sectie.objects.filter(versie=versie, leefgebied__in=leefgebieden).prefetch_related(
        "afspraken__organisatie"
    )
    termijn = selectors.termijn_for(dossier)
    bezwaar_deadline = awb.objection_deadline(versie.dagtekening) if versie.dagtekening else None
    return {
        "versie": versie,
        "dossier": dossier,
        "gemeente": dossier.gemeente,
        "regisseur": dossier.regisseur,
        "team": dossier.team,
        "route_motivation": route_motivation(intake),
        "secties": sorted(secties, key=lambda sectie: LEEFGEBIED_ORDER[sectie.leefgebied]),
        "termijn": termijn,
        "termijn_years": settings.PIP_TERMIJN_YEARS,
        # Printed before it is handed over: the term counted from the dagtekening.
        "bezwaar_deadline": bezwaar_deadline,
        "summary": summary.summary(
            summary_language,
            versie=versie,
            termijn_end=termijn.end if termijn else None,
            regisseur_name=(
                dossier.regisseur.get_full_name() or dossier.regisseur.username
                if dossier.regisseur
                else dossier.team.naam
            ),
            objection_date=bezwaar_deadline,
        ),
    }


def route_motivation(intake) -> list[str]:
    """Why this route: the intake's reasoning, and why it departs from the learnability test
    when it does (a beschikking states its reasons)."""
    if intake is None:
        return []
    return [text for text in (intake.advice_reasoning, intake.deviation_motivation) if text]


PDF_VARIANT = "pdf/ua-1"


def render_pip_pdf(versie: PipVersie, *, concept: bool, summary_language: str = "") -> bytes:
    """Render the plan as PDF/UA-1 with language nl; a concept carries a CONCEPT watermark."""
    return laid_out_plan(versie, concept=concept, summary_language=summary_language).write_pdf(
        pdf_variant=PDF_VARIANT
    )


def laid_out_plan(versie: PipVersie, *, concept: bool, summary_language: str = ""):
    """The plan laid out on its pages (a WeasyPrint document), before it is written."""
    from weasyprint import HTML

    with translation.override("nl"):
        html = render_to_string(
            "pip_plans/pdf.html",
            {**client_document_context(versie, summary_language), "concept": concept},
        )
    return HTML(string=html).render(pdf_variant=PDF_VARIANT)
