import json

from django.core.management.base import BaseCommand

from bench import monitor


class Command(BaseCommand):
    help = "Print, as JSON, how long the monitor's first view after a renewal takes."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, runs: int, **options):
        self.stdout.write(json.dumps(monitor.measure(runs)))
