"""The quarterly delivery's forms: which gemeente and quarter to check, and the release."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.dates import Quarter
from inburgering.web.form_rendering import UtrechtFormMixin
from voortgang.monitor.filters import quarter_choices


class DeliveryChoiceForm(UtrechtFormMixin, forms.Form):
    mark_optional = False

    gemeente = forms.ChoiceField(label=_("Municipality"))
    kwartaal = forms.ChoiceField(label=_("Quarter"))

    def __init__(self, *args, gemeenten, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = gemeenten
        self.fields["gemeente"].choices = [(str(g.pk), g.naam) for g in gemeenten]
        self.fields["kwartaal"].choices = quarter_choices(today)
        # The quarter to deliver now: the one that ended last.
        self.default_quarter = Quarter.of(today).previous()
        self.fields["kwartaal"].initial = str(self.default_quarter)

    def chosen(self) -> tuple[int | None, Quarter]:
        """The gemeente and quarter asked for; an invalid choice shows its error and falls
        back to the first gemeente and the quarter that ended last."""
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        gemeente = data.get("gemeente")
        if gemeente:
            gemeente_id = int(gemeente)
        else:
            gemeente_id = self.gemeenten[0].pk if self.gemeenten else None
        quarter = Quarter.parse(data.get("kwartaal") or "") or self.default_quarter
        return gemeente_id, quarter


class ReleaseForm(UtrechtFormMixin, forms.Form):
    gemeente = forms.IntegerField(widget=forms.HiddenInput)
    kwartaal = forms.CharField(widget=forms.HiddenInput, max_length=7)
    open_points_checked = forms.BooleanField(
        label=_("I have looked at the points still open"),
        required=False,
    )
    note = forms.CharField(
        label=_("Why this delivery replaces the previous one"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for a corrected delivery."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "vrijgeven_%s")  # beside the choice form on one page
        super().__init__(*args, **kwargs)

    def clean_kwartaal(self):
        quarter = Quarter.parse(self.cleaned_data["kwartaal"])
        if quarter is None:
            raise forms.ValidationError(_("Choose a quarter."))
        return quarter
