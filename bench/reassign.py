"""How long a teamleider's batch of 200 dossiers takes to move to another regisseur: the
service as the page calls it (history rows, audit events, the signals and reminders that go
along), each run rolled back so the data stays as generated."""

from __future__ import annotations

import statistics
import time

from django.db import transaction
from django.db.models import Count, Q

from inburgering.choices import ENDED_STATUSES, TeamRole
from inburgering.dossier.services import assign_regisseur
from inburgering.models import Inburgeraar, Team, TeamMembership, User

BATCH = 200


def measure(runs: int = 3) -> dict:
    """The median and every run's seconds for moving up to ``BATCH`` open dossiers from the
    busiest regisseur of the first team to a colleague, as that team's teamleider."""
    team = Team.objects.order_by("pk").first()
    members = User.objects.filter(
        team_memberships__team=team, team_memberships__role=TeamRole.REGISSEUR
    )
    regisseur, colleague = members.annotate(
        open=Count("dossiers", filter=~Q(dossiers__status__in=ENDED_STATUSES))
    ).order_by("-open", "pk")[:2]
    leader = TeamMembership.objects.get(team=team, role=TeamRole.TEAMLEIDER).user
    ids = list(
        Inburgeraar.objects.filter(regisseur=regisseur)
        .exclude(status__in=ENDED_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)[:BATCH]
    )
    seconds = []
    for _ in range(runs):
        with transaction.atomic():
            started = time.perf_counter()
            assign_regisseur(
                actor=leader, dossier_ids=ids, regisseur_id=colleague.pk, reason="Benchmark"
            )
            seconds.append(round(time.perf_counter() - started, 3))
            transaction.set_rollback(True)
    return {"dossiers": len(ids), "seconds": seconds, "median_s": statistics.median(seconds)}
