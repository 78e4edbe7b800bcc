"""Application management: users, teams, municipalities, partner organisations and the
letter templates.

No model that holds a person's data is registered here: the functioneel beheerder administers
and never reads a dossier (a system check refuses such a registration, ``admin_site``). Every
change made here is an audit event, and nobody can make an account a superuser or change
their own roles or teams through these pages.
"""

import json

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed
from django.utils.html import format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from inburgering.accounts import two_factor
from inburgering.brieven import fields as letter_fields
from inburgering.brieven import readability
from inburgering.models import (
    Briefsjabloon,
    BriefsjabloonTekst,
    Gemeente,
    Organisatie,
    Team,
    TeamMembership,
    User,
)
from inburgering.numbers import parse_int
from inburgering.privacy import events
from inburgering.services import save_as
from inburgering.web.form_input import InputBoundaryMixin


def _ids_or_404(*ids) -> None:
    if any(parse_int(value) is None for value in ids):
        raise Http404


class HistoryAdmin(SimpleHistoryAdmin):
    """The change history, read only. simple-history's form for one old version saves that
    whole version when posted (a superuser flag of years ago included), past the fields this
    admin allows; here it only shows it. Ids that are no number are a 404, not a 500."""

    def history_view(self, request, object_id, extra_context=None):
        _ids_or_404(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        _ids_or_404(object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True


def _changed_fields(message) -> list[str]:
    """The field names in admin's change message (a list, or its JSON form)."""
    if isinstance(message, str):
        try:
            message = json.loads(message)
        except ValueError:
            return []
    fields = []
    for part in message or []:
        for kind, details in part.items():
            if kind == "changed" and "fields" in details:
                fields += [str(name) for name in details["fields"]]
            elif "object" in details:
                fields.append(f"{kind} {details.get('name', '')} {details['object']}")
    return fields


class AuditedAdmin(admin.ModelAdmin):
    """An audit event for every addition, change and deletion, in the same transaction (admin's
    own log stays, but the privacy officer reads the audit log)."""

    def log_addition(self, request, obj, message):
        events.admin_added(actor=request.user, obj=obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        events.admin_changed(actor=request.user, obj=obj, fields=_changed_fields(message))
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            events.admin_deleted(actor=request.user, obj=obj)
        return super().log_deletions(request, queryset)


@admin.register(Gemeente)
class GemeenteAdmin(AuditedAdmin, HistoryAdmin):
    list_display = ["naam", "cbs_code"]
    search_fields = ["naam", "cbs_code"]


class CheckboxesAdmin(admin.ModelAdmin):
    """Many-to-many fields as labelled checkboxes: Django's two-box filter widget is drawn by
    JavaScript with icons that axe-core flags (a prohibited aria-label on a span), and a few
    roles or gemeenten need no search."""

    filter_horizontal = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Organisatie)
class OrganisatieAdmin(CheckboxesAdmin, AuditedAdmin, HistoryAdmin):
    list_display = ["naam", "domeinen"]
    search_fields = ["naam"]
    autocomplete_fields = ["group"]


class _NotOneselfFormSet(BaseInlineFormSet):
    """Team memberships of the acting user are left alone: nobody gives themselves a team."""

    acting_user_id = None

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or not hasattr(form, "cleaned_data"):
                continue
            user = form.cleaned_data.get("user") or getattr(form.instance, "user", None)
            if user is not None and user.pk == self.acting_user_id:
                raise ValidationError(
                    _("You cannot change your own team membership; ask another administrator.")
                )


class TeamMembershipInline(admin.StackedInline):
    """Stacked, so every field has its label (a tabular inline's selects have none)."""

    model = TeamMembership
    extra = 1
    formset = _NotOneselfFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.acting_user_id = request.user.pk
        return formset


@admin.register(Team)
class TeamAdmin(AuditedAdmin, HistoryAdmin):
    list_display = ["naam", "gemeente"]
    list_filter = ["gemeente"]
    search_fields = ["naam"]
    list_select_related = ["gemeente"]
    inlines = [TeamMembershipInline]


def _roles(user) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True)) if user.pk else []


