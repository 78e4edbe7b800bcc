"""Writes to the core model: one transaction each, keyword-only, history user set explicitly."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import events, inzage, rendered_files, tasks
from inburgering.choices import DossierStatus, ExportKind, Grondslag, TeamRole
from inburgering.law import closing_refusal, regime_for_duty_start
from inburgering.models import (
    Deling,
    DossierExport,
    Inburgeraar,
    InburgeraarGroupObjectPermission,
    Organisatie,
    Team,
    TeamMembership,
    Toestemming,
    User,
)


class ServiceError(Exception):
    """A business rule refused the write; the message is shown to the user."""


class DuplicateBsnError(ServiceError):
    pass


class ConcurrentEditError(ServiceError):
    """Someone else saved the dossier since this user opened the form. ``current_version`` is
    the version now stored, which the form carries on so a deliberate resubmit succeeds."""

    def __init__(self, message: str, *, current_version: int | None = None):
        super().__init__(message)
        self.current_version = current_version


SYSTEM_USERNAME = "systeem"


def save_as(instance, *, actor, reason: str = "", **save_kwargs) -> None:
    """Save with ``actor`` recorded in the change history (also outside a request).

    ``reason`` says what caused a change nobody made by hand, such as a Celery task.
    """
    instance._history_user = actor
    if reason:
        instance._change_reason = reason[:100]
    instance.save(**save_kwargs)


def delete_as(instance, *, actor, reason: str = "") -> None:
    """Delete with ``actor`` recorded in the change history."""
    instance._history_user = actor
    if reason:
        instance._change_reason = reason[:100]
    instance.delete()


def save_rows(existing, rows, *, fields: list[str], new, actor) -> None:
    """Create, change and delete a record's list rows (education, afspraken, exam results)
    from plain data, with ``actor`` in their history; call inside the service's transaction.

    ``existing`` is a queryset of the record's rows: an id outside it is refused, so a row of
    another record is never touched. Each row is a dict of some of ``fields`` with ``id``
    (None for a new row) and ``delete``; ``new()`` makes an unsaved row under the record.
    A row whose values did not change is not saved again.
    """
    current = {row.pk: row for row in existing.select_for_update()}
    for row in rows:
        unknown = set(row) - {"id", "delete", *fields}
        if unknown:
            raise ValueError(f"not a field of these rows: {sorted(unknown)}")
        row_id = row.get("id")
        instance = current.get(row_id)
        if row.get("delete"):
            if instance is not None:  # a row someone else removed already stays removed
                delete_as(instance, actor=actor)
            continue
        if row_id is not None and instance is None:
            raise ConcurrentEditError(_("One of these rows no longer exists; open the page again."))
        values = {name: row[name] for name in fields if name in row}
        if instance is not None and all(getattr(instance, n) == v for n, v in values.items()):
            continue
        instance = instance or new()
        for name, value in values.items():
            setattr(instance, name, value)
        save_as(instance, actor=actor)


def set_fields(instance, data: dict, fields: list[str]) -> None:
    """Copy ``data`` onto a row; a key that is not one of ``fields`` is a caller's mistake."""
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"not a field that can be set here: {sorted(unknown)}")
    for name, value in data.items():
        setattr(instance, name, value)


def system_user() -> User:
    """The actor of scheduled jobs: an account that cannot log in, so history always names
    who or what made a change."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Systeem", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def check_version(instance, expected_version: int) -> None:
    """Refuse a write based on a form opened before someone else's save (optimistic lock)."""
    if instance.lock_version != expected_version:
        raise ConcurrentEditError(
            _(
                "Someone else changed this while you were editing it. Your changes have not "
                "been saved yet: check the current data; what you typed is kept below, and "
                "saving again replaces the other change."
            ),
            current_version=instance.lock_version,
        )
    instance.lock_version += 1


@transaction.atomic
def register_inburgeraar(*, actor, team: Team, data: dict) -> Inburgeraar:
    """Open a dossier in the actor's team; a regisseur who registers it becomes its regisseur."""
    role = (
        TeamMembership.objects.filter(user=actor, team=team).values_list("role", flat=True).first()
    )
    if role is None:
        raise ServiceError(_("You can only register a dossier in a team you belong to."))
    dossier = Inburgeraar(**data)
    dossier.team = team
    dossier.gemeente_id = team.gemeente_id
    dossier.regisseur = actor if role == TeamRole.REGISSEUR else None
    dossier.status = DossierStatus.AANGEMELD
    if not dossier.regime and dossier.datum_start_inburgeringsplicht:
        dossier.regime = regime_for_duty_start(dossier.datum_start_inburgeringsplicht)
    try:
        with transaction.atomic():
            save_as(dossier, actor=actor)
    except IntegrityError as exc:
        raise DuplicateBsnError(_("A dossier with this BSN already exists.")) from exc
    return dossier


