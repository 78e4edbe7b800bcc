"""Application management: users, teams, municipalities and partner organisations.

Dossiers appear read-only and scoped by the permission policy like everywhere else.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from inburgering import permissions, two_factor
from inburgering.models import Gemeente, Inburgeraar, Organisatie, Team, TeamMembership, User


@admin.register(Gemeente)
class GemeenteAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "cbs_code"]
    search_fields = ["naam", "cbs_code"]


@admin.register(Organisatie)
class OrganisatieAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "domeinen"]
    search_fields = ["naam"]
    filter_horizontal = ["gemeenten"]
    autocomplete_fields = ["group"]


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "gemeente"]
    list_filter = ["gemeente"]
    search_fields = ["naam"]
    list_select_related = ["gemeente"]
    inlines = [TeamMembershipInline]


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "organisatie", "is_active"]
    list_select_related = ["organisatie"]
    list_filter = ["is_active", "groups", "organisatie"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Work"), {"fields": ("organisatie", "gemeenten")}),
    )
    filter_horizontal = ["groups", "user_permissions", "gemeenten"]
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor login (lost phone)"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor.reset(actor=request.user, user=user)
        self.message_user(
            request,
            _("Two-factor login reset for %(count)s users; they connect an app at next login.")
            % {"count": len(queryset)},
        )


@admin.register(Inburgeraar)
class InburgeraarAdmin(SimpleHistoryAdmin):
    """Read-only; casework happens in the app. The list is scoped by the policy."""

    list_display = ["surname", "given_names", "date_of_birth", "gemeente", "regisseur", "status"]
    list_filter = ["status", "doelgroep", "regime", "gemeente", "regisseur"]
    list_select_related = ["gemeente", "regisseur"]
    search_fields = ["surname", "given_names", "=bsn"]

    def get_queryset(self, request):
        return permissions.dossiers_visible_to(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
