"""The benchmark's baseline: Django admin's list of a regisseur's dossiers, on an admin site of
its own that only the benchmark's settings mount (``bench.settings``).

The production admin never shows a dossier (``admin_site.no_person_data_in_admin``); the
benchmark still needs Django's own changelist of the same rows to compare the pages with.
"""

from django.conf import settings
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
    """Django's changelist of the regisseur's 200 dossiers as the caseload shows them: the same
    columns, the status filter, a page of the same size. No filter on regisseur or gemeente:
    their sidebars list every user and gemeente, a cost the pages do not share."""

    list_per_page = settings.LIST_PAGE_SIZE
    list_display = ["surname", "given_names", "date_of_birth", "gemeente", "regisseur", "status"]
    list_filter = ["status"]
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
