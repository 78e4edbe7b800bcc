"""The appointment forms: plan or change one (a move asks why), cancel one, say who came."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from inburgering import plausibility
from inburgering.bijeenkomsten import selectors
from inburgering.choices import ATTENDANCE_OUTCOMES
from inburgering.models import BIJEENKOMST_FIELDS, BIJEENKOMST_WHEN, Bijeenkomst
from inburgering.web.form_rendering import UtrechtFormMixin
from inburgering.web.forms import DATE_WIDGET, VersionedFormMixin

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class BijeenkomstForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """Plan an appointment, or change an open one; a new date or time needs a reason."""

    class Meta:
        model = Bijeenkomst
        fields = BIJEENKOMST_FIELDS
        widgets = {
            "date": DATE_WIDGET,
            "start_time": TIME_WIDGET,
            "end_time": TIME_WIDGET,
            "partners": forms.CheckboxSelectMultiple,
            "note": TEXTAREA,
        }

    video_link = forms.URLField(
        label=capfirst(Bijeenkomst._meta.get_field("video_link").verbose_name),
        help_text=Bijeenkomst._meta.get_field("video_link").help_text,
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    reason = forms.CharField(
        label=_("Why is the appointment moved?"),
        required=False,
        max_length=500,
        widget=TEXTAREA,
        help_text=_("Only when the date or time changes."),
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        self.fields["host"].queryset = selectors.hosts_for(dossier, self.instance)
        self.fields["host"].label = capfirst(_("integration coach"))
        self.fields["partners"].queryset = selectors.partners_for(dossier)
        if self.instance.pk is None:
            del self.fields["reason"]
            if not self.is_bound:
                self.initial |= selectors.new_bijeenkomst_initial(dossier)

    def moved(self) -> bool:
        return self.instance.pk is not None and any(
            name in self.changed_data for name in BIJEENKOMST_WHEN
        )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if self.instance.pk is None or "date" in self.changed_data:
            problem = plausibility.appointment_date_problem(value, today=timezone.localdate())
            if problem:
                raise forms.ValidationError(problem)
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The appointment must end after it starts."))
        places = [cleaned.get(name) for name in ("location", "video_link")]
        if "location" in cleaned and "video_link" in cleaned and not any(places):
            self.add_error("location", _("Fill in the place or a video link."))
        if cleaned.get("interpreter_booked") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Choose the language of the interpreter."))
        if self.moved() and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the appointment is moved."))
        return cleaned


class CancelForm(VersionedFormMixin, UtrechtFormMixin, forms.ModelForm):
    """Cancel an appointment on the municipality's side; nobody then failed to come."""

    class Meta:
        model = Bijeenkomst
        fields = []

    reason = forms.CharField(
        label=_("Why is the appointment cancelled?"), max_length=500, widget=TEXTAREA
    )


class AttendanceForm(UtrechtFormMixin, forms.Form):
    opkomst = forms.ChoiceField(
        label=_("Attendance"),
        choices=[(o.value, o.label) for o in ATTENDANCE_OUTCOMES],
        widget=forms.RadioSelect,
    )


class WeekForm(UtrechtFormMixin, forms.Form):
    """Which week the week view shows (any day of it); this week when empty or wrong."""

    mark_optional = False
    day = forms.DateField(label=_("Week of"), required=False, widget=DATE_WIDGET)
