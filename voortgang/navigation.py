"""Entries of the main navigation: the worklist, with the number of open items as its badge,
the teamleider's team page and the monitor."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from inburgering import permissions
from inburgering.choices import Role
from inburgering.web.context_processors import NavItem
from voortgang import selectors


def team_item(request) -> NavItem | None:
    if not permissions.can_assign_dossiers(request.user):
        return None
    return NavItem(reverse("team_overview"), _("Team"), "team_overview")


def monitor_item(request) -> NavItem | None:
    if not permissions.can_see_monitor(request.user):
        return None
    return NavItem(reverse("monitor"), _("Monitor"), "monitor")


def worklist_item(request) -> NavItem | None:
    """The count is read when the page shows it, once: a page that renders no navigation
    (a 404 or 403 page hides the badge: templates/404.html) asks nothing. Only the teams'
    regisseurs and teamleiders own signals and receive reminders: the other roles (partners,
    the privacy officer, beleid, beheer) have no worklist and pay no query for its badge."""
    if not permissions.has_role(request.user, Role.REGISSEUR, Role.TEAMLEIDER):
        return None
    count = SimpleLazyObject(lambda: selectors.worklist_count(request.user))
    return NavItem(reverse("worklist"), _("My worklist"), "worklist", count)
