from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoortgangConfig(AppConfig):
    name = "voortgang"
    verbose_name = _("Progress")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from inburgering.accounts.roles import sync_role_groups
        from inburgering.demo import demo_data_complete, demo_data_loaded
        from inburgering.dossier import handover
        from inburgering.dossier import sections as dossier_sections
        from inburgering.dossier.signals import dossier_dates_changed, regisseur_assigned
        from inburgering.privacy import audit_trail
        from inburgering.web import context_processors
        from pip_plans import lesson_hours
        from pip_plans.signals import plan_vastgesteld
        from voortgang import (
            demo,
            dossier_section,
            models,
            navigation,
            selectors,
            services,
        )
        from voortgang import handover as learning_handover
        from voortgang.kwartaallevering import services as kwartaallevering_services
        from voortgang.monitor import facts

        # Again after this app's own permissions exist: the contactpersoon's group holds one.
        post_migrate.connect(sync_role_groups, sender=self)
        # The monitor's read model is rebuilt around every migrate (voortgang.monitor.facts).
        pre_migrate.connect(facts.drop_views, sender=self, dispatch_uid="monitor-drop-views")
        post_migrate.connect(facts.create_views, sender=self, dispatch_uid="monitor-views")
        dossier_sections.register(30, dossier_section.render)
        handover.register_part(20, learning_handover.receive)
        context_processors.register(20, navigation.worklist_item)
        context_processors.register(24, navigation.team_item)
        context_processors.register(26, navigation.monitor_item)
        lesson_hours.register(selectors.recorded_lesuren)
        plan_vastgesteld.connect(services.plan_after_fixing, dispatch_uid="voortgang-plan-talk")
        regisseur_assigned.connect(
            services.follow_new_regisseur, dispatch_uid="voortgang-new-regisseur"
        )
        dossier_dates_changed.connect(services.follow_dates, dispatch_uid="voortgang-dates")
        demo_data_loaded.connect(demo.load_demo_voortgang, dispatch_uid="voortgang-demo")
        demo_data_complete.connect(facts.refresh_after_data, dispatch_uid="monitor-demo")
        demo_data_complete.connect(
            kwartaallevering_services.check_after_data, dispatch_uid="delivery-check-demo"
        )
        for model in (
            models.Voortgangsgesprek,
            models.Voortgangsnotitie,
            models.Signaal,
            models.Herinnering,
            models.Examenresultaat,
            models.Traject,
        ):
            audit_trail.register(model, "dossier")
        audit_trail.register(models.AfspraakVoortgang, "gesprek__dossier")
