"""Daily housekeeping of the core, run by Celery beat."""

from celery import shared_task
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from inburgering import rendered_files
from inburgering.models import UserSession
from inburgering.rendered_files import RENDER_MAX_RETRIES
from inburgering.sharing import services as sharing_services


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def clear_expired_sessions() -> int:
    """Remove expired login sessions; they hold who was logged in and are personal data."""
    deleted, _details = UserSession.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(
    autoretry_for=(Exception,),
    dont_autoretry_for=(ObjectDoesNotExist,),
    retry_backoff=True,
    max_retries=5,
)
def revoke_share(deling_id: int, actor_id: int, reden: str) -> None:
    """End one share on someone's behalf (a bulk job's step); a share already ended is left."""
    from inburgering.models import Deling, User

    if Deling.objects.filter(pk=deling_id).exists():
        sharing_services.revoke_share(
            actor=User.objects.get(pk=actor_id), deling_id=deling_id, reden=reden
        )


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def expire_shares(self) -> int:
    """Just after midnight: shares whose last day has passed end, recorded as the system."""
    from inburgering.sharing.services import expire_shares as expire

    return expire(reason=f"celery {self.name} {self.request.id or 'direct'}")


# A day and an hour: every change since the previous run, with room for a late start.
DUPLICATE_HISTORY_WINDOW_MINUTES = 25 * 60


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def clean_duplicate_history() -> None:
    """Remove history rows identical to the one before (a save that changed nothing), which
    would otherwise make the privacy officer's trail longer without saying anything."""
    from django.core.management import call_command

    call_command(
        "clean_duplicate_history",
        "--auto",
        minutes=DUPLICATE_HISTORY_WINDOW_MINUTES,
        excluded_fields=["lock_version"],
        verbosity=0,
    )


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def destroy_expired_dossiers() -> int:
    """Every night: dossiers past their retention period go, with their history and files."""
    from inburgering.privacy.retention import destroy_due

    return destroy_due()


@shared_task(bind=True, max_retries=RENDER_MAX_RETRIES, acks_late=True)
def render_dossier_export(self, export_id: int) -> None:
    """Make an inzage or handover export; running it again for a ready one does nothing."""
    from inburgering.models import DossierExport
    from inburgering.privacy.services import render_export

    rendered_files.run_task(self, DossierExport, export_id, lambda pk: render_export(export_id=pk))


@shared_task(
    autoretry_for=(Exception,),
    dont_autoretry_for=(ObjectDoesNotExist,),
    retry_backoff=True,
    max_retries=5,
)
def run_assignment_job(job_id: int) -> int:
    """A teamleider's large batch of dossiers for another regisseur; idempotent (see the
    service). Returns how many dossiers moved."""
    from inburgering.dossier.services import run_assignment_job as run

    return run(job_id=job_id).moved


@shared_task(bind=True, max_retries=RENDER_MAX_RETRIES, acks_late=True)
def render_brief(self, brief_id: int) -> None:
    """Render a letter's PDF; running it again for a ready letter does nothing. Retried with
    backoff; after the last attempt the letter is marked failed and can be made again."""
    from inburgering.brieven.services import render_brief as render
    from inburgering.models import Brief

    rendered_files.run_task(self, Brief, brief_id, lambda pk: render(brief_id=pk))
