import datetime
import json as json_module

from django.core.management.base import BaseCommand, CommandError

from bench.data import SEED, generate
from inburgering.models import Inburgeraar, Team


class Command(BaseCommand):
    help = (
        "Fill an empty database with benchmark data at municipality scale: dossiers with "
        "intakes, plans, talks, signals, shares, history and audit events (deterministic)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="The reference date the dossiers' dates count from (default: today).",
        )
        parser.add_argument("--json", action="store_true", help="Print the counts as JSON.")

    def handle(self, *args, dossiers, seed, today, json: bool, **options):
        if not 1 <= dossiers <= 100_000:
            raise CommandError("--dossiers must be between 1 and 100000.")
        if Inburgeraar.objects.exists() or Team.objects.exists():
            raise CommandError("The database already holds teams or dossiers; use an empty one.")
        log = (lambda line: None) if json else self.stdout.write
        result = generate(dossiers, seed=seed, today=today, log=log)
        if json:
            self.stdout.write(json_module.dumps(result, sort_keys=True))
        else:
            self.stdout.write(
                f"{result['dossiers']} dossiers, {sum(result['rows'].values())} rows "
                f"({result['history_rows']} history rows) in {result['seconds']} s"
            )
