"""Change events belong to the service that makes the change: whoever calls it (a page, a
Celery task, a management command, the nightly job) writes the same event, with the same
structured payload, in the same transaction; the trail shows it in the reader's language.

"Share ended" used to be written three ways, by views and by the nightly job, as free text in
whatever language was active; a new caller of the service wrote nothing.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from inburgering.models import AuditEvent
from inburgering.privacy import events
from inburgering.sharing import services as sharing_services
from inburgering.tasks import revoke_share
from tests import factories

REASON = "Traject afgerond"


@pytest.fixture
def shared(dossier, regisseur):
    werkbedrijf = factories.OrganisatieFactory(naam="Werkbedrijf Noord", domeinen=["werk"])
    (deling,) = factories.share(dossier, regisseur, werkbedrijf)
    return deling


def _revoked_by(how, client, deling, actor) -> dict:
    """The event that revoking the share this way wrote (everything but when and where)."""
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    if how == "page":
        url = reverse(
            "delen_revoke", kwargs={"dossier_id": deling.dossier_id, "deling_id": deling.pk}
        )
        assert client.post(url, {"reden": REASON}).status_code == 302
    elif how == "task":
        revoke_share.apply(args=[deling.pk, actor.pk, REASON]).get()
    else:
        call_command(
            "revoke_share", deling.pk, by=actor.username, reason=REASON, stdout=io.StringIO()
        )
    (event,) = AuditEvent.objects.exclude(pk__in=before).exclude(action="dossier_viewed")
    return {
        "action": event.action,
        "actor": event.actor_id,
        "dossier": event.dossier_id,
        "domein": event.domein,
        "payload": event.payload,
    }


def test_a_share_revoked_from_a_page_a_task_or_a_command_is_one_and_the_same_event(
    regisseur_client, regisseur, shared
):
    written = {}
    for how in ("page", "task", "command"):
        with transaction.atomic():  # each way revokes the same share; undone in between
            with translation.override("en" if how == "task" else "nl"):
                written[how] = _revoked_by(how, regisseur_client, shared, regisseur)
            transaction.set_rollback(True)
    assert written["page"] == written["task"] == written["command"]
    assert written["page"]["payload"] == {
        "deling": shared.pk,
        "organisatie": shared.organisatie_id,
        "organisatie_naam": "Werkbedrijf Noord",
        "domein": "werk",
        "cause": events.REVOKED,
        "reason": REASON,
    }


def test_the_trail_shows_the_event_in_dutch(client, regisseur, shared, team):
    sharing_services.revoke_share(actor=regisseur, deling_id=shared.pk, reden=REASON)
    client.force_login(factories.auditor(team.gemeente))
    trail = reverse("privacy_dossier", kwargs={"dossier_id": shared.dossier_id})
    with translation.override("nl"):
        page = client.get(trail).content.decode()
    assert f"Deling van Werk met Werkbedrijf Noord beëindigd: met de hand beëindigd ({REASON})" in (
        page
    )
    assert "Werk gedeeld met Werkbedrijf Noord tot en met" in page


def test_every_change_a_sharing_service_makes_writes_its_event(dossier, regisseur, shared):
    """Granting (the fixture), extending, withdrawing consent, expiring and closing."""
    assert AuditEvent.objects.filter(action="share_granted", dossier=dossier).count() == 1
    sharing_services.extend_share(
        actor=regisseur,
        deling_id=shared.pk,
        expected_version=shared.lock_version,
        valid_until=datetime.date.today() + datetime.timedelta(days=30),
        reden="Nog even",
    )
    extended = AuditEvent.objects.get(action="share_extended")
    assert extended.payload["reason"] == "Nog even"

    sharing_services.withdraw_consent(
        actor=regisseur, toestemming_id=shared.toestemming_id, reden="Wil niet"
    )
    ended = AuditEvent.objects.get(action="share_ended")
    assert (ended.payload["cause"], ended.payload["reason"]) == (
        events.CONSENT_WITHDRAWN,
        "Wil niet",
    )
    assert AuditEvent.objects.get(action="consent_withdrawn").payload["reason"] == "Wil niet"


def test_the_nightly_expiry_and_closing_write_their_cause(dossier, regisseur, shared, team):
    other = factories.InburgeraarFactory(team=team, regisseur=regisseur)
    (kept,) = factories.share(other, regisseur, shared.organisatie)
    tomorrow = datetime.date.today() + datetime.timedelta(days=181)
    assert sharing_services.expire_shares(today=tomorrow, reason="celery test") == 2
    causes = AuditEvent.objects.filter(action="share_ended").values_list(
        "payload__cause", flat=True
    )
    assert list(causes) == [events.EXPIRED, events.EXPIRED]
    assert kept.pk  # both shares ran out


def test_an_older_event_without_a_payload_keeps_its_text():
    assert events.describe("share_ended", {}, "12: Share expired") == "12: Share expired"
    assert events.describe("dossier_viewed", None, "dossier_detail") == "dossier_detail"
