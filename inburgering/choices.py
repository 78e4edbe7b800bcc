"""The fixed vocabularies of the domain (see the glossary); one name per term everywhere."""

import functools

from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


class Domein(models.TextChoices):
    """The domains a chain partner can be given access to."""

    WERK = "werk", _("Work")
    INKOMEN = "inkomen", _("Income")
    JEUGD = "jeugd", _("Youth")
    WONEN = "wonen", _("Housing")


class ChoiceLabels:
    """A model's ``get_FOO_display`` from a table of labels kept per field. Django's own
    builds a dict of every choice on each call, translating every lazy label to hash it: the
    29 languages of an interpreter field on each line of a week of appointments took a
    quarter of the page. Put before ``models.Model`` in the bases, so the fields find it."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        if not isinstance(field.choices, list | tuple):  # computed per language (countries)
            return super()._get_FIELD_display(field)
        try:
            label = _labels(field).get(value, value)
        except TypeError:  # a value that cannot be a key: Django's way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


@functools.cache
def _labels(field) -> dict:
    return dict(field.flatchoices)


def label_of(choices: type[models.Choices], value) -> str:
    """The label of a stored value, as ``get_FOO_display`` gives it: the value itself when it
    is no choice (any more)."""
    return str(dict(choices.choices).get(value, value))


def domein_labels(values) -> list[str]:
    """The names of these domeinen, in their fixed order."""
    return [str(domein.label) for domein in Domein if domein.value in values]


class Leefgebied(models.TextChoices):
    """Life domains of intake, plan and progress; four of them are also a Domein."""

    TAAL = "taal", _("Language")
    WERK = "werk", _("Work and participation")
    INKOMEN = "inkomen", _("Income and finances")
    WONEN = "wonen", _("Housing")
    JEUGD = "jeugd", _("Family and children")
    GEZONDHEID = "gezondheid", _("Health")
    SOCIAAL_NETWERK = "sociaal_netwerk", _("Social network")

    @property
    def domein(self) -> Domein | None:
        """The partner domain this life domain falls under, if any."""
        return Domein(self.value) if self.value in Domein.values else None


class Doelgroep(models.TextChoices):
    ASIELSTATUSHOUDER = "asielstatushouder", _("Asylum permit holder")
    GEZINSMIGRANT = "gezinsmigrant", _("Family migrant")
    OVERIGE_MIGRANT = "overige_migrant", _("Other migrant")


class Regime(models.TextChoices):
    WI2013 = "wi2013", _("Civic Integration Act 2013")
    WI2021 = "wi2021", _("Civic Integration Act 2021")


class DossierStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Registered")
    INTAKE = "intake", _("Intake")
    PLAN = "plan", _("Plan")
    UITVOERING = "uitvoering", _("In progress")
    AFGEROND = "afgerond", _("Completed")
    VERHUISD = "verhuisd", _("Moved away")
    UITGESCHREVEN = "uitgeschreven", _("Deregistered")


ENDED_STATUSES = (DossierStatus.AFGEROND, DossierStatus.VERHUISD, DossierStatus.UITGESCHREVEN)

# Before the plan is fixed the PIP deadline runs; a running dossier still has work to do.
PRE_PLAN_STATUSES = (DossierStatus.AANGEMELD, DossierStatus.INTAKE, DossierStatus.PLAN)
RUNNING_STATUSES = (*PRE_PLAN_STATUSES, DossierStatus.UITVOERING)


class Role(models.TextChoices):
    """The user roles; each is a Django group with this name."""

    REGISSEUR = "regisseur", _("Integration coach")
    TEAMLEIDER = "teamleider", _("Team lead")
    KETENPARTNER = "ketenpartner", _("Chain partner")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
    BELEIDSMEDEWERKER = "beleidsmedewerker", _("Policy officer")
    # Added to a teamleider or beleidsmedewerker: releases the quarterly delivery to CBS.
    CONTACTPERSOON = "contactpersoon_inburgering", _("Contact person for civic integration")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Application manager")


class TeamRole(models.TextChoices):
    REGISSEUR = "regisseur", _("Integration coach")
    TEAMLEIDER = "teamleider", _("Team lead")


class Leerroute(models.TextChoices):
    """The three learning routes of the Wi2021 (art. 7)."""

    B1 = "b1", _("B1 route")
    ONDERWIJS = "onderwijs", _("Education route")
    Z = "z", _("Self-reliance route (Z route)")


class Taalniveau(models.TextChoices):
    """CEFR levels used for language skills and route targets."""

    GEEN = "geen", _("None")
    A0 = "a0", _("Below A1")
    A1 = "a1", "A1"
    A2 = "a2", "A2"
    B1 = "b1", "B1"
    B2 = "b2", "B2"
    C1 = "c1", _("C1 or higher")


LEEFGEBIED_ORDER = {leefgebied.value: index for index, leefgebied in enumerate(Leefgebied)}


class Grondslag(models.TextChoices):
    """The legal ground of a share (glossary: Grondslag)."""

    TOESTEMMING = "toestemming", _("Consent of the person")
    WETTELIJKE_TAAK = "wettelijke_taak", _("Statutory task")


class ToestemmingWijze(models.TextChoices):
    """How the person gave consent; the proof the AVG asks for (art. 7)."""

    SCHRIFTELIJK = "schriftelijk", _("In writing, signed form in the file")
    DIGITAAL = "digitaal", _("Digitally")
    MONDELING = "mondeling", _("Verbally, recorded by the regisseur")


class ExportKind(models.TextChoices):
    INZAGE = "inzage", _("Subject access (AVG art. 15)")
    OVERDRACHT = "overdracht", _("Handover to another municipality")


class RenderStatus(models.TextChoices):
    """A file made by a Celery task: the printed plan, an export."""

    PENDING = "pending", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Stopped")


class Verblijfsvergunning(models.TextChoices):
    """The residence permit type: decides ontzorgen, since a nareiziger with a regular permit
    is an asylum permit holder for the Wi2021 but not under Pw art. 56a (domain.md §1)."""

    ASIEL = "asiel", _("Asylum permit (temporary)")
    REGULIER = "regulier", _("Regular permit")


class Examenonderdeel(models.TextChoices):
    """The exam parts of the learning record and of DUO's decisions (GGM names)."""

    LEZEN = "lezen", _("Reading")
    LUISTEREN = "luisteren", _("Listening")
    SCHRIJVEN = "schrijven", _("Writing")
    SPREKEN = "spreken", _("Speaking")
    KNM = "knm", _("Knowledge of Dutch society (KNM)")


