"""Template context shared by every page: the navigation for the user's roles."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inburgering import permissions


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [(reverse("caseload"), _("My dossiers"), "caseload")]
    if permissions.can_register_dossier(user):
        items.append((reverse("dossier_register"), _("Register dossier"), "dossier_register"))
    if permissions.can_use_admin(user):
        items.append((reverse("admin:index"), _("Application management"), "admin"))
    return {"nav_items": items}
