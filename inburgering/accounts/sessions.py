"""Session timeouts (BIO): idle and absolute, both configurable; deactivation ends sessions.

The times live in the session. The last-seen time is written at most once a minute, so pages
do not pay a session write on every request.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from inburgering.models import User, UserSession

STARTED = "session_started_at"
LAST_SEEN = "session_last_seen_at"
LAST_SEEN_RESOLUTION_SECONDS = 60


@receiver(user_logged_in, dispatch_uid="inburgering-session-times")
def _start(sender, request, user, **kwargs):
    now = time.time()
    request.session[STARTED] = now
    request.session[LAST_SEEN] = now


@receiver(post_save, sender=User, dispatch_uid="inburgering-end-sessions-of-inactive")
def end_sessions_of_inactive(sender, instance, **kwargs):
    """A deactivated account's sessions are deleted, not only refused: reactivating the
    account later must not bring a forgotten browser session back to life."""
    if not instance.is_active:
        UserSession.objects.filter(user=instance).delete()


def expired(session, now: float) -> bool:
    started, last_seen = session.get(STARTED), session.get(LAST_SEEN)
    if started is None or last_seen is None:
        return True
    return (
        now - started > settings.SESSION_ABSOLUTE_SECONDS
        or now - last_seen > settings.SESSION_IDLE_SECONDS
    )


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            if expired(request.session, now):
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect_to_login(request.get_full_path())
            if now - request.session[LAST_SEEN] > LAST_SEEN_RESOLUTION_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
