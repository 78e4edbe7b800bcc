"""The app's database connections beyond what Django's settings can say."""

from django.conf import settings


def keep_prepared(sender, connection, **kwargs) -> None:
    """Let psycopg keep ``PREPARED_STATEMENTS_MAX`` statements prepared per connection (and
    count the runs of as many not prepared yet). Its default of 100 is fewer than the app's
    query shapes, so the pages pushed each other's statements out (decision 0032)."""
    if connection.vendor == "postgresql":
        connection.connection.prepared_max = settings.PREPARED_STATEMENTS_MAX
