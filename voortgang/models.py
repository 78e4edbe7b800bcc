"""Progress against the PIP: voortgangsgesprekken, signals with an owner, and reminders.

A talk reviews the plan version in force: a note per leefgebied, progress per afspraak, the
learning figures the law asks for, and a conclusion (continue, adjust the plan, enforce).
Signals are concerns in a leefgebied that one named person or partner organisation owns.
Reminders are created by the daily job, once per cause (domain.md §5).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inburgering.choices import ChoiceLabels, Domein, Examenonderdeel, Leefgebied, Taalniveau
from inburgering.languages import LANGUAGE_CHOICES
from inburgering.models import Gemeente, Inburgeraar, Organisatie, private_storage
from pip_plans.models import Afspraak, AfspraakStatus, PipVersie
from voortgang.rules import domein_of


class GesprekStatus(models.TextChoices):
    GEPLAND = "gepland", _("Planned")
    GEHOUDEN = "gehouden", _("Held")
    AFGEROND = "afgerond", _("Concluded")


class Conclusie(models.TextChoices):
    DOORGAAN = "doorgaan", _("Continue with the plan")
    PLAN_BIJSTELLEN = "plan_bijstellen", _("Adjust the plan")
    HANDHAVEN = "handhaven", _("Start enforcement")


class Maatregel(models.TextChoices):
    """Enforcement of the plan's obligations (Wi2021 art. 22-23; domain.md §2b)."""

    WAARSCHUWING = "waarschuwing", _("Written warning")
    BOETE = "boete", _("Fine")


class Voortgangsgesprek(ChoiceLabels, models.Model):
    """One periodic progress talk about the plan in force."""

    dossier = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="voortgangsgesprekken"
    )
    versie = models.ForeignKey(
        PipVersie,
        on_delete=models.CASCADE,
        related_name="voortgangsgesprekken",
        verbose_name=_("plan version discussed"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=GesprekStatus.choices, default=GesprekStatus.GEPLAND
    )
    planned_on = models.DateField(_("planned date"))
    held_on = models.DateField(_("date held"), null=True, blank=True)

    inburgeraar_present = models.BooleanField(_("the person was present"), default=True)
    interpreter_used = models.BooleanField(_("an interpreter was used"), default=False)
    interpreter_language = models.CharField(
        _("language of the interpreter"), max_length=10, choices=LANGUAGE_CHOICES, blank=True
    )
    partners = models.ManyToManyField(
        Organisatie,
        blank=True,
        related_name="voortgangsgesprekken",
        verbose_name=_("chain partners present"),
    )
    other_participants = models.CharField(_("other participants"), max_length=300, blank=True)
    one_on_one_offered = models.BooleanField(
        _("a talk without the partner or family was offered"), default=False
    )
    notes = models.TextField(_("general notes"), blank=True)

    lesuren_gevolgd = models.PositiveIntegerField(
        _("lesson hours attended"),
        null=True,
        blank=True,
        help_text=_("In total since the start of the course, as reported by the school."),
    )
    uren_geoorloofd_verzuim = models.PositiveIntegerField(
        _("hours of authorised absence"),
        null=True,
        blank=True,
        help_text=_("Since the previous talk."),
    )
    uren_ongeoorloofd_verzuim = models.PositiveIntegerField(
        _("hours of unauthorised absence"),
        null=True,
        blank=True,
        help_text=_("Since the previous talk."),
    )
    map_praktijkuren = models.PositiveIntegerField(
        _("MAP practical hours"),
        null=True,
        blank=True,
        help_text=_(
            "In total so far; the MAP needs at least 40 hours in a language-rich environment."
        ),
    )

    conclusie = models.CharField(
        _("conclusion"), max_length=20, choices=Conclusie.choices, blank=True
    )
    conclusie_toelichting = models.TextField(_("explanation of the conclusion"), blank=True)
    nieuwe_versie = models.ForeignKey(
        PipVersie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new plan version"),
    )
    maatregel = models.CharField(
        _("enforcement measure"), max_length=20, choices=Maatregel.choices, blank=True
    )
    maatregel_on = models.DateField(_("date of the measure"), null=True, blank=True)
    boete_eur = models.PositiveIntegerField(_("fine (euros)"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    concluded_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        ordering = ["-planned_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(status="gepland"),
                name="voortgangsgesprek_one_planned",
            )
        ]
        indexes = [models.Index(fields=["status", "planned_on"])]
        verbose_name = _("progress talk")
        verbose_name_plural = _("progress talks")

    def __str__(self):
        day = self.held_on or self.planned_on
        return f"{self._meta.verbose_name} {day:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse(
            "gesprek_detail",
            kwargs={"dossier_id": self.dossier_id, "voortgangsgesprek_id": self.pk},
        )


# The fields of a talk's report that its form asks and the report service saves (the chain
# partners present, the notes, the afspraken's progress and exam results are passed apart).
VERSLAG_FIELDS = [
    "held_on",
    "inburgeraar_present",
    "interpreter_used",
    "interpreter_language",
    "other_participants",
    "one_on_one_offered",
    "notes",
    "lesuren_gevolgd",
    "uren_geoorloofd_verzuim",
    "uren_ongeoorloofd_verzuim",
    "map_praktijkuren",
]


class Voortgangsnotitie(ChoiceLabels, models.Model):
    """How one leefgebied is going; written in a talk or on its own (a partner's note)."""

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    gesprek = models.ForeignKey(
        Voortgangsgesprek,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notities",
    )
    leefgebied = models.CharField(_("life domain"), max_length=20, choices=Leefgebied.choices)
    domein = models.CharField(
        _("domain"), max_length=20, choices=Domein.choices, blank=True, editable=False
    )
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["gesprek", "leefgebied"],
                condition=Q(gesprek__isnull=False),
                name="voortgangsnotitie_per_leefgebied",
            )
        ]
        indexes = [
            models.Index(fields=["dossier", "domein"]),
            # The daily job's search for partners' recent notes (reminders.active_causes).
            models.Index(
                fields=["created_at"],
                condition=Q(gesprek__isnull=True, organisatie__isnull=False),
                name="voortgangsnotitie_partner",
            ),
        ]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self):
        return f"{self.get_leefgebied_display()}: {self.text[:40]}"

    def save(self, *args, **kwargs):
        self.domein = domein_of(self.leefgebied)
        super().save(*args, **kwargs)

    @property
    def written_by(self) -> str:
        """Who wrote it, with the partner organisation they wrote for ("" when unknown)."""
        return ", ".join(str(part) for part in (self.author, self.organisatie) if part)


