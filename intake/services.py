"""Writes of the brede intake: one transaction each, the acting user in the history."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.choices import DossierStatus, Leefgebied
from inburgering.models import Inburgeraar
from inburgering.services import (
    ConcurrentEditError,
    ServiceError,
    check_version,
    delete_as,
    save_as,
)
from intake.enforcement import escalation_for_no_show
from intake.models import (
    BredeIntake,
    IntakeStatus,
    Leerbaarheidstoets,
    Opkomst,
    Uitnodiging,
)
from intake.rules import advice_deviates


def _locked_intake(intake_id: int) -> BredeIntake:
    intake = BredeIntake.objects.select_for_update().get(pk=intake_id)
    if intake.status == IntakeStatus.AFGEROND:
        raise ServiceError(_("This intake has been completed and can no longer be changed."))
    return intake


@transaction.atomic
def start_intake(*, actor, dossier: Inburgeraar) -> BredeIntake:
    """Open the intake (once); a registered dossier moves to the intake phase."""
    intake, created = BredeIntake.objects.get_or_create(
        dossier=dossier, defaults={"status": IntakeStatus.LOPEND}
    )
    if created:
        save_as(intake, actor=actor)
        if dossier.status == DossierStatus.AANGEMELD:
            dossier = Inburgeraar.objects.select_for_update().get(pk=dossier.pk)
            dossier.status = DossierStatus.INTAKE
            dossier.lock_version += 1
            save_as(dossier, actor=actor)
    return intake


def _save_formsets(formsets, *, actor) -> None:
    for formset in formsets:
        for instance in formset.save(commit=False):
            save_as(instance, actor=actor)
        for instance in formset.deleted_objects:
            delete_as(instance, actor=actor)


@transaction.atomic
def save_bevinding(*, actor, intake_id: int, leefgebied: Leefgebied, form, formsets=()):
    """Save one leefgebied's finding and its lists (education, work, children) together."""
    _locked_intake(intake_id)
    bevinding = form.instance
    _keep_version(bevinding, form)
    bevinding.intake_id = intake_id
    bevinding.leefgebied = leefgebied
    try:
        with transaction.atomic():
            save_as(bevinding, actor=actor)
    except IntegrityError as exc:  # a colleague recorded this leefgebied at the same moment
        raise ConcurrentEditError(
            _("Someone else recorded this life domain at the same time; open it again.")
        ) from exc
    _save_formsets(formsets, actor=actor)
    return bevinding


def _keep_version(instance, form) -> None:
    """Refuse a stale form for an existing row, and carry the raised version to the save."""
    if instance.pk:
        current = type(instance).objects.select_for_update().get(pk=instance.pk)
        check_version(current, form.cleaned_data.get("lock_version") or 0)
        instance.lock_version = current.lock_version


@transaction.atomic
def save_intake_record(*, actor, intake_id: int, form):
    """Save a conversation or an invitation of an intake that is still open."""
    _locked_intake(intake_id)
    record = form.save(commit=False)
    record.intake_id = intake_id
    save_as(record, actor=actor)
    return record


@transaction.atomic
def save_leerbaarheidstoets(*, actor, intake_id: int, form) -> Leerbaarheidstoets:
    _locked_intake(intake_id)
    test = form.instance
    _keep_version(test, form)
    test.intake_id = intake_id
    if test.vrijstelling:
        test.taken_on, test.indicated_route, test.indicated_level = None, "", ""
    else:
        test.vrijstelling_reason = ""
    save_as(test, actor=actor)
    return test


@transaction.atomic
def record_opkomst(*, actor, uitnodiging_id: int, opkomst: Opkomst, today=None) -> Uitnodiging:
    """Record attendance; a no-show gets the next step of the escalation (warning, fine)."""
    invitation = Uitnodiging.objects.select_for_update().get(pk=uitnodiging_id)
    _locked_intake(invitation.intake_id)
    if invitation.opkomst != Opkomst.OPEN:
        raise ServiceError(_("The attendance of this invitation has already been recorded."))
    invitation.opkomst = opkomst
    if opkomst == Opkomst.NIET_VERSCHENEN:
        earlier = Uitnodiging.objects.filter(
            intake_id=invitation.intake_id, opkomst=Opkomst.NIET_VERSCHENEN
        ).count()
        escalation = escalation_for_no_show(earlier + 1, fine_eur=settings.INTAKE_NO_SHOW_FINE_EUR)
        invitation.gevolg = escalation.gevolg
        invitation.fine_eur = escalation.fine_eur or None
        invitation.gevolg_on = today or timezone.localdate()
    save_as(invitation, actor=actor)
    return invitation


@transaction.atomic
def complete_intake(
    *, actor, intake_id: int, expected_version: int, data: dict, missing: list[str], today=None
) -> BredeIntake:
    """Close the intake with a route advice; the three legal parts must be on file."""
    intake = _locked_intake(intake_id)
    if missing:
        raise ServiceError(
            _("The intake cannot be completed yet. Missing: %(parts)s.")
            % {"parts": "; ".join(missing)}
        )
    check_version(intake, expected_version)
    test = Leerbaarheidstoets.objects.filter(intake_id=intake_id).first()
    indicated = test.indicated_route if test else ""
    if advice_deviates(indicated, data["advised_leerroute"]) and not data.get(
        "deviation_motivation"
    ):
        raise ServiceError(_("The advice departs from the learnability test: explain why."))
    for field, value in data.items():
        setattr(intake, field, value)
    intake.status = IntakeStatus.AFGEROND
    intake.completed_on = today or timezone.localdate()
    intake.completed_by = actor
    save_as(intake, actor=actor)
    dossier = Inburgeraar.objects.select_for_update().get(pk=intake.dossier_id)
    if dossier.status in (DossierStatus.AANGEMELD, DossierStatus.INTAKE):
        dossier.status = DossierStatus.PLAN
        dossier.lock_version += 1
        save_as(dossier, actor=actor)
    return intake
