"""The input boundary every form shares: numbers and dates are typed with 0-9, and plausible.

Django's number and date fields accept any Unicode digit ("٣" is 3, and so is a full-width
three), and a number field without a maximum passes 99999999999999999999 to the database,
which refuses it with a server error. Every project form mixes this in (through
``UtrechtFormMixin``), and a test checks that no form goes without it.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering import plausibility
from inburgering.numbers import has_foreign_digits

# PostgreSQL's integer: the largest value any number column of the project holds.
MAX_NUMBER = 2**31 - 1

# Rows a formset takes at most (education, children, agreements, exam results). Django's own
# limit is 2,000: a TOTAL_FORMS of 99999999999999999999 made it build and check 2,000 forms.
FORMSET_LIMITS = {"max_num": 50, "absolute_max": 50, "validate_max": True}

_NUMERIC_FIELDS = (
    forms.IntegerField,
    forms.DecimalField,
    forms.FloatField,
    forms.ModelChoiceField,  # and ModelMultipleChoiceField: ids
    forms.DateField,
    forms.DateTimeField,
    forms.TimeField,
)


def _texts(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [] if value is None else [str(value)]


def _ascii_digits_only(clean):
    def checked(value):
        if any(has_foreign_digits(text) for text in _texts(value)):
            raise ValidationError(
                _("Type numbers and dates with the digits 0 to 9."), code="foreign_digits"
            )
        return clean(value)

    return checked


def _plausible_date(value) -> None:
    if value is None:
        return
    problem = plausibility.any_date_problem(value, today=timezone.localdate())
    if problem:
        raise ValidationError(problem, code="implausible_date")


class InputBoundaryMixin:
    """Refuses other digits than 0-9 in number, id and date fields, numbers beyond what the
    database holds, and dates outside 1900 to ten years ahead (``plausibility``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, _NUMERIC_FIELDS):
                field.clean = _ascii_digits_only(field.clean)
            if isinstance(field, forms.IntegerField) and field.max_value is None:
                field.validators.append(MaxValueValidator(MAX_NUMBER))
            if isinstance(field, forms.DateField):
                field.validators.append(_plausible_date)
