"""History hygiene: no history-blind bulk writes in the code, no noise, no duplicate rows."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

from inburgering.models import Inburgeraar
from inburgering.services import save_as
from inburgering.tasks import clean_duplicate_history
from intake.models import Bevinding

ROOT = Path(__file__).resolve().parent.parent
APPS = ["inburgering", "intake", "pip_plans", "voortgang"]
BULK_WRITES = {"update", "bulk_create", "bulk_update"}
# Writes that may skip the history, each with why.
ALLOWED = {
    (
        "inburgering/privacy/audit.py",
        "AuditEvent.objects.bulk_create",
    ): "the audit log has no history",
    ("inburgering/models.py", "super().update"): "retention pseudonymises the audit log",
}


def _bulk_writes():
    """(file, receiver.method) for every .update/.bulk_create/.bulk_update on a manager or
    queryset in the apps' code (dict.update and the like have no .objects/.filter in them)."""
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if {"migrations", "settings"} & set(path.parts):
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in BULK_WRITES
                ):
                    receiver = ast.unparse(node.func.value)
                    yield str(path.relative_to(ROOT)), f"{receiver}.{node.func.attr}"


def test_no_bulk_writes_bypass_the_history():
    found = set(_bulk_writes())
    assert found - set(ALLOWED) == set(), "use save_as/delete_as, or add a reason to ALLOWED"
    assert found  # the scan sees the code (the audit log's insert is found)


def test_every_model_has_history_except_the_log_and_the_grants():
    untracked = {
        model._meta.label
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model._meta, "simple_history_manager_attribute")
        and not model.__name__.startswith("Historical")
    }
    assert untracked == {
        "inburgering.AuditEvent",  # the append-only log itself
        "inburgering.InburgeraarGroupObjectPermission",  # each grant's Deling has history
        "inburgering.InburgeraarUserObjectPermission",  # unused: shares go to groups
        "inburgering.Vernietiging",  # what retention destroyed: counts only, never changed
        "inburgering.UserSession",  # login sessions: logins are audit events
        "inburgering.AssignmentJob",  # a batch's progress: each dossier's move has history
        "inburgering.DossierMove",  # written once with the dossier's own history row and event
        "inburgering.Overdracht",  # written once with the dossier it opened, and an event
        "voortgang.Kwartaallevering",  # frozen when released, never changed; an audit event
        "voortgang.MonitorDossier",  # the monitor's read model: derived, rebuilt, no one's edit
        "voortgang.MonitorCount",
        "voortgang.MonitorRefresh",  # when that model was last renewed
        "voortgang.DeliveryCheck",  # a delivery's last completeness check: derived, renewed
    }


def test_timestamps_are_not_history_noise():
    for model in (Inburgeraar, Bevinding):
        assert "updated_at" not in [f.name for f in model.history.model._meta.fields]


def test_the_daily_job_removes_duplicate_history_rows(dossier, regisseur):
    save_as(dossier, actor=regisseur)  # a save that changes nothing
    assert dossier.history.count() == 2
    clean_duplicate_history.apply()
    assert dossier.history.count() == 1
    assert settings.CELERY_BEAT_SCHEDULE["clean-duplicate-history"]["task"] == (
        clean_duplicate_history.name
    )
