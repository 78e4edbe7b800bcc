"""Forms of the dossier pages: they parse and validate input; the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from inburgering import plausibility
from inburgering.choices import (
    ENDED_STATUSES,
    Doelgroep,
    DossierStatus,
    Regime,
    Verblijfsvergunning,
)
from inburgering.dossier.rules import waarneming_period_problems
from inburgering.dossier.selectors import (
    CASELOAD_SORTS,
    DEFAULT_SORT,
    NO_REGISSEUR,
    CaseloadFilter,
)
from inburgering.law import regime_for_duty_start
from inburgering.models import (
    CONTACT_FIELDS,
    PERSONAL_DATA_FIELDS,
    ContactDetails,
    Gemeente,
    Inburgeraar,
    Team,
)
from inburgering.numbers import parse_int
from inburgering.validators import compact_number, normal_phone, normal_postcode
from inburgering.web.form_rendering import UtrechtFormMixin
from inburgering.web.forms import DATE_WIDGET, VersionedFormMixin

SORT_LABELS = {
    "name": _("Name (A–Z)"),
    "-name": _("Name (Z–A)"),
    "birth": _("Date of birth (oldest first)"),
    "-birth": _("Date of birth (youngest first)"),
    "status": _("Status"),
    "-created": _("Newest dossier first"),
    "created": _("Oldest dossier first"),
}


class CaseloadFilterForm(UtrechtFormMixin, forms.Form):
    mark_optional = False

    q = forms.CharField(label=_("Search by name or BSN"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *DossierStatus.choices]
    )
    doelgroep = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("All")), *Doelgroep.choices]
    )
    gemeente = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Gemeente.objects.all(),
        empty_label=_("All"),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, SORT_LABELS[key]) for key in CASELOAD_SORTS],
    )

    assigned_to = forms.ChoiceField(label=_("Regisseur"), required=False)

    def __init__(self, *args, regisseurs=None, **kwargs):
        """``regisseurs``: a teamleider's team members, to filter the caseload by; without
        them the form has no filter by regisseur."""
        super().__init__(*args, **kwargs)
        if regisseurs is None:
            del self.fields["assigned_to"]
            return
        self.fields["assigned_to"].choices = [
            ("", _("All")),
            (NO_REGISSEUR, _("Not assigned")),
            *((str(user.pk), str(user)) for user in regisseurs),
        ]

    def to_filter(self) -> CaseloadFilter:
        """The filter to apply; invalid input falls back to no filter rather than an error."""
        data = self.cleaned_data if self.is_valid() else {}
        gemeente = data.get("gemeente")
        return CaseloadFilter(
            query=(data.get("q") or "").strip(),
            status=data.get("status") or "",
            doelgroep=data.get("doelgroep") or "",
            gemeente_id=gemeente.pk if gemeente else None,
            regisseur=data.get("assigned_to") or "",
            sort=data.get("sort") or DEFAULT_SORT,
        )


class PersonalDataForm(UtrechtFormMixin, forms.ModelForm):
    """The personal data of a dossier, used to register and to change it."""

    class Meta:
        model = Inburgeraar
        fields = PERSONAL_DATA_FIELDS
        widgets = {
            "date_of_birth": DATE_WIDGET,
            "datum_start_inburgeringsplicht": DATE_WIDGET,
            "datum_kennisgeving": DATE_WIDGET,
            "datum_koppeling": DATE_WIDGET,
            "datum_brp_inschrijving": DATE_WIDGET,
            "datum_start_bijstand": DATE_WIDGET,
            "datum_einde_bijstand": DATE_WIDGET,
            "verblijfsvergunning": forms.RadioSelect,
            "doelgroep": forms.RadioSelect,
            "regime": forms.RadioSelect,
        }
        help_texts = {
            "regime": _(
                "Leave empty to derive it from the start of the duty: "
                "Wi2021 applies from 1 January 2022."
            ),
            "datum_koppeling": _("Only for asylum permit holders."),
            "verblijfsvergunning": _(
                "A family member who joined later (nareiziger) may hold a regular permit; "
                "then no financial unburdening applies."
            ),
        }

    # Longer than 9: people type spaces and dots; clean_bsn compacts before the model validates.
    bsn = forms.CharField(
        label=Inburgeraar._meta.get_field("bsn").verbose_name,
        max_length=20,
        help_text=_("9 digits; spaces and dots are ignored."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    v_nummer = forms.CharField(
        label=Inburgeraar._meta.get_field("v_nummer").verbose_name,
        max_length=20,
        required=False,
        help_text=_("10 digits; spaces and dots are ignored."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    languages = forms.TypedMultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Inburgeraar._meta.get_field("languages").base_field.choices,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doelgroep"].choices = Doelgroep.choices
        self.fields["regime"].required = False
        self.fields["regime"].choices = Regime.choices
        self.fields["verblijfsvergunning"].required = True
        self.fields["verblijfsvergunning"].choices = Verblijfsvergunning.choices

    def clean_bsn(self):
        return compact_number(self.cleaned_data["bsn"])

    def clean_v_nummer(self):
        return compact_number(self.cleaned_data["v_nummer"])

    def _post_clean(self):
        # The BSN's uniqueness is checked by the view (it may link to the existing dossier).
        self._validate_unique = False
        super()._post_clean()

    def clean(self):
        cleaned = super().clean()
        duty_start = cleaned.get("datum_start_inburgeringsplicht")
        regime = cleaned.get("regime")
        if not regime and not duty_start:
            self.add_error(
                "regime",
                _("Choose the regime, or fill in the start of the duty so it can be derived."),
            )
        elif regime and duty_start and regime != regime_for_duty_start(duty_start):
            self.add_error(
                "regime",
                _(
                    "This regime does not match the start of the duty: "
                    "a duty that started on or after 1 January 2022 falls under Wi2021, "
                    "an earlier one under Wi2013."
                ),
            )
        self._check_dates(cleaned)
        self._check_bijstand(cleaned)
        if cleaned.get("verblijfsvergunning") == Verblijfsvergunning.ASIEL and cleaned.get(
            "doelgroep"
        ) not in (None, Doelgroep.ASIELSTATUSHOUDER):
            self.add_error(
                "verblijfsvergunning", _("Family and other migrants hold a regular permit.")
            )
        if cleaned.get("datum_koppeling") and cleaned.get("doelgroep") not in (
            None,
            Doelgroep.ASIELSTATUSHOUDER,
        ):
            self.add_error(
                "datum_koppeling", _("Only asylum permit holders are linked by the COA.")
            )
        return cleaned

    LIFE_EVENTS = (
        "datum_start_inburgeringsplicht",
        "datum_kennisgeving",
        "datum_koppeling",
        "datum_brp_inschrijving",
        "datum_start_bijstand",
        "datum_einde_bijstand",
    )

    def _check_bijstand(self, cleaned) -> None:
        start, end = cleaned.get("datum_start_bijstand"), cleaned.get("datum_einde_bijstand")
        if end and not start and "datum_start_bijstand" not in self.errors:
            self.add_error("datum_start_bijstand", _("Fill in when the social assistance started."))
        elif start and end and end < start:
            self.add_error(
                "datum_einde_bijstand", _("The social assistance cannot end before it started.")
            )

    def _check_dates(self, cleaned) -> None:
        """Each date plausible for what it is (``plausibility``), next to its field."""
        today = timezone.localdate()
        birth = cleaned.get("date_of_birth")
        if birth:
            problem = plausibility.birth_date_problem(birth, today=today)
            if problem:
                self.add_error("date_of_birth", problem)
                birth = None
        for name in self.LIFE_EVENTS:
            value = cleaned.get(name)
            problem = value and plausibility.life_event_problem(value, birth=birth, today=today)
            if problem:
                self.add_error(name, problem)


def _offer_teams(field, teams) -> None:
    """The teams a new dossier may go to; chosen already when there is one."""
    field.queryset = teams
    only_team = teams[:2]
    if len(only_team) == 1:
        field.initial = only_team[0]


class RegistrationForm(PersonalDataForm):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())

    class Meta(PersonalDataForm.Meta):
        fields = ["team", *PersonalDataForm.Meta.fields]

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_teams(self.fields["team"], teams)


class EditPersonalDataForm(PersonalDataForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class CloseDossierForm(VersionedFormMixin, UtrechtFormMixin, forms.Form):
    """End the duty; the service checks the dates against the law (``law.closing_refusal``)."""

    status = forms.ChoiceField(
        label=_("How did the duty end?"),
        choices=[(status.value, status.label) for status in ENDED_STATUSES],
        widget=forms.RadioSelect,
    )
    ended_on = forms.DateField(label=_("Date the duty ended"), widget=DATE_WIDGET)
    new_gemeente = forms.CharField(
        label=_("New municipality"),
        required=False,
        max_length=100,
        help_text=_("Only for a move: a handover export is made first, for the warme overdracht."),
    )
    reason = forms.CharField(
        label=_("Explanation"),
        max_length=100,
        help_text=_("Kept in the change history, for the privacy officer."),
    )

    def __init__(self, *args, dossier, **kwargs):
        self.instance = dossier
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == DossierStatus.VERHUISD and not cleaned.get("new_gemeente"):
            self.add_error("new_gemeente", _("Fill in the municipality the person moved to."))
        ended_on = cleaned.get("ended_on")
        problem = ended_on and plausibility.end_date_problem(
            ended_on,
            birth=self.instance.date_of_birth,
            duty_start=self.instance.datum_start_inburgeringsplicht,
            first_contact_on=self.instance.first_contact_on,
            today=timezone.localdate(),
        )
        if problem:
            self.add_error("ended_on", problem)
        return cleaned


class ReopenDossierForm(VersionedFormMixin, UtrechtFormMixin, forms.Form):
    """Reopen a closed dossier; the reason goes into its history and the audit log."""

    reason = forms.CharField(
        label=_("Why the dossier is reopened"),
        max_length=100,
        help_text=_("For example: the person came back to the municipality."),
    )

    def __init__(self, *args, dossier, **kwargs):
        self.instance = dossier
        super().__init__(*args, **kwargs)


class MoveDossierForm(VersionedFormMixin, UtrechtFormMixin, forms.Form):
    """Move a dossier to a team of another gemeente of the region."""

    team = forms.ModelChoiceField(
        label=_("Team in the new municipality"), queryset=Team.objects.none()
    )
    reason = forms.CharField(
        label=_("Why the dossier moves"),
        max_length=100,
        help_text=_(
            "For example: the person moved to this municipality. Shares with partners that do "
            "not serve it end with this reason."
        ),
    )

    def __init__(self, *args, dossier, **kwargs):
        self.instance = dossier
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = (
            Team.objects.exclude(gemeente=dossier.gemeente_id)
            .select_related("gemeente")
            .order_by("gemeente__naam", "naam")
        )
        self.fields["team"].label_from_instance = lambda team: f"{team.gemeente} — {team.naam}"


class DossierIdsField(forms.Field):
    """Dossier numbers carried along as hidden inputs; which of them the user may change is
    the service's question (a batch with one foreign number is refused whole)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        numbers = [parse_int(item) for item in values]
        if None in numbers:
            raise forms.ValidationError(_("These are not dossier numbers."), code="invalid")
        return sorted(set(numbers))


