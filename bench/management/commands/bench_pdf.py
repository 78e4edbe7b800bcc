import json

from django.core.management.base import BaseCommand

from bench import pdf


class Command(BaseCommand):
    help = (
        "Print, as JSON, how long a 4-page PIP and a two-language letter take to render, and, "
        "with --worker, how many plans a running Celery worker makes per minute."
    )

    def add_arguments(self, parser):
        parser.add_argument("--renders", type=int, default=50)
        parser.add_argument(
            "--worker", action="store_true", help="Also measure the worker's throughput."
        )

    def handle(self, *args, renders: int, worker: bool, **options):
        versie, page_count = pdf.four_page_plan()
        result = {
            "pages": page_count,
            "plan": versie.pk,
            "render": pdf.summary(pdf.render_times(versie, renders)),
            "letter": pdf.summary(pdf.letter_render_times(renders)),
        }
        if worker:
            result["worker"] = pdf.worker_throughput(renders)
        self.stdout.write(json.dumps(result))
