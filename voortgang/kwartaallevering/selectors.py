"""Reads for the quarterly delivery page: the completeness check of a gemeente's quarter and
the deliveries released for it, scoped by the policy."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from inburgering import permissions
from inburgering.dates import Quarter
from voortgang.kwartaallevering import completeness, records
from voortgang.models import Kwartaallevering


@dataclass(frozen=True)
class PersonCheck:
    dossier_id: int
    problems: list[completeness.Problem]
    may_open: bool  # a link to the dossier, for those who may open it


@dataclass(frozen=True)
class Check:
    records: int
    people: list[PersonCheck]  # those with something missing or inconsistent

    @property
    def open_points(self) -> int:
        return sum(len(person.problems) for person in self.people)


def check(user, gemeente_id: int, quarter: Quarter) -> Check:
    found = records.records(gemeente_id, quarter)
    with_problems = [(r.dossier_id, completeness.problems(r)) for r in found]
    with_problems = [(pk, problems) for pk, problems in with_problems if problems]
    openable = set(
        permissions.dossiers_visible_to(user)
        .filter(pk__in=[pk for pk, _problems in with_problems])
        .values_list("pk", flat=True)
    )
    return Check(
        len(found),
        [PersonCheck(pk, problems, pk in openable) for pk, problems in with_problems],
    )


def deliveries(gemeente_id: int, quarter: Quarter) -> list[Kwartaallevering]:
    return list(
        Kwartaallevering.objects.filter(
            gemeente_id=gemeente_id, year=quarter.year, quarter=quarter.number
        )
        .select_related("released_by")
        .order_by("-version")
    )


def deliveries_of(user) -> QuerySet[Kwartaallevering]:
    """The files the user may download: the contactpersoon's, of their gemeenten."""
    if not permissions.can_release_delivery(user):
        return Kwartaallevering.objects.none()
    return Kwartaallevering.objects.filter(gemeente_id__in=permissions.monitor_gemeente_ids(user))
