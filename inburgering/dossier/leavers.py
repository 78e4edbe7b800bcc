"""A deactivated account keeps no open dossier: whatever deactivates it (Django admin, a
script, the shell), its open dossiers go back to their teams' queues, and the open signals it
owned to the team's teamleider (voortgang)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from inburgering.dossier.services import release_dossiers
from inburgering.models import User
from inburgering.privacy.events import ACCOUNT_DEACTIVATED
from inburgering.services import system_user


def _actor():
    """Who deactivated the account: the logged-in user of the request (django-simple-history
    keeps it for the change history), else the system."""
    user = getattr(getattr(HistoricalRecords.context, "request", None), "user", None)
    return user if user is not None and user.is_authenticated else system_user()


@receiver(post_save, sender=User, dispatch_uid="inburgering-release-dossiers-of-inactive")
def release_dossiers_of_inactive(sender, instance, **kwargs):
    if instance.is_active or not instance.dossiers.exists():
        return
    release_dossiers(actor=_actor(), regisseur_id=instance.pk, cause=ACCOUNT_DEACTIVATED)