@admin.register(User)
class UserAdmin(CheckboxesAdmin, AuditedAdmin, DjangoUserAdmin, HistoryAdmin):
    list_display = ["username", "first_name", "last_name", "organisatie", "is_active"]
    list_select_related = ["organisatie"]
    list_filter = ["is_active", "groups", "organisatie"]
    # No superuser flag, staff flag or loose permissions: roles are groups, and a superuser is
    # made on the server (createsuperuser), never through the app.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Roles"), {"fields": ("is_active", "groups", "is_superuser")}),
        (_("Work"), {"fields": ("organisatie", "gemeenten")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    actions = ["reset_two_factor"]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["is_superuser", "last_login", "date_joined"]
        if obj is not None and obj.pk == request.user.pk:
            readonly += ["is_active", "groups", "organisatie", "gemeenten"]
        return readonly

    def save_related(self, request, form, formsets, change):
        before = _roles(form.instance) if change else []
        super().save_related(request, form, formsets, change)
        after = _roles(form.instance)
        if before != after:
            events.roles_changed(actor=request.user, user=form.instance, before=before, after=after)

    @admin.action(description=_("Reset two-factor login (lost phone)"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor.reset(actor=request.user, user=user)
        self.message_user(
            request,
            _("Two-factor login reset for %(count)s users; they connect an app at next login.")
            % {"count": len(queryset)},
        )


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdmin, DjangoGroupAdmin):
    """Role groups are made by the code (``roles.sync_role_groups``); shown, and audited."""


class LetterTextForm(InputBoundaryMixin, forms.ModelForm):
    """A template text with a field nobody can fill is refused here, with the field named."""

    class Meta:
        model = BriefsjabloonTekst
        fields = ["language", "subject", "body", "reviewed"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14, "cols": 90})}

    def clean(self):
        cleaned = super().clean()
        known = ", ".join(f"[{name}]" for name in letter_fields.known())
        for name in ("subject", "body"):
            for unknown in letter_fields.unknown(cleaned.get(name) or ""):
                self.add_error(
                    name,
                    _("[%(field)s] is not a field a letter can fill. The fields are: %(known)s.")
                    % {"field": unknown, "known": known},
                )
        return cleaned


class LetterTextInline(admin.StackedInline):
    model = BriefsjabloonTekst
    form = LetterTextForm
    extra = 0
    fields = ["language", "subject", "body", "reviewed", "readability"]
    readonly_fields = ["readability"]

    @admin.display(description=_("Readability (Flesch-Douma, per paragraph)"))
    def readability(self, obj):
        """A hint for the Dutch text as saved: 60 or more reads as B1; not a gate."""
        if obj is None or obj.pk is None or obj.language != "nl":
            return "–"
        return format_html_join(
            "",
            "<p>{} – <strong>{}</strong> ({})</p>",
            (
                (Truncator(hint.paragraph).chars(60), hint.score, hint.label)
                for hint in readability.douma_scores(obj.body)
            ),
        )


@admin.register(Briefsjabloon)
class LetterTemplateAdmin(AuditedAdmin, HistoryAdmin):
    """The letter templates: one per kind of letter, shipped with the app. Every saved change
    raises the version; letters made earlier keep their own copy and PDF."""

    list_display = ["kind", "version"]
    fields = ["kind", "version", "field_list"]
    readonly_fields = ["kind", "version", "field_list"]
    inlines = [LetterTextInline]

    @admin.display(description=_("Fields"))
    def field_list(self, obj):
        return format_html_join(
            "", "<p>[{}]: {}</p>", ((f.name, f.description) for f in letter_fields.known().values())
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            template = form.instance
            template.version += 1
            save_as(template, actor=request.user)