class DuoBesluitSoort(models.TextChoices):
    """DUO's decisions on the duty (domain.md §2a, §2b)."""

    VERLENGING = "verlenging", _("Extension of the term")
    ONTHEFFING = "ontheffing", _("Release from the duty")
    VRIJSTELLING = "vrijstelling", _("Exemption")
    BOETE = "boete", _("Fine with a new term")


class Opkomst(models.TextChoices):
    """Whether the person came to an appointment (an intake invitation's no-show escalates,
    domain.md §2b). ``vervallen``: the municipality cancelled it, so nobody failed to come."""

    OPEN = "open", _("Not yet known")
    VERSCHENEN = "verschenen", _("Attended")
    NIET_VERSCHENEN = "niet_verschenen", _("Did not attend")
    AFGEMELD = "afgemeld", _("Cancelled with a valid reason")
    VERVALLEN = "vervallen", _("Cancelled by the municipality")


# What a user records after an appointment (the other two are where it starts and a cancel).
ATTENDANCE_OUTCOMES = (Opkomst.VERSCHENEN, Opkomst.NIET_VERSCHENEN, Opkomst.AFGEMELD)


class BijeenkomstSoort(models.TextChoices):
    BREDE_INTAKE = "brede_intake", _("Broad intake conversation")
    PLAN = "plan", _("Talk about the plan")
    VOORTGANGSGESPREK = "voortgangsgesprek", _("Progress talk")
    OVERIG = "overig", _("Other meeting")


class BriefSoort(models.TextChoices):
    UITNODIGING_INTAKE = "uitnodiging_intake", _("Invitation for the broad intake")
    HERINNERING = "herinnering", _("Reminder of an appointment")
    WAARSCHUWING = "waarschuwing", _("Written warning after a missed intake")
    UITNODIGING_VOORTGANG = "uitnodiging_voortgang", _("Invitation for a progress talk")
    BIJ_PIP = "bij_pip", _("Letter with the plan (PIP)")
    ONTZORGEN = "ontzorgen", _("Letter with the decision on ontzorgen")
