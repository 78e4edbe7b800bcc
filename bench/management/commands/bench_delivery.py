import json

from django.core.management.base import BaseCommand

from bench import delivery


class Command(BaseCommand):
    help = "Print, as JSON, how long the largest gemeente's quarterly delivery takes to build."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, runs: int, **options):
        self.stdout.write(json.dumps(delivery.measure(runs)))
