"""Widgets are rendered from Django's Jinja2 copies of its widget templates (several times
faster); the markup is the same as Django's own templates make, up to how an apostrophe is
escaped and the whitespace between tags."""

import html
import re

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.template.backends.jinja2 import Template as Jinja2Template

from inburgering.dossier.forms import RegistrationForm
from inburgering.models import Team
from inburgering.web.form_rendering import FormRenderer


class DjangoTemplatesOnly(TemplatesSetting):
    """The project's renderer as it was: every template from the Django template engine."""

    field_template_name = FormRenderer.field_template_name


def _same(markup: str) -> str:
    return html.unescape(re.sub(r">\s+<", "><", re.sub(r"\s+", " ", markup)).strip())


class EveryWidget(forms.Form):
    text = forms.CharField(initial="a'b\"<c>", help_text="help")
    area = forms.CharField(widget=forms.Textarea, initial="x\ny")
    number = forms.IntegerField(initial=3, min_value=0)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    flag = forms.BooleanField(initial=True)
    hidden = forms.CharField(widget=forms.HiddenInput, initial="7")
    one = forms.ChoiceField(
        choices=[("", "---"), ("Groep", [("a", "A'1"), ("b", "B")]), ("c", "C")], initial="b"
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], initial=["a"])
    boxes = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, choices=[("a", "A"), ("b", "B")], initial=["b"]
    )
    radio = forms.ChoiceField(widget=forms.RadioSelect, choices=[("a", "A"), ("b", "B")])
    upload = forms.FileField(required=False)


@pytest.mark.parametrize("bound", [False, True])
def test_every_widget_renders_as_django_renders_it(bound):
    data = {"text": "<b>", "number": "x", "one": "c", "boxes": ["a", "b"]} if bound else None
    ours = EveryWidget(data, renderer=FormRenderer())
    django = EveryWidget(data, renderer=DjangoTemplatesOnly())
    assert isinstance(
        FormRenderer().get_template("django/forms/widgets/select.html"), Jinja2Template
    )
    assert "<optgroup" in str(ours) and 'type="checkbox"' in str(ours)
    assert _same(str(ours)) == _same(str(django))


@pytest.mark.django_db
def test_the_registration_form_with_its_country_lists_renders_as_before(team):
    teams = Team.objects.all()
    ours = str(RegistrationForm(renderer=FormRenderer(), teams=teams))
    before = str(RegistrationForm(renderer=DjangoTemplatesOnly(), teams=teams))
    assert ours.count("<option") > 200
    assert _same(ours) == _same(before)
