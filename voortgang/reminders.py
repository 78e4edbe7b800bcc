"""The reminder engine: which causes hold today, who must hear of them, and the emails.

``sync`` makes the reminder rows match the causes that hold (once per cause and recipient;
rows of causes that stopped holding are resolved, never deleted). The daily job syncs every
dossier and mails what is new; services sync one dossier right after a change, so a worklist
is current without waiting for the night. Everything here is safe to run twice.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inburgering.choices import (
    PRE_PLAN_STATUSES,
    RUNNING_STATUSES,
    Doelgroep,
    DossierStatus,
    TeamRole,
    Verblijfsvergunning,
)
from inburgering.deadlines import DUE_SOON_DAYS_DEFAULT, pip_deadline_status
from inburgering.law import ONTZORGEN_REGIMES, PIP_DEADLINE_REGIMES, TERMIJN_REMINDER_REGIMES
from inburgering.models import Inburgeraar, TeamMembership
from inburgering.services import save_all_as, save_as, save_new_as, system_user
from pip_plans import rules as plan_rules
from pip_plans.models import (
    OPEN_AFSPRAAK_STATUSES,
    Afspraak,
    DuoBesluit,
    Pip,
    PipVersie,
    VersieStatus,
)
from voortgang import rules
from voortgang.models import (
    OPEN_SIGNAAL_STATUSES,
    GesprekStatus,
    Herinnering,
    Signaal,
    Voortgangsgesprek,
    Voortgangsnotitie,
)

# Serialises whole runs (two beat triggers at once); per-dossier syncs rely on the unique key.
_RUN_LOCK = 7_410_001


@dataclass(frozen=True)
class _Dossier:
    """The facts about a dossier that decide who is told: its regisseur, else its team leads."""

    regisseur_id: int | None
    team_id: int


def _dossier_facts(prefix: str = "") -> list[str]:
    return [f"{prefix}regisseur_id", f"{prefix}regisseur__is_active", f"{prefix}team_id"]


def _facts(row: dict, prefix: str = "") -> _Dossier:
    active = row[f"{prefix}regisseur__is_active"]
    return _Dossier(row[f"{prefix}regisseur_id"] if active else None, row[f"{prefix}team_id"])


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the installation's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _only(dossier_ids: list[int] | None, field: str = "dossier_id") -> Q:
    """These dossiers' rows, or (None) every dossier's."""
    return Q(**{f"{field}__in": dossier_ids}) if dossier_ids is not None else Q()


def active_causes(*, today: datetime.date, dossier_ids: list[int] | None = None):
    """Every cause that holds today (for these dossiers, or all), with the facts needed to
    find its recipients."""
    scope = _only(dossier_ids)
    running = Q(dossier__status__in=RUNNING_STATUSES)
    found: list[tuple[rules.Cause, _Dossier, int | None]] = []

    talks = Voortgangsgesprek.objects.filter(
        scope,
        running,
        status=GesprekStatus.GEPLAND,
        planned_on__lte=today + datetime.timedelta(days=rules.TALK_WARN_DAYS),
    ).values("pk", "dossier_id", "planned_on", *_dossier_facts("dossier__"))
    for row in talks:
        cause = rules.talk_due(
            gesprek_id=row["pk"],
            dossier_id=row["dossier_id"],
            planned_on=row["planned_on"],
            today=today,
        )
        found.append((cause, _facts(row, "dossier__"), None))

    signalen = Signaal.objects.filter(
        scope, running, status__in=OPEN_SIGNAAL_STATUSES, follow_up_on__lt=today
    ).values("pk", "dossier_id", "follow_up_on", "owner_id", *_dossier_facts("dossier__"))
    for row in signalen:
        cause = rules.signal_overdue(
            signaal_id=row["pk"],
            dossier_id=row["dossier_id"],
            follow_up_on=row["follow_up_on"],
            today=today,
        )
        # A named owner is told; a partner organisation's signal is watched by the regisseur.
        found.append((cause, _facts(row, "dossier__"), row["owner_id"]))

    days = settings.VOORTGANG_NOTE_REMINDER_DAYS
    first_day = today - datetime.timedelta(days=days - 1)
    notes = Voortgangsnotitie.objects.filter(
        scope,
        running,
        gesprek=None,
        organisatie__isnull=False,  # a partner wrote it; the municipality's own notes are known
        created_at__gte=_start_of(first_day),
        created_at__lt=_start_of(today + datetime.timedelta(days=1)),
    ).values("pk", "dossier_id", "created_at", *_dossier_facts("dossier__"))
    for row in notes:
        cause = rules.partner_note(
            notitie_id=row["pk"],
            dossier_id=row["dossier_id"],
            written_on=timezone.localdate(row["created_at"]),
            today=today,
            days=days,
        )
        found.append((cause, _facts(row, "dossier__"), None))

    afspraken = (
        Afspraak.objects.filter(
            _only(dossier_ids, "sectie__versie__pip__dossier_id"),
            sectie__versie__pip__dossier__status__in=RUNNING_STATUSES,
            sectie__versie__status=VersieStatus.VASTGESTELD,
            status__in=OPEN_AFSPRAAK_STATUSES,
            uiterlijk__lt=today,
        )
        .exclude(Exists(_later_fixed_versie()))
        .values(
            "pk",
            "uiterlijk",
            "sectie__versie__pip__dossier_id",
            *_dossier_facts("sectie__versie__pip__dossier__"),
        )
    )
    for row in afspraken:
        cause = rules.afspraak_overdue(
            afspraak_id=row["pk"],
            dossier_id=row["sectie__versie__pip__dossier_id"],
            uiterlijk=row["uiterlijk"],
            today=today,
        )
        found.append((cause, _facts(row, "sectie__versie__pip__dossier__"), None))

    dossier_scope = _only(dossier_ids, "pk")
    queued = Inburgeraar.objects.filter(
        dossier_scope, status__in=RUNNING_STATUSES, regisseur__isnull=True
    ).values("pk", *_dossier_facts())
    for row in queued:
        cause = rules.waiting_for_regisseur(dossier_id=row["pk"], today=today)
        found.append((cause, _facts(row), None))

    weeks = settings.PIP_DEADLINE_WEEKS
    latest_start = today + datetime.timedelta(days=DUE_SOON_DAYS_DEFAULT, weeks=-weeks)
    before_plan = (
        Inburgeraar.objects.filter(
            dossier_scope, status__in=PRE_PLAN_STATUSES, regime__in=PIP_DEADLINE_REGIMES
        )
        .annotate(start=Greatest("datum_kennisgeving", "datum_brp_inschrijving"))
        .filter(start__lte=latest_start)
        .values("pk", "datum_kennisgeving", "datum_brp_inschrijving", *_dossier_facts())
    )
    for row in before_plan:
        status = pip_deadline_status(
            kennisgeving=row["datum_kennisgeving"],
            brp_inschrijving=row["datum_brp_inschrijving"],
            today=today,
            weeks=weeks,
        )
        found.append(
            (rules.pip_deadline_near(dossier_id=row["pk"], status=status), _facts(row), None)
        )

    plans = Pip.objects.filter(
        scope,
        dossier__status=DossierStatus.UITVOERING,
        dossier__regime__in=TERMIJN_REMINDER_REGIMES,
        termijn_start__lte=today
        - relativedelta(months=settings.PIP_SCHAKEL_MONTHS)
        + datetime.timedelta(days=rules.SCHAKEL_WARN_DAYS + 1),
    ).values("pk", "dossier_id", "termijn_start", *_dossier_facts("dossier__"))
    plans = list(plans)
    besluiten = defaultdict(list)  # DUO's decisions move the termijn's end
    for besluit in DuoBesluit.objects.filter(
        dossier_id__in=[row["dossier_id"] for row in plans], withdrawn_at=None
    ):
        besluiten[besluit.dossier_id].append(besluit)
    for row in plans:
        start, facts = row["termijn_start"], _facts(row, "dossier__")
        termijn = plan_rules.termijn_after_decisions(
            start, years=settings.PIP_TERMIJN_YEARS, besluiten=besluiten[row["dossier_id"]]
        )
        schakel = plan_rules.schakel_deadline(start, months=settings.PIP_SCHAKEL_MONTHS)
        found.append(
            (
                rules.schakel_window_closing(
                    dossier_id=row["dossier_id"], schakel_deadline=schakel, today=today
                ),
                facts,
                None,
            )
        )
        if not termijn.released:
            cause = rules.termijn_ending(
                dossier_id=row["dossier_id"], termijn_end=termijn.end, today=today
            )
            found.append((cause, facts, None))

    months = settings.ONTZORGEN_MONTHS
    unburdened = Inburgeraar.objects.filter(
        dossier_scope,
        status__in=RUNNING_STATUSES,
        regime__in=ONTZORGEN_REGIMES,
        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        verblijfsvergunning=Verblijfsvergunning.ASIEL,
        datum_start_bijstand__gt=today - relativedelta(months=months, days=1),
        datum_start_bijstand__lte=today,
    ).values("pk", "datum_start_bijstand", "datum_einde_bijstand", *_dossier_facts())
    for row in unburdened:
        period = plan_rules.ontzorgen_period(
            bijstand_start=row["datum_start_bijstand"],
            bijstand_end=row["datum_einde_bijstand"],
            months=months,
        )
        cause = rules.ontzorgen_ending(
            dossier_id=row["pk"],
            end=period.end,
            today=today,
            warn_days=settings.ONTZORGEN_WARN_DAYS,
        )
        found.append((cause, _facts(row), None))
    return [(cause, facts, owner) for cause, facts, owner in found if cause is not None]


def _later_fixed_versie():
    """A fixed version after the afspraak's own: then the afspraak is no longer in force."""
    return PipVersie.objects.filter(
        pip_id=OuterRef("sectie__versie__pip_id"),
        status=VersieStatus.VASTGESTELD,
        number__gt=OuterRef("sectie__versie__number"),
    )


