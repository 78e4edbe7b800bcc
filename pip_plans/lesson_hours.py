"""The lesson hours recorded for a dossier, as the app that records them knows them: the
rules at vaststellen read these, never a figure typed into a draft. voortgang records the
hours in its progress talks and registers itself here (pip_plans never imports it)."""

from __future__ import annotations

from collections.abc import Callable

_providers: list[Callable[[int], int]] = []


def register(provider: Callable[[int], int]) -> None:
    if provider not in _providers:
        _providers.append(provider)


def recorded(dossier_id: int) -> int:
    """The highest figure any provider has recorded (the hours are a running total)."""
    return max((provider(dossier_id) for provider in _providers), default=0)
