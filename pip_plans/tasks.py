"""Celery tasks of the PIP: thin, take ids, safe to run twice."""

from celery import shared_task


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3, acks_late=True)
def render_pip_document(document_id: int) -> None:
    """Render the printed plan; running it again for a ready document does nothing."""
    from pip_plans.services import render_document

    render_document(document_id=document_id)
