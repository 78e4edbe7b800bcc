"""Bad input at scale: every form in the project, found by opening every page, gets generated
input (hypothesis) as the user the page is for. No answer may be a server error, and script
payloads must come back escaped."""

import os
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inburgering import permissions
from inburgering.choices import Role
from tests import factories
from tests.test_url_rules import APP_PATTERNS, _url

# `make test` explores the same inputs every run (a fixed seed, so a submission never lands
# or fails by luck); `make fuzz` sets FUZZ_EXAMPLES and explores at random for longer.
EXAMPLES_PER_FORM = int(os.environ.get("FUZZ_EXAMPLES", "4"))
RANDOM = "FUZZ_EXAMPLES" in os.environ
PAYLOAD = "<script>alert('fuzz')</script>"
PAYLOADS = [PAYLOAD, "=cmd|' /C calc'!A0", "'; DROP TABLE x; --", "\u202e\u0000", "9" * 40]


class _Forms(HTMLParser):
    """The forms of a page: method, action and each field with the values a browser offers."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action")}
                | {"fields": {}}
            )
        if not self.forms or ("name" not in attrs and tag != "option"):
            return
        fields = self.forms[-1]["fields"]
        if tag == "input":
            kind = attrs.get("type", "text")
            field = fields.setdefault(attrs["name"], {"kind": kind, "options": []})
            if kind in ("radio", "checkbox", "hidden", "submit"):
                field["options"].append(attrs.get("value", "on"))
        elif tag == "textarea":
            fields[attrs["name"]] = {"kind": "textarea", "options": []}
        elif tag == "select":
            self._select = fields.setdefault(attrs["name"], {"kind": "select", "options": []})
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _value(name: str, field: dict):
    """What a person (or an attacker) might send for one field."""
    options = [option for option in field["options"] if option]
    text = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=300))
    if name == "csrfmiddlewaretoken":
        return st.just(field["options"][0])
    if field["kind"] in ("radio", "select", "checkbox", "hidden", "submit") and options:
        return st.one_of(st.sampled_from(options), text, st.just(""))
    if field["kind"] == "date":
        return st.one_of(
            st.dates().map(lambda d: d.isoformat()), st.sampled_from(["31-02-2026", "gisteren"])
        )
    if field["kind"] == "number":
        return st.one_of(st.integers(-(10**12), 10**12).map(str), text)
    return text


def _clients_for(pattern, dossier):
    """Who the page is for: nobody for the login page, someone between the password and the
    code (with an app, and without one yet) for the code steps, else the user of the page."""
    rule = pattern.callback.guard_rule
    if rule is permissions.PUBLIC:
        return [Client()]
    if rule is permissions.LOGGED_IN:
        clients = []
        for enrolled in (True, False):
            client = Client()
            client.force_login(factories.user_with_role(Role.REGISSEUR, two_factor=enrolled))
            clients.append(client)
        return clients
    client = factories.VerifiedClient()
    if rule in permissions.AUDIT_RULES:
        client.force_login(factories.auditor(dossier.gemeente))
    elif rule is permissions.MANAGE_RETENTION:
        client.force_login(factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER))
    elif rule in permissions.TEAM_RULES:
        client.force_login(factories.teamleider(dossier.team))
    elif (
        rule in (permissions.MONITOR, permissions.RELEASE_DELIVERY) or rule.name == "delivery_file"
    ):
        client.force_login(factories.contactpersoon(team=dossier.team))
    else:
        client.force_login(dossier.regisseur)
    return [client]


def _forms_of(client, url):
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = _Forms()
    parser.feed(response.content.decode())
    return [
        form
        for form in parser.forms
        if form["fields"] and "/uitloggen/" not in (form["action"] or "")
    ]


def _check(client, method, url, data):
    send = client.post if method == "post" else client.get
    response = send(url, data)
    assert response.status_code < 500, (url, data, response.status_code)
    if response.status_code == 302 and method == "post":
        response = client.get(response["Location"])
        assert response.status_code < 500, (response["Location"], data)
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        assert PAYLOAD not in response.content.decode(), (url, "script came back unescaped")


def _fuzz(client, method, target, strategy) -> int:
    """Post EXAMPLES_PER_FORM generated submissions of one form; returns how many ran."""
    ran = 0

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        derandomize=not RANDOM,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=strategy)
    def submit(data):
        nonlocal ran
        ran += 1
        _check(client, method, target, data)

    submit()
    return ran


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_every_form_survives_generated_input(team, other_regisseur, capsys):
    forms = examples = 0
    dossier = factories.stranger_dossier(team, other_regisseur)
    for pattern in APP_PATTERNS:
        # Every page starts from the same dossier: what one page's forms changed (a plan fixed,
        # a share ended) is rolled back before the next page is opened.
        with transaction.atomic():
            url = _url(pattern, dossier)
            for client in _clients_for(pattern, dossier):
                for form in _forms_of(client, url):
                    target = form["action"] or url
                    fields = form["fields"]
                    strategy = st.fixed_dictionaries({n: _value(n, f) for n, f in fields.items()})
                    forms += 1
                    examples += _fuzz(client, form["method"], target, strategy)
            transaction.set_rollback(True)
    with capsys.disabled():
        print(f"\nform fuzzing: {forms} forms, {examples} generated submissions, 0 server errors")
    assert forms > 30
