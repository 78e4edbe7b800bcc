"""The brede intake (Wi2021 art. 14): sessions, findings per leefgebied, the
leerbaarheidstoets, invitations with their no-show consequences, and the route advice."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from inburgering.choices import ChoiceLabels, Domein, Leefgebied, Leerroute, Opkomst, Taalniveau
from inburgering.languages import LANGUAGE_CHOICES
from inburgering.models import Bijeenkomst, Inburgeraar
from intake.enforcement import Gevolg


class IntakeStatus(models.TextChoices):
    NIET_GESTART = "niet_gestart", _("Not started")
    LOPEND = "lopend", _("Ongoing")
    AFGEROND = "afgerond", _("Completed")


class BredeIntake(ChoiceLabels, models.Model):
    """One broad intake per dossier; it ends in a route advice the PIP starts from."""

    dossier = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="brede_intake"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=IntakeStatus.choices, default=IntakeStatus.LOPEND
    )
    advised_leerroute = models.CharField(
        _("advised learning route"), max_length=20, choices=Leerroute.choices, blank=True
    )
    advice_reasoning = models.TextField(_("reasoning of the advice"), blank=True)
    deviation_motivation = models.TextField(
        _("why the advice departs from the learnability test"), blank=True
    )
    health_in_client_pdf = models.BooleanField(
        _("the person agreed that health findings appear in their printed plan"), default=False
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("broad intake")
        verbose_name_plural = _("broad intakes")

    def __str__(self):
        return f"{self._meta.verbose_name}: {self.dossier}"


class Klantprofiel(models.Model):
    """What the COA knows at koppeling (glossary: Klantprofiel; domain.md §2, step 4): a
    dossier can be opened for the koppelgemeente before the person is housed, and the brede
    intake starts from this. Health signals are special-category data (AVG art. 9): shown to
    the caseload only, never to a partner, never in a handover (``SPECIAL_CATEGORY_FIELDS``)."""

    SPECIAL_CATEGORY_FIELDS = ("gezondheidssignalen",)

    dossier = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="klantprofiel"
    )
    received_on = models.DateField(_("received from the COA on"))
    opleiding = models.TextField(_("education"), blank=True)
    werkervaring = models.TextField(_("work experience"), blank=True)
    talen = ArrayField(
        models.CharField(max_length=10, choices=LANGUAGE_CHOICES),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    voorinburgering = models.BooleanField(
        _("followed voorinburgering at the COA location"), null=True, blank=True
    )
    voorinburgering_toelichting = models.TextField(
        _("what the voorinburgering covered"), blank=True
    )
    gezondheidssignalen = models.TextField(
        _("health signals"),
        blank=True,
        help_text=_(
            "Special-category data: seen by the regisseur and the team lead only, never "
            "shared with partners or sent in a handover."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("COA client profile")
        verbose_name_plural = _("COA client profiles")

    def __str__(self):
        return f"{self._meta.verbose_name}: {self.dossier}"

    @property
    def talen_labels(self) -> list[str]:
        labels = dict(LANGUAGE_CHOICES)
        return [str(labels.get(code, code)) for code in self.talen]


KLANTPROFIEL_FIELDS = [
    "received_on",
    "opleiding",
    "werkervaring",
    "talen",
    "voorinburgering",
    "voorinburgering_toelichting",
    "gezondheidssignalen",
]


class Kanaal(models.TextChoices):
    LOCATIE = "locatie", _("At the office")
    HUISBEZOEK = "huisbezoek", _("Home visit")
    TELEFOON = "telefoon", _("By phone")
    VIDEO = "video", _("Video call")


class Intakegesprek(ChoiceLabels, models.Model):
    """One conversation of the (extended) intake."""

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="gesprekken")
    held_on = models.DateField(_("date"))
    kanaal = models.CharField(_("channel"), max_length=20, choices=Kanaal.choices)
    location = models.CharField(_("location"), max_length=200, blank=True)
    present = models.CharField(
        _("who was present"),
        max_length=300,
        blank=True,
        help_text=_("For example: the person, partner, a volunteer of the social support."),
    )
    interpreter_used = models.BooleanField(_("an interpreter was used"), default=False)
    interpreter_language = models.CharField(
        _("language of the interpreter"), max_length=10, choices=LANGUAGE_CHOICES, blank=True
    )
    one_on_one_offered = models.BooleanField(
        _("a conversation without partner or others was offered"), default=False
    )
    leefgebieden = ArrayField(
        models.CharField(max_length=20, choices=Leefgebied.choices),
        verbose_name=_("life domains discussed"),
        default=list,
        blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("intake conversation")
        verbose_name_plural = _("intake conversations")

    def __str__(self):
        return f"{self._meta.verbose_name} {self.held_on:%d-%m-%Y}"

    @property
    def leefgebied_labels(self) -> list[str]:
        return [str(Leefgebied(value).label) for value in self.leefgebieden]


class Geletterdheid(models.TextChoices):
    JA = "ja", _("Reads and writes own script")
    BEPERKT = "beperkt", _("Limited")
    NEE = "nee", _("Does not read or write")


class DigitaleVaardigheid(models.TextChoices):
    GEEN = "geen", _("None")
    BASIS = "basis", _("Basic (phone, messages)")
    GOED = "goed", _("Good (computer, online forms)")


class Inkomenssituatie(models.TextChoices):
    BIJSTAND = "bijstand", _("Social assistance")
    WERK = "werk", _("Income from work")
    PARTNER = "partner", _("Partner's income")
    GEEN = "geen", _("No income")
    ANDERS = "anders", _("Other")


class Woonsituatie(models.TextChoices):
    AZC = "azc", _("Asylum reception centre")
    TIJDELIJK = "tijdelijk", _("Temporary housing")
    HUURWONING = "huurwoning", _("Rented home")
    BIJ_FAMILIE = "bij_familie", _("With family or referent")
    ANDERS = "anders", _("Other")


class Bevinding(ChoiceLabels, models.Model):
    """What the intake found in one leefgebied; tagged with its domein for partner access.

    Structured columns are used only by the leefgebied they belong to (see intake.forms).
    Physical and mental health are special-category data (AVG art. 9).
    """

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="bevindingen")
    leefgebied = models.CharField(_("life domain"), max_length=20, choices=Leefgebied.choices)
    domein = models.CharField(
        _("domain"), max_length=20, choices=Domein.choices, blank=True, editable=False
    )
    gesprek = models.ForeignKey(
        Intakegesprek,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bevindingen",
        verbose_name=_("recorded in conversation"),
    )
    current_situation = models.TextField(_("current situation"), blank=True)
    ontwikkelwensen = models.TextField(_("wishes and ambitions"), blank=True)
    aandachtspunten = models.TextField(_("points of attention"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)

    level_lezen = models.CharField(
        _("reading"), max_length=4, choices=Taalniveau.choices, blank=True
    )
    level_luisteren = models.CharField(
        _("listening"), max_length=4, choices=Taalniveau.choices, blank=True
    )
    level_schrijven = models.CharField(
        _("writing"), max_length=4, choices=Taalniveau.choices, blank=True
    )
    level_spreken = models.CharField(
        _("speaking"), max_length=4, choices=Taalniveau.choices, blank=True
    )
    geletterdheid = models.CharField(
        _("literacy in own script"), max_length=10, choices=Geletterdheid.choices, blank=True
    )
    digitale_vaardigheid = models.CharField(
        _("digital skills"), max_length=10, choices=DigitaleVaardigheid.choices, blank=True
    )
    driving_licence = models.BooleanField(_("has a driving licence"), null=True, blank=True)
    digid_requested = models.BooleanField(_("DigiD requested"), null=True, blank=True)
    physical_health = models.TextField(_("physical health"), blank=True)
    mental_health = models.TextField(_("mental health"), blank=True)
    family_situation = models.TextField(_("family situation"), blank=True)
    vve_information_given = models.BooleanField(
        _("information on early childhood education (VVE) given"), null=True, blank=True
    )
    inkomenssituatie = models.CharField(
        _("income situation"), max_length=20, choices=Inkomenssituatie.choices, blank=True
    )
    woonsituatie = models.CharField(
        _("housing situation"), max_length=20, choices=Woonsituatie.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["intake", "leefgebied"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "leefgebied"], name="bevinding_per_leefgebied"
            )
        ]
        indexes = [models.Index(fields=["intake", "domein"])]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        return f"{self.get_leefgebied_display()}: {self.intake.dossier}"

    def save(self, *args, **kwargs):
        self.domein = Leefgebied(self.leefgebied).domein or ""
        super().save(*args, **kwargs)


# Which of a finding's fields belong to which leefgebied: what its form asks and what a
# partner with that domein is shown (the narrative fields apply to every leefgebied).
NARRATIVE_FIELDS = ["current_situation", "ontwikkelwensen", "aandachtspunten", "strengths"]
LEEFGEBIED_FIELDS = {
    Leefgebied.TAAL: [
        "level_lezen",
        "level_luisteren",
        "level_schrijven",
        "level_spreken",
        "geletterdheid",
        "digitale_vaardigheid",
    ],
    Leefgebied.WERK: ["driving_licence", "digid_requested"],
    Leefgebied.INKOMEN: ["inkomenssituatie"],
    Leefgebied.WONEN: ["woonsituatie"],
    Leefgebied.JEUGD: ["family_situation", "vve_information_given"],
    Leefgebied.GEZONDHEID: ["physical_health", "mental_health"],
    Leefgebied.SOCIAAL_NETWERK: [],
}


# The fields the intake's forms ask and its services save, per model (never the row's
# parent, status or version, which the services set).
INTAKEGESPREK_FIELDS = [
    "held_on",
    "kanaal",
    "location",
    "present",
    "interpreter_used",
    "interpreter_language",
    "one_on_one_offered",
    "leefgebieden",
    "notes",
]
OPLEIDING_FIELDS = ["niveau", "years", "country", "diploma", "diploma_valuation_requested"]
WERKERVARING_FIELDS = ["profession", "years", "sector"]
KIND_FIELDS = ["given_name", "date_of_birth"]
LEERBAARHEIDSTOETS_FIELDS = [
    "taken_on",
    "indicated_route",
    "indicated_level",
    "vrijstelling",
    "vrijstelling_reason",
]
UITNODIGING_FIELDS = ["sent_on", "appointment_on"]
COMPLETION_FIELDS = [
    "advised_leerroute",
    "advice_reasoning",
    "deviation_motivation",
    "health_in_client_pdf",
]


class Opleidingsniveau(models.TextChoices):
    GEEN = "geen", _("No schooling")
    BASIS = "basis", _("Primary school")
    VOORTGEZET = "voortgezet", _("Secondary school")
    BEROEPS = "beroeps", _("Vocational education")
    HOGER_BEROEPS = "hoger_beroeps", _("Higher professional education")
    UNIVERSITAIR = "universitair", _("University")


class Opleiding(ChoiceLabels, models.Model):
    """Education followed, in the country of origin or elsewhere (art. 14 part two)."""

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="opleidingen")
    niveau = models.CharField(_("level"), max_length=20, choices=Opleidingsniveau.choices)
    years = models.PositiveSmallIntegerField(_("years"), null=True, blank=True)
    country = CountryField(_("country"), blank=True)
    diploma = models.BooleanField(_("diploma obtained"), default=False)
    diploma_valuation_requested = models.BooleanField(
        _("diploma valuation (IDW) requested"), default=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("education")
        verbose_name_plural = _("education")

    def __str__(self):
        return self.get_niveau_display()


class Werkervaring(models.Model):
    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="werkervaringen")
    profession = models.CharField(_("profession"), max_length=200)
    years = models.PositiveSmallIntegerField(_("years"), null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")

    def __str__(self):
        return self.profession


class Kind(models.Model):
    """A child in the household: ages matter for VVE and for the jeugd domain."""

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="kinderen")
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["date_of_birth", "pk"]
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self):
        return self.given_name or str(self.date_of_birth)


class Vrijstelling(models.TextChoices):
    VISUEEL = "visueel", _("Visual impairment")
    AUDITIEF = "auditief", _("Auditory impairment")


class Leerbaarheidstoets(ChoiceLabels, models.Model):
    """The learnability test's outcome, or the legal exemption (art. 14 lid 6-7 Wi2021)."""

    intake = models.OneToOneField(
        BredeIntake, on_delete=models.CASCADE, related_name="leerbaarheidstoets"
    )
    taken_on = models.DateField(_("date taken"), null=True, blank=True)
    indicated_route = models.CharField(
        _("indicated learning route"), max_length=20, choices=Leerroute.choices, blank=True
    )
    indicated_level = models.CharField(
        _("indicated level"), max_length=4, choices=Taalniveau.choices, blank=True
    )
    vrijstelling = models.CharField(
        _("exemption"), max_length=20, choices=Vrijstelling.choices, blank=True
    )
    vrijstelling_reason = models.TextField(_("reason for the exemption"), blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("learnability test")
        verbose_name_plural = _("learnability tests")

    def __str__(self):
        return f"{self._meta.verbose_name}: {self.intake.dossier}"

    @property
    def is_complete(self) -> bool:
        return bool(self.vrijstelling or (self.taken_on and self.indicated_route))


class Uitnodiging(ChoiceLabels, models.Model):
    """An invitation to the intake; a no-show escalates (warning, fine) per enforcement rules."""

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="uitnodigingen")
    # The appointment it invites to, when planned in the app: its date and attendance follow
    # the appointment (``intake.services.follow_bijeenkomst``).
    bijeenkomst = models.OneToOneField(
        Bijeenkomst,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uitnodiging",
        verbose_name=_("appointment"),
    )
    sent_on = models.DateField(_("sent on"))
    appointment_on = models.DateField(_("appointment on"))
    opkomst = models.CharField(
        _("attendance"), max_length=20, choices=Opkomst.choices, default=Opkomst.OPEN
    )
    gevolg = models.CharField(_("consequence"), max_length=20, choices=Gevolg.choices, blank=True)
    gevolg_on = models.DateField(_("consequence decided on"), null=True, blank=True)
    fine_eur = models.PositiveIntegerField(_("fine (EUR)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["appointment_on", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self._meta.verbose_name} {self.appointment_on:%d-%m-%Y}"
