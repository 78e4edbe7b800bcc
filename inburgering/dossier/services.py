"""Writes to a dossier's own record: registering, personal data, its regisseur (one batch at
once, or a large one as a job in parts) and who stands in for one, closing. One transaction
each, keyword-only, plain data in, the history user set explicitly."""

from __future__ import annotations

import contextlib
import hashlib

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import permissions
from inburgering.choices import ENDED_STATUSES, DossierStatus, ExportKind, JobStatus, TeamRole
from inburgering.dossier import handover, lifecycle
from inburgering.dossier.rules import waarneming_period_problems
from inburgering.dossier.signals import dossier_dates_changed, regisseur_assigned
from inburgering.law import closing_refusal, regime_for_duty_start
from inburgering.models import (
    CONTACT_FIELDS,
    PERSONAL_DATA_FIELDS,
    AssignmentJob,
    ContactDetails,
    Deling,
    DossierMove,
    Inburgeraar,
    Overdracht,
    Team,
    TeamMembership,
    Waarneming,
)
from inburgering.privacy import events
from inburgering.privacy.services import request_export
from inburgering.services import (
    DuplicateBsnError,
    ServiceError,
    check_version,
    save_all_as,
    save_as,
    set_fields,
)
from inburgering.sharing.services import end_shares_of_dossier, end_shares_outside


def _role_in(actor, team: Team) -> str:
    role = (
        TeamMembership.objects.filter(user=actor, team=team).values_list("role", flat=True).first()
    )
    if role is None:
        raise ServiceError(_("You can only register a dossier in a team you belong to."))
    return role


@transaction.atomic
def register_inburgeraar(*, actor, team: Team, data: dict) -> Inburgeraar:
    """Open a dossier in the actor's team; a regisseur who registers it becomes its regisseur."""
    role = _role_in(actor, team)
    dossier = Inburgeraar()
    set_fields(dossier, data, PERSONAL_DATA_FIELDS)
    dossier.team = team
    dossier.gemeente_id = team.gemeente_id
    dossier.regisseur = actor if role == TeamRole.REGISSEUR else None
    dossier.status = DossierStatus.AANGEMELD
    if not dossier.regime and dossier.datum_start_inburgeringsplicht:
        dossier.regime = regime_for_duty_start(dossier.datum_start_inburgeringsplicht)
    _save_unique_bsn(dossier, actor=actor)
    return dossier


class HandoverAlreadyReceived(ServiceError):
    """This very file was received before: its dossier, not a second one."""

    def __init__(self, dossier: Inburgeraar):
        super().__init__(_("This handover file has already been received."))
        self.dossier = dossier


@transaction.atomic
def receive_handover(*, actor, team: Team, raw: bytes) -> Inburgeraar:
    """Open a dossier from the handover file another gemeente exported when the person moved
    here (warme overdracht): the person's data, and through the apps' receivers the termijn,
    the plan versions as the previous gemeente's (read-only) and the learning record. It goes
    into the team's queue. All of it or nothing: a problem anywhere refuses the file with
    every problem named. The same file again finds the dossier it made; a BSN with a dossier
    here is refused (``DuplicateBsnError``), as when registering."""
    _role_in(actor, team)
    digest = hashlib.sha256(raw).hexdigest()
    earlier = Overdracht.objects.filter(sha256=digest).select_related("dossier").first()
    if earlier is not None:
        raise HandoverAlreadyReceived(earlier.dossier)
    document = handover.read(raw, max_bytes=settings.HANDOVER_MAX_BYTES)
    dossier = Inburgeraar(team=team, gemeente_id=team.gemeente_id, status=DossierStatus.AANGEMELD)
    set_fields(dossier, handover.person_data(document), handover.CARRIED_PERSONAL_DATA)
    receipt = handover.Receipt(
        document=document, dossier=dossier, actor=actor, today=timezone.localdate()
    )
    reason = _("received in a handover from %(gemeente)s") % {"gemeente": receipt.vorige_gemeente}
    dossier._change_reason = reason[:100]
    _save_unique_bsn(dossier, actor=actor)
    overdracht = Overdracht(
        dossier=dossier,
        sha256=digest,
        vorige_gemeente=receipt.vorige_gemeente,
        exported_at=handover.exported_at(document),
        received_by=actor,
    )
    try:
        with transaction.atomic():
            overdracht.save()
    except IntegrityError as exc:  # the same file, received at this moment by someone else
        raise ServiceError(_("This handover file is being received by someone else.")) from exc
    handover.receive_parts(receipt)
    if receipt.problems:
        raise handover.HandoverRefused(receipt.problems)
    if receipt.status:
        _set_status(dossier, receipt.status, actor=actor, reason=reason)
    events.handover_received(actor=actor, overdracht=overdracht)
    dossier_dates_changed.send(sender=Inburgeraar, actor=actor, dossier_id=dossier.pk)
    return dossier


