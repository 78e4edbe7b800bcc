"""The pages the benchmark measures, picked from the benchmark data, and their query counts.

Each page is opened as the user who works with it: a regisseur with a full caseload, the
teamleider of that regisseur's team, a partner of the measured organisation, the privacy
officer of the dossier's gemeente, the region's beleidsmedewerker (the monitor and the
quarterly delivery's check), and the functioneel beheerder for the baseline, Django admin's
list of the regisseur's dossiers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from bench.data import MEASURED_PARTNER
from bench.report import BASELINE
from inburgering.accounts.two_factor import app_device
from inburgering.choices import DossierStatus, Role, TeamRole
from inburgering.dates import Quarter
from inburgering.models import Deling, Gemeente, Inburgeraar, User


@dataclass(frozen=True)
class Page:
    name: str
    title: str
    username: str
    path: str
    queries: int | None = None


def pick() -> list[Page]:
    """The measured pages; the regisseur is the one with the most dossiers among those with a
    dossier in progress that the measured partner shares, so both see the same dossier."""
    shared = Deling.objects.filter(
        organisatie__naam=MEASURED_PARTNER, valid_until__gte=timezone.localdate()
    )
    measurable = Inburgeraar.objects.filter(
        status=DossierStatus.UITVOERING, pip__isnull=False
    ).filter(Q(pk__in=shared.values("dossier")))
    regisseur = (
        User.objects.filter(groups__name=Role.REGISSEUR, pk__in=measurable.values("regisseur"))
        .annotate(caseload=Count("dossiers"))
        .order_by("-caseload", "pk")
        .first()
    )
    dossier = measurable.filter(regisseur=regisseur).order_by("pk").first()
    partner = User.objects.filter(organisatie__naam=MEASURED_PARTNER).order_by("pk").first()
    privacy = (
        User.objects.filter(groups__name=Role.PRIVACY_OFFICER, gemeenten=dossier.gemeente)
        .order_by("pk")
        .first()
    )
    beheer = User.objects.filter(groups__name=Role.FUNCTIONEEL_BEHEERDER).order_by("pk").first()
    leader = (
        User.objects.filter(
            team_memberships__role=TeamRole.TEAMLEIDER,
            team_memberships__team__memberships__user=regisseur,
        )
        .order_by("pk")
        .first()
    )
    admin_list = reverse("bench_admin:inburgering_inburgeraar_changelist")
    policy = User.objects.get(username="beleid")
    largest = largest_gemeente()
    return [
        Page("caseload", "Caseload of a regisseur", regisseur.username, reverse("caseload")),
        Page("dossier", "Dossier page", regisseur.username, dossier.get_absolute_url()),
        Page(
            "plan",
            "Plan page (PIP)",
            regisseur.username,
            reverse("plan_overview", args=[dossier.pk]),
        ),
        Page(
            "learning_record",
            "Learning record of the dossier",
            regisseur.username,
            reverse("learning_record", args=[dossier.pk]),
        ),
        Page("worklist", "Worklist of the regisseur", regisseur.username, reverse("worklist")),
        Page(
            "week",
            "The regisseur's week of appointments",
            regisseur.username,
            reverse("bijeenkomsten_week"),
        ),
        Page("team", "The team's load (teamleider)", leader.username, reverse("team_overview")),
        Page(
            "queue",
            "The team's queue (teamleider)",
            leader.username,
            reverse("assignment_queue"),
        ),
        Page("partner_list", "Partner's list", partner.username, reverse("partner_home")),
        Page(
            "partner_dossier",
            "Partner's dossier page",
            partner.username,
            dossier.get_absolute_url(),
        ),
        Page(
            "privacy_timeline",
            "Privacy officer's timeline of the dossier",
            privacy.username,
            reverse("privacy_dossier", args=[dossier.pk]),
        ),
        Page(
            "monitor",
            "Monitor of the region (beleidsmedewerker)",
            policy.username,
            reverse("monitor"),
        ),
        Page(
            "delivery",
            "Quarterly delivery check of the largest gemeente",
            policy.username,
            f"{reverse('kwartaallevering')}?gemeente={largest.pk}&kwartaal={last_quarter()}",
        ),
        Page(
            BASELINE,
            "Django admin list of the same caseload (baseline)",
            beheer.username,
            f"{admin_list}?regisseur__id__exact={regisseur.pk}",
        ),
    ]


def largest_gemeente() -> Gemeente:
    return Gemeente.objects.annotate(size=Count("dossiers")).order_by("-size", "pk").first()


def last_quarter() -> Quarter:
    """The quarter to deliver now: the one that ended last."""
    return Quarter.of(timezone.localdate()).previous()


def logged_in(username: str) -> Client:
    """A test client of this user, logged in with the second factor verified."""
    client = Client()
    user = User.objects.get(username=username)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id
    session.save()
    return client


def count_queries(pages: list[Page]) -> list[Page]:
    """Each page's SQL query count, opened once to warm up and once counted."""
    counted = []
    for page in pages:
        client = logged_in(page.username)
        client.get(page.path, secure=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{page.name}: {page.path} answered {response.status_code}")
        counted.append(Page(**{**asdict(page), "queries": len(queries)}))
    return counted


def pool(pages: list[Page], regisseurs: int, per_user: int = 10) -> list[dict]:
    """The users of the concurrency run, each with the pages they would open: ``regisseurs``
    regisseurs with their dossiers, as many partners at most (one per organisation) with its
    shared dossiers and privacy officers with dossiers of their gemeente; plus the users of
    the measured pages. Each is logged in, which hashes a password: a short run logs in few."""
    today = timezone.localdate()
    entries = {}
    for regisseur in User.objects.filter(groups__name=Role.REGISSEUR).order_by("pk")[:regisseurs]:
        dossiers = Inburgeraar.objects.filter(
            regisseur=regisseur, status=DossierStatus.UITVOERING, pip__isnull=False
        ).order_by("pk")[:per_user]
        entries[regisseur.username] = {
            "kind": "regisseur",
            "paths": [reverse("caseload"), reverse("worklist"), reverse("bijeenkomsten_week")]
            + [d.get_absolute_url() for d in dossiers]
            + [reverse("plan_overview", args=[d.pk]) for d in dossiers],
        }
    partners = 0
    for partner in User.objects.filter(organisatie__isnull=False).order_by("organisatie", "pk"):
        if partners == regisseurs:
            break
        if any(e.get("organisatie") == partner.organisatie_id for e in entries.values()):
            continue
        partners += 1
        shared = (
            Deling.objects.filter(organisatie=partner.organisatie, valid_until__gte=today)
            .order_by("dossier")
            .values_list("dossier", flat=True)
            .distinct()[:per_user]
        )
        entries[partner.username] = {
            "kind": "partner",
            "organisatie": partner.organisatie_id,
            "paths": [reverse("partner_home")] + [f"/dossiers/{pk}/" for pk in shared],
        }
    officers = User.objects.filter(groups__name=Role.PRIVACY_OFFICER).order_by("pk")[:regisseurs]
    for officer in officers:
        dossiers = Inburgeraar.objects.filter(gemeente__in=officer.gemeenten.all()).order_by("pk")[
            :per_user
        ]
        entries[officer.username] = {
            "kind": "privacy",
            "paths": [reverse("privacy_dossier", args=[d.pk]) for d in dossiers],
        }
    for page in pages:
        entries.setdefault(page.username, {"kind": "measured", "paths": []})
    return [{"username": username, **entry} for username, entry in entries.items()]
