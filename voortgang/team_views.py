"""The teamleider's "Team" page: who carries how much, and what is late where."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import permissions
from inburgering.permissions import guard
from voortgang import team_load


@guard(permissions.TEAM_LOAD)
def team_overview(request):
    sort = request.GET.get("sort", "")
    sort = sort if sort in team_load.SORTS else team_load.DEFAULT_SORT
    gemeenten = team_load.team_load(request.user, timezone.localdate(), sort)
    for gemeente in gemeenten:
        for team in gemeente.teams:
            team.chart = team_load.chart(team, _("To be assigned"))
    return render(
        request,
        "voortgang/team.html",
        {
            "gemeenten": gemeenten,
            "sort": sort,
            "near_days": settings.TEAM_PIP_NEAR_DAYS,
            "phases": list(zip(team_load.PHASES, team_load.PHASE_COLOURS, strict=True)),
        },
    )
