"""Celery tasks of the PIP: thin, take ids, safe to run twice."""

from celery import shared_task

from inburgering.tasks import RENDER_MAX_RETRIES, render_or_retry


@shared_task(bind=True, max_retries=RENDER_MAX_RETRIES, acks_late=True)
def render_pip_document(self, document_id: int) -> None:
    """Render the printed plan; running it again for a ready document does nothing.
    Retried with backoff; after the last attempt the document is marked failed."""
    from pip_plans.services import mark_document_failed, render_document

    render_or_retry(
        self,
        lambda: render_document(document_id=document_id),
        lambda: mark_document_failed(document_id=document_id),
    )
