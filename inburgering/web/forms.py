"""Form building blocks every app's forms share."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedFormMixin(forms.Form):
    """Carries the row's lock_version through the form (optimistic locking, decision 0004)."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def versioned_object(self):
        """The row whose lock_version guards this form (the form's instance by default)."""
        return self.instance

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["lock_version"] = self.versioned_object().lock_version

    def expected_version(self) -> int:
        """The version the user saw, for the service's ``expected_version`` (valid form)."""
        return self.cleaned_data.get("lock_version") or 0


def yes_no_unknown_field(label, help_text="") -> forms.TypedChoiceField:
    """A yes/no question that may stay unanswered (a nullable boolean), as radio buttons."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("Not known")), ("true", _("Yes")), ("false", _("No"))],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


def yes_no_initial(value: bool | None) -> str:
    """The radio value of a stored nullable boolean for ``yes_no_unknown_field``."""
    return "" if value is None else ("true" if value else "false")
