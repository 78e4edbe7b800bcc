"""The monitor's filters: a GET form whose choices are the user's own gemeenten and teams."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.choices import Doelgroep, Regime
from inburgering.dates import Quarter
from inburgering.models import Gemeente, Team
from inburgering.web.form_rendering import UtrechtFormMixin
from voortgang.monitor.filters import MonitorFilter, default_period, quarter_choices


class MonitorFilterForm(UtrechtFormMixin, forms.Form):
    mark_optional = False

    gemeente = forms.ChoiceField(label=_("Municipality"), required=False)
    van = forms.ChoiceField(label=_("From quarter"), required=False)
    tot = forms.ChoiceField(label=_("Up to and including quarter"), required=False)
    cohort = forms.ChoiceField(
        label=_("Cohort"),
        required=False,
        help_text=_("The quarter in which the duty started."),
    )
    doelgroep = forms.ChoiceField(
        label=_("Target group"), required=False, choices=[("", _("All")), *Doelgroep.choices]
    )
    regime = forms.ChoiceField(
        label=_("Regime"), required=False, choices=[("", _("All")), *Regime.choices]
    )
    team = forms.ChoiceField(label=_("Team"), required=False)

    def __init__(self, *args, gemeenten: list[Gemeente], teams: list[Team], today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.gemeenten = gemeenten
        first, last = default_period(today)
        quarters = quarter_choices(today)
        self.fields["gemeente"].choices = [
            ("", _("All my municipalities")),
            *((str(g.pk), g.naam) for g in gemeenten),
        ]
        self.fields["van"].choices = quarters
        self.fields["van"].initial = str(first)
        self.fields["tot"].choices = quarters
        self.fields["tot"].initial = str(last)
        self.fields["cohort"].choices = [("", _("All cohorts")), *quarters]
        self.fields["team"].choices = [
            ("", _("All teams")),
            *((str(t.pk), f"{t.naam} ({t.gemeente.naam})") for t in teams),
        ]

    def clean(self):
        data = super().clean()
        van, tot = Quarter.parse(data.get("van") or ""), Quarter.parse(data.get("tot") or "")
        if van and tot and tot < van:
            self.add_error("tot", _("This quarter lies before the first quarter."))
        return data

    def to_filter(self) -> MonitorFilter:
        """The figures to count; a field with an error counts as not chosen (its message shows
        next to it), so the page always has figures."""
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data  # without the fields in error
        first, last = default_period(self.today)
        gemeente = data.get("gemeente")
        team = data.get("team")
        return MonitorFilter(
            gemeente_ids=(int(gemeente),) if gemeente else tuple(g.pk for g in self.gemeenten),
            first=Quarter.parse(data.get("van") or "") or first,
            last=Quarter.parse(data.get("tot") or "") or last,
            today=self.today,
            cohort=Quarter.parse(data.get("cohort") or ""),
            doelgroep=data.get("doelgroep") or "",
            regime=data.get("regime") or "",
            team_id=int(team) if team else None,
        )

    def description(self) -> list[tuple[str, str]]:
        """The filters as label and value, for the exports' header rows."""
        f = self.to_filter()
        values = {
            "gemeente": ", ".join(g.naam for g in self.gemeenten if g.pk in f.gemeente_ids),
            "van": f.first.label,
            "tot": f.last.label,
        }
        rows = []
        for name, field in self.fields.items():
            if name in values:
                rows.append((str(field.label), values[name]))
                continue
            value = self.cleaned_data.get(name, "") if self.is_bound else ""
            chosen = dict(field.choices).get(value or "", "")
            rows.append((str(field.label), str(chosen)))
        return rows
