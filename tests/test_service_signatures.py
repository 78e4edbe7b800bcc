"""Services take plain data: no function of a services module accepts a form or a formset, and
every write service is called from plain data (without HTTP) in some test."""

import importlib
import inspect
import re
import typing
from pathlib import Path

import pytest
from django import forms
from django.forms.formsets import BaseFormSet

ROOT = Path(__file__).resolve().parent.parent
APPS = ("inburgering", "intake", "pip_plans", "voortgang")
# Every services module of the project, the core's sub-packages included.
SERVICE_MODULES = [
    importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
    for app in APPS
    for path in sorted((ROOT / app).rglob("services.py"))
]
FORM_NAMES = re.compile(r"^(\w+_)?(form|forms|formset|formsets)$")
FORM_ANNOTATION = re.compile(r"\b\w*(Form|FormSet)\b")
TESTS = Path(__file__).resolve().parent

# Functions of the services modules that write nothing a user asked for: helpers of the
# services themselves, a read and the signal receivers (exercised through fix_pip,
# assign_regisseur, update_personal_data and record_duo_besluit, in whose transactions they
# run), and the appointments' followers with their registration (exercised through the
# appointment services, in whose transactions they run).
NOT_WRITE_SERVICES = {
    "save_as",
    "delete_as",
    "save_rows",
    "save_all_as",
    "save_new_as",
    "set_fields",
    "check_version",
    "system_user",
    "ontzorgen_applies",
    "plan_after_fixing",
    "follow_new_regisseur",
    "follow_dates",
    "follow",
    "follow_bijeenkomst",
    "compose",  # a letter's content for the preview, written by make_brief
    "check_after_data",  # the demo data's receiver, exercised by check_every_gemeente
}
# Services that delete stored files and write no row.
FILES_ONLY = {"remove_export_files", "remove_dossier_files", "remove_letter_files"}
# Jobs that write in parts, one transaction each, so their progress can be read meanwhile.
IN_PARTS = {"run_assignment_job": "_run_parts", "check_every_gemeente": "check"}


def _functions(module):
    return [
        (name, function)
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
    ]


def _is_form_type(annotation) -> bool:
    if isinstance(annotation, str):
        return bool(FORM_ANNOTATION.search(annotation))
    if inspect.isclass(annotation) and issubclass(annotation, forms.BaseForm | BaseFormSet):
        return True
    return any(_is_form_type(argument) for argument in typing.get_args(annotation))


def form_parameters(function) -> list[str]:
    """The parameters of ``function`` that take a form or formset, by name or by type hint."""
    try:
        hints = typing.get_type_hints(function)
    except Exception:  # a hint that does not resolve: judge its text
        hints = dict(getattr(function, "__annotations__", {}))
    found = []
    for name in inspect.signature(function).parameters:
        if FORM_NAMES.match(name) or _is_form_type(hints.get(name)):
            found.append(name)
    return found


@pytest.mark.parametrize("module", SERVICE_MODULES, ids=lambda module: module.__name__)
def test_no_service_accepts_a_form_or_formset(module):
    offenders = {
        name: parameters
        for name, function in _functions(module)
        if (parameters := form_parameters(function))
    }
    assert offenders == {}, f"{module.__name__} takes forms: {offenders}"


@pytest.mark.parametrize("module", SERVICE_MODULES, ids=lambda module: module.__name__)
def test_no_service_reads_a_form(module):
    source = inspect.getsource(module)
    assert "cleaned_data" not in source
    assert "formset" not in source.lower()
    assert not re.search(r"^from django(\.forms| import forms)", source, re.MULTILINE)


def test_the_scan_finds_the_service_modules_of_every_sub_package():
    names = {module.__name__ for module in SERVICE_MODULES}
    assert {"inburgering.sharing.services", "intake.services", "voortgang.services"} <= names


def test_the_check_finds_forms_by_name_and_by_type_hint():
    def by_name(*, actor, form): ...

    def by_list_name(*, actor, intake_id, formsets=()): ...

    def by_hint(*, actor, rows: BaseFormSet): ...

    def by_hint_in_a_list(*, actor, rows: list[forms.ModelForm]): ...

    def by_text(*, actor, details: "SectieForm"): ...  # noqa: F821

    def plain(*, actor, data: dict, afspraken: list[dict], expected_version: int): ...

    assert form_parameters(by_name) == ["form"]
    assert form_parameters(by_list_name) == ["formsets"]
    assert form_parameters(by_hint) == ["rows"]
    assert form_parameters(by_hint_in_a_list) == ["rows"]
    assert form_parameters(by_text) == ["details"]
    assert form_parameters(plain) == []


def _write_services():
    for module in SERVICE_MODULES:
        for name, _function in _functions(module):
            if not name.startswith("_") and name not in NOT_WRITE_SERVICES:
                yield module.__name__, name


@pytest.mark.parametrize(
    ("module", "name"), list(_write_services()), ids=lambda value: value.removesuffix(".services")
)
def test_every_write_service_is_called_from_plain_data_in_a_test(module, name):
    """Pages call services through forms; a direct call in a test shows the service works
    from plain data alone (as a task, a command or the demo data would call it)."""
    call = re.compile(rf"\b{name}\(")
    callers = [
        path.name
        for path in TESTS.glob("test_*.py")
        if path.name != Path(__file__).name and call.search(path.read_text())
    ]
    assert callers, f"no test calls {module}.{name} directly"


@pytest.mark.parametrize(
    ("module", "name"), list(_write_services()), ids=lambda value: value.removesuffix(".services")
)
def test_every_write_service_runs_in_one_transaction(module, name):
    """Tests run inside a transaction, so a service that forgot its own would pass them and
    fail in production (a row lock outside a transaction is an error)."""
    if name in FILES_ONLY:
        return
    source = inspect.getsource(getattr(importlib.import_module(module), IN_PARTS.get(name, name)))
    assert "transaction.atomic" in source or "rendered_files.render_once(" in source
