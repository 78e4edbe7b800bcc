from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipPlansConfig(AppConfig):
    name = "pip_plans"
    verbose_name = _("Personal plans (PIP)")

    def ready(self):
        from inburgering import dossier_sections
        from inburgering.demo import demo_data_loaded
        from pip_plans import demo, dossier_section

        dossier_sections.register(20, dossier_section.render)
        demo_data_loaded.connect(demo.load_demo_plans, dispatch_uid="pip-plans-demo")
