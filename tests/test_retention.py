"""Retention: a dossier ended over five years ago is destroyed everywhere; its log stays,
pseudonymised; a dossier ended four years ago is untouched."""

import os

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from inburgering.choices import Role
from inburgering.dossier.services import close_dossier
from inburgering.models import (
    AuditEvent,
    Inburgeraar,
    InburgeraarGroupObjectPermission,
    Vernietiging,
)
from inburgering.privacy import retention
from inburgering.tasks import destroy_expired_dossiers
from intake import services as intake_services
from pip_plans.models import PipDocument
from tests import factories
from voortgang.models import Herinnering

TODAY = timezone.localdate()


def _full_dossier(team, regisseur, surname, ended_years_ago):
    dossier = factories.InburgeraarFactory(
        team=team,
        regisseur=regisseur,
        surname=surname,
        datum_start_inburgeringsplicht=TODAY - relativedelta(years=ended_years_ago + 3),
    )
    intake = intake_services.start_intake(actor=regisseur, dossier=dossier)
    intake.bevindingen.create(leefgebied="werk", current_situation=f"{surname} werkt")
    versie = factories.fixed_plan(dossier, regisseur, afspraken=[("werk", f"{surname} afspraak")])
    document = PipDocument(versie=versie, versie_lock_version=versie.lock_version, status="ready")
    document.file.save(f"{surname}.pdf", ContentFile(b"%PDF-1.7"))
    factories.signaal(dossier, regisseur, subject=f"{surname} schulden")
    factories.share(dossier, regisseur, factories.OrganisatieFactory(domeinen=["werk"]))
    AuditEvent.objects.create(actor=regisseur, dossier=dossier, action="dossier_viewed")
    dossier.refresh_from_db()
    close_dossier(
        actor=regisseur,
        dossier_id=dossier.pk,
        expected_version=dossier.lock_version,
        status="afgerond",
        ended_on=TODAY - relativedelta(years=ended_years_ago),
        reason="Plicht voldaan",
    )
    return Inburgeraar.objects.get(pk=dossier.pk), document.file.path


def _tables_mentioning(texts) -> list[str]:
    """Every table (history ones included) with a text column holding one of ``texts``."""
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            columns = [
                f.column
                for f in model._meta.concrete_fields
                if f.get_internal_type() in ("CharField", "TextField")
            ]
            for column in columns:
                for text in texts:
                    cursor.execute(
                        f'SELECT 1 FROM "{table}" WHERE "{column}" LIKE %s', [f"%{text}%"]
                    )
                    if cursor.fetchone():
                        found.append(f"{table}.{column}")
    return found


def test_the_job_destroys_what_ended_more_than_five_years_ago(team, regisseur):
    old, old_pdf = _full_dossier(team, regisseur, "Oudgeval", 6)
    recent, recent_pdf = _full_dossier(team, regisseur, "Recentgeval", 4)
    assert [d.dossier_id for d in retention.due()] == [old.pk]  # the dry run
    # A partner's view, and the share granted and ended by the services.
    old_events = AuditEvent.objects.filter(dossier=old).count()
    assert old_events == 3

    assert destroy_expired_dossiers.apply().get() == 1
    assert destroy_expired_dossiers.apply().get() == 0

    assert not Inburgeraar.objects.filter(pk=old.pk).exists()
    assert not Inburgeraar.history.filter(id=old.pk).exists()
    assert _tables_mentioning(["Oudgeval", old.bsn]) == []
    assert not InburgeraarGroupObjectPermission.objects.filter(content_object_id=old.pk).exists()
    assert not Herinnering.history.filter(dossier_id=old.pk).exists()
    assert not os.path.exists(old_pdf)

    events = AuditEvent.objects.filter(dossier_token__gt="")
    assert events.count() == old_events
    assert not events.filter(dossier__isnull=False).exists()
    assert len(set(events.values_list("dossier_token", flat=True))) == 1

    assert Inburgeraar.objects.filter(pk=recent.pk).exists()
    assert "inburgering_inburgeraar.surname" in _tables_mentioning(["Recentgeval"])
    assert os.path.exists(recent_pdf)
    assert AuditEvent.objects.filter(dossier=recent).exists()


def test_the_destruction_is_recorded_by_counts_only(team, regisseur):
    old, _pdf = _full_dossier(team, regisseur, "Oudgeval", 6)
    retention.destroy_due()
    record = Vernietiging.objects.get()
    assert record.ended_on == old.datum_einde_plicht
    assert record.counts["files"] == 1 and record.counts["inburgering.Inburgeraar"] == 1
    assert "Oudgeval" not in str(record.counts)


def test_the_beheerder_sees_what_would_go_without_names(client, team, regisseur):
    old, _pdf = _full_dossier(team, regisseur, "Oudgeval", 6)
    _full_dossier(team, regisseur, "Recentgeval", 4)
    client.force_login(factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER))
    page = client.get(reverse("retention_overview"))
    assert [item.dossier_id for item in page.context["due"]] == [old.pk]
    assert "Oudgeval" not in page.content.decode() and old.bsn not in page.content.decode()
    retention.destroy_due()
    assert client.get(reverse("retention_overview")).context["destroyed"][0].ended_on == (
        old.datum_einde_plicht
    )
    client.force_login(regisseur)
    assert client.get(reverse("retention_overview")).status_code == 403


def test_the_job_works_in_batches_and_is_in_the_beat_schedule(team):
    ended = TODAY - relativedelta(years=7)
    for _ in range(5):
        factories.InburgeraarFactory(team=team, status="uitgeschreven", datum_einde_plicht=ended)
    assert retention.destroy_due(batch_size=2) == 5
    assert Vernietiging.objects.count() == 5 and not Inburgeraar.objects.exists()
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "inburgering.tasks.destroy_expired_dossiers" in schedule