def _save_unique_bsn(dossier: Inburgeraar, *, actor) -> None:
    """Save, turning the BSN's unique key into a refusal (a savepoint keeps the caller's
    transaction usable)."""
    try:
        with transaction.atomic():
            save_as(dossier, actor=actor)
    except IntegrityError as exc:
        raise DuplicateBsnError(
            _("A dossier with this BSN already exists."), bsn=dossier.bsn
        ) from exc


@transaction.atomic
def update_personal_data(
    *, actor, dossier_id: int, expected_version: int, data: dict
) -> Inburgeraar:
    """Change the personal data; refused if someone else saved since the form was opened."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    check_version(dossier, expected_version)
    set_fields(dossier, data, PERSONAL_DATA_FIELDS)
    _save_unique_bsn(dossier, actor=actor)
    dossier_dates_changed.send(sender=Inburgeraar, actor=actor, dossier_id=dossier.pk)
    return dossier


@transaction.atomic
def save_contact_details(
    *, actor, dossier_id: int, expected_version: int, data: dict
) -> ContactDetails:
    """Record how to reach the person (``CONTACT_FIELDS``); refused if someone else saved
    since the form was opened (version 0: not recorded yet, the dossier's lock makes two
    first recordings wait for each other)."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    if dossier.is_closed:
        raise ServiceError(_("This dossier has been closed."))
    contact = ContactDetails.objects.select_for_update().filter(dossier=dossier).first()
    contact = contact or ContactDetails(dossier=dossier)
    check_version(contact, expected_version)
    set_fields(contact, data, CONTACT_FIELDS)
    if not contact.interpreter_needed:
        contact.interpreter_language = ""
    save_as(contact, actor=actor)
    return contact


class OutOfScopeError(ServiceError):
    """Some dossiers of a batch may not be changed by this user; nothing was changed."""

    def __init__(self, message: str, *, dossier_ids: list[int]):
        super().__init__(message)
        self.dossier_ids = dossier_ids


@transaction.atomic
def assign_regisseur(
    *, actor, dossier_ids: list[int], regisseur_id: int, reason: str = ""
) -> list[Inburgeraar]:
    """Give dossiers a regisseur, from the team's queue or from a colleague: all of them or
    none. Only a teamleider of each dossier's team; only a regisseur who works for the
    dossier's gemeente; taking a dossier from a colleague needs a reason. The apps move
    what belongs to the regisseur (``regisseur_assigned``). Returns the dossiers that moved."""
    dossiers = (
        permissions.dossiers_assignable_by(actor)
        .select_for_update(of=("self",))
        .select_related("regisseur")
    )
    moved, regisseur, reason = _checked_batch(actor, dossiers, dossier_ids, regisseur_id, reason)
    _set_regisseur(moved, regisseur, actor=actor, reason=reason)
    return moved


def _checked_batch(actor, scope, dossier_ids, regisseur_id, reason):
    """The batch's rules, asked before anything changes: every dossier in the actor's scope,
    a regisseur of their gemeente, a reason when one leaves a colleague. Returns the dossiers
    that would move, the regisseur and the reason."""
    ids = sorted(set(dossier_ids))
    if not ids:
        raise ServiceError(_("Choose at least one dossier."))
    dossiers = list(scope.filter(pk__in=ids).order_by("pk"))
    refused = sorted(set(ids) - {dossier.pk for dossier in dossiers})
    if refused:
        raise OutOfScopeError(
            _("Nothing was changed: these dossiers are not in a team you lead: %(ids)s.")
            % {"ids": ", ".join(map(str, refused))},
            dossier_ids=refused,
        )
    gemeenten = {dossier.gemeente_id for dossier in dossiers}
    regisseur = permissions.regisseurs_for(gemeenten).filter(pk=regisseur_id).first()
    if regisseur is None:
        raise ServiceError(_("Choose an active regisseur of the dossiers' municipality."))
    moved = [dossier for dossier in dossiers if dossier.regisseur_id != regisseur.pk]
    reason = reason.strip()
    if not reason and any(dossier.regisseur_id is not None for dossier in moved):
        raise ServiceError(_("Give the reason for taking these dossiers from their regisseur."))
    return moved, regisseur, reason


