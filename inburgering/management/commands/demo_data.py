from django.core.management.base import BaseCommand

from inburgering.demo import DEMO_PASSWORD, demo_totp_key_base32, load_demo_data


class Command(BaseCommand):
    help = "Load the demo region (idempotent) and print the demo accounts."

    def handle(self, *args, **options):
        accounts = load_demo_data()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        self.stdout.write(
            f"  login code: an authenticator app with key {demo_totp_key_base32()}"
            f" (or: oathtool --totp -b {demo_totp_key_base32()})"
        )
        for role, usernames in accounts.items():
            self.stdout.write(f"  {role:<22} {', '.join(usernames)}")
