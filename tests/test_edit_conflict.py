"""Two people editing the same record: the second save is refused, keeps what was typed and
carries the version now stored, so saving again, having read the other change, succeeds.

Before, the refused form kept the old version number and refused every resubmit, so the user
had to reload the page and type everything again.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from pip_plans import services as pip_services
from pip_plans.models import PipVersie
from tests import factories
from voortgang import services as voortgang_services


class _FormValues(HTMLParser):
    """What a browser would send for the page's main form: each field's current value."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = self._select = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._in_form = "/uitloggen/" not in (attrs.get("action") or "")
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            choice = attrs.get("type") in ("radio", "checkbox")
            if choice and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if choice else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, [""])
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.setdefault(self._select, []).append(attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def close(self):
        super().close()
        for values in self.data.values():  # a browser drops the newline after <textarea>
            values[:] = [value.removeprefix("\n") for value in values]


def _values(response) -> dict:
    parser = _FormValues()
    parser.feed(response.content.decode())
    parser.close()
    return parser.data


def _signal(dossier, regisseur):
    signaal = factories.signaal(dossier, regisseur, subject="Schulden")
    url = reverse("update_signaal", kwargs={"dossier_id": dossier.pk, "signaal_id": signaal.pk})

    def other_save(colleague):
        signaal.refresh_from_db()
        data = {
            "leefgebied": signaal.leefgebied,
            "subject": "Schulden bij de energieleverancier",
            "description": signaal.description,
            "ernst": "hoog",
            "follow_up_on": signaal.follow_up_on,
            "status": signaal.status,
            "resolution": "",
            "owner": regisseur,
        }
        voortgang_services.update_signaal(
            actor=colleague,
            signaal_id=signaal.pk,
            expected_version=signaal.lock_version,
            data=data,
        )

    return url, "description", other_save


def _concept(dossier, regisseur):
    fixed = factories.fixed_plan(dossier, regisseur)
    concept = pip_services.start_wijziging(actor=regisseur, pip_id=fixed.pip_id, reden="anders")
    url = reverse("update_concept", kwargs={"dossier_id": dossier.pk})

    def other_save(colleague):
        current = PipVersie.objects.get(pk=concept.pk)
        pip_services.update_concept(
            actor=colleague,
            versie_id=current.pk,
            expected_version=current.lock_version,
            data={"loopbaanperspectief": "Werk in de zorg"},
        )

    return url, "begeleiding", other_save


@pytest.mark.parametrize("page", [_signal, _concept], ids=["signal", "plan concept"])
def test_a_refused_save_keeps_the_input_and_a_deliberate_second_save_succeeds(
    regisseur_client, dossier, regisseur, teamleider, page
):
    url, typed_field, other_save = page(dossier, regisseur)
    opened = _values(regisseur_client.get(url))
    old_version = opened["lock_version"][0]

    other_save(teamleider)  # a colleague saves while this form is open

    mine = opened | {typed_field: ["Wat ik net typte"]}
    with translation.override("nl"):
        refused = regisseur_client.post(url, mine)
    assert refused.status_code == 200
    assert "Iemand anders heeft dit gewijzigd" in refused.content.decode()
    again = _values(refused)
    assert again[typed_field] == ["Wat ik net typte"]  # nothing typed is lost
    assert again["lock_version"] != [old_version]  # the version now stored

    saved = regisseur_client.post(url, again)
    assert saved.status_code == 302
