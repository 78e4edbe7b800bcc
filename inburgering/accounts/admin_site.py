"""The admin site: for the functioneel beheerder only, as the permission policy says.

The beheerder administers accounts, teams and organisations and never reads a person's data:
a system check fails when a model that holds a dossier's data (every model registered in the
audit trail, and its history) is registered here.
"""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core import checks
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from inburgering import permissions
from inburgering.privacy import audit_trail


class InburgeringAdminSite(admin.AdminSite):
    site_header = _("Civic integration – application management")
    site_title = _("Application management")
    index_title = _("Application management")
    guard_rule = permissions.ADMIN

    def has_permission(self, request):
        return permissions.can_use_admin(request.user)

    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        """One login page for the whole app; a logged-in user without the role gets 403."""
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if self.has_permission(request):
            return redirect(next_url)
        raise PermissionDenied

    def get_urls(self):
        """Admin's "view on site" shortcut answers only for the models registered here, so a
        guessed dossier id does not even redirect."""
        urls = super().get_urls()
        shortcut = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self._view_on_site),
            name="view_on_site",
        )
        return [shortcut if getattr(url, "name", None) == "view_on_site" else url for url in urls]

    def _view_on_site(self, request, content_type_id, object_id):
        from django.contrib.contenttypes import views

        model = ContentType.objects.filter(pk=content_type_id).first()
        if model is None or model.model_class() not in self._registry:
            raise Http404
        return views.shortcut(request, content_type_id, object_id)


def person_data_models() -> set[type]:
    """Every model that holds a dossier's data, with its history model."""
    models = set()
    for model, _path in audit_trail.sources():
        models.add(model)
        history = getattr(model, "history", None)
        if history is not None:
            models.add(history.model)
    return models


@checks.register(checks.Tags.admin)
def no_person_data_in_admin(app_configs=None, **kwargs):
    """The production admin site never lists, shows or changes a person's data."""
    forbidden = person_data_models()
    return [
        checks.Error(
            f"{model._meta.label} holds a person's data and is registered in Django admin.",
            hint="Casework happens in the app, through the permission policy.",
            obj=admin.site,
            id="inburgering.E001",
        )
        for model in admin.site._registry
        if model in forbidden
    ]