@transaction.atomic
def update_personal_data(
    *, actor, dossier_id: int, expected_version: int, data: dict
) -> Inburgeraar:
    """Change the personal data; refused if someone else saved since the form was opened."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    check_version(dossier, expected_version)
    for field, value in data.items():
        setattr(dossier, field, value)
    try:
        with transaction.atomic():
            save_as(dossier, actor=actor)
    except IntegrityError as exc:
        raise DuplicateBsnError(_("A dossier with this BSN already exists.")) from exc
    return dossier


# --- Shares with chain partners ---------------------------------------------------------------


def _check_share_dates(valid_until, today) -> None:
    if valid_until < today:
        raise ServiceError(_("A share ends today or later."))
    if valid_until > today + relativedelta(years=settings.SHARE_MAX_YEARS):
        raise ServiceError(
            _("A share runs at most %(years)s years; extend it later if it is still needed.")
            % {"years": settings.SHARE_MAX_YEARS}
        )


@transaction.atomic
def grant_shares(
    *,
    actor,
    dossier: Inburgeraar,
    organisatie: Organisatie,
    domeinen: list[str],
    may_note: bool,
    grondslag: str,
    valid_until,
    reden: str,
    toestemming_given_on=None,
    toestemming_wijze: str = "",
    wettelijk_artikel: str = "",
) -> list[Deling]:
    """Share domeinen of a dossier with a partner organisation: a guardian object permission
    per domein on the organisation's group, and a Deling row that records why and until when.

    A share on consent records the consent too, so withdrawing it ends these shares.
    """
    _check_share_dates(valid_until, timezone.localdate())
    outside = set(domeinen) - set(organisatie.domeinen)
    if outside or not domeinen:
        raise ServiceError(_("An organisation can only be given the domains it works in."))
    if Deling.objects.filter(
        dossier=dossier, organisatie=organisatie, domein__in=domeinen
    ).exists():
        raise ServiceError(_("One of these domains is already shared; extend that share instead."))
    toestemming = None
    if grondslag == Grondslag.TOESTEMMING:
        toestemming = Toestemming(
            dossier=dossier,
            organisatie=organisatie,
            given_on=toestemming_given_on,
            wijze=toestemming_wijze,
            recorded_by=actor,
        )
        save_as(toestemming, actor=actor, reason=reden)
    grants = InburgeraarGroupObjectPermission.objects
    delingen = []
    for domein in domeinen:
        deling = Deling(
            dossier=dossier,
            organisatie=organisatie,
            domein=domein,
            may_note=may_note,
            grondslag=grondslag,
            toestemming=toestemming,
            wettelijk_artikel=wettelijk_artikel if toestemming is None else "",
            reden=reden,
            valid_until=valid_until,
            granted_by=actor,
            view_permission=grants.assign_perm(f"view_{domein}", organisatie.group, dossier),
            note_permission=(
                grants.assign_perm(f"note_{domein}", organisatie.group, dossier)
                if may_note
                else None
            ),
        )
        save_as(deling, actor=actor, reason=reden)
        events.share_granted(actor=actor, deling=deling)
        delingen.append(deling)
    return delingen


@transaction.atomic
def extend_share(
    *, actor, deling_id: int, expected_version: int, valid_until, reden: str
) -> Deling:
    deling = (
        Deling.objects.select_for_update(of=("self",))
        .select_related("organisatie")
        .get(pk=deling_id)
    )
    check_version(deling, expected_version)
    _check_share_dates(valid_until, timezone.localdate())
    deling.valid_until = valid_until
    save_as(deling, actor=actor, reason=reden)
    events.share_extended(actor=actor, deling=deling, reason=reden)
    return deling


def _ending_shares(queryset, *, skip_locked: bool = False):
    """Shares about to end, locked, with what ending them reads."""
    return queryset.select_for_update(of=("self",), skip_locked=skip_locked).select_related(
        "organisatie", "view_permission", "note_permission"
    )


def _end_share(deling: Deling, *, actor, cause: str, reason: str) -> None:
    """Remove the share and then its guardian permissions (which the share protects); the
    history keeps who ended it and why, the audit log says so in one event."""
    view, note = deling.view_permission, deling.note_permission
    events.share_ended(actor=actor, deling=deling, cause=cause, reason=reason)
    delete_as(deling, actor=actor, reason=reason or str(events.SHARE_END_CAUSES[cause]))
    view.delete()
    if note is not None:
        note.delete()


@transaction.atomic
def revoke_share(*, actor, deling_id: int, reden: str) -> None:
    """End a share at once; the history keeps who granted it and who ended it, and why."""
    deling = _ending_shares(Deling.objects).get(pk=deling_id)
    _end_share(deling, actor=actor, cause=events.REVOKED, reason=reden)


@transaction.atomic
def withdraw_consent(*, actor, toestemming_id: int, reden: str) -> list[str]:
    """The person withdraws consent (the regisseur records it): every share resting on it ends.

    Returns the domeinen whose shares ended."""
    toestemming = (
        Toestemming.objects.select_for_update(of=("self",))
        .select_related("organisatie")
        .get(pk=toestemming_id)
    )
    if toestemming.withdrawn_on is not None:
        raise ServiceError(_("This consent has already been withdrawn."))
    toestemming.withdrawn_on = timezone.localdate()
    toestemming.withdrawn_by = actor
    save_as(toestemming, actor=actor, reason=reden)
    events.consent_withdrawn(actor=actor, toestemming=toestemming, reason=reden)
    delingen = list(_ending_shares(toestemming.delingen))
    for deling in delingen:
        _end_share(deling, actor=actor, cause=events.CONSENT_WITHDRAWN, reason=reden)
    return [deling.domein for deling in delingen]


def expire_shares(*, today=None, reason: str = "") -> int:
    """Remove every share whose last day has passed, as the system; safe to run twice.

    ``reason`` names what ran the job (a Celery task and its id) for the history."""
    today = today or timezone.localdate()
    actor = system_user()
    expired = 0
    with transaction.atomic():
        for deling in _ending_shares(
            Deling.objects.filter(valid_until__lt=today), skip_locked=True
        ):
            _end_share(deling, actor=actor, cause=events.EXPIRED, reason=reason)
            expired += 1
    return expired


# --- Closing a dossier, exports -----------------------------------------------------------------


@transaction.atomic
def close_dossier(
    *,
    actor,
    dossier_id: int,
    expected_version: int,
    status: str,
    ended_on,
    reason: str,
    new_gemeente: str = "",
) -> list[Deling]:
    """End the duty: the dossier is closed, its shares end (partners have no more work in it)
    and the retention period starts to run. A move to another gemeente (warme overdracht)
    first makes the handover export.

    Returns the shares that ended."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    check_version(dossier, expected_version)
    refusal = closing_refusal(
        current_status=dossier.status,
        new_status=status,
        ended_on=ended_on,
        duty_start=dossier.datum_start_inburgeringsplicht,
        today=timezone.localdate(),
        birth=dossier.date_of_birth,
        first_contact_on=dossier.first_contact_on,
    )
    if refusal:
        raise ServiceError(refusal)
    if status == DossierStatus.VERHUISD:
        request_export(
            actor=actor,
            dossier=dossier,
            kind=ExportKind.OVERDRACHT,
            note=_("Handover to %(gemeente)s") % {"gemeente": new_gemeente},
        )
    ended = list(_ending_shares(Deling.objects.filter(dossier=dossier)))
    for deling in ended:
        _end_share(deling, actor=actor, cause=events.DOSSIER_CLOSED, reason=reason)
    dossier.status = status
    dossier.datum_einde_plicht = ended_on
    save_as(dossier, actor=actor, reason=reason)
    return ended


