"""Reads of dossiers, already scoped by the permission policy, with the joins pages need."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from inburgering import permissions
from inburgering.models import (
    Deling,
    Inburgeraar,
    Team,
)
from inburgering.numbers import parse_int
from inburgering.validators import compact_number

CASELOAD_SORTS = {
    "name": ("surname", "given_names", "pk"),
    "-name": ("-surname", "-given_names", "-pk"),
    "birth": ("date_of_birth", "pk"),
    "-birth": ("-date_of_birth", "-pk"),
    "status": ("status", "surname", "pk"),
    "-created": ("-created_at", "-pk"),
    "created": ("created_at", "pk"),
}
DEFAULT_SORT = "name"


@dataclass(frozen=True)
class CaseloadFilter:
    query: str = ""
    status: str = ""
    doelgroep: str = ""
    gemeente_id: int | None = None
    sort: str = DEFAULT_SORT

    @property
    def is_filtered(self) -> bool:
        return bool(self.query or self.status or self.doelgroep or self.gemeente_id)


def _search_condition(query: str) -> Q:
    """Digits search the BSN (from the start); words must each match a part of the name."""
    compact = compact_number(query)
    if parse_int(compact) is not None:
        return Q(bsn__startswith=compact)
    condition = Q()
    for word in query.split():
        condition &= (
            Q(surname__icontains=word)
            | Q(given_names__icontains=word)
            | Q(surname_prefix__iexact=word)
        )
    return condition


def caseload(user, caseload_filter: CaseloadFilter) -> QuerySet[Inburgeraar]:
    """The user's dossiers for the caseload page: one query, whatever the caseload size."""
    queryset = permissions.dossiers_visible_to(
        user, Inburgeraar.objects.select_related("gemeente", "regisseur")
    )
    if caseload_filter.query:
        queryset = queryset.filter(_search_condition(caseload_filter.query))
    if caseload_filter.status:
        queryset = queryset.filter(status=caseload_filter.status)
    if caseload_filter.doelgroep:
        queryset = queryset.filter(doelgroep=caseload_filter.doelgroep)
    if caseload_filter.gemeente_id:
        queryset = queryset.filter(gemeente_id=caseload_filter.gemeente_id)
    order = CASELOAD_SORTS.get(caseload_filter.sort, CASELOAD_SORTS[DEFAULT_SORT])
    return queryset.order_by(*order)


def last_change(dossier: Inburgeraar):
    """The newest history row of the dossier, with the user who made it."""
    return dossier.history.select_related("history_user").order_by("-history_date").first()


def teams_for_registration(user) -> QuerySet[Team]:
    """Teams the user works in: a new dossier lands in one of them."""
    return (
        Team.objects.filter(memberships__user=user)
        .select_related("gemeente")
        .order_by("gemeente__naam", "naam")
        .distinct()
    )


def existing_dossier_with_bsn(
    user, bsn: str, exclude_id: int | None = None
) -> tuple[bool, Inburgeraar | None]:
    """Whether another dossier has this BSN, and that dossier only if the user may see it."""
    others = Inburgeraar.objects.filter(bsn=bsn).exclude(pk=exclude_id)
    if not others.exists():
        return False, None
    return True, permissions.dossiers_visible_to(user, others).first()


def partner_dossiers(user) -> QuerySet[Inburgeraar]:
    """A partner's home list: the dossiers shared with its organisation, with the shared
    domeinen and the first end date, in one query however many shares there are."""
    organisatie_id = permissions.partner_organisatie_id(user)
    valid = Deling.objects.filter(
        dossier_id=OuterRef("pk"),
        organisatie_id=organisatie_id,
        valid_until__gte=timezone.localdate(),
    )
    return permissions.shared_with(
        user,
        Inburgeraar.objects.only("given_names", "surname_prefix", "surname", "date_of_birth")
        .annotate(
            shared_domeinen=ArraySubquery(valid.order_by("domein").values("domein")),
            shared_until=Subquery(valid.order_by("valid_until").values("valid_until")[:1]),
        )
        .order_by("surname", "given_names", "pk"),
    )
