"""The leak sweep: every URL pattern, every role, every dossier, checked against an oracle.

The oracle is the test's own record of what it shared with whom, not the permission policy,
so a view that forgets to ask the policy shows up as a leak. New URL patterns are swept as
soon as they exist: the patterns come from the resolver, their parameters from ``values``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.urls.resolvers import RegexPattern

ALLOWED_STATUSES = {200, 302, 403, 404, 405}
# Logging out is no page with data, and a POST to it would sweep the rest as nobody: before
# this was noticed, most of the sweep ran logged out.
LOGOUTS = {"logout", "admin:logout"}


# Regex patterns with unnamed groups (simple-history's history form in Django admin) take
# positional arguments; the sweep gives them these parameter names, in order.
POSITIONAL_NAMES = ("object_id", "version_id")


def _parameters(pattern) -> tuple[str, ...]:
    """A path's converters, or a regex's named groups, or names for its unnamed groups."""
    if not isinstance(pattern, RegexPattern):
        return tuple(pattern.converters)
    named = tuple(pattern.regex.groupindex)
    return named or POSITIONAL_NAMES[: pattern.regex.groups]


def walk(patterns, namespace=None, converters=()):
    """Every named URL pattern with its namespaced name and all its path parameters."""
    for entry in patterns:
        names = (*converters, *_parameters(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, entry.namespace or namespace, names)
        elif isinstance(entry, URLPattern) and entry.name:
            full_name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield full_name, names, entry


@dataclass
class Viewer:
    """A logged-in user and, per dossier, the texts it may never see there."""

    label: str
    user: object
    role: str
    forbidden: dict[int, list[str]] = field(default_factory=dict)
    forbidden_everywhere: list[str] = field(default_factory=list)
    audits: bool = False  # the privacy officer's pages show this viewer everything


@dataclass
class Leak:
    viewer: str
    url: str
    problem: str


def sweep(client, viewers: list[Viewer], dossiers: list, values, only=None) -> list[Leak]:
    """Request every URL for every viewer and dossier; return what leaked.

    ``values(name, dossier)`` gives a URL parameter's value for a dossier (None skips the
    pattern for that dossier, e.g. a share it does not have). Django admin is swept with
    every dossier id, for one viewer per role: one rule guards the whole admin site, whatever
    the organisation.
    """
    leaks = []
    patterns = [
        p
        for p in walk(get_resolver().url_patterns)
        if (only is None or p[0] in only) and p[0] not in LOGOUTS
    ]
    admin_roles = set()
    for viewer in viewers:
        client.force_login(viewer.user)
        sweep_admin = viewer.role not in admin_roles
        admin_roles.add(viewer.role)
        # A URL that comes out the same for several dossiers (a user's or a gemeente's page,
        # admin's app index) is requested once; each dossier's texts are looked for in it.
        seen: dict[tuple[str, str], tuple[bool, str]] = {}  # (refused, body)
        for name, params, _pattern in patterns:
            if name.startswith("admin:") and not sweep_admin:
                continue
            for dossier in dossiers if params else [None]:
                url = _reverse(name, params, dossier, values)
                if url is None:
                    continue
                forbidden = viewer.forbidden_everywhere + (
                    viewer.forbidden.get(dossier.pk, []) if dossier else []
                )
                if viewer.audits and name.startswith("privacy_"):
                    forbidden = []
                # Those who may not see the dossier also POST: a refusal must not leak either.
                # A GET refused by the guard (404) or at Django admin's door (to its login) is
                # not posted again: both decide before the view looks at the method, so the
                # POST would meet the same refusal.
                refused = False
                for method in ("get", "post") if forbidden else ("get",):
                    if refused:
                        continue
                    if (method, url) not in seen:
                        response = getattr(client, method)(url)
                        if _sent_to_login(response):  # the rest would be swept as nobody
                            raise AssertionError(f"{viewer.label} lost the login at {method} {url}")
                        if response.status_code not in ALLOWED_STATUSES:
                            leaks.append(
                                Leak(viewer.label, url, f"{method} {response.status_code}")
                            )
                        refusal = response.status_code == 404 or _sent_to_admin_login(response)
                        seen[method, url] = (refusal, _body(response))
                    refused, body = seen[method, url]
                    leaks += [
                        Leak(viewer.label, url, f"{method} shows {text!r}")
                        for text in forbidden
                        if text in body
                    ]
    return leaks


def _sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].split("?")[0] == reverse("login")


def _sent_to_admin_login(response) -> bool:
    login = reverse("admin:login")
    return response.status_code == 302 and response["Location"].split("?")[0] == login


def _reverse(name, params, dossier, values):
    arguments = {}
    for param in params:
        value = values(param, dossier)
        if value is None:
            return None
        arguments[param] = value
    try:
        return reverse(name, kwargs=arguments)
    except NoReverseMatch:
        pass
    try:  # a regex pattern with unnamed groups
        return reverse(name, args=list(arguments.values()))
    except NoReverseMatch as exc:  # a pattern the sweep cannot build would go unswept
        raise AssertionError(f"the sweep cannot build {name} from {arguments}") from exc


def _body(response) -> str:
    if response.streaming:  # a download: the PDF bytes, as text where they are text
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")
