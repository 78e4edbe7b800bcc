"""The ``queries`` fixture (tests/conftest.py): its failures name the SQL that was run."""

import pytest

from inburgering.models import Gemeente


def test_a_different_count_fails_with_the_extra_query(queries):
    with queries.capture() as one:
        list(Gemeente.objects.all())
    with queries.capture() as two:
        list(Gemeente.objects.all())
        Gemeente.objects.filter(naam="Extra").exists()
    queries.assert_same_count(one, one)
    with pytest.raises(pytest.fail.Exception) as failure:
        queries.assert_same_count(one, two)
    message = str(failure.value)
    assert message.startswith("2 queries, expected the same 1 as before")
    added = '+SELECT N AS "a" FROM "inburgering_gemeente" WHERE "inburgering_gemeente"."naam" = ?'
    assert f"\n{added} LIMIT N" in message  # values as ?, numbers as N


def test_a_count_over_the_limit_fails_with_every_query(queries):
    with queries.capture() as page:
        list(Gemeente.objects.all())
        list(Gemeente.objects.all())
    queries.assert_at_most(page, 2)
    with pytest.raises(pytest.fail.Exception) as failure:
        queries.assert_at_most(page, 1)
    lines = str(failure.value).splitlines()
    assert lines[0] == "2 queries, at most 1 expected:"
    assert lines[1].startswith("  1. SELECT") and lines[2].startswith("  2. SELECT")


def test_get_asks_for_a_page_that_answers(queries, regisseur_client):
    page = queries.get(regisseur_client, "/dossiers/", q="x")
    assert page.response.context["filter_form"]["q"].value() == "x"
    assert len(page) == len(page.sql) > 0
    with pytest.raises(AssertionError):
        queries.get(regisseur_client, "/bestaat-niet/")
