"""The PIP (Wi2021 art. 15): a formal decision, versioned. A vastgestelde version is never
edited again; a change is a new concept version with a reason."""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inburgering import awb
from inburgering.choices import (
    ChoiceLabels,
    Domein,
    DuoBesluitSoort,
    Examenonderdeel,
    Leefgebied,
    Leerroute,
    RenderStatus,
    Taalniveau,
)
from inburgering.languages import LETTER_LANGUAGE_CHOICES
from inburgering.models import Inburgeraar, Organisatie, private_storage


class Pip(models.Model):
    """One plan per dossier; its versions carry the content."""

    dossier = models.OneToOneField(Inburgeraar, on_delete=models.CASCADE, related_name="pip")
    termijn_start = models.DateField(
        _("start of the integration term"),
        null=True,
        blank=True,
        help_text=_("The day after the first fixed version's date; later versions never move it."),
    )
    termijn_einde = models.DateField(
        _("end of the integration term"),
        null=True,
        blank=True,
        help_text=_("As DUO's decisions left it; kept by the services, read by the monitor."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("personal plan (PIP)")
        verbose_name_plural = _("personal plans (PIP)")

    def __str__(self):
        return f"PIP {self.dossier}"


class VersieStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    VASTGESTELD = "vastgesteld", _("Fixed")


class WijzigingReden(models.TextChoices):
    SCHAKELEN = "schakelen", _("Switching learning route")
    AFSCHALEN = "afschalen", _("Lowering to A2")
    VERHUIZING = "verhuizing", _("Move to another municipality")
    BEZWAAR = "bezwaar", _("Objection (bezwaar)")
    GEWIJZIGDE_OMSTANDIGHEDEN = "gewijzigde_omstandigheden", _("Changed circumstances")
    ANDERS = "anders", _("Other")


class Hoofddoel(models.TextChoices):
    WERK = "werk", _("Work")
    ONDERWIJS = "onderwijs", _("Education")
    PARTICIPATIE = "participatie", _("Participation")


class PipVersie(ChoiceLabels, models.Model):
    """One version of the plan: a concept until vastgesteld, then frozen."""

    pip = models.ForeignKey(Pip, on_delete=models.CASCADE, related_name="versies")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersieStatus.choices, default=VersieStatus.CONCEPT
    )
    reden = models.CharField(
        _("reason for the change"), max_length=30, choices=WijzigingReden.choices, blank=True
    )
    reden_toelichting = models.TextField(_("explanation of the change"), blank=True)
    dagtekening = models.DateField(_("date of the decision"), null=True, blank=True)
    vastgesteld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fixed by"),
    )
    vastgesteld_at = models.DateTimeField(_("fixed at"), null=True, blank=True)

    leerroute = models.CharField(
        _("learning route"), max_length=20, choices=Leerroute.choices, blank=True
    )
    niveau_lezen = models.CharField(
        _("target level reading"), max_length=4, choices=Taalniveau.choices, blank=True
    )
    niveau_luisteren = models.CharField(
        _("target level listening"), max_length=4, choices=Taalniveau.choices, blank=True
    )
    niveau_schrijven = models.CharField(
        _("target level writing"), max_length=4, choices=Taalniveau.choices, blank=True
    )
    niveau_spreken = models.CharField(
        _("target level speaking"), max_length=4, choices=Taalniveau.choices, blank=True
    )
    knm = models.BooleanField(_("KNM exam part of the plan"), default=True)
    taalschool = models.CharField(_("language school"), max_length=200, blank=True)
    taal_contract = models.CharField(_("contract reference"), max_length=100, blank=True)
    taal_uren_per_week = models.PositiveSmallIntegerField(
        _("lesson hours per week"), null=True, blank=True
    )
    map_intensiteit = models.CharField(_("MAP intensity"), max_length=200, blank=True)
    pvt_intensiteit = models.CharField(_("PVT intensity"), max_length=200, blank=True)
    begeleiding = models.TextField(_("guidance and support"), blank=True)
    randvoorwaarden = models.TextField(
        _("preconditions"), blank=True, help_text=_("For example childcare.")
    )
    voortgang_frequentie_weken = models.PositiveSmallIntegerField(
        _("progress talk every (weeks)"), default=12
    )
    hoofddoel = models.CharField(
        _("main goal"), max_length=20, choices=Hoofddoel.choices, blank=True
    )
    loopbaanperspectief = models.TextField(_("long-term career perspective"), blank=True)
    vorige_gemeente = models.CharField(
        _("decided by the previous municipality"),
        max_length=100,
        blank=True,
        help_text=_("Filled in for a version received in a handover; never printed here."),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pip", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["pip", "number"], name="pip_versie_number"),
            models.UniqueConstraint(
                fields=["pip"],
                condition=Q(status="concept"),
                name="pip_one_concept",
            ),
        ]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self):
        return f"{self.pip} v{self.number}"

    @property
    def is_concept(self) -> bool:
        return self.status == VersieStatus.CONCEPT

    @property
    def made_known_on(self) -> datetime.date | None:
        """The day the version was handed over or sent, or its dagtekening while that is not
        recorded (read with ``select_related("bekendmaking")``)."""
        bekendmaking = getattr(self, "bekendmaking", None)
        return bekendmaking.made_known_on if bekendmaking else self.dagtekening

    @property
    def objection_deadline(self) -> datetime.date | None:
        return awb.objection_deadline(self.made_known_on) if self.made_known_on else None


