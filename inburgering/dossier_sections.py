"""Sections that apps add to the dossier page, so the core never imports the apps.

An app registers a function in its AppConfig.ready(); the dossier page renders them in order.
Each function receives the request and the dossier (already checked by the policy) and
returns the HTML of its section.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString

SectionRenderer = Callable[[object, object], SafeString]
_sections: list[tuple[int, SectionRenderer]] = []


def register(order: int, renderer: SectionRenderer) -> None:
    if all(existing is not renderer for _order, existing in _sections):
        _sections.append((order, renderer))
        _sections.sort(key=lambda item: item[0])


def render_all(request, dossier) -> list[SafeString]:
    return [renderer(request, dossier) for _order, renderer in _sections]
