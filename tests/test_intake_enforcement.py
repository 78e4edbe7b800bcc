"""Escalation after missed invitations for the brede intake (domain.md §2b)."""

import pytest
from django.utils import translation

from intake.enforcement import (
    NO_SHOW_FINE_EUR_DEFAULT,
    Escalation,
    Gevolg,
    escalation_for_no_show,
)


def test_the_default_fine_is_250_euros():
    assert NO_SHOW_FINE_EUR_DEFAULT == 250


@pytest.mark.parametrize(
    ("no_show_number", "expected"),
    [
        pytest.param(1, Escalation(Gevolg.WAARSCHUWING, 0, True), id="first-warning"),
        pytest.param(2, Escalation(Gevolg.BOETE, 250, True), id="second-fine"),
        pytest.param(3, Escalation(Gevolg.PIP_AMBTSHALVE, 250, False), id="third-plan-set"),
        pytest.param(4, Escalation(Gevolg.PIP_AMBTSHALVE, 250, False), id="fourth-as-third"),
    ],
)
def test_escalation_by_number_of_no_shows(no_show_number, expected):
    assert escalation_for_no_show(no_show_number) == expected


@pytest.mark.parametrize(
    ("no_show_number", "expected"),
    [
        pytest.param(1, Escalation(Gevolg.WAARSCHUWING, 0, True), id="warning-stays-free"),
        pytest.param(2, Escalation(Gevolg.BOETE, 400, True), id="second"),
        pytest.param(3, Escalation(Gevolg.PIP_AMBTSHALVE, 400, False), id="third"),
    ],
)
def test_custom_fine(no_show_number, expected):
    assert escalation_for_no_show(no_show_number, fine_eur=400) == expected


@pytest.mark.parametrize("no_show_number", [0, -1])
def test_no_escalation_before_a_no_show(no_show_number):
    with pytest.raises(ValueError, match="at least 1"):
        escalation_for_no_show(no_show_number)


@pytest.mark.parametrize(
    ("gevolg", "value", "label"),
    [
        (Gevolg.WAARSCHUWING, "waarschuwing", "Written warning"),
        (Gevolg.BOETE, "boete", "Fine"),
        (Gevolg.PIP_AMBTSHALVE, "pip_ambtshalve", "Fine; the municipality sets the plan"),
    ],
)
def test_gevolg_values_and_labels(gevolg, value, label):
    assert gevolg == value
    assert isinstance(gevolg, str)
    with translation.override("en"):
        assert str(gevolg.label) == label


def test_escalation_is_immutable():
    escalation = escalation_for_no_show(1)
    with pytest.raises(AttributeError):
        escalation.fine_eur = 250
