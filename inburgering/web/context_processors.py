"""Template context shared by every page: the navigation for the user's roles.

Apps add their own entries (the worklist with its count) through ``register`` in their
AppConfig.ready(), so the core imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inburgering import permissions
from inburgering.choices import Role


class NavItem(NamedTuple):
    url: str
    label: str
    key: str
    badge: int | None = None


NavProvider = Callable[[object], NavItem | None]
_providers: list[tuple[int, NavProvider]] = []


def register(order: int, provider: NavProvider) -> None:
    if all(existing is not provider for _order, existing in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda item: item[0])


def _core_items(request) -> list[tuple[int, NavItem]]:
    user = request.user
    if permissions.partner_organisatie_id(user) is not None:
        return [(10, NavItem(reverse("partner_home"), _("Shared dossiers"), "partner_home"))]
    items = []
    if permissions.can_register_dossier(user) or not permissions.has_role(
        user, Role.BELEIDSMEDEWERKER
    ):  # a beleidsmedewerker reads figures only: the monitor
        items.append((10, NavItem(reverse("caseload"), _("My dossiers"), "caseload")))
    if permissions.can_register_dossier(user):  # a caseload: regisseur, teamleider
        items.append(
            (22, NavItem(reverse("bijeenkomsten_week"), _("My week"), "bijeenkomsten_week"))
        )
    if permissions.can_assign_dossiers(user):
        items.append(
            (25, NavItem(reverse("assignment_queue"), _("To be assigned"), "assignment_queue"))
        )
        items.append((27, NavItem(reverse("waarnemingen"), _("Substitutes"), "waarnemingen")))
    if permissions.can_register_dossier(user):
        items.append(
            (30, NavItem(reverse("dossier_register"), _("Register dossier"), "dossier_register"))
        )
    if permissions.can_audit(user):
        items.append((80, NavItem(reverse("privacy_home"), _("Privacy audit"), "privacy_home")))
    if permissions.can_manage_retention(user):
        items.append(
            (85, NavItem(reverse("retention_overview"), _("Retention"), "retention_overview"))
        )
    if permissions.can_use_admin(user):
        items.append((90, NavItem(reverse("admin:index"), _("Application management"), "admin")))
    return items


def navigation(request):
    """Built once per request: sections rendered with the request run this processor too."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    if not hasattr(request, "_nav_items"):
        items = _core_items(request)
        for order, provider in _providers:
            item = provider(request)
            if item is not None:
                items.append((order, item))
        request._nav_items = [item for _order, item in sorted(items, key=lambda pair: pair[0])]
    return {"nav_items": request._nav_items}


def waarneming(request):
    """The substitution through which the user opens this dossier, for the banner
    "Waarneming voor …"; a query only for users who stand in for someone today."""
    dossier = getattr(request, "guarded_dossier", None)
    if dossier is None:
        return {}
    if not hasattr(request, "_waarneming"):
        request._waarneming = permissions.current_waarneming(request.user, dossier.regisseur_id)
    return {"waarneming": request._waarneming}
