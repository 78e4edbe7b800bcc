"""An appointment as an iCalendar file (RFC 5545) for the regisseur's own calendar.

The event keeps one UID for its whole life and counts its changes in SEQUENCE, so importing
the file again after a move or a cancellation updates the event instead of adding one. Times
are local to Europe/Amsterdam with the zone's rules in the file. No BSN: a calendar leaves
the app."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from inburgering.choices import Opkomst
from inburgering.models import Bijeenkomst

PRODUCT_ID = "-//Inburgering//Bijeenkomsten//NL"


def _description(bijeenkomst: Bijeenkomst) -> str:
    lines = []
    if bijeenkomst.interpreter_language:
        booked = _("booked") if bijeenkomst.interpreter_booked else _("not booked yet")
        lines.append(
            _("Interpreter: %(language)s (%(booked)s)")
            % {"language": bijeenkomst.get_interpreter_language_display(), "booked": booked}
        )
    if bijeenkomst.video_link:
        lines.append(_("Video link: %(link)s") % {"link": bijeenkomst.video_link})
    if bijeenkomst.other_attendees:
        lines.append(_("Also attending: %(who)s") % {"who": bijeenkomst.other_attendees})
    if bijeenkomst.note:
        lines.append(bijeenkomst.note)
    if bijeenkomst.reason:
        lines.append(_("Reason for the last change: %(reason)s") % {"reason": bijeenkomst.reason})
    return "\n".join(lines)


def calendar_file(bijeenkomst: Bijeenkomst, *, domain: str) -> bytes:
    event = Event()
    event.add("uid", f"bijeenkomst-{bijeenkomst.pk}@{domain}")
    event.add("sequence", bijeenkomst.lock_version)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", bijeenkomst.starts_at)
    event.add("dtend", bijeenkomst.ends_at)
    event.add(
        "summary",
        f"{bijeenkomst.get_soort_display()}: {bijeenkomst.dossier.full_name}",
    )
    event.add("location", bijeenkomst.location or bijeenkomst.video_link)
    if bijeenkomst.video_link:
        event.add("url", bijeenkomst.video_link)
    description = _description(bijeenkomst)
    if description:
        event.add("description", description)
    cancelled = bijeenkomst.opkomst == Opkomst.VERVALLEN
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
