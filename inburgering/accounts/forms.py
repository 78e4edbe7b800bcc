"""Forms of logging in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.web.form_rendering import UtrechtFormMixin


class TokenForm(UtrechtFormMixin, forms.Form):
    """The second factor: six digits from the app (or, when signing in, a backup code)."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def __init__(self, *args, backup_allowed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].help_text = (
            _("The 6 digits your authenticator app shows now, or one of your backup codes.")
            if backup_allowed
            else _("The 6 digits your authenticator app shows now.")
        )
