"""Forms of the brede intake; one per leefgebied, so a conversation can be recorded in parts."""

from __future__ import annotations

import datetime

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.choices import ATTENDANCE_OUTCOMES, Leefgebied, Leerroute
from inburgering.web.form_input import FORMSET_LIMITS
from inburgering.web.form_rendering import UtrechtFormMixin
from inburgering.web.forms import (
    DATE_WIDGET,
    VersionedFormMixin,
    yes_no_initial,
    yes_no_unknown_field,
)
from intake.models import (
    COMPLETION_FIELDS,
    INTAKEGESPREK_FIELDS,
    KIND_FIELDS,
    KLANTPROFIEL_FIELDS,
    LEEFGEBIED_FIELDS,
    LEERBAARHEIDSTOETS_FIELDS,
    NARRATIVE_FIELDS,
    OPLEIDING_FIELDS,
    UITNODIGING_FIELDS,
    WERKERVARING_FIELDS,
    Bevinding,
    BredeIntake,
    Intakegesprek,
    Kind,
    Klantprofiel,
    Leerbaarheidstoets,
    Opleiding,
    Uitnodiging,
    Werkervaring,
)
from intake.rules import advice_deviates

NULL_BOOLEAN_CHOICES = [("", _("Unknown")), ("True", _("Yes")), ("False", _("No"))]

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _today() -> datetime.date:
    return timezone.localdate()


def _not_in_future(value, message):
    if value and value > _today():
        raise forms.ValidationError(message, code="future")
    return value


class BevindingForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    def __init__(self, *args, intake: BredeIntake, **kwargs):
        super().__init__(*args, **kwargs)
        if "gesprek" in self.fields:
            self.fields["gesprek"].queryset = intake.gesprekken.all()
            self.fields["gesprek"].empty_label = _("Not linked to a conversation")
        for field in self.fields.values():
            if isinstance(field, forms.NullBooleanField):
                field.widget = forms.RadioSelect(
                    choices=NULL_BOOLEAN_CHOICES,
                    attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"},
                )
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3


def bevinding_form_class(leefgebied: Leefgebied) -> type[BevindingForm]:
    """The form for one leefgebied: the narrative fields plus that domain's structured ones."""
    return forms.modelform_factory(
        Bevinding,
        form=BevindingForm,
        fields=["gesprek", *NARRATIVE_FIELDS, *LEEFGEBIED_FIELDS[leefgebied]],
    )


class OpleidingForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Opleiding
        fields = OPLEIDING_FIELDS


class WerkervaringForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Werkervaring
        fields = WERKERVARING_FIELDS


class KindForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Kind
        fields = KIND_FIELDS
        widgets = {"date_of_birth": DATE_WIDGET}

    def clean_date_of_birth(self):
        return _not_in_future(
            self.cleaned_data["date_of_birth"], _("A date of birth cannot be in the future.")
        )


def _formset(model, form):
    return inlineformset_factory(
        BredeIntake, model, form=form, extra=1, can_delete=True, **FORMSET_LIMITS
    )


OpleidingFormSet = _formset(Opleiding, OpleidingForm)
WerkervaringFormSet = _formset(Werkervaring, WerkervaringForm)
KindFormSet = _formset(Kind, KindForm)

# The lists recorded on the form of a leefgebied, by formset prefix.
LEEFGEBIED_FORMSETS = {
    Leefgebied.WERK: {"opleidingen": OpleidingFormSet, "werkervaringen": WerkervaringFormSet},
    Leefgebied.JEUGD: {"kinderen": KindFormSet},
}


class IntakegesprekForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Intakegesprek
        fields = INTAKEGESPREK_FIELDS
        widgets = {"held_on": DATE_WIDGET, "kanaal": forms.RadioSelect, "notes": TEXTAREA}

    leefgebieden = forms.MultipleChoiceField(
        label=_("Life domains discussed"),
        required=False,
        choices=Leefgebied.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, duty_start: datetime.date | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.duty_start = duty_start
        self.fields["kanaal"].choices = Intakegesprek._meta.get_field("kanaal").choices

    def clean_held_on(self):
        held_on = _not_in_future(
            self.cleaned_data["held_on"], _("A conversation that was held cannot be in the future.")
        )
        if self.duty_start and held_on < self.duty_start:
            raise forms.ValidationError(
                _("The conversation cannot be before the start of the integration duty (%(date)s).")
                % {"date": self.duty_start.strftime("%d-%m-%Y")},
                code="before_duty",
            )
        return held_on

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_used") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Choose the language of the interpreter."))
        return cleaned


class LeerbaarheidstoetsForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Leerbaarheidstoets
        fields = LEERBAARHEIDSTOETS_FIELDS
        widgets = {"taken_on": DATE_WIDGET, "vrijstelling_reason": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vrijstelling"].help_text = _(
            "Only for a visual impairment, or an auditory impairment "
            "that makes the test impossible."
        )

    def clean_taken_on(self):
        return _not_in_future(
            self.cleaned_data["taken_on"], _("The test date cannot be in the future.")
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("vrijstelling"):
            if not cleaned.get("vrijstelling_reason"):
                self.add_error("vrijstelling_reason", _("Explain why the exemption applies."))
            return cleaned
        if cleaned.get("taken_on") and not cleaned.get("indicated_route"):
            self.add_error("indicated_route", _("Fill in the route the test indicates."))
        if cleaned.get("indicated_route") and not cleaned.get("taken_on"):
            self.add_error("taken_on", _("Fill in the date the test was taken."))
        if not cleaned.get("taken_on") and not cleaned.get("indicated_route"):
            raise forms.ValidationError(
                _("Fill in the outcome of the test, or the exemption."), code="empty"
            )
        return cleaned


class UitnodigingForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Uitnodiging
        fields = UITNODIGING_FIELDS
        widgets = {"sent_on": DATE_WIDGET, "appointment_on": DATE_WIDGET}

    def clean(self):
        cleaned = super().clean()
        sent, appointment = cleaned.get("sent_on"), cleaned.get("appointment_on")
        if sent and appointment and appointment < sent:
            self.add_error(
                "appointment_on", _("The appointment cannot be before the invitation was sent.")
            )
        return cleaned


class OpkomstForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Uitnodiging
        fields = ["opkomst"]
        widgets = {"opkomst": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opkomst"].choices = [(o.value, o.label) for o in ATTENDANCE_OUTCOMES]


class CompletionForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = BredeIntake
        fields = COMPLETION_FIELDS
        widgets = {
            "advised_leerroute": forms.RadioSelect,
            "advice_reasoning": TEXTAREA,
            "deviation_motivation": TEXTAREA,
        }

    def __init__(self, *args, indicated_route: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.indicated_route = indicated_route
        field = self.fields["advised_leerroute"]
        field.required = True
        field.choices = Leerroute.choices
        self.fields["advice_reasoning"].required = True
        self.fields["deviation_motivation"].help_text = _(
            "Required when the advice departs from the route the learnability test indicates."
        )

    def clean(self):
        cleaned = super().clean()
        advised = cleaned.get("advised_leerroute", "")
        if advice_deviates(self.indicated_route, advised) and not cleaned.get(
            "deviation_motivation"
        ):
            self.add_error(
                "deviation_motivation",
                _("The advice departs from the learnability test: explain why."),
            )
        return cleaned


class KlantprofielForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """The COA's client profile, as handed over at koppeling."""

    voorinburgering = yes_no_unknown_field(_("Followed voorinburgering at the COA location"))
    talen = forms.TypedMultipleChoiceField(
        label=_("Languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Klantprofiel._meta.get_field("talen").base_field.choices,
    )

    class Meta:
        model = Klantprofiel
        fields = KLANTPROFIEL_FIELDS
        widgets = {
            "received_on": DATE_WIDGET,
            "opleiding": TEXTAREA,
            "werkervaring": TEXTAREA,
            "voorinburgering_toelichting": TEXTAREA,
            "gezondheidssignalen": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["voorinburgering"] = yes_no_initial(self.instance.voorinburgering)

    def clean_received_on(self):
        return _not_in_future(
            self.cleaned_data["received_on"], _("This date cannot be in the future.")
        )