class AssignForm(UtrechtFormMixin, forms.Form):
    """Give the chosen dossiers a regisseur of their gemeente; a reason when they leave one."""

    dossier = DossierIdsField(error_messages={"required": _("Choose at least one dossier.")})
    regisseur = forms.ModelChoiceField(
        label=_("New regisseur"), queryset=None, empty_label=_("Choose a regisseur")
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=100,
        help_text=_(
            "Needed when a dossier leaves its regisseur; kept in the change history and the "
            "audit trail."
        ),
    )

    expected = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, regisseurs, needs_reason: bool, by_filter: bool = False, **kwargs):
        """``by_filter``: the batch is every dossier matching the caseload filter (sent along
        as hidden fields), not a list of numbers; ``expected`` is how many the user saw."""
        super().__init__(*args, **kwargs)
        self.needs_reason = needs_reason
        self.fields["dossier"].required = not by_filter
        field = self.fields["regisseur"]
        field.queryset = regisseurs
        field.label_from_instance = _regisseur_with_load
        if not needs_reason:
            self.fields["reason"].help_text = _("Optional: these dossiers have no regisseur yet.")

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if self.needs_reason and not reason:
            raise forms.ValidationError(
                _("Give the reason for taking these dossiers from their regisseur."),
                code="required",
            )
        return reason


