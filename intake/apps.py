from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Broad intake")

    def ready(self):
        from inburgering.bijeenkomsten import services as bijeenkomst_services
        from inburgering.choices import BijeenkomstSoort
        from inburgering.demo import demo_data_loaded
        from inburgering.dossier import sections as dossier_sections
        from inburgering.privacy import audit_trail
        from intake import demo, dossier_section, models, services

        dossier_sections.register(10, dossier_section.render)
        bijeenkomst_services.follow(BijeenkomstSoort.BREDE_INTAKE, services.follow_bijeenkomst)
        demo_data_loaded.connect(demo.load_demo_intakes, dispatch_uid="intake-demo")
        audit_trail.register(models.BredeIntake, "dossier")
        audit_trail.register(models.Klantprofiel, "dossier")
        for model in (
            models.Intakegesprek,
            models.Bevinding,
            models.Opleiding,
            models.Werkervaring,
            models.Kind,
            models.Leerbaarheidstoets,
            models.Uitnodiging,
        ):
            audit_trail.register(model, "intake__dossier")