def request_export(*, actor, dossier: Inburgeraar, kind: str, note: str = "") -> DossierExport:
    """Ask for an export of everything held about the person; made by a Celery task."""
    export = DossierExport(dossier=dossier, kind=kind, note=note[:200], requested_by=actor)
    save_as(export, actor=actor)
    events.export_requested(actor=actor, export=export)
    transaction.on_commit(lambda: tasks.render_dossier_export.delay(export.pk))
    return export


def render_export(*, export_id: int) -> DossierExport:
    """Make and store both files once (``rendered_files``)."""

    def make(export: DossierExport) -> None:
        collected = inzage.collect(export.dossier, export.kind)
        name = f"{export.kind}-{export.dossier_id}-{export.pk}"
        export.json_file.save(f"{name}.json", ContentFile(inzage.as_json(collected)), save=False)
        export.pdf_file.save(f"{name}.pdf", ContentFile(inzage.as_pdf(collected)), save=False)
        export.ready_at = timezone.now()

    exports = DossierExport.objects.select_related("dossier__gemeente")
    return rendered_files.render_once(exports, export_id, make)


def remove_export_files(dossier_id: int) -> int:
    """Delete the stored export files of a dossier (retention); returns how many."""
    removed = 0
    for export in DossierExport.objects.filter(dossier_id=dossier_id):
        for stored in (export.pdf_file, export.json_file):
            if stored:
                stored.delete(save=False)
                removed += 1
    return removed
