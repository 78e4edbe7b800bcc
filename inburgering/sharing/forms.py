"""Forms for sharing a dossier's domains with chain partners, extending and ending shares."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.choices import Domein, Grondslag, ToestemmingWijze
from inburgering.models import Deling
from inburgering.sharing import selectors as sharing_selectors
from inburgering.web.form_rendering import UtrechtFormMixin
from inburgering.web.forms import DATE_WIDGET, VersionedFormMixin

REDEN = forms.CharField(
    label=_("Reason"),
    widget=forms.Textarea(attrs={"rows": 3}),
    help_text=_("Kept in the change history, for the privacy officer."),
)


class GrantForm(UtrechtFormMixin, forms.Form):
    organisatie = forms.ModelChoiceField(
        label=_("Chain partner"), queryset=sharing_selectors.partner_organisations()
    )
    domeinen = forms.MultipleChoiceField(
        label=_("Domains to share"), choices=Domein.choices, widget=forms.CheckboxSelectMultiple
    )
    may_note = forms.BooleanField(
        label=_("The partner may add progress notes and signals in these domains"),
        required=False,
    )
    grondslag = forms.ChoiceField(
        label=_("Legal ground"), choices=Grondslag.choices, widget=forms.RadioSelect
    )
    toestemming_given_on = forms.DateField(
        label=_("Consent given on"), widget=DATE_WIDGET, required=False
    )
    toestemming_wijze = forms.ChoiceField(
        label=_("How consent was given"),
        choices=[("", "---------"), *ToestemmingWijze.choices],
        required=False,
    )
    wettelijk_artikel = Deling._meta.get_field("wettelijk_artikel").formfield()
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE_WIDGET)
    reden = REDEN

    def clean(self):
        cleaned = super().clean()
        organisatie, domeinen = cleaned.get("organisatie"), cleaned.get("domeinen") or []
        if organisatie and set(domeinen) - set(organisatie.domeinen):
            self.add_error(
                "domeinen",
                _("%(name)s works only in: %(domains)s.")
                % {
                    "name": organisatie.naam,
                    "domains": ", ".join(str(Domein(d).label) for d in organisatie.domeinen),
                },
            )
        if cleaned.get("grondslag") == Grondslag.TOESTEMMING:
            given_on = cleaned.get("toestemming_given_on")
            if not given_on:
                self.add_error("toestemming_given_on", _("Enter the date of the consent."))
            elif given_on > timezone.localdate():
                self.add_error("toestemming_given_on", _("Consent cannot be given in the future."))
            if not cleaned.get("toestemming_wijze"):
                self.add_error("toestemming_wijze", _("Choose how consent was given."))
        elif (
            cleaned.get("grondslag") == Grondslag.WETTELIJKE_TAAK
            and not cleaned.get("wettelijk_artikel", "").strip()
        ):
            self.add_error("wettelijk_artikel", _("Name the article of the statutory task."))
        return cleaned


class ExtendForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    reden = REDEN

    class Meta:
        model = Deling
        fields = ["valid_until"]
        widgets = {"valid_until": DATE_WIDGET}


class ReasonForm(UtrechtFormMixin, forms.Form):
    reden = REDEN
