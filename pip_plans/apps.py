from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipPlansConfig(AppConfig):
    name = "pip_plans"
    verbose_name = _("Personal plans (PIP)")

    def ready(self):
        from inburgering.brieven import fields as letter_fields
        from inburgering.demo import demo_data_loaded
        from inburgering.dossier import handover
        from inburgering.dossier import sections as dossier_sections
        from inburgering.privacy import audit_trail, retention
        from pip_plans import demo, dossier_section, models, services
        from pip_plans import handover as plan_handover
        from pip_plans import letter_fields as plan_letter_fields

        dossier_sections.register(20, dossier_section.render)
        letter_fields.register(plan_letter_fields.FIELDS, plan_letter_fields.values)
        handover.register_part(10, plan_handover.receive)
        demo_data_loaded.connect(demo.load_demo_plans, dispatch_uid="pip-plans-demo")
        audit_trail.register(models.Pip, "dossier")
        audit_trail.register(models.DuoBesluit, "dossier")
        audit_trail.register(models.PipVersie, "pip__dossier")
        for model in (
            models.Sectie,
            models.Ontzorging,
            models.PipDocument,
            models.Bekendmaking,
            models.Bezwaar,
        ):
            audit_trail.register(model, "versie__pip__dossier")
        audit_trail.register(models.Afspraak, "sectie__versie__pip__dossier")
        retention.register_files(services.remove_dossier_files)
