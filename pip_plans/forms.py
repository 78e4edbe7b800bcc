"""Forms of the PIP: the concept's core, a section with its afspraken, fixing and changing."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering import plausibility
from inburgering.choices import DuoBesluitSoort, Examenonderdeel, Leerroute
from inburgering.languages import LETTER_LANGUAGE_CHOICES
from inburgering.models import Organisatie
from inburgering.web.form_input import FORMSET_LIMITS
from inburgering.web.form_rendering import UtrechtFormMixin
from inburgering.web.forms import DATE_WIDGET, VersionedFormMixin, yes_no_unknown_field
from pip_plans import rules, summary
from pip_plans.models import (
    AFSPRAAK_FIELDS,
    BEKENDMAKING_FIELDS,
    BEZWAAR_FIELDS,
    BEZWAAR_OUTCOME_FIELDS,
    DUO_BESLUIT_FIELDS,
    PLAN_CONTENT_FIELDS,
    SECTIE_FIELDS,
    Afspraak,
    AfspraakStatus,
    Bekendmaking,
    Bezwaar,
    DuoBesluit,
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
        fields = ["items", "machtiging_getekend_op"]
        widgets = {"machtiging_getekend_op": DATE_WIDGET}

    def __init__(self, *args, concept: PipVersie, **kwargs):
        self.concept = concept
        super().__init__(*args, **kwargs)

    def clean_machtiging_getekend_op(self):
        signed = self.cleaned_data["machtiging_getekend_op"]
        if signed and signed > timezone.localdate():
            raise forms.ValidationError(_("This date cannot be in the future."))
        return signed

    def versioned_object(self):
        return self.concept


class AfspraakStatusForm(UtrechtFormMixin, forms.Form):
    """Where an afspraak of the plan in force stands; ``previous_status`` is what the user saw,
    so two people updating it at once never silently overwrite each other."""

    status = forms.ChoiceField(label=_("Status"), choices=AfspraakStatus.choices)
    previous_status = forms.ChoiceField(choices=AfspraakStatus.choices, widget=forms.HiddenInput)


class DuoBesluitForm(UtrechtFormMixin, forms.ModelForm):
    """A decision of DUO as its letter states it; checked by ``rules.duo_besluit_problems``
    next to each field. Every field is shown (no script needed); each says which kind of
    decision it belongs to."""

    verwijtbaar = yes_no_unknown_field(
        _("DUO found the person to blame"), _("For an extension: what DUO's letter says.")
    )
    onderdelen = forms.MultipleChoiceField(
        label=_("Exam parts"),
        choices=Examenonderdeel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For a release or exemption: the parts it covers. None chosen: the whole duty."
        ),
    )

    class Meta:
        model = DuoBesluit
        fields = DUO_BESLUIT_FIELDS
        widgets = {
            "soort": forms.RadioSelect,
            "dagtekening": DATE_WIDGET,
            "nieuwe_einddatum": DATE_WIDGET,
        }
        help_texts = {
            "grond": _("For example illness, a limitation, a Dutch diploma."),
            "maanden": _("For an extension."),
            "bedrag_eur": _("For a fine."),
        }

    def __init__(self, *args, dossier, termijn: rules.Termijn | None, **kwargs):
        self.dossier = dossier
        self.termijn = termijn
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = DuoBesluitSoort.choices
        self.fields["nieuwe_einddatum"].help_text = _(
            "For a fine: the end of the new term DUO gave. Left empty: %(months)s months from "
            "the day after the fine."
        ) % {"months": settings.DUO_NIEUWE_TERMIJN_MONTHS}
        for name in ("maanden", "bedrag_eur"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean(self):
        cleaned = super().clean()
        soort = cleaned.get("soort")
        if not soort:
            return cleaned
        if soort == DuoBesluitSoort.BOETE and cleaned.get("nieuwe_einddatum") is None:
            cleaned["nieuwe_einddatum"] = rules.new_term_end(  # the letter states none
                cleaned.get("dagtekening") or timezone.localdate(),
                months=settings.DUO_NIEUWE_TERMIJN_MONTHS,
            )
        problems = rules.duo_besluit_problems(
            soort=soort,
            dagtekening=cleaned.get("dagtekening"),
            today=timezone.localdate(),
            duty_start=self.dossier.datum_start_inburgeringsplicht,
            termijn=self.termijn,
            maanden=cleaned.get("maanden"),
            bedrag_eur=cleaned.get("bedrag_eur"),
            nieuwe_einddatum=cleaned.get("nieuwe_einddatum"),
            verwijtbaar=cleaned.get("verwijtbaar"),
            max_boete_eur=settings.DUO_BOETE_MAX_EUR,
        )
        for name, message in problems.items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class WithdrawForm(UtrechtFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why it is withdrawn"), max_length=100)


class _AfterDecisionMixin:
    """A date field that follows the fixed version (``date_field``): checked against its
    dagtekening next to the field, as the service checks it."""

    date_field = ""

    def __init__(self, *args, versie: PipVersie, **kwargs):
        self.versie = versie
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        value = cleaned.get(self.date_field)
        if value:
            problem = rules.since_decision_problem(
                value, self.versie.dagtekening, today=timezone.localdate()
            )
            if problem:
                self.add_error(self.date_field, problem)
        return cleaned


class BekendmakingForm(_AfterDecisionMixin, VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    date_field = "made_known_on"

    class Meta:
        model = Bekendmaking
        fields = BEKENDMAKING_FIELDS
        widgets = {"wijze": forms.RadioSelect, "made_known_on": DATE_WIDGET, "note": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijze"].choices = Bekendmaking._meta.get_field("wijze").choices


class BezwaarForm(_AfterDecisionMixin, UtrechtFormMixin, forms.ModelForm):
    date_field = "received_on"

    class Meta:
        model = Bezwaar
        fields = BEZWAAR_FIELDS
        widgets = {"received_on": DATE_WIDGET, "grounds": TEXTAREA}


class BezwaarUitkomstForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Bezwaar
        fields = BEZWAAR_OUTCOME_FIELDS
        widgets = {
            "uitkomst": forms.RadioSelect,
            "decided_on": DATE_WIDGET,
            "uitkomst_toelichting": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uitkomst"].required = True
        self.fields["uitkomst"].choices = Bezwaar._meta.get_field("uitkomst").choices
        self.fields["decided_on"].required = True
        if not self.is_bound:
            self.initial["decided_on"] = timezone.localdate()

    def clean_decided_on(self):
        value = self.cleaned_data["decided_on"]
        problem = plausibility.past_date_problem(value, today=timezone.localdate())
        if not problem and value < self.instance.received_on:
            problem = _("The decision cannot come before the objection was received.")
        if problem:
            raise forms.ValidationError(problem)
        return value


class PlanPdfForm(UtrechtFormMixin, forms.Form):
    """Which version to print, and the language of its summary page ("Uw plan in het kort")."""

    mark_optional = False
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    summary_language = forms.ChoiceField(
        label=_("Summary in the person's language"),
        choices=[("", _("No summary"))]
        + [
            (code, label)
            for code, label in LETTER_LANGUAGE_CHOICES
            if code in summary.PHRASES and code != "nl"
        ],
        required=False,
    )