# The plan's content: edited in the concept form, copied into a new concept, compared in diffs.
PLAN_CONTENT_FIELDS = [
    "leerroute",
    "niveau_lezen",
    "niveau_luisteren",
    "niveau_schrijven",
    "niveau_spreken",
    "knm",
    "taalschool",
    "taal_contract",
    "taal_uren_per_week",
    "map_intensiteit",
    "pvt_intensiteit",
    "hoofddoel",
    "loopbaanperspectief",
    "begeleiding",
    "randvoorwaarden",
    "voortgang_frequentie_weken",
]
# The fields a section's form asks and the plan's services save (a section's afspraken too).
SECTIE_FIELDS = ["situatie", "doelen"]
AFSPRAAK_FIELDS = ["wat", "wie", "organisatie", "uiterlijk", "status"]


class DuoBesluit(ChoiceLabels, models.Model):
    """A decision of DUO on the duty (domain.md §2a, §2b): a verlenging extends the termijn,
    a fine starts a new one, an ontheffing or vrijstelling releases from the whole duty or
    from exam parts. Recorded by the municipality from DUO's letter; never edited, a
    mistaken row is withdrawn (kept in the history)."""

    dossier = models.ForeignKey(Inburgeraar, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(_("decision"), max_length=20, choices=DuoBesluitSoort.choices)
    dagtekening = models.DateField(_("date of DUO's decision"))
    grond = models.CharField(_("ground"), max_length=300)
    verwijtbaar = models.BooleanField(_("DUO found the person to blame"), null=True, blank=True)
    maanden = models.PositiveSmallIntegerField(_("extended by (months)"), null=True, blank=True)
    onderdelen = ArrayField(
        models.CharField(max_length=20, choices=Examenonderdeel.choices),
        verbose_name=_("exam parts"),
        default=list,
        blank=True,
        help_text=_("None chosen: the whole duty."),
    )
    bedrag_eur = models.PositiveIntegerField(_("fine (euros)"), null=True, blank=True)
    nieuwe_einddatum = models.DateField(_("end of the new term"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dagtekening", "pk"]
        verbose_name = _("DUO decision")
        verbose_name_plural = _("DUO decisions")
        indexes = [models.Index(fields=["dossier", "dagtekening"])]
        constraints = [
            # Each kind carries exactly the figures its letter states.
            models.CheckConstraint(
                condition=(
                    Q(soort="verlenging", maanden__gt=0, bedrag_eur=None, nieuwe_einddatum=None)
                    | Q(
                        soort="boete",
                        maanden=None,
                        bedrag_eur__gt=0,
                        nieuwe_einddatum__isnull=False,
                    )
                    | Q(
                        soort__in=["ontheffing", "vrijstelling"],
                        maanden=None,
                        bedrag_eur=None,
                        nieuwe_einddatum=None,
                    )
                ),
                name="duobesluit_figures_of_its_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.dagtekening:%d-%m-%Y}"

    @property
    def onderdelen_labels(self) -> list[str]:
        return [str(Examenonderdeel(onderdeel).label) for onderdeel in self.onderdelen]


# The fields of DUO's decision as its form asks them (and a handover carries them).
DUO_BESLUIT_FIELDS = [
    "soort",
    "dagtekening",
    "grond",
    "verwijtbaar",
    "maanden",
    "onderdelen",
    "bedrag_eur",
    "nieuwe_einddatum",
]


class OntzorgItem(models.TextChoices):
    HUUR = "huur", _("Rent")
    ENERGIE = "energie", _("Energy")
    WATER = "water", _("Water")
    ZORGVERZEKERING = "zorgverzekering", _("Health insurance")


class Ontzorging(models.Model):
    """Financial unburdening (Pw art. 56a) for asylum permit holders on social assistance."""

    versie = models.OneToOneField(PipVersie, on_delete=models.CASCADE, related_name="ontzorging")
    items = ArrayField(
        models.CharField(max_length=20, choices=OntzorgItem.choices),
        verbose_name=_("paid on the person's behalf"),
        default=list,
    )
    machtiging_getekend_op = models.DateField(_("authorisation signed on"), null=True, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    geplande_einddatum = models.DateField(_("planned end"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financial unburdening")
        verbose_name_plural = _("financial unburdening")

    def __str__(self):
        return f"{self._meta.verbose_name}: {self.versie}"

    def get_items_display(self) -> list[str]:
        labels = dict(OntzorgItem.choices)
        return [str(labels[item]) for item in self.items]


class Sectie(ChoiceLabels, models.Model):
    """The plan for one leefgebied; sections of a domein are what partners may be shown."""

    versie = models.ForeignKey(PipVersie, on_delete=models.CASCADE, related_name="secties")
    leefgebied = models.CharField(_("life domain"), max_length=20, choices=Leefgebied.choices)
    domein = models.CharField(
        _("domain"), max_length=20, choices=Domein.choices, blank=True, editable=False
    )
    situatie = models.TextField(_("situation"), blank=True)
    doelen = models.TextField(_("goals"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["versie", "leefgebied"]
        constraints = [
            models.UniqueConstraint(fields=["versie", "leefgebied"], name="sectie_per_leefgebied")
        ]
        indexes = [models.Index(fields=["versie", "domein"])]
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")

    def __str__(self):
        return f"{self.get_leefgebied_display()} ({self.versie})"

    def save(self, *args, **kwargs):
        self.domein = Leefgebied(self.leefgebied).domein or ""
        super().save(*args, **kwargs)


class Uitvoerder(models.TextChoices):
    INBURGERAAR = "inburgeraar", _("The person")
    GEMEENTE = "gemeente", _("The municipality")
    PARTNER = "partner", _("A chain partner")


class AfspraakStatus(models.TextChoices):
    OPEN = "open", _("Open")
    LOPEND = "lopend", _("Ongoing")
    GEDAAN = "gedaan", _("Done")
    VERVALLEN = "vervallen", _("Cancelled")


OPEN_AFSPRAAK_STATUSES = (AfspraakStatus.OPEN, AfspraakStatus.LOPEND)


class Afspraak(ChoiceLabels, models.Model):
    """An agreed action in a section: what, who, by when."""

    sectie = models.ForeignKey(Sectie, on_delete=models.CASCADE, related_name="afspraken")
    wat = models.TextField(_("what"))
    wie = models.CharField(_("who"), max_length=20, choices=Uitvoerder.choices)
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="afspraken",
        verbose_name=_("chain partner organisation"),
    )
    uiterlijk = models.DateField(_("by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AfspraakStatus.choices, default=AfspraakStatus.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["uiterlijk", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.wat[:60]

    @property
    def past_due(self) -> bool:
        """Not done or cancelled, and its date has passed: the plan page marks it."""
        return (
            self.uiterlijk is not None
            and self.status in OPEN_AFSPRAAK_STATUSES
            and self.uiterlijk < timezone.localdate()
        )


# Kept under this name: the first migration refers to it.
_private_storage = private_storage


class PipDocument(ChoiceLabels, models.Model):
    """The printed plan of one state of a version; one file per (version, lock_version)."""

    versie = models.ForeignKey(PipVersie, on_delete=models.CASCADE, related_name="documenten")
    versie_lock_version = models.PositiveIntegerField()
    # What the print says besides the version: the termijn's end, which DUO's decisions move.
    termijn_einde = models.DateField(null=True, blank=True)
    concept = models.BooleanField(default=False)
    # The language of the summary page ("Uw plan in het kort"); empty: none.
    summary_language = models.CharField(
        _("summary in"), max_length=10, choices=LETTER_LANGUAGE_CHOICES, blank=True
    )
    status = models.CharField(
        max_length=20, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    file = models.FileField(storage=_private_storage, upload_to="pip/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    rendered_at = models.DateTimeField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["versie", "versie_lock_version", "termijn_einde", "summary_language"],
                name="pip_document_per_state",
                nulls_distinct=False,
            )
        ]
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")

    def __str__(self):
        return f"PDF {self.versie}"


class BekendmakingWijze(models.TextChoices):
    UITGEREIKT = "uitgereikt", _("Handed over in person")
    POST = "post", _("Sent by post")
    DIGITAAL = "digitaal", _("Sent digitally")


class Bekendmaking(ChoiceLabels, models.Model):
    """How and when a fixed version was made known to the person (art. 3:41 Awb): handed over
    or sent, and whether they signed for receipt. The objection term runs from the day after
    (``inburgering.awb``)."""

    versie = models.OneToOneField(PipVersie, on_delete=models.CASCADE, related_name="bekendmaking")
    wijze = models.CharField(_("how"), max_length=20, choices=BekendmakingWijze.choices)
    made_known_on = models.DateField(_("date handed over or sent"))
    receipt_signed = models.BooleanField(_("the person signed for receipt"), default=False)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("making the plan known")
        verbose_name_plural = _("making the plan known")

    def __str__(self):
        return f"{self.get_wijze_display()} {self.made_known_on:%d-%m-%Y}"


BEKENDMAKING_FIELDS = ["wijze", "made_known_on", "receipt_signed", "note"]


class BezwaarUitkomst(models.TextChoices):
    ONGEGROND = "ongegrond", _("Unfounded: the decision stands")
    GEGROND = "gegrond", _("Founded: a new decision")
    DEELS_GEGROND = "deels_gegrond", _("Partly founded: a new decision")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Not admissible")
    INGETROKKEN = "ingetrokken", _("Withdrawn by the person")


# The outcomes that change the plan: the college takes a new decision (art. 7:11 Awb).
NEW_DECISION = (BezwaarUitkomst.GEGROND, BezwaarUitkomst.DEELS_GEGROND)


class Bezwaar(ChoiceLabels, models.Model):
    """An objection against a fixed version (the PIP is a beschikking). Its terms come from
    the day the version was made known (``PipVersie.made_known_on``); an outcome that asks for
    a new decision starts a plan change with reason ``bezwaar``."""

    versie = models.ForeignKey(PipVersie, on_delete=models.CASCADE, related_name="bezwaren")
    received_on = models.DateField(_("date received"))
    grounds = models.TextField(_("what the objection is about"), blank=True)
    committee = models.BooleanField(
        _("an advisory committee hears it"),
        default=False,
        help_text=_("The college then has twelve weeks to decide instead of six."),
    )
    uitkomst = models.CharField(
        _("outcome"), max_length=20, choices=BezwaarUitkomst.choices, blank=True
    )
    decided_on = models.DateField(_("date of the decision on the objection"), null=True, blank=True)
    uitkomst_toelichting = models.TextField(_("explanation of the outcome"), blank=True)
    wijziging = models.ForeignKey(
        PipVersie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan change it started"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.CheckConstraint(
                condition=Q(uitkomst="", decided_on=None)
                | (~Q(uitkomst="") & Q(decided_on__isnull=False)),
                name="bezwaar_outcome_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.received_on:%d-%m-%Y}"

    @property
    def in_time(self) -> bool:
        made_known_on = self.versie.made_known_on
        return made_known_on is None or awb.objection_in_time(self.received_on, made_known_on)

    @property
    def decision_deadline(self) -> datetime.date | None:
        made_known_on = self.versie.made_known_on
        if made_known_on is None:
            return None
        return awb.decision_deadline(made_known_on, committee=self.committee)


BEZWAAR_FIELDS = ["received_on", "grounds", "committee"]
BEZWAAR_OUTCOME_FIELDS = ["uitkomst", "decided_on", "uitkomst_toelichting"]
