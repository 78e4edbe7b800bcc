"""The shared core: municipalities, teams, users, partner organisations and the dossier."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from inburgering.choices import (
    ENDED_STATUSES,
    BijeenkomstSoort,
    BriefSoort,
    ChoiceLabels,
    Doelgroep,
    Domein,
    DossierStatus,
    ExportKind,
    Grondslag,
    JobStatus,
    Opkomst,
    Regime,
    RenderStatus,
    TeamRole,
    ToestemmingWijze,
    Verblijfsvergunning,
)
from inburgering.dates import AMSTERDAM
from inburgering.languages import LANGUAGE_CHOICES, LETTER_LANGUAGE_CHOICES
from inburgering.plausibility import first_contact
from inburgering.validators import (
    validate_bsn,
    validate_phone,
    validate_postcode,
    validate_v_nummer,
)


class Gemeente(models.Model):
    """A municipality; one installation may serve a region of several."""

    naam = models.CharField(_("name"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS code"), max_length=6, unique=True, help_text=_("For example GM0546.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.naam


class Organisatie(models.Model):
    """A chain partner organisation, serving one or more domeinen in one or more gemeenten."""

    naam = models.CharField(_("name"), max_length=200, unique=True)
    domeinen = ArrayField(
        models.CharField(max_length=20, choices=Domein.choices),
        verbose_name=_("domains"),
        default=list,
    )
    gemeenten = models.ManyToManyField(Gemeente, related_name="organisaties", blank=True)
    group = models.OneToOneField(
        "auth.Group",
        on_delete=models.PROTECT,
        related_name="organisatie",
        help_text=_("The group through which shares grant this organisation object permissions."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("chain partner organisation")
        verbose_name_plural = _("chain partner organisations")

    def __str__(self):
        return self.naam


def display_name(first_name: str, last_name: str, username: str) -> str:
    """How the app names a user (``str(user)``): the full name, else the username."""
    return f"{first_name} {last_name}".strip() or username


USER_NAME_COLUMNS = ("first_name", "last_name", "username")  # what ``display_name`` needs


def name_in(row: dict, path: str) -> str:
    """The name of the user a ``values()`` row holds under ``path`` (its columns read as
    ``f"{path}__{column}"`` for ``USER_NAME_COLUMNS``); "" when there is none."""
    if row[f"{path}__username"] is None:
        return ""
    return display_name(*(row[f"{path}__{column}"] for column in USER_NAME_COLUMNS))


class User(AbstractUser):
    """An account; roles are groups, municipalities and teams say where the user works."""

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medewerkers",
        verbose_name=_("chain partner organisation"),
    )
    gemeenten = models.ManyToManyField(
        Gemeente, related_name="medewerkers", blank=True, verbose_name=_("municipalities")
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return display_name(self.first_name, self.last_name, self.username)


class UserSession(AbstractBaseSession):
    """A login session with the account it belongs to, so that deactivating an account can
    delete its sessions (``sessions.end_sessions_of_inactive``) instead of only refusing them."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        from inburgering.accounts.session_store import SessionStore

        return SessionStore


