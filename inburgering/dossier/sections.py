"""Sections that apps add to the dossier page, so the core never imports the apps.

An app registers a function in its AppConfig.ready(); the dossier page renders them in order.
Each function receives the request, the dossier (already checked by the policy), the viewer's
``permissions.Lens`` and whether this is a regisseur's preview of a partner's view, and
returns the HTML of its section. A partner's view is the same page through a narrower lens.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString

SectionRenderer = Callable[[object, object, object, bool], SafeString]
_sections: list[tuple[int, SectionRenderer]] = []


def register(order: int, renderer: SectionRenderer) -> None:
    if all(existing is not renderer for _order, existing in _sections):
        _sections.append((order, renderer))
        _sections.sort(key=lambda item: item[0])


def render_all(request, dossier, lens, *, preview: bool = False) -> list[SafeString]:
    return [renderer(request, dossier, lens, preview) for _order, renderer in _sections]


def caseload_section(template: str, read: Callable[[object], dict]) -> SectionRenderer:
    """A section only the caseload sees (appointments, letters): nothing through a partner's
    lens; ``read(dossier)`` gives what the template shows beside the dossier and whether the
    viewer may change it."""
    from django.template.loader import render_to_string

    from inburgering import permissions

    def render(request, dossier, lens, preview):
        if not lens.full:
            return SafeString("")
        context = {
            "dossier": dossier,
            "can_edit": permissions.can(request.user, permissions.Action.EDIT, dossier),
            **read(dossier),
        }
        return render_to_string(template, context, request=request)

    return render
