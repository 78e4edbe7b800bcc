"""The privacy officer's filters: who, which organisation, what, which domain, when."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from inburgering.choices import Domein
from inburgering.models import AuditAction, Organisatie, User
from inburgering.privacy.audit_trail import HISTORY_ACTIONS, Filters
from inburgering.web.form_rendering import UtrechtFormMixin
from inburgering.web.forms import DATE_WIDGET


class TrailFilterForm(UtrechtFormMixin, forms.Form):
    mark_optional = False

    user = forms.ModelChoiceField(
        label=_("User"), queryset=User.objects.order_by("username"), required=False
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisatie.objects.order_by("naam"), required=False
    )
    action = forms.ChoiceField(
        label=_("What"),
        choices=[("", _("Everything")), *HISTORY_ACTIONS.items(), *AuditAction.choices],
        required=False,
    )
    domein = forms.ChoiceField(
        label=_("Domain"), choices=[("", _("All domains")), *Domein.choices], required=False
    )
    since = forms.DateField(label=_("From"), widget=DATE_WIDGET, required=False)
    until = forms.DateField(label=_("To"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args, for_user: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user:
            del self.fields["user"]
            del self.fields["organisatie"]

    def offer_users(self, users) -> None:
        """Offer the people who appear in this trail, not every account there is: fewer
        names to choose from, and no names of other gemeenten's staff."""
        if "user" in self.fields:
            self.fields["user"].choices = [("", self.fields["user"].empty_label)] + [
                (user.pk, str(user)) for user in users
            ]

    def filters(self) -> Filters:
        """The chosen filters; an invalid field counts as not chosen (it shows its error)."""
        data = self.cleaned_data if self.is_valid() else {}
        user, organisatie = data.get("user"), data.get("organisatie")
        return Filters(
            user_id=user.pk if user else None,
            organisatie_id=organisatie.pk if organisatie else None,
            action=data.get("action", ""),
            domein=data.get("domein", ""),
            since=data.get("since"),
            until=data.get("until"),
        )


class DossierSearchForm(UtrechtFormMixin, forms.Form):
    mark_optional = False

    q = forms.CharField(label=_("Name or BSN"), required=False)
