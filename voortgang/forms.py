"""Forms of voortgang: planning a talk, its report, its conclusion, and signals."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering import plausibility
from inburgering.choices import Leefgebied
from inburgering.web.form_input import FORMSET_LIMITS
from inburgering.web.form_rendering import UtrechtFormMixin
from inburgering.web.forms import (
    DATE_WIDGET,
    VersionedFormMixin,
    yes_no_initial,
    yes_no_unknown_field,
)
from pip_plans.forms import WijzigingForm
from pip_plans.models import AfspraakStatus
from voortgang import learning, rules, selectors
from voortgang.models import (
    EXAMENRESULTAAT_FIELDS,
    TRAJECT_FIELDS,
    VERSLAG_FIELDS,
    Conclusie,
    Examenresultaat,
    Maatregel,
    Signaal,
    SignaalStatus,
    Traject,
    Voortgangsgesprek,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _not_in_future(value, message):
    if value and value > timezone.localdate():
        raise forms.ValidationError(message)
    return value


class PlanGesprekForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Voortgangsgesprek
        fields = ["planned_on"]
        widgets = {"planned_on": DATE_WIDGET}

    def clean_planned_on(self):
        value = self.cleaned_data["planned_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("A talk is planned today or later."))
        return value


class CancelForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """Cancelling a planned talk: only the version, so a talk just moved is not lost."""

    class Meta:
        model = Voortgangsgesprek
        fields = []


PARTICIPANT_FIELDS = [
    "held_on",
    "inburgeraar_present",
    "interpreter_used",
    "interpreter_language",
    "partners",
    "other_participants",
    "one_on_one_offered",
]
FIGURE_FIELDS = [
    "lesuren_gevolgd",
    "uren_geoorloofd_verzuim",
    "uren_ongeoorloofd_verzuim",
    "map_praktijkuren",
]


class VerslagForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """The report of a talk; a note field per plan section and a status per afspraak are added
    for the sections the talk discusses."""

    class Meta:
        model = Voortgangsgesprek
        fields = [*PARTICIPANT_FIELDS, "notes", *FIGURE_FIELDS]
        widgets = {
            "held_on": DATE_WIDGET,
            "partners": forms.CheckboxSelectMultiple,
            "notes": TEXTAREA,
        }

    def __init__(self, *args, detail: selectors.GesprekDetail, **kwargs):
        self.detail = detail
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["partners"].queryset = selectors.organisations_for()
        if not self.is_bound and not self.instance.held_on:
            self.initial["held_on"] = timezone.localdate()
        for sectie in detail.secties:
            self.fields[f"notitie_{sectie.leefgebied}"] = forms.CharField(
                label=sectie.get_leefgebied_display(),
                required=False,
                widget=TEXTAREA,
                initial=detail.notities.get(sectie.leefgebied, ""),
            )
        for row in detail.afspraken:
            pk = row.afspraak.pk
            self.fields[f"afspraak_{pk}_status"] = forms.ChoiceField(
                label=_("Status"), choices=AfspraakStatus.choices, initial=row.status
            )
            self.fields[f"afspraak_{pk}_comment"] = forms.CharField(
                label=_("Comment"), required=False, initial=row.comment
            )
        self.style_widgets()

    def participant_fields(self):
        return [self[name] for name in PARTICIPANT_FIELDS]

    def figure_fields(self):
        return [self[name] for name in FIGURE_FIELDS]

    def note_fields(self):
        return [self[f"notitie_{s.leefgebied}"] for s in self.detail.secties] + [self["notes"]]

    def afspraak_fields(self):
        return [
            (
                row.afspraak,
                self[f"afspraak_{row.afspraak.pk}_status"],
                self[f"afspraak_{row.afspraak.pk}_comment"],
            )
            for row in self.detail.afspraken
        ]

    def service_data(self) -> dict:
        """The report as ``services.save_verslag`` takes it (the exam results apart)."""
        cleaned = self.cleaned_data
        return {
            "data": {name: cleaned[name] for name in VERSLAG_FIELDS},
            "partners": list(cleaned["partners"]),
            "notities": {
                s.leefgebied: cleaned[f"notitie_{s.leefgebied}"] for s in self.detail.secties
            },
            "afspraken": [
                {
                    "afspraak_id": row.afspraak.pk,
                    "status": cleaned[f"afspraak_{row.afspraak.pk}_status"],
                    "comment": cleaned[f"afspraak_{row.afspraak.pk}_comment"],
                }
                for row in self.detail.afspraken
            ],
        }

    def clean_held_on(self):
        return _not_in_future(
            self.cleaned_data["held_on"], _("A talk that has been held cannot be in the future.")
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_used") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Choose the language of the interpreter."))
        return cleaned


class ExamenresultaatForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Examenresultaat
        fields = EXAMENRESULTAAT_FIELDS
        widgets = {"taken_on": DATE_WIDGET}

    def clean_taken_on(self):
        return _not_in_future(
            self.cleaned_data["taken_on"], _("Only exams already taken have a result.")
        )


ExamenresultaatFormSet = inlineformset_factory(
    Voortgangsgesprek,
    Examenresultaat,
    form=ExamenresultaatForm,
    extra=1,
    can_delete=True,
    **FORMSET_LIMITS,
)


class ConclusieForm(VersionedFormMixin, UtrechtFormMixin, forms.Form):
    """The conclusion: continue, adjust the plan (with the reason of the change) or enforce."""

    conclusie = forms.ChoiceField(
        label=_("Conclusion"), choices=Conclusie.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(
        label=_("Explanation"),
        widget=TEXTAREA,
        required=False,
        help_text=_("Required when the plan is adjusted or enforcement starts."),
    )
    reden = forms.ChoiceField(
        label=_("Reason for the change"),
        choices=[("", "---------"), *WijzigingForm.base_fields["reden"].choices],
        required=False,
        help_text=_("Only when the plan is adjusted."),
    )
    new_route = WijzigingForm.base_fields["new_route"]
    maatregel = forms.ChoiceField(
        label=_("Enforcement measure"),
        choices=[("", "---------"), *Maatregel.choices],
        required=False,
        help_text=_("Only when enforcement starts. A fine is a last resort."),
    )
    maatregel_on = forms.DateField(
        label=_("Date of the measure"), widget=DATE_WIDGET, required=False
    )
    boete_eur = forms.IntegerField(label=_("Fine (euros)"), min_value=1, required=False)

    def __init__(self, *args, gesprek: Voortgangsgesprek, **kwargs):
        self.gesprek = gesprek
        super().__init__(*args, **kwargs)

    def versioned_object(self):
        return self.gesprek

    def clean(self):
        cleaned = super().clean()
        conclusie = cleaned.get("conclusie")
        if (
            conclusie in (Conclusie.PLAN_BIJSTELLEN, Conclusie.HANDHAVEN)
            and not cleaned.get("toelichting", "").strip()
        ):
            self.add_error("toelichting", _("Explain the conclusion."))
        if conclusie == Conclusie.PLAN_BIJSTELLEN:
            if not cleaned.get("reden"):
                self.add_error("reden", _("Choose the reason for the change."))
            elif cleaned["reden"] == "schakelen" and not cleaned.get("new_route"):
                self.add_error("new_route", _("Choose the route to switch to."))
        if conclusie == Conclusie.HANDHAVEN:
            if not cleaned.get("maatregel"):
                self.add_error("maatregel", _("Choose the measure."))
            if not cleaned.get("maatregel_on"):
                self.add_error("maatregel_on", _("Enter the date of the measure."))
            decision = rules.check_maatregel(
                maatregel=cleaned.get("maatregel", ""), boete_eur=cleaned.get("boete_eur")
            )
            if cleaned.get("maatregel") and not decision:
                self.add_error("boete_eur", decision.reason)
        return cleaned


def _leefgebied_choices(leefgebieden) -> list[tuple[str, str]]:
    return [(value, label) for value, label in Leefgebied.choices if value in leefgebieden]


class NotitieForm(UtrechtFormMixin, forms.Form):
    leefgebied = forms.ChoiceField(label=_("Life domain"))
    text = forms.CharField(label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, leefgebieden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leefgebied"].choices = _leefgebied_choices(leefgebieden)


class OwnerField(forms.ChoiceField):
    """One choice of owner: a colleague or a partner organisation, grouped in the select."""

    def __init__(self, *, users, organisations, **kwargs):
        choices = [
            ("", "---------"),
            (_("Colleagues"), [(f"user:{u.pk}", u.get_full_name() or u.username) for u in users]),
        ]
        if organisations:
            choices.append((_("Chain partners"), [(f"org:{o.pk}", o.naam) for o in organisations]))
        super().__init__(choices=choices, **kwargs)
        self.users = {str(u.pk): u for u in users}
        self.organisations = {str(o.pk): o for o in organisations}

    def owner(self, value: str):
        """(user, organisation) for a chosen value; exactly one of them is set."""
        kind, _sep, pk = value.partition(":")
        if kind == "user":
            return self.users[pk], None
        return None, self.organisations[pk]


class SignaalForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """Raise or change a signal, with its owner."""

    class Meta:
        model = Signaal
        fields = [
            "leefgebied",
            "subject",
            "description",
            "ernst",
            "follow_up_on",
            "status",
            "resolution",
        ]
        widgets = {
            "description": TEXTAREA,
            "resolution": TEXTAREA,
            "follow_up_on": DATE_WIDGET,
            "ernst": forms.RadioSelect,
        }

    def __init__(
        self, *args, dossier, leefgebieden, default_owner=None, fixed_owner=None, **kwargs
    ):
        self.fixed_owner = fixed_owner
        self.dossier = dossier
        super().__init__(*args, **kwargs)
        self.fields["leefgebied"].choices = _leefgebied_choices(leefgebieden)
        self.fields["ernst"].choices = Signaal._meta.get_field("ernst").choices
        self.fields["owner"] = OwnerField(
            label=_("Owner"),
            users=list(selectors.owner_candidates(dossier)),
            organisations=list(selectors.organisations_for()),
            help_text=_(
                "A colleague, or a chain partner for a concern in its own domain. "
                "The owner sees the signal in their worklist."
            ),
        )
        self.order_fields(["leefgebied", "subject", "description", "ernst", "owner"])
        if not self.is_bound:
            instance = self.instance
            if instance.owner_id:
                self.initial["owner"] = f"user:{instance.owner_id}"
            elif instance.owner_organisatie_id:
                self.initial["owner"] = f"org:{instance.owner_organisatie_id}"
            elif default_owner is not None:
                self.initial["owner"] = f"user:{default_owner.pk}"
        if self.instance.pk is None:
            del self.fields["status"]
            del self.fields["resolution"]
        if fixed_owner is not None:  # a partner's signal goes to the municipality
            del self.fields["owner"]

    def clean(self):
        cleaned = super().clean()
        if self.fixed_owner is not None:
            cleaned["owner"], cleaned["owner_organisatie"] = self.fixed_owner, None
        elif cleaned.get("owner"):
            user, organisatie = self.fields["owner"].owner(cleaned["owner"])
            cleaned["owner"], cleaned["owner_organisatie"] = user, organisatie
            if organisatie is not None and cleaned.get("leefgebied"):
                decision = rules.organisation_may_own(cleaned["leefgebied"], organisatie.domeinen)
                if not decision:
                    self.add_error("owner", decision.reason)
        _check_follow_up(self, self.dossier)
        _check_resolution(self, cleaned)
        return cleaned

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.setdefault("status", SignaalStatus.OPEN)
        data.setdefault("resolution", "")
        return data


def _check_follow_up(form, dossier) -> None:
    """A follow-up date is not before the dossier existed (``plausibility``)."""
    value = form.cleaned_data.get("follow_up_on")
    problem = value and plausibility.follow_up_problem(
        value,
        dossier_since=dossier.first_contact_on,
        today=timezone.localdate(),
    )
    if problem:
        form.add_error("follow_up_on", problem)


def _check_resolution(form, cleaned) -> None:
    decision = rules.check_signaal_status(
        status=cleaned.get("status", SignaalStatus.OPEN), resolution=cleaned.get("resolution", "")
    )
    if not decision:
        form.add_error("resolution", decision.reason)


class OpvolgingForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """What the owner records: the status, a new follow-up date, how it was resolved."""

    class Meta:
        model = Signaal
        fields = ["status", "follow_up_on", "resolution"]
        widgets = {
            "status": forms.RadioSelect,
            "follow_up_on": DATE_WIDGET,
            "resolution": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = SignaalStatus.choices

    def clean(self):
        cleaned = super().clean()
        _check_follow_up(self, self.instance.dossier)
        _check_resolution(self, cleaned)
        return cleaned


class TrajectForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """Where a tracked component stands; checked by ``learning.traject_problems``."""

    verwijtbaar = yes_no_unknown_field(
        _("The person is to blame"), _("Only when it stopped without being completed.")
    )

    class Meta:
        model = Traject
        fields = TRAJECT_FIELDS
        widgets = {
            "status": forms.RadioSelect,
            "started_on": DATE_WIDGET,
            "finished_on": DATE_WIDGET,
            "reden_niet_afgerond": TEXTAREA,
        }

    def __init__(self, *args, allowed: tuple[str, ...], map_hours: int, **kwargs):
        self.allowed = allowed
        self.map_hours = map_hours
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["verwijtbaar"] = yes_no_initial(self.instance.verwijtbaar)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        problems = learning.traject_problems(
            soort=self.instance.soort,
            status=cleaned["status"],
            started_on=cleaned.get("started_on"),
            finished_on=cleaned.get("finished_on"),
            reden_niet_afgerond=cleaned.get("reden_niet_afgerond", ""),
            verwijtbaar=cleaned.get("verwijtbaar"),
            today=timezone.localdate(),
            allowed=self.allowed,
            map_hours=self.map_hours,
            min_map_hours=settings.MAP_MIN_PRAKTIJKUREN,
        )
        for name, message in problems.items():
            self.add_error(name, message)
        return cleaned