def _wanted(causes) -> dict[tuple[str, int], rules.Cause]:
    """(cause key, recipient) for every cause; unassigned dossiers go to their team leads."""
    team_ids = {
        facts.team_id for _cause, facts, owner in causes if not (owner or facts.regisseur_id)
    }
    leads = defaultdict(list)
    for membership in TeamMembership.objects.filter(
        team_id__in=team_ids, role=TeamRole.TEAMLEIDER, user__is_active=True
    ).values("team_id", "user_id"):
        leads[membership["team_id"]].append(membership["user_id"])
    wanted = {}
    for cause, facts, owner in causes:
        recipients = (
            [owner or facts.regisseur_id] if owner or facts.regisseur_id else leads[facts.team_id]
        )
        for recipient in recipients:
            wanted[(cause.key, recipient)] = cause
    return wanted


@dataclass(frozen=True)
class SyncResult:
    created: int
    resolved: int
    reopened: int


@transaction.atomic
def sync(
    *,
    actor,
    today: datetime.date | None = None,
    dossier_id: int | None = None,
    dossier_ids: list[int] | None = None,
    reason="",
):
    """Make the reminders match today's causes, for one dossier, a batch of dossiers (a team
    lead's move) or (by the daily job) all, in the same few queries whatever their number."""
    today = today or timezone.localdate()
    ids = [dossier_id] if dossier_id is not None else dossier_ids
    if ids is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_RUN_LOCK])
    wanted = _wanted(active_causes(today=today, dossier_ids=ids))
    scope = _only(ids)
    existing = {
        (row.cause, row.recipient_id): row
        for row in Herinnering.objects.select_for_update().filter(
            scope, Q(resolved_at__isnull=True) | Q(cause__in={key for key, _r in wanted})
        )
    }
    new = [
        (cause, recipient_id)
        for (key, recipient_id), cause in wanted.items()
        if (key, recipient_id) not in existing
    ]
    reopened = [  # the cause holds again, e.g. a signal reopened
        row for key, row in existing.items() if key in wanted and row.resolved_at is not None
    ]
    resolved = [
        row for key, row in existing.items() if row.resolved_at is None and key not in wanted
    ]
    now = timezone.now()
    for row in reopened:
        row.resolved_at = None
    for row in resolved:
        row.resolved_at = now
    save_all_as([*reopened, *resolved], actor=actor, fields=["resolved_at"], reason=reason)
    created = _create_all(new, actor=actor, reason=reason)
    return SyncResult(created=created, resolved=len(resolved), reopened=len(reopened))