class AfspraakVoortgang(ChoiceLabels, models.Model):
    """Where one afspraak of the plan stood at a talk."""

    gesprek = models.ForeignKey(
        Voortgangsgesprek, on_delete=models.CASCADE, related_name="afspraak_voortgang"
    )
    afspraak = models.ForeignKey(Afspraak, on_delete=models.CASCADE, related_name="voortgang")
    status = models.CharField(_("status"), max_length=20, choices=AfspraakStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["gesprek", "afspraak"], name="afspraakvoortgang_per_gesprek"
            )
        ]
        verbose_name = _("progress of an agreement")
        verbose_name_plural = _("progress of agreements")

    def __str__(self):
        return f"{self.afspraak}: {self.get_status_display()}"


class Uitslag(models.TextChoices):
    BEHAALD = "behaald", _("Passed")
    NIET_BEHAALD = "niet_behaald", _("Not passed")


class Examenresultaat(ChoiceLabels, models.Model):
    """The result of one exam part: reported in a talk, or entered directly (``gesprek`` is
    empty) when the result arrives between talks. Both kinds make one learning record."""

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    gesprek = models.ForeignKey(
        Voortgangsgesprek,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="examenresultaten",
    )
    onderdeel = models.CharField(_("exam part"), max_length=20, choices=Examenonderdeel.choices)
    niveau = models.CharField(
        _("level"),
        max_length=4,
        choices=[
            (level, label)
            for level, label in Taalniveau.choices
            if level in ("a1", "a2", "b1", "b2")
        ],
        blank=True,
    )
    taken_on = models.DateField(_("exam date"))
    uitslag = models.CharField(_("result"), max_length=20, choices=Uitslag.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["taken_on", "pk"]
        indexes = [models.Index(fields=["dossier", "onderdeel", "taken_on"])]
        verbose_name = _("exam result")
        verbose_name_plural = _("exam results")

    def __str__(self):
        return (
            f"{self.get_onderdeel_display()} {self.taken_on:%d-%m-%Y}: {self.get_uitslag_display()}"
        )


EXAMENRESULTAAT_FIELDS = ["onderdeel", "niveau", "taken_on", "uitslag"]


class TrajectSoort(models.TextChoices):
    """The parts of the duty the municipality offers besides the exams (domain.md §1, §4a);
    under the Wi2013, where no PIP holds the work domain, participation is one of them."""

    MAP = "map", _("Labour market and participation module (MAP)")
    PVT = "pvt", _("Participation statement course (PVT)")
    MAATSCHAPPELIJKE_BEGELEIDING = "maatschappelijke_begeleiding", _("Social guidance")
    PARTICIPATIE = "participatie", _("Participation (volunteering, work experience)")


class TrajectStatus(models.TextChoices):
    NIET_GESTART = "niet_gestart", _("Not started")
    LOPEND = "lopend", _("Ongoing")
    AFGEROND = "afgerond", _("Completed")
    NIET_AFGEROND = "niet_afgerond", _("Stopped, not completed")


class Traject(ChoiceLabels, models.Model):
    """A tracked component of the duty: MAP, PVT or maatschappelijke begeleiding. Its progress
    changes without a new beschikking (the plan only sets the intensity). The GGM's names:
    MAP eindgesprek and IndicatorVerwijtbaar, PVT VerwijtbaarNietVoldaan (domain.md §2b)."""

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(_("component"), max_length=30, choices=TrajectSoort.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=TrajectStatus.choices, default=TrajectStatus.LOPEND
    )
    uitvoerder = models.CharField(_("provider"), max_length=200, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    finished_on = models.DateField(
        _("finished on"),
        null=True,
        blank=True,
        help_text=_("MAP: the final talk. PVT: the day the statement was signed."),
    )
    reden_niet_afgerond = models.TextField(_("why it was not completed"), blank=True)
    verwijtbaar = models.BooleanField(_("the person is to blame"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dossier", "soort"]
        verbose_name = _("tracked component")
        verbose_name_plural = _("tracked components")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "soort"], name="one_traject_per_soort"),
            models.CheckConstraint(
                condition=Q(finished_on=None)
                | Q(started_on=None)
                | Q(finished_on__gte=F("started_on")),
                name="traject_finishes_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.get_status_display()}"


TRAJECT_FIELDS = [
    "status",
    "uitvoerder",
    "started_on",
    "finished_on",
    "reden_niet_afgerond",
    "verwijtbaar",
]


class Ernst(models.TextChoices):
    LAAG = "laag", _("Low")
    MIDDEN = "midden", _("Medium")
    HOOG = "hoog", _("High")


class SignaalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_BEHANDELING = "in_behandeling", _("Being handled")
    AFGEHANDELD = "afgehandeld", _("Resolved")


OPEN_SIGNAAL_STATUSES = (SignaalStatus.OPEN, SignaalStatus.IN_BEHANDELING)


class Signaal(ChoiceLabels, models.Model):
    """A concern in one leefgebied, owned by one named user or one partner organisation."""

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="signalen")
    gesprek = models.ForeignKey(
        Voortgangsgesprek,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signalen",
        verbose_name=_("raised in the progress talk"),
    )
    leefgebied = models.CharField(_("life domain"), max_length=20, choices=Leefgebied.choices)
    domein = models.CharField(
        _("domain"), max_length=20, choices=Domein.choices, blank=True, editable=False
    )
    subject = models.CharField(
        _("subject"), max_length=200, help_text=_("For example: debts, school absence.")
    )
    description = models.TextField(_("description"), blank=True)
    ernst = models.CharField(_("severity"), max_length=20, choices=Ernst.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signalen",
        verbose_name=_("owner"),
    )
    owner_organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signalen",
        verbose_name=_("owning chain partner"),
    )
    follow_up_on = models.DateField(_("follow up by"))
    status = models.CharField(
        _("status"), max_length=20, choices=SignaalStatus.choices, default=SignaalStatus.OPEN
    )
    resolution = models.TextField(_("how it was resolved"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["follow_up_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False, owner_organisatie__isnull=True)
                | Q(owner__isnull=True, owner_organisatie__isnull=False),
                name="signaal_one_owner",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["owner_organisatie", "status"]),
            models.Index(fields=["dossier", "domein"]),
            models.Index(fields=["status", "follow_up_on"]),
        ]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        self.domein = domein_of(self.leefgebied)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("signaal_detail", kwargs={"signaal_id": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_SIGNAAL_STATUSES

    @property
    def owner_display(self) -> str:
        """The owner's name: a colleague's full name, or the partner organisation's."""
        if self.owner is not None:
            return self.owner.get_full_name() or self.owner.username
        return str(self.owner_organisatie)


class HerinneringSoort(models.TextChoices):
    GESPREK = "gesprek", _("Progress talk due")
    SIGNAAL = "signaal", _("Signal follow-up passed")
    PIP_TERMIJN = "pip_termijn", _("PIP deadline")
    SCHAKELEN = "schakelen", _("Switching window closing")
    TERMIJN_EINDE = "termijn_einde", _("Integration term ending")
    NOTITIE = "notitie", _("Progress note from a chain partner")
    AFSPRAAK = "afspraak", _("Agreement past its date")
    WACHTRIJ = "wachtrij", _("Waiting for a regisseur")
    ONTZORGEN = "ontzorgen", _("Financial unburdening ending")


class Herinnering(ChoiceLabels, models.Model):
    """A reminder for one user about one cause; the daily job creates it once per cause.

    ``cause`` names the cause with its date (a talk moved to another day is a new cause). A
    reminder is resolved when its cause no longer holds and dismissed when its user says so;
    either way the row stays, so the job never creates it again.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="herinneringen"
    )
    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(_("kind"), max_length=20, choices=HerinneringSoort.choices)
    cause = models.CharField(max_length=100)
    due_on = models.DateField(_("due on"))
    gesprek = models.ForeignKey(
        Voortgangsgesprek, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    signaal = models.ForeignKey(
        Signaal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    notitie = models.ForeignKey(
        Voortgangsnotitie, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    afspraak = models.ForeignKey(
        Afspraak, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cause", "recipient"], name="herinnering_per_cause")
        ]
        indexes = [
            models.Index(
                fields=["recipient", "due_on"],
                condition=Q(resolved_at__isnull=True, dismissed_at__isnull=True),
                name="herinnering_open",
            )
        ]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return f"{self.get_soort_display()} ({self.due_on:%d-%m-%Y})"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None and self.dismissed_at is None


class DeliveryCheck(models.Model):
    """The completeness check of one gemeente's quarter as last run (by a Celery task, on the
    contactpersoon's request, every night in the delivery's weeks, and at each release): the
    page shows it with its moment instead of reading every record on every view. ``people``
    holds ``[dossier_id, [problem code, ...]]`` for those with something to put right."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    requested_at = models.DateTimeField(_("requested at"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    records = models.PositiveIntegerField(_("records"), default=0)
    open_points = models.PositiveIntegerField(_("points open"), default=0)
    people = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("completeness check")
        verbose_name_plural = _("completeness checks")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "year", "quarter"], name="deliverycheck_quarter"
            ),
        ]

    def __str__(self):
        return f"{self.gemeente_id} {self.year}-K{self.quarter}"

    @property
    def running(self) -> bool:
        """Asked for and not done since."""
        return self.requested_at is not None and (
            self.checked_at is None or self.checked_at < self.requested_at
        )


