import json

from django.core.management.base import BaseCommand

from bench import reassign


class Command(BaseCommand):
    help = "Print, as JSON, how long moving 200 dossiers to another regisseur takes."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, runs: int, **options):
        self.stdout.write(json.dumps(reassign.measure(runs)))
