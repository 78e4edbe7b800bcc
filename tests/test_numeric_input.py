"""Unusual numbers never make a server error: every integer URL part, every GET parameter a
view reads and every numeric form field, with the values that broke pages before.

``str.isdigit()`` is true for "¹", "٣" and a full-width one, which ``int()`` then refuses
or turns into another number; a number beyond what PostgreSQL holds fails in the database. The GET
parameters are found by recording which keys each view reads, so a parameter added later is
tested without editing this file.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from django.db import transaction
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse

from tests import factories
from tests.leak_sweep import walk
from tests.test_form_fuzzing import _clients_for, _forms_of
from tests.test_url_rules import APP_PATTERNS, _url

BAD_NUMBERS = ["¹", "٣", "１", "-1", "0", "99999999999999999999"]


@contextlib.contextmanager
def _recording_reads():
    """The keys read from any QueryDict while the block runs."""
    keys: set[str] = set()
    originals = {name: getattr(QueryDict, name) for name in ("get", "__getitem__", "getlist")}

    def recorder(name):
        def read(self, key, *args, **kwargs):
            keys.add(key)
            return originals[name](self, key, *args, **kwargs)

        return read

    for name in originals:
        setattr(QueryDict, name, recorder(name))
    try:
        yield keys
    finally:
        for name, method in originals.items():
            setattr(QueryDict, name, method)


def _assert_no_server_error(client, method, url, data=None) -> int:
    response = getattr(client, method)(url, data or {})
    assert response.status_code < 500, (method, url, data, response.status_code)
    return response.status_code


# An integer URL part is matched by Django's converter, [0-9]+: superscript, Arabic-Indic and
# full-width digits and "-1" never reach a view there (the resolver answers 404), so a URL part
# is tried with those that do.
BAD_URL_NUMBERS = [bad for bad in BAD_NUMBERS if re.fullmatch(r"[0-9]+", bad)]


def _bad_urls(url: str, values: list[int], numbers=BAD_URL_NUMBERS) -> list[str]:
    """The URL with each of its integer parts replaced by each bad number that reaches a view
    (Django admin's ``<path:object_id>`` takes any text: it is tried with all of them)."""
    urls = []
    for value in values:
        for match in re.finditer(rf"/{value}/", url):
            for bad in numbers:
                urls.append(f"{url[: match.start()]}/{bad}/{url[match.end() :]}")
    return urls


def _numeric(field: dict) -> bool:
    """A form field whose value is a number, an id or a date."""
    options = [option for option in field["options"] if option]
    if field["kind"] in ("number", "date", "hidden") or field.get("inputmode") == "numeric":
        return True
    return bool(options) and all(re.fullmatch(r"[0-9]+", option) for option in options)


def _defaults(fields: dict) -> dict:
    """What a browser sends for an untouched form: the first option of each choice."""
    data = {}
    for name, field in fields.items():
        options = [option for option in field["options"] if option]
        if options:
            data[name] = options[0]
    return data


def _ids_in(url: str) -> list[int]:
    return sorted({int(part) for part in re.findall(r"/([0-9]+)/", url)})


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_unusual_numbers_never_make_a_server_error(team, other_regisseur):
    dossier = factories.stranger_dossier(team, other_regisseur)
    checked = {"url parts": 0, "get parameters": 0, "form fields": 0}
    posted = set()  # a form shown on several pages (same user, action, field) is tried once
    for pattern in APP_PATTERNS:
        with transaction.atomic():
            url = _url(pattern, dossier)
            for client in _clients_for(pattern, dossier):
                for bad_url in _bad_urls(url, _ids_in(url)):
                    # A 404 comes from the resolver or the guard, before the view looks at the
                    # method; only a URL that got further is posted too.
                    if _assert_no_server_error(client, "get", bad_url) != 404:
                        _assert_no_server_error(client, "post", bad_url)
                    checked["url parts"] += 1
                with _recording_reads() as read:
                    forms = _forms_of(client, url)
                for key in sorted(read - {"next"}):
                    for bad in BAD_NUMBERS:
                        _assert_no_server_error(client, "get", url, {key: bad})
                    checked["get parameters"] += 1
                for form in forms:
                    target = form["action"] or url
                    for name, field in form["fields"].items():
                        if name == "csrfmiddlewaretoken" or not _numeric(field):
                            continue
                        key = (client.session.get("_auth_user_id"), form["method"], target, name)
                        if key in posted:
                            continue
                        posted.add(key)
                        for bad in BAD_NUMBERS:
                            data = _defaults(form["fields"]) | {name: bad}
                            _assert_no_server_error(client, form["method"], target, data)
                        checked["form fields"] += 1
            transaction.set_rollback(True)
    assert checked["url parts"] > 50
    assert checked["get parameters"] >= 5  # versie, van, naar, gesprek, page, ...
    assert checked["form fields"] > 30


@pytest.mark.slow
def test_django_admin_survives_unusual_numbers_too(client, team):
    """As the functioneel beheerder, who may open it: every admin URL, its object ids and
    the changelist's parameters."""
    from inburgering.choices import Role

    beheerder = factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER)
    client.force_login(beheerder)
    for name, params, _pattern in walk(_project_patterns()):
        if not name.startswith("admin:"):
            continue
        arguments = {param: _admin_value(param, beheerder, team) for param in params}
        try:
            url = reverse(name, kwargs=arguments)
        except NoReverseMatch:  # a regex pattern with unnamed groups
            url = reverse(name, args=list(arguments.values()))
        for bad_url in _bad_urls(url, _ids_in(url), BAD_NUMBERS):
            _assert_no_server_error(client, "get", bad_url)
        if name.endswith("_changelist"):
            for key in ("p", "o", "q", "e", "id__exact", "_changelist_filters"):
                for bad in BAD_NUMBERS:
                    _assert_no_server_error(client, "get", url, {key: bad})


def _project_patterns():
    from django.urls import get_resolver

    return get_resolver().url_patterns


def _admin_value(param: str, beheerder, team):
    from django.contrib.contenttypes.models import ContentType

    from inburgering.models import User

    return {
        "object_id": team.pk,
        "version_id": 1,
        "id": beheerder.pk,
        "pk": beheerder.pk,
        "app_label": "inburgering",
        "content_type_id": ContentType.objects.get_for_model(User).pk,
    }[param]
