"""Django's model backend, reading the logged-in user of each request in one query: with
the organisation and the role names that every page's permission checks ask for."""

from django.contrib.auth.backends import ModelBackend

from inburgering import permissions
from inburgering.models import User


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        users = permissions.with_roles(User._default_manager.select_related("organisatie"))
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
