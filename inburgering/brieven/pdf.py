"""A letter as a tagged accessible PDF (PDF/UA-1) through the print base of the plan: Dutch,
and the person's language beside it paragraph by paragraph, right to left for Arabic script,
each script in its Noto font (Debian's fonts-noto-core), embedded.

WeasyPrint takes ~2 s to import, so it is imported inside the function only.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

PDF_VARIANT = "pdf/ua-1"


def letter_html(content: dict) -> str:
    with translation.override("nl"):
        return render_to_string(
            "brieven/pdf.html", {"letter": content, "gemeente": {"naam": content["gemeente"]}}
        )


def render_letter_pdf(content: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(content)).write_pdf(pdf_variant=PDF_VARIANT)
