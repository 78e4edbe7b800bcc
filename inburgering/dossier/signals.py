"""What the core tells the apps about a dossier, so it never imports them (design.md)."""

from django.dispatch import Signal

# Dossiers got another regisseur, inside the assigning transaction. Arguments: ``actor``,
# ``regisseur`` (the new one; None when they went back to the team's queue) and ``previous``
# ({dossier id: old regisseur id or None}).
regisseur_assigned = Signal()

# Dates that reminders follow changed on one dossier (the bijstand dates on its personal data,
# a decision of DUO), inside the writing transaction. Arguments: ``actor``, ``dossier_id``.
dossier_dates_changed = Signal()
