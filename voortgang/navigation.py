"""The worklist entry of the main navigation, with the number of open items as its badge."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inburgering.web.context_processors import NavItem
from voortgang import selectors


def worklist_item(request) -> NavItem:
    return NavItem(
        reverse("worklist"), _("My worklist"), "worklist", selectors.worklist_count(request.user)
    )