def _row(cause: rules.Cause, recipient_id: int) -> Herinnering:
    return Herinnering(
        recipient_id=recipient_id,
        dossier_id=cause.dossier_id,
        soort=cause.soort,
        cause=cause.key,
        due_on=cause.due_on,
        gesprek_id=cause.gesprek_id,
        signaal_id=cause.signaal_id,
        notitie_id=cause.notitie_id,
        afspraak_id=cause.afspraak_id,
    )


def _create_all(new: list[tuple[rules.Cause, int]], *, actor, reason: str) -> int:
    """The new reminders in one insert with their history rows (a batch of moved dossiers
    makes hundreds); when a concurrent sync of the same dossier made some first, one by one,
    skipping those."""
    if not new:
        return 0
    try:
        with transaction.atomic():
            save_new_as(
                [_row(cause, recipient) for cause, recipient in new], actor=actor, reason=reason
            )
        return len(new)
    except IntegrityError:
        return sum(
            _create(cause, recipient_id, actor=actor, reason=reason) for cause, recipient_id in new
        )


def _create(cause: rules.Cause, recipient_id: int, *, actor, reason: str) -> int:
    try:
        with transaction.atomic():
            save_as(_row(cause, recipient_id), actor=actor, reason=reason)
    except IntegrityError:
        return 0  # a concurrent sync of the same dossier created it first
    return 1


