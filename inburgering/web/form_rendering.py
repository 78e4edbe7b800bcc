"""Render Django form fields with NL Design System (Utrecht) classes and accessible markup.

Each field gets its label, description and error message tied to the input with
``aria-describedby``; invalid inputs get ``aria-invalid`` and the Utrecht invalid class.
"""

from django import forms
from django.forms.renderers import Jinja2, TemplatesSetting
from django.forms.widgets import Input

from inburgering.web.form_input import InputBoundaryMixin

WIDGET_CLASSES = [
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input", ""),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input", ""),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input", ""),
    (
        forms.Textarea,
        "utrecht-textarea utrecht-textarea--html-textarea",
        "utrecht-textarea--invalid",
    ),
    (forms.Select, "utrecht-select utrecht-select--html-select", "utrecht-select--invalid"),
    (Input, "utrecht-textbox utrecht-textbox--html-input", "utrecht-textbox--invalid"),
]


class FormRenderer(TemplatesSetting):
    """Project templates first, so components/field.html renders every field group; the
    widgets themselves from Django's Jinja2 copies of its widget templates, the same markup
    several times faster (a select of 250 countries made a page four times slower)."""

    field_template_name = "components/field.html"
    widgets = Jinja2()

    def get_template(self, template_name):
        if template_name.startswith("django/forms/widgets/"):
            return self.widgets.get_template(template_name)
        return super().get_template(template_name)


class UtrechtFormMixin(InputBoundaryMixin):
    """Adds Utrecht classes to every widget and marks invalid fields after validation; every
    project form is one, so every form also has the shared input boundary."""

    # Label optional fields "(optional)"; a filter form, where everything is optional, turns it off.
    mark_optional = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self):
        """Give every widget its Utrecht class; call again after adding fields."""
        for field in self.fields.values():
            for widget_class, css, _invalid in WIDGET_CLASSES:
                if isinstance(field.widget, widget_class):
                    field.widget.attrs["class"] = css
                    break

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            bound = self[name]
            described = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                described.append(f"{bound.auto_id}_helptext")
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = " ".join(described)
            for widget_class, _css, invalid in WIDGET_CLASSES:
                if isinstance(widget, widget_class):
                    if invalid:
                        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {invalid}"
                    break