@transaction.atomic
def request_assignment_job(
    *, actor, dossier_ids: list[int], regisseur_id: int, reason: str = ""
) -> AssignmentJob:
    """A large batch: checked whole now (one foreign dossier refuses it all, as for a small
    one), then moved by a Celery task in parts while the page shows how far it is."""
    scope = permissions.dossiers_assignable_by(actor).select_related("regisseur")
    _moved, regisseur, reason = _checked_batch(actor, scope, dossier_ids, regisseur_id, reason)
    job = AssignmentJob.objects.create(
        actor=actor,
        regisseur=regisseur,
        reason=reason,
        dossier_ids=sorted(set(dossier_ids)),
    )
    transaction.on_commit(lambda: _enqueue_assignment_job(job.pk))
    return job


def _enqueue_assignment_job(job_id: int) -> None:
    from inburgering.tasks import run_assignment_job as task

    task.delay(job_id)


# Dossiers per transaction of an assignment job: a few hundred milliseconds each.
ASSIGNMENT_JOB_PART = 50


def run_assignment_job(*, job_id: int) -> AssignmentJob:
    """Move the job's dossiers part by part, each part one transaction of ``assign_regisseur``
    (with its checks, as the teamleider). Safe to run again: dossiers already with the new
    regisseur are skipped, so a retried or repeated task moves nothing twice."""
    with _job_lock(job_id) as mine:
        job = AssignmentJob.objects.select_related("actor").get(pk=job_id)
        if mine and not job.finished:
            _run_parts(job)
        return job


