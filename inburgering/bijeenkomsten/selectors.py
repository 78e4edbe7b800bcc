"""Reads of appointments: a dossier's, a regisseur's week, and the form's choices."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q, QuerySet, Value

from inburgering import permissions
from inburgering.dates import shift
from inburgering.models import Bijeenkomst, ContactDetails, Inburgeraar, Organisatie, User


def of_dossier(dossier: Inburgeraar) -> list[Bijeenkomst]:
    """A dossier's appointments, the latest first, each with its partners' names
    (``partner_names``): one query, however many."""
    return list(
        Bijeenkomst.objects.filter(dossier=dossier)
        .select_related("host")
        .annotate(
            partner_names=ArrayAgg(
                "partners__naam",
                filter=Q(partners__isnull=False),
                order_by="partners__naam",
                default=Value([]),
            )
        )
        .order_by("-date", "-start_time", "-pk")
    )


def hosts_for(dossier: Inburgeraar, bijeenkomst: Bijeenkomst) -> QuerySet[User]:
    """Who may hold the appointment: a regisseur of the dossier's gemeente (or whoever holds
    it already, should they have left)."""
    serving = permissions.regisseurs_serving([dossier.gemeente_id]).values("pk")
    return User.objects.filter(Q(pk__in=serving) | Q(pk=bijeenkomst.host_id)).order_by(
        "first_name", "last_name", "pk"
    )


def partners_for(dossier: Inburgeraar) -> QuerySet[Organisatie]:
    """The chain partners serving the dossier's gemeente that may be asked to attend."""
    return (
        Organisatie.objects.filter(gemeenten=dossier.gemeente_id)
        .exclude(domeinen=[])
        .order_by("naam")
    )


def new_bijeenkomst_initial(dossier: Inburgeraar) -> dict:
    """A new appointment is held by the dossier's regisseur, with an interpreter in the
    language the contact details ask for."""
    contact = ContactDetails.objects.filter(dossier=dossier).first()
    initial = {"host": dossier.regisseur_id}
    if contact is not None and contact.interpreter_needed:
        initial["interpreter_language"] = contact.interpreter_language
    return initial


@dataclass(frozen=True)
class Day:
    date: datetime.date
    bijeenkomsten: list[Bijeenkomst]


@dataclass(frozen=True)
class Week:
    monday: datetime.date
    days: list[Day]

    @property
    def previous(self) -> datetime.date:
        return shift(self.monday, datetime.timedelta(days=-7))

    @property
    def next(self) -> datetime.date:
        return shift(self.monday, datetime.timedelta(days=7))

    @property
    def count(self) -> int:
        return sum(len(day.bijeenkomsten) for day in self.days)


def monday_of(day: datetime.date) -> datetime.date:
    return shift(day, datetime.timedelta(days=-day.weekday()))


def week_of(user, day: datetime.date) -> Week:
    """The appointments the user holds, or a regisseur they stand in for, in the week of
    ``day``, day by day; only of dossiers on their caseload (one query)."""
    monday = monday_of(day)
    sunday = shift(monday, datetime.timedelta(days=6))
    rows = list(
        Bijeenkomst.objects.filter(
            permissions.on_caseload(user, "dossier__"),
            host_id__in=permissions.acting_for(user),
            date__range=(monday, sunday),
        )
        .select_related("dossier", "host")
        .order_by("date", "start_time", "pk")
    )
    days = []
    for offset in range((sunday - monday).days + 1):
        date = monday + datetime.timedelta(days=offset)
        days.append(Day(date, [row for row in rows if row.date == date]))
    return Week(monday, days)
