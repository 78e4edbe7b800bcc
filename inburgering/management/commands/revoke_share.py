"""End one share from the command line (support, or a script for an organisation that stops),
through the same service and with the same audit event as the page."""

from django.core.management.base import BaseCommand, CommandError

from inburgering.models import Deling, User
from inburgering.sharing import services as sharing_services


class Command(BaseCommand):
    help = "End a share with a chain partner, recorded as the given user with a reason."

    def add_arguments(self, parser):
        parser.add_argument("share", type=int, help="the share's number (Deling id)")
        parser.add_argument("--by", required=True, help="username of whoever ends it")
        parser.add_argument("--reason", required=True, help="why, for the history")

    def handle(self, *args, share, by, reason, **options):
        actor = User.objects.filter(username=by, is_active=True).first()
        if actor is None:
            raise CommandError(f"No active account {by!r}.")
        if not Deling.objects.filter(pk=share).exists():
            raise CommandError(f"No share {share}.")
        sharing_services.revoke_share(actor=actor, deling_id=share, reden=reason)
        self.stdout.write(f"Share {share} ended.")