@contextlib.contextmanager
def _job_lock(job_id: int):
    """A session lock per job: a second delivery of the same task waits for nothing and does
    nothing while the first runs."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [_JOB_LOCK, job_id])
        mine = cursor.fetchone()[0]
    try:
        yield mine
    finally:
        if mine:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_JOB_LOCK, job_id])


_JOB_LOCK = 7_410_016


def _run_parts(job: AssignmentJob) -> None:
    _save_job(job, status=JobStatus.RUNNING)
    parts = [
        job.dossier_ids[start : start + ASSIGNMENT_JOB_PART]
        for start in range(job.done, job.total, ASSIGNMENT_JOB_PART)
    ]
    for part in parts:
        try:
            with transaction.atomic():
                moved = assign_regisseur(
                    actor=job.actor,
                    dossier_ids=part,
                    regisseur_id=job.regisseur_id,
                    reason=job.reason,
                )
                _save_job(job, moved=job.moved + len(moved), done=job.done + len(part))
        except ServiceError as exc:  # the team changed under the job: stop, say why
            _save_job(job, status=JobStatus.FAILED, message=str(exc)[:300], finished=True)
            return
    _save_job(job, status=JobStatus.DONE, finished=True)


def _save_job(job: AssignmentJob, *, finished: bool = False, **values) -> None:
    for field, value in values.items():
        setattr(job, field, value)
    if finished:
        job.finished_at = timezone.now()
    job.save(update_fields=[*values, *(["finished_at"] if finished else [])])


def _set_regisseur(
    dossiers: list[Inburgeraar], regisseur, *, actor, reason: str = "", cause: str = ""
) -> None:
    """Give the (locked) dossiers this regisseur or none: their history rows and audit events
    in a few statements, then the apps hear of it."""
    if not dossiers:
        return
    previous = {dossier.pk: dossier.regisseur for dossier in dossiers}
    now = timezone.now()
    for dossier in dossiers:
        dossier.regisseur = regisseur
        dossier.lock_version += 1
        dossier.updated_at = now
    save_all_as(
        dossiers,
        actor=actor,
        fields=["regisseur", "lock_version", "updated_at"],
        reason=reason or cause,
    )
    events.regisseurs_assigned(
        actor=actor, previous=previous, new=regisseur, reason=reason, cause=cause
    )
    regisseur_assigned.send(
        sender=Inburgeraar,
        actor=actor,
        regisseur=regisseur,
        previous={pk: getattr(old, "pk", None) for pk, old in previous.items()},
    )


@transaction.atomic
def release_dossiers(*, actor, regisseur_id: int, cause: str) -> list[Inburgeraar]:
    """The open dossiers of a regisseur go back to their teams' queues (the account was
    deactivated, say): no open dossier stays with someone who can no longer work on it."""
    dossiers = list(
        Inburgeraar.objects.select_for_update(of=("self",))
        .select_related("regisseur")
        .filter(regisseur_id=regisseur_id)
        .exclude(status__in=ENDED_STATUSES)
        .order_by("pk")
    )
    _set_regisseur(dossiers, None, actor=actor, cause=cause)
    return dossiers


@transaction.atomic
def arrange_waarneming(
    *, actor, regisseur_id: int, waarnemer_id: int, starts_on, ends_on, reason: str
) -> Waarneming:
    """A colleague stands in for an absent regisseur from ``starts_on`` to ``ends_on``
    inclusive: the teamleider of the regisseur's team arranges it, with a reason; the
    colleague is an active regisseur of the same gemeente."""
    regisseur = permissions.team_regisseurs(actor).filter(pk=regisseur_id).first()
    if regisseur is None:
        raise ServiceError(_("Choose a regisseur of a team you lead."))
    gemeenten = set(
        TeamMembership.objects.filter(user=regisseur, role=TeamRole.REGISSEUR).values_list(
            "team__gemeente_id", flat=True
        )
    )
    waarnemer = (
        permissions.regisseurs_for(gemeenten)
        .exclude(pk=regisseur.pk)
        .filter(pk=waarnemer_id)
        .first()
    )
    if waarnemer is None:
        raise ServiceError(_("Choose another active regisseur of the same municipality."))
    problems = waarneming_period_problems(
        starts_on=starts_on, ends_on=ends_on, today=timezone.localdate()
    )
    if problems:
        raise ServiceError(next(iter(problems.values())))
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Give the reason for the substitution."))
    overlapping = Waarneming.objects.filter(
        regisseur=regisseur,
        waarnemer=waarnemer,
        ended_at=None,
        starts_on__lte=ends_on,
        ends_on__gte=starts_on,
    )
    if overlapping.exists():
        raise ServiceError(_("This colleague already stands in for this regisseur then."))
    waarneming = Waarneming(
        regisseur=regisseur,
        waarnemer=waarnemer,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        arranged_by=actor,
    )
    save_as(waarneming, actor=actor, reason=reason)
    events.waarneming_arranged(actor=actor, waarneming=waarneming)
    return waarneming


@transaction.atomic
def end_waarneming(*, actor, waarneming_id: int, reason: str = "") -> Waarneming:
    """End a substitution before its last day (the regisseur is back early): the colleague
    loses access at their next request."""
    waarneming = (
        permissions.waarnemingen_managed_by(actor)
        .select_for_update(of=("self",))
        .select_related("regisseur", "waarnemer")
        .filter(pk=waarneming_id)
        .first()
    )
    if waarneming is None:
        raise ServiceError(_("This substitution is not one of your teams'."))
    if waarneming.ended_at is not None or waarneming.ends_on < timezone.localdate():
        raise ServiceError(_("This substitution has already ended."))
    waarneming.ended_at = timezone.now()
    waarneming.ended_by = actor
    save_as(waarneming, actor=actor, reason=reason)
    events.waarneming_ended(actor=actor, waarneming=waarneming, reason=reason.strip())
    return waarneming


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
    ended = end_shares_of_dossier(actor=actor, dossier=dossier, reason=reason)
    dossier.datum_einde_plicht = ended_on
    _set_status(dossier, status, actor=actor, reason=reason)
    return ended


def _set_status(dossier: Inburgeraar, status: str, *, actor, reason: str = "") -> None:
    """The one place a (locked) dossier's status changes: the life cycle decides whether the
    move is allowed, and the history row says who and why."""
    problem = lifecycle.transition_problem(dossier.status, status)
    if problem:
        raise ServiceError(problem)
    dossier.status = status
    dossier.lock_version += 1
    save_as(dossier, actor=actor, reason=reason)


@transaction.atomic
def advance_status(*, actor, dossier_id: int, status: str, reason: str = "") -> Inburgeraar:
    """Move a running dossier forward to ``status`` when its work there starts (the intake,
    the plan, execution); a dossier that is further already stays where it is, and a closed
    one is refused."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    if dossier.is_closed:
        raise ServiceError(_("This dossier has been closed."))
    if lifecycle.comes_later(dossier.status, status):
        _set_status(dossier, status, actor=actor, reason=reason)
    return dossier