def _regisseur_with_load(user) -> str:
    return ngettext(
        "%(name)s (%(count)s open dossier)", "%(name)s (%(count)s open dossiers)", user.load
    ) % {"name": user, "count": user.load}


class WaarnemingForm(UtrechtFormMixin, forms.Form):
    """Who stands in for whom, from when until when, and why."""

    regisseur = forms.ModelChoiceField(
        label=_("Absent regisseur"), queryset=None, empty_label=_("Choose a regisseur")
    )
    waarnemer = forms.ModelChoiceField(
        label=_("Substitute"),
        queryset=None,
        empty_label=_("Choose a colleague"),
        help_text=_("Sees and works on the absent regisseur's dossiers, recorded as their own."),
    )
    starts_on = forms.DateField(label=_("First day"), widget=DATE_WIDGET)
    ends_on = forms.DateField(
        label=_("Last day"),
        widget=DATE_WIDGET,
        help_text=_("The access ends by itself after this day."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=100,
        help_text=_("For example: holiday, illness. Kept in the audit trail."),
    )

    def __init__(self, *args, regisseurs, waarnemers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].queryset = regisseurs
        self.fields["waarnemer"].queryset = waarnemers

    def clean(self):
        data = super().clean()
        regisseur, waarnemer = data.get("regisseur"), data.get("waarnemer")
        if regisseur is not None and regisseur == waarnemer:
            self.add_error("waarnemer", _("Choose a colleague other than the absent regisseur."))
        if data.get("starts_on") and data.get("ends_on"):
            problems = waarneming_period_problems(
                starts_on=data["starts_on"], ends_on=data["ends_on"], today=timezone.localdate()
            )
            for field, message in problems.items():
                self.add_error(field, message)
        return data


class HandoverForm(UtrechtFormMixin, forms.Form):
    """A handover file another gemeente exported (warme overdracht), and the team it goes to.
    The file is read here only as far as the size limit allows; the service reads the rest."""

    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    bestand = forms.FileField(
        label=_("Handover file"),
        help_text=_(
            "The JSON file the previous municipality's application made when the person "
            "moved (inburgering-dossier-export)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_teams(self.fields["team"], teams)

    def clean_bestand(self) -> bytes:
        """The file's bytes, one more than the limit at most (so the service can say it is
        too large without reading a huge upload into memory)."""
        upload = self.cleaned_data["bestand"]
        return upload.read(settings.HANDOVER_MAX_BYTES + 1)


class ContactDetailsForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """How to reach the person. Postcode and phone numbers are written the one way letters
    and the BRP use, whatever way they were typed."""

    class Meta:
        model = ContactDetails
        fields = CONTACT_FIELDS

    # Longer than stored: people type spaces, dashes and brackets; cleaned to the stored form.
    postcode = forms.CharField(
        label=capfirst(ContactDetails._meta.get_field("postcode").verbose_name),
        max_length=20,
        required=False,
        help_text=_("For example 1234 AB."),
    )
    phone = forms.CharField(
        label=capfirst(ContactDetails._meta.get_field("phone").verbose_name),
        max_length=40,
        required=False,
        help_text=_("A Dutch number, or one from abroad with its country code (+32 ...)."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    contact_phone = forms.CharField(
        label=capfirst(ContactDetails._meta.get_field("contact_phone").verbose_name),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        return normal_postcode(value) if value else ""

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return normal_phone(value) if value else ""

    def clean_contact_phone(self):
        value = self.cleaned_data["contact_phone"].strip()
        return normal_phone(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Choose the language of the interpreter."))
        if cleaned.get("contact_name") and not cleaned.get("contact_role"):
            self.add_error("contact_role", _("Say who the contact person is to the person."))
        if (cleaned.get("contact_role") or cleaned.get("contact_phone")) and not cleaned.get(
            "contact_name"
        ):
            self.add_error("contact_name", _("Fill in the contact person's name."))
        return cleaned
