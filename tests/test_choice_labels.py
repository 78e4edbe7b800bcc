"""``get_FOO_display`` from the kept label tables says what Django's own says, in the active
language, for every choice of every model that uses it, and shows an unknown stored value as
itself."""

from django.apps import apps
from django.db.models import Model
from django.utils import translation

from inburgering.choices import ChoiceLabels


def _fields_with_choices():
    for model in apps.get_models():
        if issubclass(model, ChoiceLabels):
            for field in model._meta.concrete_fields:
                if field.choices:
                    yield model, field


def test_every_label_is_djangos_in_dutch_and_english():
    checked = 0
    for model, field in _fields_with_choices():
        for value, _label in field.flatchoices:
            instance = model(**{field.attname: value})
            for language in ("nl", "en"):
                with translation.override(language):
                    ours = getattr(instance, f"get_{field.name}_display")()
                    assert ours == Model._get_FIELD_display(instance, field), (model, field, value)
            checked += 1
    assert checked > 300  # every choice of some thirty models


def test_a_stored_value_that_is_no_choice_shows_as_itself():
    models = {model for model, _field in _fields_with_choices()}
    assert {"Bijeenkomst", "Inburgeraar", "PipVersie", "Signaal"} <= {m.__name__ for m in models}
    for model, field in _fields_with_choices():
        instance = model(**{field.attname: "retired-value"})
        assert getattr(instance, f"get_{field.name}_display")() == "retired-value"
