"""Reads of a dossier's shares and consents."""

from __future__ import annotations

from django.db.models import QuerySet

from inburgering.models import (
    Deling,
    Inburgeraar,
    Organisatie,
    Toestemming,
)


def shares_of(dossier: Inburgeraar) -> list[Deling]:
    return list(
        Deling.objects.filter(dossier=dossier).select_related(
            "organisatie", "granted_by", "toestemming"
        )
    )


def consents_of(dossier: Inburgeraar) -> list[Toestemming]:
    return list(
        Toestemming.objects.filter(dossier=dossier).select_related(
            "organisatie", "recorded_by", "withdrawn_by"
        )
    )


def partner_organisations() -> QuerySet[Organisatie]:
    """Organisations a dossier can be shared with: those with domains and a group."""
    return Organisatie.objects.exclude(domeinen=[]).filter(group__isnull=False).order_by("naam")
