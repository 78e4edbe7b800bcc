"""Writes of the brede intake: one transaction each, the acting user in the history."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import plausibility
from inburgering.bijeenkomsten import services as bijeenkomst_services
from inburgering.choices import DossierStatus, Leefgebied
from inburgering.dossier.services import advance_status
from inburgering.models import Bijeenkomst, Inburgeraar
from inburgering.services import (
    ConcurrentEditError,
    ServiceError,
    check_version,
    save_as,
    save_rows,
    set_fields,
)
from intake import selectors
from intake.enforcement import escalation_for_no_show
from intake.models import (
    COMPLETION_FIELDS,
    INTAKEGESPREK_FIELDS,
    KIND_FIELDS,
    KLANTPROFIEL_FIELDS,
    LEEFGEBIED_FIELDS,
    LEERBAARHEIDSTOETS_FIELDS,
    NARRATIVE_FIELDS,
    OPLEIDING_FIELDS,
    WERKERVARING_FIELDS,
    Bevinding,
    BredeIntake,
    Intakegesprek,
    IntakeStatus,
    Kind,
    Klantprofiel,
    Leerbaarheidstoets,
    Opkomst,
    Opleiding,
    Uitnodiging,
    Werkervaring,
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
        advance_status(
            actor=actor,
            dossier_id=dossier.pk,
            status=DossierStatus.INTAKE,
            reason=_("the intake started"),
        )
    return intake


# The lists a leefgebied's finding carries, by keyword: the model and the fields of a row.
LEEFGEBIED_LISTS = {
    Leefgebied.WERK: {
        "opleidingen": (Opleiding, OPLEIDING_FIELDS),
        "werkervaringen": (Werkervaring, WERKERVARING_FIELDS),
    },
    Leefgebied.JEUGD: {"kinderen": (Kind, KIND_FIELDS)},
}


@transaction.atomic
def save_bevinding(
    *,
    actor,
    intake_id: int,
    leefgebied: Leefgebied,
    expected_version: int,
    data: dict,
    opleidingen: list[dict] | None = None,
    werkervaringen: list[dict] | None = None,
    kinderen: list[dict] | None = None,
) -> Bevinding:
    """Save one leefgebied's finding and its lists (education, work, children) together.

    ``data`` holds the finding's fields for this leefgebied; each list holds rows as
    ``save_rows`` takes them (``id`` of an existing row, ``delete``, the row's fields).
    """
    leefgebied = Leefgebied(leefgebied)
    _locked_intake(intake_id)
    lists = {"opleidingen": opleidingen, "werkervaringen": werkervaringen, "kinderen": kinderen}
    carried = LEEFGEBIED_LISTS.get(leefgebied, {})
    if any(rows and name not in carried for name, rows in lists.items()):
        raise ValueError(f"{leefgebied} carries only {sorted(carried)}")
    gesprek = data.get("gesprek")
    if gesprek is not None and gesprek.intake_id != intake_id:
        raise ServiceError(_("Choose a conversation of this intake."))
    bevinding = (
        Bevinding.objects.select_for_update()
        .filter(intake_id=intake_id, leefgebied=leefgebied)
        .first()
    )
    if bevinding is None:
        bevinding = Bevinding(intake_id=intake_id, leefgebied=leefgebied)
    else:
        check_version(bevinding, expected_version)
    set_fields(bevinding, data, ["gesprek", *NARRATIVE_FIELDS, *LEEFGEBIED_FIELDS[leefgebied]])
    try:
        with transaction.atomic():
            save_as(bevinding, actor=actor)
    except IntegrityError as exc:  # a colleague recorded this leefgebied at the same moment
        raise ConcurrentEditError(
            _("Someone else recorded this life domain at the same time; open it again.")
        ) from exc
    for name, (model, fields) in carried.items():
        if lists[name] is None:  # a list not passed is left as it is
            continue
        save_rows(
            model.objects.filter(intake_id=intake_id),
            lists[name],
            fields=fields,
            new=lambda model=model: model(intake_id=intake_id),
            actor=actor,
        )
    return bevinding


@transaction.atomic
def save_intakegesprek(
    *, actor, intake_id: int, gesprek_id: int | None = None, data: dict
) -> Intakegesprek:
    """Record a conversation of an intake that is still open, or change one."""
    _locked_intake(intake_id)
    if gesprek_id is None:
        gesprek = Intakegesprek(intake_id=intake_id)
    else:
        gesprek = Intakegesprek.objects.select_for_update().get(pk=gesprek_id, intake_id=intake_id)
    set_fields(gesprek, data, INTAKEGESPREK_FIELDS)
    save_as(gesprek, actor=actor)
    return gesprek


@transaction.atomic
def record_uitnodiging(*, actor, intake_id: int, sent_on, appointment_on) -> Uitnodiging:
    """Record an invitation to a conversation of an intake that is still open."""
    _locked_intake(intake_id)
    if sent_on and appointment_on and appointment_on < sent_on:
        raise ServiceError(_("The appointment cannot be before the invitation was sent."))
    invitation = Uitnodiging(intake_id=intake_id, sent_on=sent_on, appointment_on=appointment_on)
    save_as(invitation, actor=actor)
    return invitation


@transaction.atomic
def save_klantprofiel(*, actor, dossier_id: int, expected_version: int, data: dict) -> Klantprofiel:
    """Record what the COA handed over at koppeling; ``expected_version`` is 0 for the first
    recording (the dossier's lock makes two first recordings wait for each other)."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    if dossier.is_closed:
        raise ServiceError(_("This dossier has been closed."))
    profiel = Klantprofiel.objects.select_for_update().filter(dossier=dossier).first()
    profiel = profiel or Klantprofiel(dossier=dossier)
    check_version(profiel, expected_version)
    set_fields(profiel, data, KLANTPROFIEL_FIELDS)
    problem = plausibility.past_date_problem(profiel.received_on, today=timezone.localdate())
    if problem:
        raise ServiceError(problem)
    profiel.updated_by = actor
    save_as(profiel, actor=actor)
    return profiel


@transaction.atomic
def save_leerbaarheidstoets(
    *, actor, intake_id: int, expected_version: int, data: dict
) -> Leerbaarheidstoets:
    """The test's outcome, or the exemption (which clears the outcome)."""
    _locked_intake(intake_id)
    test = Leerbaarheidstoets.objects.select_for_update().filter(intake_id=intake_id).first()
    if test is None:
        test = Leerbaarheidstoets(intake_id=intake_id)
    else:
        check_version(test, expected_version)
    set_fields(test, data, LEERBAARHEIDSTOETS_FIELDS)
    if test.vrijstelling:
        test.taken_on, test.indicated_route, test.indicated_level = None, "", ""
    else:
        test.vrijstelling_reason = ""
    save_as(test, actor=actor)
    return test


@transaction.atomic
def record_opkomst(*, actor, uitnodiging_id: int, opkomst: Opkomst, today=None) -> Uitnodiging:
    """Record attendance; a no-show gets the next step of the escalation (warning, fine).
    An invitation to an appointment planned in the app is answered on the appointment, which
    this invitation then follows (``follow_bijeenkomst``)."""
    invitation = Uitnodiging.objects.select_for_update().get(pk=uitnodiging_id)
    _locked_intake(invitation.intake_id)
    if invitation.opkomst != Opkomst.OPEN:
        raise ServiceError(_("The attendance of this invitation has already been recorded."))
    if invitation.bijeenkomst_id is not None:
        bijeenkomst_services.record_attendance(
            actor=actor,
            dossier_id=invitation.bijeenkomst.dossier_id,
            bijeenkomst_id=invitation.bijeenkomst_id,
            opkomst=opkomst,
        )
        invitation.refresh_from_db()
        return invitation
    _apply_opkomst(invitation, opkomst, today=today or timezone.localdate())
    save_as(invitation, actor=actor)
    return invitation


def _apply_opkomst(invitation: Uitnodiging, opkomst: str, *, today) -> None:
    invitation.opkomst = opkomst
    if opkomst == Opkomst.NIET_VERSCHENEN:
        earlier = Uitnodiging.objects.filter(
            intake_id=invitation.intake_id, opkomst=Opkomst.NIET_VERSCHENEN
        ).count()
        escalation = escalation_for_no_show(earlier + 1, fine_eur=settings.INTAKE_NO_SHOW_FINE_EUR)
        invitation.gevolg = escalation.gevolg
        invitation.fine_eur = escalation.fine_eur or None
        invitation.gevolg_on = today


def follow_bijeenkomst(*, actor, bijeenkomst: Bijeenkomst) -> None:
    """Keep an intake appointment's invitation in step: made when it is planned (sent
    today), moved with it, and its attendance taken over once recorded, where a no-show
    escalates as on the intake's own page. Refused while no intake is open."""
    invitation = Uitnodiging.objects.select_for_update().filter(bijeenkomst=bijeenkomst).first()
    if invitation is None:
        intake = BredeIntake.objects.filter(dossier_id=bijeenkomst.dossier_id).first()
        if intake is None:
            raise ServiceError(_("Start the broad intake before planning an intake conversation."))
        today = timezone.localdate()
        invitation = Uitnodiging(
            intake=intake, bijeenkomst=bijeenkomst, sent_on=min(today, bijeenkomst.date)
        )
    _locked_intake(invitation.intake_id)
    invitation.appointment_on = bijeenkomst.date
    if invitation.opkomst == Opkomst.OPEN and not bijeenkomst.is_open:
        _apply_opkomst(invitation, bijeenkomst.opkomst, today=timezone.localdate())
    save_as(invitation, actor=actor)


@transaction.atomic
def complete_intake(
    *, actor, intake_id: int, expected_version: int, data: dict, today=None
) -> BredeIntake:
    """Close the intake with a route advice; the three legal parts must be on file (checked
    here, under the intake's lock, so no caller can skip it)."""
    intake = _locked_intake(intake_id)
    missing = selectors.missing_parts_of(intake)
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
    set_fields(intake, data, COMPLETION_FIELDS)
    intake.status = IntakeStatus.AFGEROND
    intake.completed_on = today or timezone.localdate()
    intake.completed_by = actor
    save_as(intake, actor=actor)
    advance_status(
        actor=actor,
        dossier_id=intake.dossier_id,
        status=DossierStatus.PLAN,
        reason=_("the intake was completed"),
    )
    return intake
