import json
from dataclasses import asdict

from django.core.management.base import BaseCommand

from bench import pages


class Command(BaseCommand):
    help = (
        "Print, as JSON, the pages the benchmark measures with the SQL queries each runs, "
        "and the users of the concurrency run with the pages they open."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--regisseurs",
            type=int,
            default=20,
            help="Regisseurs in the concurrency run, and at most as many partners and officers.",
        )

    def handle(self, *args, regisseurs: int, **options):
        measured = pages.count_queries(pages.pick())
        self.stdout.write(
            json.dumps(
                {
                    "pages": [asdict(page) for page in measured],
                    "pool": pages.pool(measured, regisseurs),
                }
            )
        )
