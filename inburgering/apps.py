from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class InburgeringConfig(AppConfig):
    name = "inburgering"
    verbose_name = _("Civic integration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from inburgering import database
        from inburgering.accounts import sessions  # noqa: F401 (connects the session receiver)
        from inburgering.accounts.roles import sync_role_groups
        from inburgering.bijeenkomsten import dossier_section as bijeenkomst_section
        from inburgering.brieven import dossier_section as brief_section
        from inburgering.brieven import services as brief_services
        from inburgering.brieven import shipped
        from inburgering.dossier import leavers  # noqa: F401 (connects the leaver receiver)
        from inburgering.dossier import sections as dossier_sections
        from inburgering.models import (
            Bijeenkomst,
            Brief,
            ContactDetails,
            Deling,
            DossierExport,
            Inburgeraar,
            Toestemming,
        )
        from inburgering.privacy import (
            audit,  # noqa: F401 (connects the login receivers)
            audit_trail,
            retention,
        )
        from inburgering.privacy import services as privacy_services

        audit_trail.register(Inburgeraar, "id")
        audit_trail.register(Deling, "dossier")
        audit_trail.register(Toestemming, "dossier")
        audit_trail.register(DossierExport, "dossier")
        audit_trail.register(ContactDetails, "dossier")
        audit_trail.register(Bijeenkomst, "dossier")
        audit_trail.register(Brief, "dossier")
        dossier_sections.register(5, bijeenkomst_section.render)
        dossier_sections.register(6, brief_section.render)
        retention.register_files(brief_services.remove_letter_files)
        retention.register_files(privacy_services.remove_export_files)

        connection_created.connect(database.keep_prepared)
        post_migrate.connect(sync_role_groups, sender=self)
        post_migrate.connect(shipped.load_shipped_templates, sender=self)


class InburgeringAdminConfig(AdminConfig):
    """Django admin on a site that only the functioneel beheerder may enter."""

    default_site = "inburgering.accounts.admin_site.InburgeringAdminSite"
