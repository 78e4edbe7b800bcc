"""Reading a handover file (warme overdracht) that another gemeente exported when the person
moved here: the JSON ``privacy.inzage`` writes, version-checked and read as input from
outside. Every problem is collected as one Dutch sentence naming the part, the row and the
field, so the regisseur can tell the other gemeente what to fix; nothing is kept unless the
whole file is sound (the service's transaction).

The core reads the person's data; each app registers a receiver for its own rows
(``register_part``), so the core imports no app, as for the audit trail.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from inburgering import plausibility
from inburgering.choices import ExportKind
from inburgering.dossier import lifecycle
from inburgering.models import PERSONAL_DATA_FIELDS, ContactDetails, Inburgeraar
from inburgering.numbers import has_foreign_digits
from inburgering.privacy.inzage import FORMAT
from inburgering.services import ServiceError, save_as

# The format nests six deep (document, records, model, rows, row, a list value); a file
# nested much deeper was not written by this application.
MAX_DEPTH = 10
# More problems than this and the file is plainly not what it should be: say so, not all.
MAX_PROBLEMS = 20
# The person's data a handover carries over. The BRP registration and the social
# assistance belong to the old gemeente: the new one records its own.
CARRIED_PERSONAL_DATA = tuple(
    name
    for name in PERSONAL_DATA_FIELDS
    if name not in ("datum_brp_inschrijving", "datum_start_bijstand", "datum_einde_bijstand")
)


class HandoverRefused(ServiceError):
    """The file cannot be received; ``problems`` says why, one sentence each."""

    def __init__(self, problems: list[str]):
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(
                _("And %(count)d more problems.") % {"count": len(problems) - MAX_PROBLEMS}
            )
        super().__init__(shown[0])
        self.problems = shown


def read(raw: bytes, *, max_bytes: int) -> dict:
    """The document in the file, if it is a handover of this format; refused otherwise."""
    if len(raw) > max_bytes:
        raise HandoverRefused(
            [
                _(
                    "The file is larger than %(size)d MB; a handover file is much smaller. "
                    "Check that this is the right file."
                )
                % {"size": max_bytes // 1_000_000}
            ]
        )
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        message = _("The file is not a text file; it is not a handover file.")
        raise HandoverRefused([message]) from exc
    except json.JSONDecodeError as exc:
        raise HandoverRefused(
            [
                _(
                    "The file cannot be read from line %(line)d on: it is incomplete or not "
                    "a handover file. Ask the previous municipality for the file again."
                )
                % {"line": exc.lineno}
            ]
        ) from exc
    except RecursionError as exc:
        raise HandoverRefused([_deep()]) from exc
    _check_nesting(document)
    _check_format(document)
    return document


def _deep() -> str:
    return _("The file is nested far deeper than a handover file; it is not one.")


def _check_nesting(document) -> None:
    """No deeper than the format goes, and no NUL character in any text (the database
    refuses one): walked without recursion, so a hostile file cannot exhaust the stack."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise HandoverRefused([_deep()])
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in (*value.keys(), *value.values()))
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
        elif isinstance(value, str) and "\x00" in value:
            raise HandoverRefused([_("The file holds a text with a null character.")])


def _check_format(document) -> None:
    if not isinstance(document, dict) or not isinstance(document.get("format"), str):
        raise HandoverRefused([_("This is not a handover file of this application.")])
    found = document["format"]
    if found != FORMAT:
        prefix = FORMAT.rsplit("/", 1)[0] + "/"
        if not found.startswith(prefix):
            raise HandoverRefused([_("This is not a handover file of this application.")])
        raise HandoverRefused(
            [
                _(
                    "The file has version %(found)s of the handover format; this installation "
                    "reads version %(expected)s. Ask the previous municipality to export it "
                    "again with a current version."
                )
                % {"found": found.removeprefix(prefix), "expected": FORMAT.removeprefix(prefix)}
            ]
        )
    if document.get("kind") != ExportKind.OVERDRACHT:
        raise HandoverRefused(
            [_("This is an export for a subject access request, not a handover.")]
        )
    problems = []
    if not isinstance(document.get("gemeente"), str) or not document["gemeente"].strip():
        problems.append(_("The file does not say which municipality made it."))
    if not isinstance(document.get("generated_at"), str) or not _moment(document["generated_at"]):
        problems.append(_("The file does not say when it was made."))
    if not isinstance(document.get("personal_data"), dict):
        problems.append(_("The file holds no personal data."))
    records = document.get("records")
    if not isinstance(records, dict) or not all(
        isinstance(group, dict)
        and isinstance(group.get("rows"), list)
        and all(isinstance(row, dict) for row in group["rows"])
        for group in records.values()
    ):
        problems.append(_("The file's records are not in the handover format."))
    if problems:
        raise HandoverRefused(problems)


def _moment(value: str) -> datetime.datetime | None:
    try:
        return parse_datetime(value)
    except ValueError:
        return None


def exported_at(document: dict) -> datetime.datetime:
    return _moment(document["generated_at"])