class Kwartaallevering(ChoiceLabels, models.Model):
    """A released quarterly delivery for the Statistiek Wet Inburgering (glossary:
    Kwartaallevering): the file is frozen and hashed when the contactpersoon releases it, and
    never changed; a correction is a new version beside it."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(n, f"K{n}") for n in range(1, 5)]
    )
    version = models.PositiveSmallIntegerField(_("delivery"))
    file = models.FileField(storage=private_storage, upload_to="kwartaallevering/")
    sha256 = models.CharField(max_length=64)
    records = models.PositiveIntegerField(_("records"))
    open_problems = models.PositiveIntegerField(_("points still open"))
    note = models.TextField(_("why this delivery replaces the previous one"), blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(_("released at"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-quarter", "gemeente", "-version"]
        verbose_name = _("quarterly delivery")
        verbose_name_plural = _("quarterly deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "year", "quarter", "version"], name="kwartaallevering_version"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="kwartaallevering_quarter"
            ),
        ]
        permissions = [
            ("release_kwartaallevering", "Can check and release the quarterly delivery"),
        ]

    def __str__(self):
        return f"{self.gemeente} {self.year}-K{self.quarter} ({self.version})"


class MonitorCut(models.Model):
    """The cut every row of the monitor's read model carries, so a figure filters on its own
    columns (``MonitorFilter.facts``): the dossier's gemeente, team, doelgroep, regime and
    cohort (the quarter its duty started, or of the kennisgeving)."""

    gemeente_id = models.BigIntegerField()
    team_id = models.BigIntegerField(null=True)
    doelgroep = models.CharField(max_length=30)
    regime = models.CharField(max_length=30)
    cohort_quarter = models.DateField(null=True)

    class Meta:
        abstract = True


class MonitorDossier(MonitorCut):
    """One row per dossier with the dates the monitor counts from, worked out once from the
    intake, plan and progress tables: a materialized view whose SQL is in
    ``voortgang.monitor.facts``, renewed there; never written by the app. docs/monitor.md."""

    dossier_id = models.BigIntegerField(primary_key=True)
    regisseur_id = models.BigIntegerField(null=True)
    status = models.CharField(max_length=30)
    trigger_on = models.DateField(null=True)  # the later of kennisgeving and BRP
    datum_koppeling = models.DateField(null=True)
    datum_brp_inschrijving = models.DateField(null=True)
    intake_start = models.DateField(null=True)  # the first intake session held
    intake_completed_on = models.DateField(null=True)
    pip_fixed_on = models.DateField(null=True)  # the first fixed version, handed over or not
    first_pip_on = models.DateField(null=True)  # the first PIP decided here
    first_pip_leerroute = models.CharField(max_length=30)
    uitvoering_on = models.DateField(null=True)  # the first module, talk held or exam
    afgerond_on = models.DateField(null=True)
    ontzorgen_start = models.DateField(null=True)
    ontzorgen_planned_end = models.DateField(null=True)
    ontzorgen_early_end = models.DateField(null=True)  # bijstand or the duty ended
    termijn_einde = models.DateField(null=True)

    class Meta:
        managed = False
        db_table = "voortgang_monitor_dossier"

    def __str__(self):
        return f"monitor: dossier {self.dossier_id}"


class MonitorCount(MonitorCut):
    """Events counted per quarter and per cut: modules started and ended, exams, warnings and
    fines, DUO's decisions, route changes; open signals and reminders per due day. A
    materialized view like ``MonitorDossier``."""

    id = models.BigIntegerField(primary_key=True)  # the row's place: nothing refers to it
    kind = models.CharField(max_length=30)
    detail = models.CharField(max_length=40)
    outcome = models.CharField(max_length=30)
    day = models.DateField(null=True)  # the quarter's first day; the due day of open items
    n = models.BigIntegerField()

    class Meta:
        managed = False
        db_table = "voortgang_monitor_count"

    def __str__(self):
        return f"monitor: {self.kind} {self.detail} {self.day}: {self.n}"


class MonitorRefresh(models.Model):
    """When the monitor's read model was last renewed, and how long it took."""

    refreshed_at = models.DateTimeField(_("figures of"))
    seconds = models.FloatField()

    class Meta:
        verbose_name = _("monitor refresh")

    def __str__(self):
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