class Team(models.Model):
    """A team of regisseurs in one gemeente, led by one or more teamleiders."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="teams")
    naam = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(User, through="TeamMembership", related_name="teams")
    history = HistoricalRecords()

    class Meta:
        ordering = ["gemeente__naam", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "naam"], name="team_unique_name")
        ]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return f"{self.naam} ({self.gemeente})"


class TeamMembership(ChoiceLabels, models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="team_memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role in team"), max_length=20, choices=TeamRole.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="team_membership_unique")
        ]
        indexes = [models.Index(fields=["user", "role", "team"])]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")

    def __str__(self):
        return f"{self.user} – {self.team} ({self.get_role_display()})"


class Waarneming(models.Model):
    """A colleague's access to an absent regisseur's caseload for a period (holiday, illness):
    from the first to the last day, read at every request, so it ends without a job. What the
    waarnemer does is recorded as theirs."""

    regisseur = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("absent regisseur")
    )
    waarnemer = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="waarnemingen", verbose_name=_("substitute")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until and including"))
    reason = models.TextField(_("reason"))
    arranged_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    arranged_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(_("ended early"), null=True, blank=True)
    ended_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="waarneming_period"
            ),
            models.CheckConstraint(
                condition=~Q(waarnemer=models.F("regisseur")), name="waarneming_not_self"
            ),
        ]
        indexes = [models.Index(fields=["waarnemer", "ends_on"])]
        verbose_name = _("substitution")
        verbose_name_plural = _("substitutions")

    def __str__(self):
        return f"{self.waarnemer} → {self.regisseur} ({self.starts_on} – {self.ends_on})"


class AssignmentJob(ChoiceLabels, models.Model):
    """A teamleider's large batch of dossiers for another regisseur, moved by a Celery task in
    parts (each one transaction), so the page can show how far it is. Each dossier's change
    has its own history row and audit event; this row only says how the batch went."""

    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    regisseur = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=100, blank=True)
    dossier_ids = ArrayField(models.IntegerField())
    moved = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)  # dossiers handled (moved or already there)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assignment job")
        verbose_name_plural = _("assignment jobs")

    def __str__(self):
        return f"{len(self.dossier_ids)} → {self.regisseur} ({self.get_status_display()})"

    @property
    def total(self) -> int:
        return len(self.dossier_ids)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


# What the personal-data form edits and the dossier services accept; status, team, regisseur
# and the end of the duty change only through their own services.
PERSONAL_DATA_FIELDS = [
    "bsn",
    "v_nummer",
    "given_names",
    "surname_prefix",
    "surname",
    "date_of_birth",
    "nationality",
    "languages",
    "doelgroep",
    "regime",
    "datum_start_inburgeringsplicht",
    "datum_kennisgeving",
    "datum_koppeling",
    "datum_brp_inschrijving",
    # The facts that decide ontzorgen; changed after the intake when bijstand starts or stops.
    "verblijfsvergunning",
    "datum_start_bijstand",
    "datum_einde_bijstand",
]


class Inburgeraar(ChoiceLabels, models.Model):
    """The dossier of one person with a civic-integration duty."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("municipality")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("team")
    )
    regisseur = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("integration coach"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.AANGEMELD
    )

    bsn = models.CharField(_("BSN"), max_length=9, unique=True, validators=[validate_bsn])
    v_nummer = models.CharField(
        _("V-number"), max_length=10, blank=True, validators=[validate_v_nummer]
    )
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    surname_prefix = models.CharField(
        _("surname prefix"), max_length=20, blank=True, help_text=_("For example 'van' or 'al'.")
    )
    surname = models.CharField(_("surname"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"))
    nationality = CountryField(_("nationality"), blank=True)
    languages = ArrayField(
        models.CharField(max_length=10, choices=LANGUAGE_CHOICES),
        verbose_name=_("languages spoken"),
        default=list,
        blank=True,
    )

    doelgroep = models.CharField(_("target group"), max_length=20, choices=Doelgroep.choices)
    regime = models.CharField(_("regime"), max_length=10, choices=Regime.choices)
    datum_start_inburgeringsplicht = models.DateField(
        _("start of the integration duty"), null=True, blank=True
    )
    datum_kennisgeving = models.DateField(_("date of DUO notice"), null=True, blank=True)
    datum_koppeling = models.DateField(_("date of COA linking"), null=True, blank=True)
    datum_brp_inschrijving = models.DateField(_("date of BRP registration"), null=True, blank=True)
    verblijfsvergunning = models.CharField(
        _("residence permit"), max_length=10, choices=Verblijfsvergunning.choices, blank=True
    )
    datum_start_bijstand = models.DateField(
        _("social assistance since"),
        null=True,
        blank=True,
        help_text=_("The first day of the right to social assistance (bijstand)."),
    )
    datum_einde_bijstand = models.DateField(
        _("social assistance ended on"),
        null=True,
        blank=True,
        help_text=_("The last day of the social assistance, once it has stopped."),
    )
    datum_einde_plicht = models.DateField(
        _("date the duty ended"),
        null=True,
        blank=True,
        help_text=_(
            "When the dossier was completed, moved away or deregistered; retention runs from it."
        ),
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    lock_version = models.PositiveIntegerField(
        default=0, help_text="Optimistic lock: raised on every save through the services."
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["surname", "given_names", "pk"]
        verbose_name = _("civic integration dossier")
        verbose_name_plural = _("civic integration dossiers")
        constraints = [
            # ASCII digits only: a BSN typed in full-width or Arabic-Indic digits would pass
            # the unique key beside the same number in 0-9 (the forms refuse it first).
            models.CheckConstraint(
                condition=Q(bsn__regex=r"^[0-9]{9}$"), name="inburgeraar_bsn_ascii_digits"
            ),
            models.CheckConstraint(
                condition=Q(v_nummer="") | Q(v_nummer__regex=r"^[0-9]{10}$"),
                name="inburgeraar_v_nummer_ascii_digits",
            ),
            # The life cycle (dossier/lifecycle.py): a closed dossier has the day its duty
            # ended, from which retention runs; a running one has none.
            models.CheckConstraint(
                condition=Q(status__in=ENDED_STATUSES, datum_einde_plicht__isnull=False)
                | (~Q(status__in=ENDED_STATUSES) & Q(datum_einde_plicht=None)),
                name="inburgeraar_ended_status_has_its_date",
            ),
            models.CheckConstraint(
                condition=Q(datum_einde_bijstand=None)
                | Q(
                    datum_start_bijstand__isnull=False,
                    datum_einde_bijstand__gte=F("datum_start_bijstand"),
                ),
                name="inburgeraar_bijstand_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["regisseur", "status"]),
            models.Index(fields=["team", "status"]),
            models.Index(fields=["surname", "given_names"]),
        ]
        permissions = [
            (f"{action}_{domein}", f"Can {action} the {domein} domain")
            for domein in Domein.values
            for action in ("view", "note")
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("dossier_detail", kwargs={"dossier_id": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status in ENDED_STATUSES

    @property
    def first_contact_on(self) -> datetime.date | None:
        """The first day the municipality had to do with the person (see plausibility)."""
        return first_contact(
            self.datum_start_inburgeringsplicht,
            self.datum_kennisgeving,
            self.datum_koppeling,
            self.datum_brp_inschrijving,
            registered_on=timezone.localdate(self.created_at) if self.created_at else None,
        )

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surname_prefix, self.surname) if p)

    @property
    def language_names(self) -> list[str]:
        labels = dict(LANGUAGE_CHOICES)
        return [str(labels.get(code, code)) for code in self.languages]


class DossierMove(models.Model):
    """A dossier moved to another gemeente of the installation (the person moved within the
    region): the termijn, route, plan and learning record stay; the team changes. The
    privacy officer of the gemeente it left still audits the trail up to ``moved_at``."""

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="moves")
    from_gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    to_gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    from_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    to_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=100)
    moved_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    moved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "moved_at"]
        verbose_name = _("move within the region")
        verbose_name_plural = _("moves within the region")
        indexes = [models.Index(fields=["from_gemeente", "dossier"])]

    def __str__(self):
        return f"{self.from_gemeente} → {self.to_gemeente}"


class ContactRole(models.TextChoices):
    FAMILIELID = "familielid", _("Family member")
    MAATJE = "maatje", _("Buddy (maatje)")
    SLEUTELFIGUUR = "sleutelfiguur", _("Key figure (sleutelfiguur)")
    ANDERS = "anders", _("Other")


class ContactDetails(ChoiceLabels, models.Model):
    """How to reach the person: the address (as registered in the BRP, kept here by hand),
    phone, e-mail, the language for letters, whether an interpreter is needed, and a
    contact person. The caseload sees all of it; a partner sees the address only while the
    wonen domein is shared with it (``Lens.sees_address``), and nothing else of it."""

    dossier = models.OneToOneField(Inburgeraar, on_delete=models.CASCADE, related_name="contact")
    street = models.CharField(_("street"), max_length=100, blank=True)
    house_number = models.CharField(_("house number"), max_length=10, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("town"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail address"), blank=True)
    letter_language = models.CharField(
        _("language for letters"),
        max_length=10,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text=_("Letters are in Dutch, with this language beside it."),
    )
    interpreter_needed = models.BooleanField(_("an interpreter is needed"), default=False)
    interpreter_language = models.CharField(
        _("language of the interpreter"), max_length=10, choices=LANGUAGE_CHOICES, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(
        _("role of the contact person"), max_length=20, choices=ContactRole.choices, blank=True
    )
    contact_phone = models.CharField(
        _("phone of the contact person"), max_length=20, blank=True, validators=[validate_phone]
    )
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")
        constraints = [
            models.CheckConstraint(
                condition=Q(interpreter_needed=False) | ~Q(interpreter_language=""),
                name="contact_interpreter_has_language",
            ),
            models.CheckConstraint(
                condition=Q(postcode="") | Q(postcode__regex=r"^[1-9][0-9]{3} [A-Z]{2}$"),
                name="contact_postcode_ascii",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name}: {self.dossier}"

    @property
    def address_lines(self) -> list[str]:
        lines = [" ".join(part for part in (self.street, self.house_number) if part)]
        lines.append(" ".join(part for part in (self.postcode, self.city) if part))
        return [line for line in lines if line]


CONTACT_FIELDS = [
    "street",
    "house_number",
    "postcode",
    "city",
    "phone",
    "email",
    "letter_language",
    "interpreter_needed",
    "interpreter_language",
    "contact_name",
    "contact_role",
    "contact_phone",
]


class Bijeenkomst(ChoiceLabels, models.Model):
    """An appointment with the person: an intake conversation, a talk about the plan or its
    progress, another meeting. Local time in Europe/Amsterdam (the zone of every letter and
    calendar it goes to). Moving or cancelling one keeps why in ``reason`` and the history;
    an intake appointment's attendance drives the no-show escalation (domain.md §2b).
    ``Afspraak`` is something else: an agreed action in the plan (glossary)."""

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="bijeenkomsten")
    soort = models.CharField(_("kind"), max_length=20, choices=BijeenkomstSoort.choices)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    location = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("The address or the room.")
    )
    video_link = models.URLField(
        _("video link"), max_length=500, blank=True, help_text=_("For a meeting by video.")
    )
    interpreter_language = models.CharField(
        _("language of the interpreter"), max_length=10, choices=LANGUAGE_CHOICES, blank=True
    )
    interpreter_booked = models.BooleanField(_("the interpreter has been booked"), default=False)
    host = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="bijeenkomsten",
        verbose_name=_("integration coach"),
    )
    partners = models.ManyToManyField(
        Organisatie,
        blank=True,
        related_name="bijeenkomsten",
        verbose_name=_("chain partners attending"),
    )
    other_attendees = models.CharField(_("others attending"), max_length=300, blank=True)
    note = models.TextField(
        _("note for the person"), blank=True, help_text=_("For example what to bring.")
    )
    opkomst = models.CharField(
        _("attendance"), max_length=20, choices=Opkomst.choices, default=Opkomst.OPEN
    )
    reason = models.TextField(
        _("reason for the last change"),
        blank=True,
        help_text=_("Why the appointment was moved or cancelled."),
    )
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [models.Index(fields=["host", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="bijeenkomst_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(location="") | ~Q(video_link=""), name="bijeenkomst_has_a_place"
            ),
            models.CheckConstraint(
                condition=Q(interpreter_booked=False) | ~Q(interpreter_language=""),
                name="bijeenkomst_booked_interpreter_has_language",
            ),
            models.CheckConstraint(
                condition=~Q(opkomst=Opkomst.VERVALLEN) | ~Q(reason=""),
                name="bijeenkomst_cancel_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.date:%d-%m-%Y} {self.start_time:%H:%M}"

    @property
    def is_open(self) -> bool:
        return self.opkomst == Opkomst.OPEN

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=AMSTERDAM)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=AMSTERDAM)


# What the appointment form asks; the services set the dossier, host default and attendance.
BIJEENKOMST_FIELDS = [
    "soort",
    "date",
    "start_time",
    "end_time",
    "location",
    "video_link",
    "interpreter_language",
    "interpreter_booked",
    "host",
    "partners",
    "other_attendees",
    "note",
]
# A change of these moves the appointment, and asks why.
BIJEENKOMST_WHEN = ("date", "start_time", "end_time")


class Overdracht(models.Model):
    """A warme overdracht received: the handover file another gemeente exported when the
    person moved here. Its digest makes a second upload of the same file find this dossier
    instead of making another; the file itself is not kept (its content now lives in the
    dossier's own rows, each with its history)."""

    dossier = models.OneToOneField(Inburgeraar, on_delete=models.CASCADE, related_name="overdracht")
    sha256 = models.CharField(max_length=64, unique=True)
    vorige_gemeente = models.CharField(_("previous municipality"), max_length=100)
    exported_at = models.DateTimeField(_("exported at"))
    received_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("handover received")
        verbose_name_plural = _("handovers received")

    def __str__(self):
        return str(self.vorige_gemeente)


class InburgeraarUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key table: per-dossier permissions of single users."""

    content_object = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE)


class InburgeraarGroupObjectPermission(GroupObjectPermissionBase):
    """Guardian's direct foreign-key table: a partner organisation's shares per dossier."""

    content_object = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        abstract = False
        # The policy asks "is this dossier shared with this group": dossier first.
        indexes = [models.Index(fields=["content_object", "group"])]


class Toestemming(ChoiceLabels, models.Model):
    """The person's consent to share with one organisation; withdrawing it ends every share
    that rests on it (AVG art. 7: consent is as easy to withdraw as to give)."""

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="toestemmingen")
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    given_on = models.DateField(_("consent given on"))
    wijze = models.CharField(
        _("how consent was given"), max_length=20, choices=ToestemmingWijze.choices
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.organisatie} ({self.given_on:%d-%m-%Y})"


class Deling(ChoiceLabels, models.Model):
    """A partner organisation's access to one domein of one dossier (glossary: Deling).

    The grant itself is a guardian object permission (``view_<domein>``, and
    ``note_<domein>`` when the partner may add notes) on the organisation's group; this row
    says on what ground, until when, by whom and why, and is what the history keeps.
    """

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="delingen")
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="delingen",
        verbose_name=_("organisation"),
    )
    domein = models.CharField(_("domain"), max_length=20, choices=Domein.choices)
    may_note = models.BooleanField(_("may add progress notes and signals"), default=False)
    grondslag = models.CharField(_("legal ground"), max_length=20, choices=Grondslag.choices)
    toestemming = models.ForeignKey(
        Toestemming, on_delete=models.PROTECT, null=True, blank=True, related_name="delingen"
    )
    wettelijk_artikel = models.CharField(
        _("article of the law"),
        max_length=200,
        blank=True,
        help_text=_("For a statutory task, for example: art. 6 lid 1 sub e AVG jo. art. 7 Pw."),
    )
    reden = models.TextField(_("why the partner needs this"))
    valid_until = models.DateField(_("valid until"))
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    view_permission = models.OneToOneField(
        InburgeraarGroupObjectPermission, on_delete=models.PROTECT, related_name="deling"
    )
    note_permission = models.OneToOneField(
        InburgeraarGroupObjectPermission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deling_note",
    )
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisatie__naam", "domein"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "organisatie", "domein"], name="deling_per_domein"
            ),
            models.CheckConstraint(
                condition=Q(grondslag="wettelijke_taak", toestemming__isnull=True)
                & ~Q(wettelijk_artikel="")
                | Q(grondslag="toestemming", toestemming__isnull=False),
                name="deling_grondslag",
            ),
        ]
        indexes = [
            # A partner's valid shares with their dossiers, read from the index alone: the
            # partner's list counts them (``permissions.shared_with``).
            models.Index(
                fields=["organisatie", "valid_until"],
                include=["dossier"],
                name="deling_organisatie_valid",
            )
        ]
        verbose_name = _("share")
        verbose_name_plural = _("shares")

    def __str__(self):
        return f"{self.organisatie}: {self.get_domein_display()}"


class AuditAction(models.TextChoices):
    DOSSIER_VIEWED = "dossier_viewed", _("Dossier viewed")
    ACCESS_DENIED = "access_denied", _("Access denied")
    PDF_RENDER_REQUESTED = "pdf_render_requested", _("PDF requested")
    PDF_DOWNLOADED = "pdf_downloaded", _("PDF downloaded")
    EXPORTED = "exported", _("Exported")
    EXPORT_REQUESTED = "export_requested", _("Export requested")
    SHARE_GRANTED = "share_granted", _("Share granted")
    SHARE_EXTENDED = "share_extended", _("Share extended")
    SHARE_ENDED = "share_ended", _("Share ended")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Login failed")
    TWO_FACTOR_RESET = "two_factor_reset", _("Two-factor login reset")
    ADMIN_ADDED = "admin_added", _("Added in application management")
    ADMIN_CHANGED = "admin_changed", _("Changed in application management")
    ADMIN_DELETED = "admin_deleted", _("Deleted in application management")
    ROLES_CHANGED = "roles_changed", _("Roles changed")
    REGISSEUR_ASSIGNED = "regisseur_assigned", _("Regisseur assigned")
    WAARNEMING_ARRANGED = "waarneming_arranged", _("Substitute arranged")
    WAARNEMING_ENDED = "waarneming_ended", _("Substitution ended early")
    DOSSIER_REOPENED = "dossier_reopened", _("Dossier reopened")
    DOSSIER_MOVED = "dossier_moved", _("Dossier moved to another municipality")
    HANDOVER_RECEIVED = "handover_received", _("Handover received from another municipality")
    LETTER_MADE = "letter_made", _("Letter made")
    DELIVERY_RELEASED = "delivery_released", _("Quarterly delivery released")


class AppendOnlyError(Exception):
    """The audit log is never changed or deleted through the app."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events are never updated")

    def delete(self):
        raise AppendOnlyError("audit events are never deleted")

    def pseudonymise(self, token: str) -> int:
        """The one change the log allows: when retention destroys a dossier, its events keep
        a random token instead of the dossier, so counts and times survive without the person."""
        return super().update(dossier=None, dossier_token=token)


class AuditEvent(ChoiceLabels, models.Model):
    """Who did what to which dossier, when and from where; append-only."""

    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dossier = models.ForeignKey(
        Inburgeraar, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dossier_token = models.CharField(max_length=32, blank=True)
    domein = models.CharField(max_length=20, choices=Domein.choices, blank=True)
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    detail = models.CharField(max_length=200, blank=True)
    # What a change event is about, as ids, codes and the reason typed (``events``); shown in
    # the reader's language. Older events and reads carry their text in ``detail``.
    payload = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["dossier", "at"]), models.Index(fields=["actor", "at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit events are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events are never deleted")


class Vernietiging(models.Model):
    """What the retention job destroyed: counts per table and the token that replaced the
    dossier in the audit log; never names or content."""

    token = models.CharField(max_length=32, unique=True)
    ended_on = models.DateField()
    destroyed_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-destroyed_at"]
        verbose_name = _("destruction record")
        verbose_name_plural = _("destruction records")

    def __str__(self):
        return f"{self.token} ({self.destroyed_at:%Y-%m-%d})"


def private_storage():
    """Files with personal data: outside the web root, served only through the policy."""
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


class DossierExport(ChoiceLabels, models.Model):
    """Everything held about one person, as a PDF to read and a JSON file to process: for a
    subject access request (inzage) or before a move to another gemeente (warme overdracht).
    Made by a Celery task; the files are stored privately and downloads are audited."""

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="exports")
    kind = models.CharField(_("kind"), max_length=20, choices=ExportKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    pdf_file = models.FileField(storage=private_storage, upload_to="exports/", blank=True)
    json_file = models.FileField(storage=private_storage, upload_to="exports/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")

    def __str__(self):
        return f"{self.get_kind_display()} {self.requested_at:%Y-%m-%d}"


class Briefsjabloon(ChoiceLabels, models.Model):
    """The functioneel beheerder's template for one kind of letter, in B1 Dutch with a text
    per language beside it (``BriefsjabloonTekst``). ``version`` counts its changes; a letter keeps
    its own copy of the texts it was made from and its PDF, so a later edit changes no letter
    (decision 0026)."""

    kind = models.CharField(
        _("kind of letter"), max_length=30, choices=BriefSoort.choices, unique=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self):
        return f"{self.get_kind_display()} (v{self.version})"


class BriefsjabloonTekst(ChoiceLabels, models.Model):
    """A template's text in one language: a subject and a body of paragraphs (separated by
    an empty line) with named fields in square brackets, such as [naam]. A shipped
    translation is marked unchecked until the beheerder confirms a certified translator
    checked it."""

    template = models.ForeignKey(Briefsjabloon, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=10, choices=LETTER_LANGUAGE_CHOICES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Paragraphs separated by an empty line; named fields in square brackets, such as "
            "[naam] or [datum]."
        ),
    )
    reviewed = models.BooleanField(
        _("checked by a certified translator"),
        default=False,
        help_text=_("The Dutch text is the original and needs no check."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["template", "language"]
        verbose_name = _("letter text")
        verbose_name_plural = _("letter texts")
        constraints = [
            models.UniqueConstraint(fields=["template", "language"], name="brief_tekst_language")
        ]

    def __str__(self):
        return f"{self.template.get_kind_display()} ({self.get_language_display()})"


class Brief(ChoiceLabels, models.Model):
    """A letter made for one dossier from a template: its texts filled in and frozen
    (``content``), rendered once as PDF/UA by a Celery task, stored privately; never edited."""

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="brieven")
    kind = models.CharField(_("kind of letter"), max_length=30, choices=BriefSoort.choices)
    template_version = models.PositiveIntegerField(_("template version"))
    language = models.CharField(
        _("second language"),
        max_length=10,
        choices=LETTER_LANGUAGE_CHOICES,
        blank=True,
        help_text=_("Empty: Dutch only."),
    )
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="brieven",
        verbose_name=_("appointment"),
    )
    # {"texts": [{"language", "dir", "subject", "paragraphs": [...]}, ...], "address": [...]}
    content = models.JSONField(_("content"))
    status = models.CharField(
        _("status"), max_length=20, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    file = models.FileField(storage=private_storage, upload_to="brieven/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("made"), auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self):
        return f"{self.get_kind_display()} {self.requested_at:%d-%m-%Y}"
