"""Celery tasks of the PIP: thin, take ids, safe to run twice."""

from celery import shared_task

MAX_RETRIES = 3


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def render_pip_document(self, document_id: int) -> None:
    """Render the printed plan; running it again for a ready document does nothing.

    Retried with backoff; after the last attempt the document is marked failed, so the page
    offers to try again instead of waiting forever.
    """
    from pip_plans.services import mark_document_failed, render_document

    try:
        render_document(document_id=document_id)
    except Exception as exc:
        if self.request.retries >= MAX_RETRIES:
            mark_document_failed(document_id=document_id)
            raise
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc
