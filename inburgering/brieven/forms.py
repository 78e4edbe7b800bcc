"""The form that makes a letter: which letter, about which appointment, in which language."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inburgering.brieven import selectors
from inburgering.choices import BriefSoort
from inburgering.languages import LETTER_LANGUAGE_CHOICES
from inburgering.models import ContactDetails
from inburgering.web.form_rendering import UtrechtFormMixin


class AppointmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return (
            f"{obj.get_soort_display()}, {date_format(obj.date, 'l j F Y')} {obj.start_time:%H:%M}"
        )


class MakeLetterForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Letter"), choices=BriefSoort.choices)
    bijeenkomst = AppointmentChoice(
        label=_("Appointment"),
        queryset=None,
        required=False,
        empty_label=_("No appointment"),
        help_text=_("The invitations, the reminder and the warning name its date, time and place."),
    )
    language = forms.ChoiceField(
        label=_("Beside the Dutch text, in"),
        choices=[("", _("Dutch only"))] + [c for c in LETTER_LANGUAGE_CHOICES if c[0] != "nl"],
        required=False,
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bijeenkomst"].queryset = selectors.open_appointments(dossier)
        if not self.is_bound:
            contact = ContactDetails.objects.filter(dossier=dossier).first()
            languages = dict(self.fields["language"].choices)
            if contact and contact.letter_language in languages:
                self.initial["language"] = contact.letter_language
