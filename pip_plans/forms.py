"""Forms of the PIP: the concept's core, a section with its afspraken, fixing and changing."""

from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.choices import Leerroute
from inburgering.models import Organisatie
from inburgering.web.form_input import FORMSET_LIMITS
from inburgering.web.form_rendering import UtrechtFormMixin
from inburgering.web.forms import DATE_WIDGET, VersionedFormMixin
from pip_plans import rules
from pip_plans.models import (
    AFSPRAAK_FIELDS,
    PLAN_CONTENT_FIELDS,
    SECTIE_FIELDS,
    Afspraak,
    AfspraakStatus,
    Ontzorging,
    OntzorgItem,
    PipVersie,
    Sectie,
    Uitvoerder,
    VersieStatus,
    WijzigingReden,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ConceptForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = PipVersie
        fields = PLAN_CONTENT_FIELDS
        widgets = {
            "leerroute": forms.RadioSelect,
            "hoofddoel": forms.RadioSelect,
            "loopbaanperspectief": TEXTAREA,
            "begeleiding": TEXTAREA,
            "randvoorwaarden": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerroute"].choices = Leerroute.choices
        self.fields["hoofddoel"].choices = PipVersie._meta.get_field("hoofddoel").choices


class SectieForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """A section; lock_version is the concept's, so two editors of one plan never collide."""

    class Meta:
        model = Sectie
        fields = SECTIE_FIELDS
        widgets = {"situatie": TEXTAREA, "doelen": TEXTAREA}

    def __init__(self, *args, concept: PipVersie, **kwargs):
        self.concept = concept
        super().__init__(*args, **kwargs)

    def versioned_object(self):
        return self.concept


class AfspraakForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Afspraak
        fields = AFSPRAAK_FIELDS
        widgets = {"wat": forms.Textarea(attrs={"rows": 2}), "uiterlijk": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.order_by("naam")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wie") == Uitvoerder.PARTNER and not cleaned.get("organisatie"):
            self.add_error("organisatie", _("Choose the chain partner that does this."))
        if cleaned.get("wie") != Uitvoerder.PARTNER:
            cleaned["organisatie"] = None
        return cleaned


AfspraakFormSet = inlineformset_factory(
    Sectie, Afspraak, form=AfspraakForm, extra=1, can_delete=True, **FORMSET_LIMITS
)


class FixPipForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    confirm = forms.BooleanField(
        label=_("I have checked this plan with the person and fix it as the decision."),
    )

    class Meta:
        model = PipVersie
        fields = ["dagtekening"]
        widgets = {"dagtekening": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dagtekening"].required = True
        if not self.is_bound:
            self.initial["dagtekening"] = timezone.localdate()

    def clean_dagtekening(self):
        value = self.cleaned_data["dagtekening"]
        previous = (
            self.instance.pip.versies.filter(status=VersieStatus.VASTGESTELD)
            .order_by("-number")
            .values_list("dagtekening", flat=True)
            .first()
        )
        problem = rules.dagtekening_problem(value, today=timezone.localdate(), previous=previous)
        if problem:
            raise forms.ValidationError(problem)
        return value


class WijzigingForm(UtrechtFormMixin, forms.Form):
    reden = forms.ChoiceField(
        label=_("Reason for the change"), choices=WijzigingReden.choices, widget=forms.RadioSelect
    )
    new_route = forms.ChoiceField(
        label=_("New learning route"),
        required=False,
        choices=[("", _("Keep the current route")), *Leerroute.choices],
        help_text=_("Only for switching route."),
    )
    toelichting = forms.CharField(label=_("Explanation"), widget=TEXTAREA, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reden") == WijzigingReden.SCHAKELEN and not cleaned.get("new_route"):
            self.add_error("new_route", _("Choose the route to switch to."))
        return cleaned


class OntzorgingForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """The unburdening of a concept; lock_version is the concept's, as for a section."""

    items = forms.MultipleChoiceField(
        label=_("Paid on the person's behalf"),
        choices=OntzorgItem.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Ontzorging
        fields = ["items", "machtiging_getekend_op", "start"]
        widgets = {"machtiging_getekend_op": DATE_WIDGET, "start": DATE_WIDGET}

    def __init__(self, *args, concept: PipVersie, **kwargs):
        self.concept = concept
        super().__init__(*args, **kwargs)
        self.fields["start"].required = True
        self.fields["start"].help_text = _(
            "The date the social assistance started; the planned end is six months later."
        )

    def versioned_object(self):
        return self.concept


class AfspraakStatusForm(UtrechtFormMixin, forms.Form):
    """Where an afspraak of the plan in force stands; ``previous_status`` is what the user saw,
    so two people updating it at once never silently overwrite each other."""

    status = forms.ChoiceField(label=_("Status"), choices=AfspraakStatus.choices)
    previous_status = forms.ChoiceField(choices=AfspraakStatus.choices, widget=forms.HiddenInput)