def send_emails(*, actor, reason: str = "") -> int:
    """Mail each user their reminders that were not mailed yet, in one message per user.

    Rows being mailed by a concurrent run are skipped (SKIP LOCKED); a failed send rolls
    back, so those reminders are mailed by the next run. The message names no person: mail
    leaves the municipality's systems, the details stay in the application.
    """
    sent = 0
    with transaction.atomic():
        rows = list(
            Herinnering.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                emailed_at=None,
                resolved_at=None,
                dismissed_at=None,
                recipient__is_active=True,
            )
            .exclude(recipient__email="")
            .select_related("recipient")
            .order_by("recipient_id", "due_on", "pk")
        )
        by_recipient = defaultdict(list)
        for row in rows:
            by_recipient[row.recipient].append(row)
        now = timezone.now()
        for recipient, reminders in by_recipient.items():
            _mail(recipient, reminders)
            sent += 1
            for row in reminders:
                row.emailed_at = now
                save_as(row, actor=actor, reason=reason)
    return sent


def _mail(recipient, reminders: list[Herinnering]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        lines = [f"- {row.get_soort_display()}: {row.due_on:%d-%m-%Y}" for row in reminders]
        body = "\n".join(
            [
                _("Hello %(name)s,") % {"name": recipient.get_full_name() or recipient.username},
                "",
                _("There are new reminders in your worklist:"),
                "",
                *lines,
                "",
                _("Open your worklist: %(url)s")
                % {"url": settings.SITE_URL.rstrip("/") + reverse("worklist")},
                "",
                _(
                    "For privacy reasons this message names no one; "
                    "the details are in the application."
                ),
            ]
        )
        send_mail(
            subject=_("New reminders in your worklist"),
            message=body,
            from_email=None,
            recipient_list=[recipient.email],
        )


def run_daily(*, today: datetime.date | None = None, reason: str = "") -> dict:
    """The daily job: sync every dossier's reminders as the system, then send the emails."""
    actor = system_user()
    result = sync(actor=actor, today=today, reason=reason)
    emails = send_emails(actor=actor, reason=reason)
    return {
        "created": result.created,
        "resolved": result.resolved,
        "reopened": result.reopened,
        "emails": emails,
    }
