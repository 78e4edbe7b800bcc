"""Reads of dossiers, already scoped by the permission policy, with the joins pages need."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from inburgering import permissions
from inburgering.choices import ENDED_STATUSES
from inburgering.models import (
    ContactDetails,
    Deling,
    Inburgeraar,
    Team,
    User,
    Waarneming,
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
    regisseur: str = ""  # a teamleider's filter: a regisseur's id, or NO_REGISSEUR
    sort: str = DEFAULT_SORT

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.query or self.status or self.doelgroep or self.gemeente_id or self.regisseur
        )


NO_REGISSEUR = "none"


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
    if caseload_filter.regisseur == NO_REGISSEUR:
        queryset = queryset.filter(regisseur__isnull=True)
    elif caseload_filter.regisseur:
        queryset = queryset.filter(regisseur_id=parse_int(caseload_filter.regisseur))
    order = CASELOAD_SORTS.get(caseload_filter.sort, CASELOAD_SORTS[DEFAULT_SORT])
    return queryset.order_by(*order)


def assignment_queue(user) -> QuerySet[Inburgeraar]:
    """Open dossiers without a regisseur in the teams the user leads ("Nog toe te wijzen"),
    by team, the oldest first: one query."""
    return (
        permissions.dossiers_assignable_by(
            user, Inburgeraar.objects.select_related("team__gemeente")
        )
        .filter(regisseur__isnull=True)
        .exclude(status__in=ENDED_STATUSES)
        .order_by("team__gemeente__naam", "team__naam", "created_at", "pk")
    )


def dossiers_to_assign(user, dossier_ids: list[int]) -> QuerySet[Inburgeraar]:
    """The chosen dossiers the user may give a regisseur, with their current one."""
    return (
        permissions.dossiers_assignable_by(
            user, Inburgeraar.objects.select_related("gemeente", "regisseur")
        )
        .filter(pk__in=dossier_ids)
        .order_by("surname", "given_names", "pk")
    )


def assignable_matching(user, caseload_filter: CaseloadFilter) -> list[int]:
    """The ids of the dossiers on the caseload page's filter (all its pages) that the user
    may give another regisseur: "select all matching this filter"."""
    matching = caseload(user, caseload_filter).order_by("pk")
    return list(permissions.dossiers_assignable_by(user, matching).values_list("pk", flat=True))


@dataclass(frozen=True)
class BatchFacts:
    count: int
    gemeente_ids: frozenset[int]
    any_assigned: bool


def batch_facts(dossiers: QuerySet[Inburgeraar]) -> BatchFacts:
    """What the assign form needs to know of a batch of any size, in one query."""
    facts = dossiers.order_by().aggregate(
        count=Count("pk"),
        assigned=Count("pk", filter=Q(regisseur__isnull=False)),
        gemeenten=ArrayAgg("gemeente_id", distinct=True, default=[]),
    )
    return BatchFacts(facts["count"], frozenset(facts["gemeenten"]), facts["assigned"] > 0)


def regisseurs_with_load(gemeente_ids) -> QuerySet[User]:
    """The regisseurs who may take dossiers of these gemeenten, each with the number of open
    dossiers they carry now: one query."""
    open_dossiers = (
        Inburgeraar.objects.filter(regisseur=OuterRef("pk"))
        .exclude(status__in=ENDED_STATUSES)
        .order_by()
        .values("regisseur")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        permissions.regisseurs_for(gemeente_ids)
        .annotate(load=Coalesce(Subquery(open_dossiers), 0))
        .order_by("last_name", "first_name", "username")
    )


def regisseurs_of_teams(user) -> QuerySet[User]:
    """The regisseurs of the teams the user leads, by name: the caseload's filter by
    regisseur and the absent regisseur a substitution is for."""
    return permissions.team_regisseurs(user).order_by("last_name", "first_name", "username")


def waarnemingen_of_teams(user, today) -> QuerySet[Waarneming]:
    """The substitutions in the teams the user leads that still run or are to come."""
    return (
        permissions.waarnemingen_managed_by(user)
        .filter(ended_at=None, ends_on__gte=today)
        .select_related("regisseur", "waarnemer", "arranged_by")
        .order_by("starts_on", "ends_on", "pk")
    )


def waarnemer_candidates(user) -> QuerySet[User]:
    """Active regisseurs of the gemeenten of the teams the user leads: who may stand in for
    an absent colleague (the service checks the absent regisseur's own gemeente)."""
    gemeenten = Team.objects.filter(pk__in=permissions.led_team_ids(user)).values("gemeente_id")
    return (
        permissions.regisseurs_serving(gemeenten)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


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


def contact_of(dossier: Inburgeraar) -> ContactDetails | None:
    """The person's contact details, if recorded (one query)."""
    return ContactDetails.objects.filter(dossier=dossier).first()
