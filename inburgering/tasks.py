"""Daily housekeeping of the core, run by Celery beat."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def clear_expired_sessions() -> int:
    """Remove expired login sessions; they hold who was logged in and are personal data."""
    deleted, _details = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def expire_shares(self) -> int:
    """Just after midnight: shares whose last day has passed end, recorded as the system."""
    from inburgering.services import expire_shares as expire

    return expire(reason=f"celery {self.name} {self.request.id or 'direct'}")