def _led_dossier(actor, dossier_id: int, refusal: str) -> Inburgeraar:
    """The dossier, locked, when the actor leads its team; else ``refusal``."""
    dossier = (
        permissions.dossiers_assignable_by(actor)
        .select_for_update(of=("self",))
        .select_related("regisseur", "gemeente", "team")
        .filter(pk=dossier_id)
        .first()
    )
    if dossier is None:
        raise ServiceError(refusal)
    return dossier


def _required(reason: str, refusal: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ServiceError(refusal)
    return reason


@transaction.atomic
def reopen_dossier(*, actor, dossier_id: int, expected_version: int, reason: str) -> Inburgeraar:
    """A closed dossier (afgerond, verhuisd, uitgeschreven) comes back, before retention has
    destroyed it: to the phase it had when it was closed, in its team's queue, with its whole
    history. The end of the duty is cleared, so retention no longer counts from it; shares
    ended at closing stay ended."""
    dossier = _led_dossier(
        actor, dossier_id, _("Only the teamleider of the dossier's team can reopen it.")
    )
    check_version(dossier, expected_version)
    reason = _required(reason, _("Give the reason for reopening."))
    if not dossier.is_closed:
        raise ServiceError(_("This dossier is not closed."))
    history = dossier.history.order_by("-history_date", "-history_id").values_list(
        "status", flat=True
    )
    closed_status = dossier.status
    dossier.datum_einde_plicht = None
    _set_status(
        dossier, lifecycle.status_after_reopening(list(history)), actor=actor, reason=reason
    )
    events.dossier_reopened(
        actor=actor, dossier=dossier, closed_status=closed_status, reason=reason
    )
    if dossier.regisseur_id is not None:
        _set_regisseur([dossier], None, actor=actor, cause=events.REOPENED)
    else:
        dossier_dates_changed.send(sender=Inburgeraar, actor=actor, dossier_id=dossier.pk)
    return dossier


@transaction.atomic
def move_dossier(
    *, actor, dossier_id: int, expected_version: int, team_id: int, reason: str
) -> DossierMove:
    """The person moved to another gemeente of the region: the dossier goes to a team there,
    into its queue. The termijn start, route, plan versions, learning record and history stay
    (the law keeps the route on a move, domain.md §2); shares with organisations that do not
    serve the new gemeente end with the reason. The teamleider of the dossier's team moves it."""
    dossier = _led_dossier(
        actor, dossier_id, _("Only the teamleider of the dossier's team can move it.")
    )
    check_version(dossier, expected_version)
    reason = _required(reason, _("Give the reason for the move."))
    if dossier.is_closed:
        raise ServiceError(_("This dossier has been closed."))
    team = Team.objects.select_related("gemeente").filter(pk=team_id).first()
    if team is None or team.gemeente_id == dossier.gemeente_id:
        raise ServiceError(_("Choose a team of another municipality of the region."))
    move = DossierMove(
        dossier=dossier,
        from_gemeente=dossier.gemeente,
        to_gemeente=team.gemeente,
        from_team=dossier.team,
        to_team=team,
        reason=reason,
        moved_by=actor,
    )
    end_shares_outside(actor=actor, dossier=dossier, gemeente_id=team.gemeente_id, reason=reason)
    dossier.gemeente, dossier.team = team.gemeente, team
    save_as(dossier, actor=actor, reason=reason)
    move.save()
    events.dossier_moved(actor=actor, move=move)
    if dossier.regisseur_id is not None:
        _set_regisseur([dossier], None, actor=actor, cause=events.MOVED)
    else:
        dossier_dates_changed.send(sender=Inburgeraar, actor=actor, dossier_id=dossier.pk)
    return move
