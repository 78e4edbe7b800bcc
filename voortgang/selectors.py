"""Reads of voortgang, scoped by the policy, each page in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from inburgering import permissions
from inburgering.choices import (
    LEEFGEBIED_ORDER,
    Doelgroep,
    Leefgebied,
    Leerroute,
    TeamRole,
    label_of,
)
from inburgering.compiled_reads import compiled_read
from inburgering.law import rules_of
from inburgering.models import (
    USER_NAME_COLUMNS,
    Brief,
    Inburgeraar,
    Organisatie,
    Overdracht,
    TeamMembership,
    User,
    name_in,
)
from intake.models import BredeIntake, IntakeStatus
from pip_plans import rules as plan_rules
from pip_plans import selectors as pip_selectors
from pip_plans.models import (
    OPEN_AFSPRAAK_STATUSES,
    Afspraak,
    Pip,
    PipVersie,
    Sectie,
    VersieStatus,
)
from voortgang import learning, rules, scopes
from voortgang.models import (
    OPEN_SIGNAAL_STATUSES,
    Conclusie,
    Ernst,
    Examenresultaat,
    GesprekStatus,
    Herinnering,
    HerinneringSoort,
    Signaal,
    Traject,
    TrajectSoort,
    Voortgangsgesprek,
    Voortgangsnotitie,
)


def versie_in_force(dossier: Inburgeraar) -> PipVersie | None:
    """The latest fixed version of the plan: what progress is measured against."""
    return (
        PipVersie.objects.filter(pip__dossier=dossier, status=VersieStatus.VASTGESTELD)
        .order_by("-number")
        .first()
    )


def last_held_on(dossier: Inburgeraar) -> datetime.date | None:
    return (
        Voortgangsgesprek.objects.filter(dossier=dossier, held_on__isnull=False)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )


def recorded_lesuren(dossier_id: int) -> int:
    """The lesson hours attended as last reported in a talk (a running total): what afschalen
    is checked against when a plan is fixed (``pip_plans.lesson_hours``)."""
    hours = Voortgangsgesprek.objects.filter(dossier_id=dossier_id).aggregate(
        most=Max("lesuren_gevolgd")
    )["most"]
    return hours or 0


def owner_candidates(dossier: Inburgeraar) -> QuerySet[User]:
    """Who may own a signal: active colleagues in a team of the dossier's municipality."""
    return (
        User.objects.filter(is_active=True, team_memberships__team__gemeente=dossier.gemeente_id)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def municipal_contact(dossier: Inburgeraar) -> User | None:
    """Who at the municipality picks up what a partner raises: the regisseur, else a team lead."""
    if dossier.regisseur_id and dossier.regisseur.is_active:
        return dossier.regisseur
    return (
        User.objects.filter(
            is_active=True,
            team_memberships__team_id=dossier.team_id,
            team_memberships__role=TeamRole.TEAMLEIDER,
        )
        .order_by("pk")
        .first()
    )


def organisations_for(leefgebied: str | None = None) -> QuerySet[Organisatie]:
    """Partner organisations that may own a signal in this leefgebied (their own domain)."""
    queryset = Organisatie.objects.order_by("naam")
    if leefgebied is None:
        return queryset.exclude(domeinen=[])
    domein = rules.domein_of(leefgebied)
    return queryset.filter(domeinen__contains=[domein]) if domein else queryset.none()


def _signalen_in(dossier_id: int, leefgebieden) -> QuerySet[Signaal]:
    return Signaal.objects.filter(dossier_id=dossier_id, leefgebied__in=leefgebieden)


def _visible_signalen(user, dossier: Inburgeraar) -> QuerySet[Signaal]:
    visible = permissions.visible_leefgebieden(user, dossier)
    return _signalen_in(dossier.pk, visible).select_related("owner", "owner_organisatie")


def _notes_outside_talks(dossier_id: int, leefgebieden) -> QuerySet[Voortgangsnotitie]:
    """Notes written on their own (by a partner, or by the municipality between talks) in
    these leefgebieden, newest first."""
    return Voortgangsnotitie.objects.filter(
        dossier_id=dossier_id, gesprek=None, leefgebied__in=leefgebieden
    ).order_by("-created_at", "-pk")


def _visible_notes_outside_talks(user, dossier: Inburgeraar) -> QuerySet[Voortgangsnotitie]:
    """The notes outside talks in the leefgebieden the policy shows this user, with who
    wrote them."""
    visible = permissions.visible_leefgebieden(user, dossier)
    return _notes_outside_talks(dossier.pk, visible).select_related("author", "organisatie")


@dataclass(frozen=True)
class VoortgangOverview:
    versie: PipVersie | None
    gesprekken: list[Voortgangsgesprek]
    signalen: list[Signaal]
    notities: list[Voortgangsnotitie] = field(default_factory=list)

    @property
    def planned(self) -> Voortgangsgesprek | None:
        return next((g for g in self.gesprekken if g.status == GesprekStatus.GEPLAND), None)

    @property
    def last_held(self) -> Voortgangsgesprek | None:
        return next((g for g in self.gesprekken if g.held_on), None)

    @property
    def open_signalen(self) -> list[Signaal]:
        return [s for s in self.signalen if s.is_open]


def voortgang_overview(user, dossier: Inburgeraar) -> VoortgangOverview:
    return VoortgangOverview(
        versie=versie_in_force(dossier),
        gesprekken=list(
            Voortgangsgesprek.objects.filter(dossier=dossier).select_related("nieuwe_versie")
        ),
        signalen=list(_visible_signalen(user, dossier).order_by("status", "follow_up_on")),
        notities=list(_visible_notes_outside_talks(user, dossier)),
    )


@dataclass(frozen=True)
class _SectionLine:
    """A line of the dossier page's progress section: a signal or a note, in a leefgebied."""

    pk: int
    leefgebied: str

    @property
    def leefgebied_label(self) -> str:
        return label_of(Leefgebied, self.leefgebied)


@dataclass(frozen=True)
class SignalLine(_SectionLine):
    """An open signal as the dossier page lists it."""

    subject: str
    ernst: str
    owner: str  # a colleague's name or the partner organisation's

    @property
    def url(self) -> str:
        return reverse("signaal_detail", kwargs={"signaal_id": self.pk})

    @property
    def ernst_label(self) -> str:
        return label_of(Ernst, self.ernst)


@dataclass(frozen=True)
class NoteLine(_SectionLine):
    """A progress note outside talks as the dossier page lists it."""

    created_at: datetime.datetime
    text: str
    written_by: str  # the author, with the partner organisation they wrote for


@dataclass(frozen=True)
class VoortgangSummary:
    """What the dossier page's section shows of progress."""

    plan_fixed: bool
    planned_on: datetime.date | None  # the talk planned (the latest, as on the talks' page)
    last_held_on: datetime.date | None
    last_conclusie: str | None
    open_signalen: list[SignalLine]
    notities: list[NoteLine]  # the newest few
    notes_count: int

    @property
    def last_conclusie_label(self) -> str:
        return label_of(Conclusie, self.last_conclusie) if self.last_conclusie else ""


SUMMARY_NOTES = 5


def voortgang_summary(user, dossier: Inburgeraar) -> VoortgangSummary:
    """The section's reads in three compiled queries (``compiled_reads``): the plan and talks
    as one row of subqueries, the open signals, and the newest notes outside talks (each with
    the count of all), in the leefgebieden the policy shows this user."""
    visible = sorted(permissions.visible_leefgebieden(user, dossier))
    (row,) = _summary_row(dossier_id=dossier.pk)
    notes = _summary_notes(dossier_id=dossier.pk, leefgebieden=visible)
    signalen = _summary_signalen(dossier_id=dossier.pk, leefgebieden=visible)
    return VoortgangSummary(
        **row,
        open_signalen=[
            SignalLine(
                pk=signaal["pk"],
                subject=signaal["subject"],
                leefgebied=signaal["leefgebied"],
                ernst=signaal["ernst"],
                owner=name_in(signaal, "owner") or (signaal["owner_organisatie__naam"] or ""),
            )
            for signaal in signalen
        ],
        notities=[
            NoteLine(
                pk=note["pk"],
                created_at=note["created_at"],
                leefgebied=note["leefgebied"],
                text=note["text"],
                written_by=", ".join(
                    part for part in (name_in(note, "author"), note["organisatie__naam"]) if part
                ),
            )
            for note in notes
        ],
        notes_count=notes[0]["total"] if notes else 0,
    )


@compiled_read
def _summary_row(dossier_id: int):
    talks = Voortgangsgesprek.objects.filter(dossier=OuterRef("pk")).order_by("-planned_on", "-pk")
    held = talks.filter(held_on__isnull=False)
    fixed = PipVersie.objects.filter(pip__dossier=OuterRef("pk"), status=VersieStatus.VASTGESTELD)
    return Inburgeraar.objects.filter(pk=dossier_id).values(
        plan_fixed=Exists(fixed),
        planned_on=Subquery(talks.filter(status=GesprekStatus.GEPLAND).values("planned_on")[:1]),
        last_held_on=Subquery(held.values("held_on")[:1]),
        last_conclusie=Subquery(held.values("conclusie")[:1]),
    )


@compiled_read
def _summary_signalen(dossier_id: int, leefgebieden: list[str]):
    return (
        _signalen_in(dossier_id, leefgebieden)
        .filter(status__in=OPEN_SIGNAAL_STATUSES)
        .order_by("status", "follow_up_on")
        .values(
            "pk",
            "subject",
            "leefgebied",
            "ernst",
            *(f"owner__{column}" for column in USER_NAME_COLUMNS),
            "owner_organisatie__naam",
        )
    )


@compiled_read
def _summary_notes(dossier_id: int, leefgebieden: list[str]):
    return _notes_outside_talks(dossier_id, leefgebieden).values(
        "pk",
        "created_at",
        "leefgebied",
        "text",
        *(f"author__{column}" for column in USER_NAME_COLUMNS),
        "organisatie__naam",
        total=Window(Count("pk")),
    )[:SUMMARY_NOTES]


def gesprek_for(dossier: Inburgeraar, gesprek_id) -> Voortgangsgesprek | None:
    return (
        Voortgangsgesprek.objects.filter(dossier=dossier, pk=gesprek_id)
        .select_related("versie__pip", "dossier")
        .first()
    )


@dataclass
class AfspraakRow:
    afspraak: Afspraak
    status: str
    comment: str


@dataclass
class GesprekDetail:
    gesprek: Voortgangsgesprek
    secties: list[Sectie]
    notities: dict[str, str]
    afspraken: list[AfspraakRow]
    examens: list
    signalen: list[Signaal] = field(default_factory=list)

    @property
    def sectie_notes(self) -> list[tuple[Sectie, str]]:
        return [(sectie, self.notities.get(sectie.leefgebied, "")) for sectie in self.secties]


def gesprek_detail(user, dossier: Inburgeraar, gesprek: Voortgangsgesprek) -> GesprekDetail:
    """The talk with the plan sections it discusses, their afspraken and what was recorded."""
    visible = permissions.visible_leefgebieden(user, dossier)
    secties = sorted(
        Sectie.objects.filter(versie_id=gesprek.versie_id, leefgebied__in=visible).prefetch_related(
            Prefetch("afspraken", queryset=Afspraak.objects.select_related("organisatie"))
        ),
        key=lambda sectie: LEEFGEBIED_ORDER[sectie.leefgebied],
    )
    notities = {n.leefgebied: n.text for n in gesprek.notities.filter(leefgebied__in=visible)}
    progress = {row.afspraak_id: row for row in gesprek.afspraak_voortgang.all()}
    afspraken = []
    for sectie in secties:
        for afspraak in sectie.afspraken.all():
            row = progress.get(afspraak.pk)
            afspraken.append(
                AfspraakRow(
                    afspraak,
                    row.status if row else afspraak.status,
                    row.comment if row else "",
                )
            )
    return GesprekDetail(
        gesprek=gesprek,
        secties=secties,
        notities=notities,
        afspraken=afspraken,
        examens=list(gesprek.examenresultaten.all()),
        signalen=list(_visible_signalen(user, dossier).filter(gesprek=gesprek)),
    )


def signaal_on_dossier(dossier: Inburgeraar, signaal_id) -> Signaal | None:
    return Signaal.objects.filter(dossier=dossier, pk=signaal_id).first()


# --- Worklist ---------------------------------------------------------------------------------

ERNST_RANK = {Ernst.HOOG: 0, Ernst.MIDDEN: 1, Ernst.LAAG: 2}


@dataclass(frozen=True)
class WorkItem:
    """One line of the worklist: an owned signal or a reminder, with when it is due."""

    due_on: datetime.date
    today: datetime.date
    signaal: Signaal | None = None
    herinnering: Herinnering | None = None

    @property
    def overdue_days(self) -> int:
        return max(0, (self.today - self.due_on).days)

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days

    @property
    def dossier(self) -> Inburgeraar:
        return (self.signaal or self.herinnering).dossier

    @property
    def url(self) -> str:
        if self.signaal is not None:
            return self.signaal.get_absolute_url()
        herinnering = self.herinnering
        if herinnering.gesprek_id:
            return herinnering.gesprek.get_absolute_url()
        if herinnering.signaal_id:
            return herinnering.signaal.get_absolute_url()
        if herinnering.notitie_id:
            return note_url(herinnering.notitie)
        if herinnering.soort == HerinneringSoort.WACHTRIJ:
            return f"{reverse('assign_dossiers')}?dossier={herinnering.dossier_id}"
        if herinnering.soort == HerinneringSoort.ONTZORGEN:
            return reverse("dossier_detail", kwargs={"dossier_id": herinnering.dossier_id})
        if herinnering.afspraak_id:
            url = reverse("plan_overview", kwargs={"dossier_id": herinnering.dossier_id})
            return f"{url}#afspraak-{herinnering.afspraak_id}"
        return reverse("plan_overview", kwargs={"dossier_id": herinnering.dossier_id})


def _owned_open_signalen(user) -> QuerySet[Signaal]:
    return scopes.signalen_owned_by(user, Signaal.objects.filter(status__in=OPEN_SIGNAAL_STATUSES))


def _open_reminders(user) -> QuerySet[Herinnering]:
    """Open reminders, except those about a signal the user owns (listed as the signal) and
    about an agreement done since the last sync."""
    return (
        scopes.reminders_of(user, Herinnering.objects.filter(resolved_at=None, dismissed_at=None))
        .exclude(Q(afspraak__isnull=False) & ~Q(afspraak__status__in=OPEN_AFSPRAAK_STATUSES))
        .exclude(
            Q(signaal__owner_id__in=permissions.acting_for(user))
            & Q(signaal__status__in=OPEN_SIGNAAL_STATUSES)
        )
    )


class Worklist(Sequence):
    """Everything due, overdue or open for this user, most urgent first: the database orders,
    counts and cuts it into pages (a UNION of owned open signals and open reminders), so a
    page costs four queries however long the list is: the count, the page's keys, and its
    signals and its reminders with what their lines show."""

    SIGNAAL, HERINNERING = 0, 1  # the kind of a key; signals first when all else is equal

    def __init__(self, user, today: datetime.date):
        self.user, self.today = user, today

    @cached_property
    def _count(self) -> int:
        return worklist_count(self.user)

    def __len__(self) -> int:
        return self._count

    def __iter__(self):
        return iter(self[0 : len(self)])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        keys = list(self._keys().order_by("due", "rank", "kind", "pk")[start:stop])
        wanted = {
            kind: [pk for key_kind, pk, *_rest in keys if key_kind == kind]
            for kind in (self.SIGNAAL, self.HERINNERING)
        }
        signalen = Signaal.objects.select_related("dossier").in_bulk(wanted[self.SIGNAAL])
        reminders = Herinnering.objects.select_related(
            "dossier", "gesprek", "signaal", "notitie__organisatie", "afspraak"
        ).in_bulk(wanted[self.HERINNERING])
        return [
            WorkItem(due, self.today, signaal=signalen[pk])
            if kind == self.SIGNAAL
            else WorkItem(due, self.today, herinnering=reminders[pk])
            for kind, pk, due, _rank in keys
        ]

    def _keys(self) -> QuerySet:
        """(kind, id, due day, rank) of every line: a signal ranks by its ernst."""
        rank = Case(
            *(When(ernst=ernst, then=Value(number)) for ernst, number in ERNST_RANK.items()),
            default=Value(3),
        )
        signalen = _owned_open_signalen(self.user).annotate(
            kind=Value(self.SIGNAAL), due=F("follow_up_on"), rank=rank
        )
        reminders = _open_reminders(self.user).annotate(
            kind=Value(self.HERINNERING), due=F("due_on"), rank=Value(3)
        )
        columns = ("kind", "pk", "due", "rank")
        return signalen.values_list(*columns).union(reminders.values_list(*columns), all=True)


def worklist(user, today: datetime.date) -> Worklist:
    return Worklist(user, today)


def team_leads_of(dossier_ids: list[int]) -> dict[int, int]:
    """For each dossier, an active teamleider of its team (the first by id): who takes what
    a regisseur leaves behind."""
    rows = (
        TeamMembership.objects.filter(
            team__dossiers__pk__in=dossier_ids,
            role=TeamRole.TEAMLEIDER,
            user__is_active=True,
        )
        .order_by("team__dossiers__pk", "user_id")
        .values_list("team__dossiers__pk", "user_id")
    )
    leads: dict[int, int] = {}
    for dossier_id, user_id in rows:
        leads.setdefault(dossier_id, user_id)
    return leads


def worklist_count(user) -> int:
    """The number behind the navigation badge, in one query, once per user object (the
    request's: the worklist page counts the same list)."""
    counted = user.__dict__
    if "_inburgering_worklist_count" not in counted:
        signalen = _owned_open_signalen(user).order_by().values("pk")
        counted["_inburgering_worklist_count"] = signalen.union(
            _open_reminders(user).order_by().values("pk"), all=True
        ).count()
    return counted["_inburgering_worklist_count"]


# --- Timeline ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    day: datetime.date
    kind: str
    title: str
    detail: str
    url: str
    planned: bool = False


def note_url(notitie: Voortgangsnotitie) -> str:
    """Where the caseload reads a note outside a talk: its place on the progress overview."""
    url = reverse("voortgang_overview", kwargs={"dossier_id": notitie.dossier_id})
    return f"{url}#notitie-{notitie.pk}"


def timeline(user, dossier: Inburgeraar) -> list[TimelineEntry]:
    """Intake sessions, plan versions, DUO's decisions, exam results entered between talks,
    talks, notes outside talks and signals of one dossier, newest first."""
    entries: list[TimelineEntry] = []
    intake = BredeIntake.objects.filter(dossier=dossier).prefetch_related("gesprekken").first()
    if intake is not None:
        intake_url = reverse("intake_overview", kwargs={"dossier_id": dossier.pk})
        for gesprek in intake.gesprekken.all():
            entries.append(
                TimelineEntry(
                    gesprek.held_on,
                    "intake",
                    _("Intake conversation"),
                    gesprek.get_kanaal_display(),
                    intake_url,
                )
            )
        if intake.status == IntakeStatus.AFGEROND and intake.completed_on:
            entries.append(
                TimelineEntry(
                    intake.completed_on,
                    "intake",
                    _("Broad intake completed"),
                    intake.get_advised_leerroute_display(),
                    intake_url,
                )
            )
    overdracht = Overdracht.objects.filter(dossier=dossier).first()
    if overdracht is not None:
        entries.append(
            TimelineEntry(
                timezone.localdate(overdracht.received_at),
                "dossier",
                _("Received in a handover from %(gemeente)s")
                % {"gemeente": overdracht.vorige_gemeente},
                "",
                dossier.get_absolute_url(),
            )
        )
    for brief in Brief.objects.filter(dossier=dossier).order_by("pk"):
        entries.append(
            TimelineEntry(
                timezone.localdate(brief.requested_at),
                "brief",
                _("Letter made: %(kind)s") % {"kind": brief.get_kind_display()},
                brief.get_language_display() if brief.language else "",
                reverse("brief_detail", kwargs={"dossier_id": dossier.pk, "brief_id": brief.pk}),
            )
        )
    plan_url = reverse("plan_overview", kwargs={"dossier_id": dossier.pk})
    for versie in PipVersie.objects.filter(pip__dossier=dossier).order_by("number"):
        url = f"{plan_url}?versie={versie.number}"
        if not versie.vorige_gemeente:  # a received version started elsewhere
            entries.append(
                TimelineEntry(
                    timezone.localdate(versie.created_at),
                    "plan",
                    _("Plan version %(number)s started") % {"number": versie.number},
                    versie.get_reden_display(),
                    url,
                )
            )
        if versie.dagtekening:
            fixed = (
                _("Plan version %(number)s fixed by %(gemeente)s")
                if versie.vorige_gemeente
                else _("Plan version %(number)s fixed")
            )
            entries.append(
                TimelineEntry(
                    versie.dagtekening,
                    "plan",
                    fixed % {"number": versie.number, "gemeente": versie.vorige_gemeente},
                    versie.get_leerroute_display(),
                    url,
                )
            )
    record_url = reverse("learning_record", kwargs={"dossier_id": dossier.pk})
    for besluit in pip_selectors.duo_besluiten(dossier.pk):
        entries.append(
            TimelineEntry(
                besluit.dagtekening,
                "duo",
                _("Decision of DUO: %(soort)s") % {"soort": besluit.get_soort_display()},
                besluit.grond,
                f"{record_url}#duo",
            )
        )
    for resultaat in Examenresultaat.objects.filter(dossier=dossier, gesprek=None):
        entries.append(
            TimelineEntry(
                resultaat.taken_on,
                "examen",
                _("Exam result entered"),
                str(resultaat),
                f"{record_url}#examens",
            )
        )
    for gesprek in Voortgangsgesprek.objects.filter(dossier=dossier):
        held = gesprek.held_on is not None
        entries.append(
            TimelineEntry(
                gesprek.held_on or gesprek.planned_on,
                "gesprek",
                _("Progress talk held") if held else _("Progress talk planned"),
                gesprek.get_conclusie_display(),
                gesprek.get_absolute_url(),
                planned=not held,
            )
        )
    for notitie in _visible_notes_outside_talks(user, dossier):
        leefgebied = notitie.get_leefgebied_display()
        entries.append(
            TimelineEntry(
                timezone.localdate(notitie.created_at),
                "notitie",
                _("Progress note: %(leefgebied)s") % {"leefgebied": leefgebied},
                f"{notitie.written_by or _('Municipality')}: {Truncator(notitie.text).chars(80)}",
                note_url(notitie),
            )
        )
    for signaal in _visible_signalen(user, dossier):
        entries.append(
            TimelineEntry(
                timezone.localdate(signaal.created_at),
                "signaal",
                _("Signal raised: %(subject)s") % {"subject": signaal.subject},
                f"{signaal.get_leefgebied_display()}, {signaal.owner_display}",
                signaal.get_absolute_url(),
            )
        )
        if signaal.resolved_on:
            entries.append(
                TimelineEntry(
                    signaal.resolved_on,
                    "signaal",
                    _("Signal resolved: %(subject)s") % {"subject": signaal.subject},
                    signaal.resolution,
                    signaal.get_absolute_url(),
                )
            )
    return sorted(entries, key=lambda entry: entry.day, reverse=True)


def shared_notes(dossier: Inburgeraar, lens: permissions.Lens) -> list:
    """Progress notes of the leefgebieden the lens shows, newest first, with who wrote them."""
    return list(
        Voortgangsnotitie.objects.filter(dossier=dossier, leefgebied__in=lens.leefgebieden)
        .select_related("author", "organisatie", "gesprek")
        .order_by("-created_at", "-pk")
    )


# --- The learning record ------------------------------------------------------------------


def recorded_map_hours(dossier_id: int) -> int:
    """The MAP's practical hours as last reported in a talk (a running total)."""
    hours = Voortgangsgesprek.objects.filter(dossier_id=dossier_id).aggregate(
        most=Max("map_praktijkuren")
    )["most"]
    return hours or 0


def trajecten_for(dossier: Inburgeraar, versie: PipVersie | None = None) -> tuple[str, ...]:
    """The tracked components of this person's duty: those of the regime (``law``), the
    maatschappelijke begeleiding only for asylum permit holders, and no MAP in the
    onderwijsroute (domain.md §4a)."""
    versie = versie or versie_in_force(dossier)
    allowed = []
    for soort in rules_of(dossier.regime).trajecten:
        if soort == TrajectSoort.MAATSCHAPPELIJKE_BEGELEIDING and (
            dossier.doelgroep != Doelgroep.ASIELSTATUSHOUDER
        ):
            continue
        if soort == TrajectSoort.MAP and versie and versie.leerroute == Leerroute.ONDERWIJS:
            continue
        allowed.append(soort)
    return tuple(allowed)


@dataclass(frozen=True)
class TrajectRow:
    soort: TrajectSoort
    traject: Traject | None
    details: list[str]


def _traject_details(soort: str, traject: Traject | None, map_hours: int) -> list[str]:
    details = []
    if soort == TrajectSoort.MAP:
        details.append(
            _("%(hours)s of at least %(min)s practical hours")
            % {"hours": map_hours, "min": settings.MAP_MIN_PRAKTIJKUREN}
        )
    if traject is not None:
        details += [traject.uitvoerder, traject.reden_niet_afgerond]
        if traject.verwijtbaar:
            details.append(_("to blame"))
    return [detail for detail in details if detail]


@dataclass(frozen=True)
class LearningRecord:
    """The learning record of one dossier as one viewer may see it (``Lens.learning_parts``)."""

    parts: frozenset
    termijn: plan_rules.Termijn | None
    besluiten: list
    stands: list[learning.Stand]
    resultaten: list[Examenresultaat]
    periods: list[tuple[Voortgangsgesprek, learning.ChartPoint | None]]
    chart: list[learning.ChartPoint]
    target_y: int
    trajecten: list[TrajectRow]
    map_hours: int

    @property
    def outstanding(self) -> list[learning.Stand]:
        return [stand for stand in self.stands if stand.outstanding]

    @property
    def lesuren(self) -> int:
        return self.chart[-1].total if self.chart else 0

    @property
    def chart_width(self) -> int:
        return learning.chart_width(len(self.chart))


def learning_record(dossier: Inburgeraar, lens: permissions.Lens) -> LearningRecord:
    """Exams per part, lesson hours per period with the running total, the tracked
    components and DUO's decisions, in a fixed number of queries."""
    parts = lens.learning_parts
    versie = versie_in_force(dossier)
    talks = list(
        Voortgangsgesprek.objects.filter(dossier=dossier, held_on__isnull=False)
        .filter(
            Q(lesuren_gevolgd__isnull=False)
            | Q(uren_geoorloofd_verzuim__isnull=False)
            | Q(uren_ongeoorloofd_verzuim__isnull=False)
            | Q(map_praktijkuren__isnull=False)
        )
        .order_by("held_on", "pk")
    )
    trajecten = {t.soort: t for t in Traject.objects.filter(dossier=dossier)}
    map_hours = max((t.map_praktijkuren or 0 for t in talks), default=0)
    rows = [
        TrajectRow(
            TrajectSoort(soort),
            trajecten.get(soort),
            _traject_details(soort, trajecten.get(soort), map_hours),
        )
        for soort in trajecten_for(dossier, versie)
        if soort in parts
    ]
    if "examens" not in parts:
        return LearningRecord(parts, None, [], [], [], [], [], 0, rows, map_hours)
    termijn_besluiten = pip_selectors.duo_besluiten(dossier.pk)
    termijn = pip_selectors.termijn_of(
        dossier, Pip.objects.filter(dossier=dossier).first(), termijn_besluiten
    )
    resultaten = list(
        Examenresultaat.objects.filter(dossier=dossier)
        .select_related("gesprek")
        .order_by("onderdeel", "taken_on", "pk")
    )
    if versie is not None:
        required = learning.required_exams(versie)
    else:
        required = {} if rules_of(dossier.regime).pip else learning.WI2013_REQUIRED
    stands = learning.exam_standing(
        required=required,
        results=resultaten,
        exempt=termijn.exempt if termijn else frozenset(),
        released=bool(termijn and termijn.released),
    )
    with_hours = [t for t in talks if t.lesuren_gevolgd is not None]
    chart, target_y = learning.lesson_chart(
        [(t.held_on, t.lesuren_gevolgd) for t in with_hours],
        target=settings.PIP_AFSCHALEN_MIN_LESUREN,
    )
    points = {t.pk: point for t, point in zip(with_hours, chart, strict=True)}
    return LearningRecord(
        parts,
        termijn,
        termijn_besluiten,
        stands,
        resultaten,
        [(t, points.get(t.pk)) for t in talks],
        chart,
        target_y,
        rows,
        map_hours,
    )