def person_data(document: dict) -> dict:
    """The person's data, checked as the registration form checks what is typed (the same
    Dutch message per field); refused with every problem."""
    from inburgering.dossier.forms import PersonalDataForm

    given = document["personal_data"]
    data = {name: _form_value(given.get(name)) for name in CARRIED_PERSONAL_DATA}
    form = PersonalDataForm(data=data)
    if form.is_valid():
        return {name: form.cleaned_data[name] for name in CARRIED_PERSONAL_DATA}
    heading = _("Personal data")
    raise HandoverRefused(
        [
            f"{heading} – {_label(form, name)}: {message}"
            for name, messages in form.errors.items()
            for message in messages
        ]
    )


def _form_value(value):
    """A form field takes a list (the languages) or text; anything else in the file is
    passed as text, so it is refused as typed input would be."""
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def _label(form, name: str) -> str:
    return str(form.fields[name].label) if name in form.fields else name


@dataclass
class Receipt:
    """One file being received into one new dossier: the apps' receivers read their rows
    from it, check each row (``fill``), save it, and say how far the dossier had come."""

    document: dict
    dossier: Inburgeraar
    actor: object
    today: datetime.date
    problems: list[str] = field(default_factory=list)
    status: str = ""
    # The new row for an id in the file, per model label, so rows that point to one another
    # in the file (a section to its version) point to one another here.
    received: dict[str, dict[int, models.Model]] = field(default_factory=dict)

    @property
    def vorige_gemeente(self) -> str:
        return self.document["gemeente"].strip()[:100]

    def rows(self, label: str) -> list[dict]:
        group = self.document["records"].get(label) or {}
        return group.get("rows", [])

    def reached(self, status: str) -> None:
        """The rows show the dossier had come this far (a fixed plan: in progress)."""
        if lifecycle.comes_later(self.status or self.dossier.status, status):
            self.status = status

    def link(self, label: str, file_id, row: models.Model) -> None:
        if isinstance(file_id, int):
            self.received.setdefault(label, {})[file_id] = row

    def linked(self, label: str, file_id) -> models.Model | None:
        if not isinstance(file_id, int) or isinstance(file_id, bool):
            return None
        return self.received.get(label, {}).get(file_id)

    def fill(
        self,
        instance: models.Model,
        row: dict,
        names: tuple[str, ...],
        *,
        title: str,
        past: tuple[str, ...] = (),
    ) -> bool:
        """Set ``names`` from the file's row, validated as the model validates them, each
        date within the bounds every date field has (``past``: not in the future either);
        False, with the problems recorded, when the row is not sound."""
        problems = {}
        for name in names:
            model_field = instance._meta.get_field(name)
            raw = row.get(name)
            if (
                isinstance(raw, str)
                and not isinstance(model_field, (models.CharField, models.TextField))
                and has_foreign_digits(raw)
            ):  # int() and the date parser would read them: the file must say 0-9
                problems[name] = _("Type numbers and dates with the digits 0 to 9.")
                continue
            try:
                value = model_field.to_python(raw)
            except ValidationError as exc:
                problems[name] = exc.messages[0]
                continue
            if value is None and not model_field.null:
                value = model_field.get_default()
            setattr(instance, name, value)
            if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
                check = plausibility.past_date_problem if name in past else None
                problem = (check or plausibility.any_date_problem)(value, today=self.today)
                if problem:
                    problems[name] = problem
        try:
            instance.full_clean(exclude=[*problems], validate_unique=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                problems.setdefault(name, messages[0])
        for name, message in problems.items():
            label = (
                instance._meta.get_field(name).verbose_name
                if name in {f.name for f in instance._meta.fields}
                else ""
            )
            self.problems.append(
                f"{title} – {label}: {message}" if label else f"{title}: {message}"
            )
        return not problems


Receiver = Callable[[Receipt], None]
_parts: list[tuple[int, Receiver]] = []


def register_part(order: int, receiver: Receiver) -> None:
    """An app receives its rows of a handover; lower ``order`` first (the plan before the
    talks that discuss it)."""
    if all(existing is not receiver for _order, existing in _parts):
        _parts.append((order, receiver))
        _parts.sort(key=lambda part: part[0])


def receive_parts(receipt: Receipt) -> None:
    for _order, receiver in _parts:
        receiver(receipt)


# How to reach the person travels, but not the address: they moved, and the new one is
# recorded here.
CARRIED_CONTACT = (
    "phone",
    "email",
    "letter_language",
    "interpreter_needed",
    "interpreter_language",
    "contact_name",
    "contact_role",
    "contact_phone",
)


def receive_contact(receipt: Receipt) -> None:
    rows = receipt.rows("inburgering.ContactDetails")
    if not rows:
        return
    contact = ContactDetails(dossier=receipt.dossier)
    if receipt.fill(contact, rows[0], CARRIED_CONTACT, title=_("Contact details")):
        save_as(contact, actor=receipt.actor)


register_part(0, receive_contact)
