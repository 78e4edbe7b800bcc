"""Whatever date is stored, no page answers 500.

A kennisgeving saved as 9999-12-31 once broke the dossier page (the PIP deadline overflowed)
until someone repaired the data. The forms now refuse such dates, but data also comes from
imports, old systems and database repairs: here every date field of every model that holds a
dossier's data is set to the first or the last day there is, and every page, the daily
reminder job and the export must still work.
"""

import datetime

import pytest
from django.db import models

from inburgering.choices import ExportKind
from inburgering.privacy import audit_trail, inzage
from tests import factories
from tests.test_form_fuzzing import _clients_for
from tests.test_url_rules import APP_PATTERNS, _url
from voortgang import reminders


def _set_every_date(dossier, value: datetime.date) -> int:
    """Every date of every registered model's rows of this dossier, bypassing the forms. A
    date left empty stays empty: the database's constraints tie some dates to a status or a
    kind (a running dossier has no end date, an extension no new end)."""
    changed = 0
    for model, path in audit_trail.sources():
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
        ]
        rows = model.objects.filter(**{audit_trail.dossier_column(path): dossier.pk})
        for name in names:
            changed += rows.filter(**{f"{name}__isnull": False}).update(**{name: value})
    return changed


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("extreme", [datetime.date.max, datetime.date.min], ids=["max", "min"])
def test_every_page_survives_the_calendars_ends(team, other_regisseur, extreme):
    dossier = factories.stranger_dossier(team, other_regisseur)
    assert _set_every_date(dossier, extreme) > 10
    failures = []
    for pattern in APP_PATTERNS:
        url = _url(pattern, dossier)
        for client in _clients_for(pattern, dossier):
            response = client.get(url)
            if response.status_code >= 500:
                failures.append(url)
    assert not failures

    reminders.run_daily()
    for kind in ExportKind.values:
        assert inzage.as_json(inzage.collect(dossier, kind))


@pytest.mark.parametrize("extreme", [datetime.date.max, datetime.date.min], ids=["max", "min"])
def test_the_dossier_page_shows_an_extreme_deadline_instead_of_failing(
    regisseur_client, dossier, extreme
):
    type(dossier).objects.filter(pk=dossier.pk).update(
        datum_kennisgeving=extreme, datum_brp_inschrijving=extreme
    )
    response = regisseur_client.get(dossier.get_absolute_url())
    assert response.status_code == 200
