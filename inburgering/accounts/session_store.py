"""The session engine: Django's database sessions, in a table that knows each session's user.

See https://docs.djangoproject.com/en/5.2/topics/http/sessions/#extending-database-backed-session-engines
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from inburgering.numbers import parse_int


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from inburgering.models import UserSession

        return UserSession

    def create_model_instance(self, data):
        """Every save records the logged-in user (none before login, or after logout)."""
        instance = super().create_model_instance(data)
        instance.user_id = parse_int(data.get(SESSION_KEY))
        return instance
