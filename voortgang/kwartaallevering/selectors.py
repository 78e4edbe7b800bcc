"""Reads for the quarterly delivery page: the completeness check of a gemeente's quarter as
last kept, a page at a time, and the deliveries released for it, scoped by the policy."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from inburgering import permissions
from inburgering.dates import Quarter
from voortgang.kwartaallevering import completeness
from voortgang.models import DeliveryCheck, Kwartaallevering

# People with something to put right, per page of the check's list.
PEOPLE_PER_PAGE = 50


@dataclass(frozen=True)
class PersonCheck:
    dossier_id: int
    problems: list[completeness.Problem]
    may_open: bool  # a link to the dossier, for those who may open it


@dataclass(frozen=True)
class Check:
    kept: DeliveryCheck | None  # None: never checked
    page: Page  # of the people with something missing or inconsistent
    people: list[PersonCheck]  # on this page

    @property
    def running(self) -> bool:
        return self.kept is not None and self.kept.running


def check(user, gemeente_id: int, quarter: Quarter, page_number=None) -> Check:
    """The check as last kept: one query, and one for which of the page's dossiers the user
    may open, however many records the quarter holds."""
    kept = DeliveryCheck.objects.filter(
        gemeente_id=gemeente_id, year=quarter.year, quarter=quarter.number
    ).first()
    page = Paginator(kept.people if kept else [], PEOPLE_PER_PAGE).get_page(page_number)
    ids = [pk for pk, _codes in page]
    openable = (
        set(permissions.dossiers_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )
    people = [
        PersonCheck(pk, [completeness.Problem(code) for code in codes], pk in openable)
        for pk, codes in page
    ]
    return Check(kept, page, people)


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
