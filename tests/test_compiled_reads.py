"""Reads compiled once per process: the same rows as the ORM's, whatever the arguments, and
a clear refusal where compiling once would freeze a value."""

import datetime

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from inburgering.compiled_reads import compiled_read
from inburgering.models import Inburgeraar
from tests import factories

pytestmark = pytest.mark.django_db


def _dossiers(team_ids, surname_from: str, born_before: datetime.date, with_v_nummer):
    queryset = Inburgeraar.objects.filter(
        team_id__in=team_ids, surname__gte=surname_from, date_of_birth__lt=born_before
    )
    if with_v_nummer is not None:
        queryset = queryset.exclude(v_nummer="") if with_v_nummer else queryset.filter(v_nummer="")
    return queryset.order_by("surname", "pk").values("pk", "surname", "team__naam")


built = []


@compiled_read
def compiled_dossiers(team_ids, surname_from, born_before, with_v_nummer):
    built.append(len(team_ids))
    return _dossiers(team_ids, surname_from, born_before, with_v_nummer)


@pytest.fixture
def people():
    teams = factories.TeamFactory.create_batch(3)
    births = [datetime.date(1980, 1, 1), datetime.date(1990, 6, 1), datetime.date(2000, 2, 29)]
    for number, (team, born) in enumerate(zip(teams * 2, births * 2, strict=False)):
        factories.InburgeraarFactory(
            team=team,
            surname=f"Naam {number}",
            date_of_birth=born,
            v_nummer="" if number % 2 else f"{number:010d}",
        )
    return teams


def test_a_compiled_read_gives_the_orms_rows_for_every_argument_and_compiles_once_a_shape(
    people, django_assert_num_queries
):
    built.clear()
    found = []
    calls = [
        ([people[0].pk], "Naam 0", datetime.date(2001, 1, 1), None),
        ([people[1].pk], "Naam 3", datetime.date(1995, 1, 1), None),  # same shape
        ([people[0].pk, people[2].pk], "A", datetime.date(2000, 2, 29), True),
        ([people[1].pk, people[0].pk], "Naam 2", datetime.date(1985, 1, 1), True),
        ([people[2].pk, people[1].pk], "", datetime.date(2030, 1, 1), False),
    ]
    for team_ids, surname_from, born_before, with_v_nummer in calls:
        expected = list(_dossiers(team_ids, surname_from, born_before, with_v_nummer))
        with django_assert_num_queries(1):
            rows = compiled_dossiers(
                team_ids=team_ids,
                surname_from=surname_from,
                born_before=born_before,
                with_v_nummer=with_v_nummer,
            )
        assert rows == expected
        found.append(len(rows))
    assert 0 in found and max(found) > 1  # the calls chose different rows
    # One compile per shape: one team, two teams with and without a V-number filter.
    assert built == [1, 2, 2]


def test_an_empty_list_selects_nothing_without_asking_the_database(
    people, django_assert_num_queries
):
    with django_assert_num_queries(0):
        rows = compiled_dossiers(
            team_ids=[], surname_from="", born_before=datetime.date(2030, 1, 1), with_v_nummer=None
        )
    assert rows == []


def test_an_aggregate_ordered_by_its_group_gives_the_orms_rows(people):
    @compiled_read
    def per_team(gemeente_id: int):
        return (
            Inburgeraar.objects.filter(gemeente_id=gemeente_id)
            .values("team_id")
            .annotate(count=Count("pk"), without_v_nummer=Count("pk", filter=Q(v_nummer="")))
            .order_by("team_id")
        )

    gemeente_id = Inburgeraar.objects.values_list("gemeente_id", flat=True).first()
    expected = list(per_team.__wrapped__(gemeente_id=gemeente_id))
    assert per_team(gemeente_id=gemeente_id) == expected != []


def test_a_date_the_read_computes_itself_is_refused():
    @compiled_read
    def born_before_today(team_id: int):
        return Inburgeraar.objects.filter(
            team_id=team_id, date_of_birth__lt=timezone.localdate()
        ).values("pk")

    with pytest.raises(TypeError, match="pass it as an argument"):
        born_before_today(team_id=1)


def test_an_argument_a_lookup_rewrites_is_refused():
    @compiled_read
    def named_like(text: str):
        return Inburgeraar.objects.filter(surname__icontains=text).values("pk")

    with pytest.raises(TypeError, match="did not reach the query"):
        named_like(text="naam")


def test_only_values_querysets_and_simple_arguments_are_compiled():
    @compiled_read
    def whole_rows(team_id: int):
        return Inburgeraar.objects.filter(team_id=team_id)

    with pytest.raises(TypeError, match="values"):
        whole_rows(team_id=1)
    with pytest.raises(TypeError, match="ints, strings, dates"):
        compiled_dossiers(team_ids={1}, surname_from="", born_before=None, with_v_nummer=None)
