"""What the plan tells apps that build on it, so pip_plans never imports them."""

from django.dispatch import Signal

# Sent inside the transaction that fixes a version, with ``actor`` and ``versie``; receivers
# write in that same transaction (voortgang plans the first progress talk).
plan_vastgesteld = Signal()
