"""Entries of the main navigation: the worklist, with the number of open items as its badge,
and the teamleider's team page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inburgering import permissions
from inburgering.web.context_processors import NavItem
from voortgang import selectors


def team_item(request) -> NavItem | None:
    if not permissions.can_assign_dossiers(request.user):
        return None
    return NavItem(reverse("team_overview"), _("Team"), "team_overview")


def worklist_item(request) -> NavItem:
    return NavItem(
        reverse("worklist"), _("My worklist"), "worklist", selectors.worklist_count(request.user)
    )
