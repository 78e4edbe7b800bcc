"""The benchmark's baseline: Django admin's list of a regisseur's dossiers, on an admin site of
its own that only the benchmark's settings mount (``bench.settings``).

The production admin never shows a dossier (``admin_site.no_person_data_in_admin``); the
benchmark still needs Django's own changelist of the same rows to compare the pages with.
"""

from django.contrib import admin

from inburgering import permissions
from inburgering.models import Inburgeraar


class BaselineAdminSite(admin.AdminSite):
    site_header = "Benchmark baseline"

    def has_permission(self, request):
        return permissions.can_use_admin(request.user)


site = BaselineAdminSite(name="bench_admin")


@admin.register(Inburgeraar, site=site)
class InburgeraarBaselineAdmin(admin.ModelAdmin):
    """What the production admin once listed: the dossiers, filterable by regisseur."""

    list_display = ["surname", "given_names", "date_of_birth", "gemeente", "regisseur", "status"]
    list_filter = ["status", "doelgroep", "regime", "gemeente", "regisseur"]
    list_select_related = ["gemeente", "regisseur"]
    search_fields = ["surname", "given_names", "=bsn"]

    def has_view_permission(self, request, obj=None):
        return True

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
