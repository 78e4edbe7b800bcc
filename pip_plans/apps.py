from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipPlansConfig(AppConfig):
    name = "pip_plans"
    verbose_name = _("Personal plans (PIP)")
