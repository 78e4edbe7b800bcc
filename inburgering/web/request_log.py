"""Logs that say which request and which user, and nothing about the person in the dossier.

Every request gets an id (the proxy's X-Request-ID when it sends a sane one, else a new one),
returned in the response header; log records carry it and the user's id. Names, BSNs and
free text never go into a log line: log messages in this project hold ids only, and the
access log leaves out query strings (scripts/entrypoint.sh).
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

_request_id = contextvars.ContextVar("request_id", default="")
_user_id = contextvars.ContextVar("user_id", default="")
_SANE_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if _SANE_ID.match(offered) else uuid.uuid4().hex
        request.request_id = request_id
        # Set, not reset afterwards: Django logs 4xx and 5xx after the middleware has returned.
        # The next request in this thread sets both again before anything is logged.
        _request_id.set(request_id)
        _user_id.set("")
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class UserIdMiddleware:
    """After authentication: the user's id (never the name) for the rest of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            _user_id.set(str(user.pk))
        return self.get_response(request)


class RequestContextFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        record.user_id = _user_id.get()
        return True
