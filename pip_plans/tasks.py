"""Celery tasks of the PIP: thin, take ids, safe to run twice."""

from celery import shared_task

from inburgering import rendered_files
from inburgering.rendered_files import RENDER_MAX_RETRIES


@shared_task(bind=True, max_retries=RENDER_MAX_RETRIES, acks_late=True)
def render_pip_document(self, document_id: int) -> None:
    """Render the printed plan; running it again for a ready document does nothing.
    Retried with backoff; after the last attempt the document is marked failed."""
    from pip_plans.models import PipDocument
    from pip_plans.services import render_document

    rendered_files.run_task(
        self, PipDocument, document_id, lambda pk: render_document(document_id=pk)
    )
