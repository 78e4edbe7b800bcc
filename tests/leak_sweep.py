"""The leak sweep: every URL pattern, every role, every dossier, checked against an oracle.

The oracle is the test's own record of what it shared with whom, not the permission policy,
so a view that forgets to ask the policy shows up as a leak. New URL patterns are swept as
soon as they exist: the patterns come from the resolver, their parameters from ``values``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

ALLOWED_STATUSES = {200, 302, 403, 404, 405}


def walk(patterns, namespace=None, converters=()):
    """Every named URL pattern with its namespaced name and all its path parameters."""
    for entry in patterns:
        names = (*converters, *entry.pattern.converters)
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
    pattern for that dossier, e.g. a share it does not have). Django admin's generic URLs
    are swept with the first dossier and one viewer per role only: one rule guards the whole
    admin site, whatever the organisation.
    """
    leaks = []
    patterns = [p for p in walk(get_resolver().url_patterns) if only is None or p[0] in only]
    admin_roles = set()
    for viewer in viewers:
        client.force_login(viewer.user)
        sweep_admin = viewer.role not in admin_roles
        admin_roles.add(viewer.role)
        for name, params, _pattern in patterns:
            if name.startswith("admin:") and not sweep_admin:
                continue
            if not params:
                targets = [None]
            else:
                targets = dossiers[:1] if name.startswith("admin:") else dossiers
            for dossier in targets:
                url = _reverse(name, params, dossier, values)
                if url is None:
                    continue
                forbidden = viewer.forbidden_everywhere + (
                    viewer.forbidden.get(dossier.pk, []) if dossier else []
                )
                if viewer.audits and name.startswith("privacy_"):
                    forbidden = []
                # Those who may not see the dossier also POST: a refusal must not leak either.
                for method in ("get", "post") if forbidden else ("get",):
                    response = getattr(client, method)(url)
                    if response.status_code not in ALLOWED_STATUSES:
                        leaks.append(Leak(viewer.label, url, f"{method} {response.status_code}"))
                    body = _body(response)
                    leaks += [
                        Leak(viewer.label, url, f"{method} shows {text!r}")
                        for text in forbidden
                        if text in body
                    ]
    return leaks


def _reverse(name, params, dossier, values):
    kwargs = {}
    for param in params:
        value = values(param, dossier)
        if value is None:
            return None
        kwargs[param] = value
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _body(response) -> str:
    if response.streaming:  # a download: the PDF bytes, as text where they are text
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")
