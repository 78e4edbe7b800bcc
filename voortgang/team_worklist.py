"""The teamleider's part of the worklist: what waits in the teams they lead. Dossiers waiting
in the queue too long, PIP deadlines passed, dossiers without a talk for months, and
substitutes ending this week; N days and months are settings. One query per list, the first
rows with the total, whatever the size of the teams."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Greatest
from django.utils import timezone

from inburgering import permissions
from inburgering.choices import PRE_PLAN_STATUSES, RUNNING_STATUSES, DossierStatus
from inburgering.deadlines import latest_start_for, pip_deadline
from inburgering.law import PIP_DEADLINE_REGIMES
from inburgering.models import Inburgeraar
from voortgang.models import Voortgangsgesprek

SHOWN = 25  # rows shown per list; the total says how many there are


@dataclass(frozen=True)
class Listing:
    rows: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass(frozen=True)
class TeamWorklist:
    waiting: Listing
    pip_overdue: Listing
    no_talk: Listing
    waarnemingen_ending: Listing
    waiting_days: int
    no_talk_months: int

    @property
    def total(self) -> int:
        return sum(
            listing.total
            for listing in (self.waiting, self.pip_overdue, self.no_talk, self.waarnemingen_ending)
        )


def _listing(queryset: QuerySet) -> Listing:
    rows = list(queryset.annotate(listed=Window(Count("pk")))[:SHOWN])
    return Listing(rows, rows[0].listed if rows else 0)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def team_worklist(user, today: datetime.date) -> TeamWorklist | None:
    """The lists for a teamleider (four queries); None for everyone else."""
    if not permissions.can_assign_dossiers(user):
        return None
    teams = Inburgeraar.objects.filter(team_id__in=permissions.led_team_ids(user))
    waiting_days = settings.TEAM_QUEUE_WAIT_DAYS
    waiting = (
        teams.filter(
            regisseur=None,
            status__in=RUNNING_STATUSES,
            created_at__lt=_start_of(today - datetime.timedelta(days=waiting_days)),
        )
        .select_related("team")
        .order_by("created_at", "pk")
    )

    weeks = settings.PIP_DEADLINE_WEEKS
    pip_overdue = (
        teams.filter(status__in=PRE_PLAN_STATUSES, regime__in=PIP_DEADLINE_REGIMES)
        .annotate(term_start=Greatest("datum_kennisgeving", "datum_brp_inschrijving"))
        .filter(term_start__lt=latest_start_for(today, weeks=weeks))
        .select_related("regisseur")
        .order_by("term_start", "pk")
    )
    pip_listing = _listing(pip_overdue)
    for dossier in pip_listing.rows:
        dossier.deadline = pip_deadline(
            kennisgeving=dossier.datum_kennisgeving,
            brp_inschrijving=dossier.datum_brp_inschrijving,
            weeks=weeks,
        )
        dossier.days_overdue = (today - dossier.deadline).days

    months = settings.TEAM_NO_TALK_MONTHS
    cutoff = today - relativedelta(months=months)
    held = Voortgangsgesprek.objects.filter(dossier=OuterRef("pk"), held_on__isnull=False)
    last_talk = Subquery(
        held.order_by().values("dossier").annotate(last=Max("held_on")).values("last")
    )
    no_talk = (
        teams.filter(status=DossierStatus.UITVOERING, pip__termijn_start__lte=cutoff)
        .annotate(last_talk=last_talk)
        .filter(Q(last_talk__lt=cutoff) | Q(last_talk__isnull=True))
        .select_related("regisseur")
        .order_by(F("last_talk").asc(nulls_first=True), "pk")
    )

    ending = (
        permissions.waarnemingen_managed_by(user)
        .filter(
            ended_at=None,
            starts_on__lte=today,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=6),
        )
        .select_related("regisseur", "waarnemer")
        .order_by("ends_on", "pk")
    )
    return TeamWorklist(
        waiting=_listing(waiting),
        pip_overdue=pip_listing,
        no_talk=_listing(no_talk),
        waarnemingen_ending=_listing(ending),
        waiting_days=waiting_days,
        no_talk_months=months,
    )
