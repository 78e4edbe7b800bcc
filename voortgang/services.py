"""Writes of voortgang: planning, recording and concluding talks, and raising and following up
signals. One transaction each; every change refreshes the dossier's reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import permissions, plausibility
from inburgering.choices import DossierStatus
from inburgering.dossier.services import advance_status
from inburgering.law import rules_of
from inburgering.models import Inburgeraar
from inburgering.services import (
    ConcurrentEditError,
    ServiceError,
    check_version,
    delete_as,
    save_all_as,
    save_as,
    save_rows,
    set_fields,
)
from pip_plans import services as pip_services
from pip_plans.models import Afspraak, PipVersie
from voortgang import learning, reminders, rules, selectors
from voortgang.models import (
    EXAMENRESULTAAT_FIELDS,
    OPEN_SIGNAAL_STATUSES,
    TRAJECT_FIELDS,
    VERSLAG_FIELDS,
    AfspraakVoortgang,
    Conclusie,
    Examenresultaat,
    GesprekStatus,
    Herinnering,
    Signaal,
    SignaalStatus,
    Traject,
    Voortgangsgesprek,
    Voortgangsnotitie,
)


def _locked_gesprek(gesprek_id: int, expected_version: int) -> Voortgangsgesprek:
    gesprek = Voortgangsgesprek.objects.select_for_update().get(pk=gesprek_id)
    if gesprek.status == GesprekStatus.AFGEROND:
        raise ServiceError(_("A concluded talk is not changed any more."))
    check_version(gesprek, expected_version)
    return gesprek


@transaction.atomic
def plan_gesprek(*, actor, dossier: Inburgeraar, planned_on) -> Voortgangsgesprek:
    """Plan the next talk about the plan in force; one planned talk per dossier at a time."""
    versie = selectors.versie_in_force(dossier)
    if versie is None:
        raise ServiceError(_("Progress talks start once the plan is fixed."))
    if Voortgangsgesprek.objects.filter(dossier=dossier, status=GesprekStatus.GEPLAND).exists():
        raise ServiceError(_("A talk is already planned; change its date instead."))
    gesprek = Voortgangsgesprek(
        dossier=dossier, versie=versie, planned_on=planned_on, created_by=actor
    )
    try:
        with transaction.atomic():
            save_as(gesprek, actor=actor)
    except IntegrityError as exc:
        raise ConcurrentEditError(_("Someone else planned a talk at the same time.")) from exc
    reminders.sync(actor=actor, dossier_id=dossier.pk)
    return gesprek


def _ensure_next_talk(*, actor, dossier: Inburgeraar, versie: PipVersie) -> None:
    """Plan the next talk at the plan's frequency, unless someone already planned one."""
    if Voortgangsgesprek.objects.filter(dossier=dossier, status=GesprekStatus.GEPLAND).exists():
        return
    planned_on = rules.next_talk_date(
        last_held=selectors.last_held_on(dossier),
        plan_date=versie.dagtekening,
        weeks=versie.voortgang_frequentie_weken,
        today=timezone.localdate(),
    )
    plan_gesprek(actor=actor, dossier=dossier, planned_on=planned_on)


def plan_after_fixing(sender, *, actor, versie: PipVersie, **kwargs) -> None:
    """When a plan version is fixed, make sure a first or next talk is planned."""
    _ensure_next_talk(actor=actor, dossier=versie.pip.dossier, versie=versie)


def follow_new_regisseur(sender, *, actor, regisseur, previous: dict, **kwargs) -> None:
    """Dossiers got another regisseur: the open signals the old one owned go with them (to
    the team's teamleider when they went back to the queue), and the reminders are made again
    for whoever carries the dossier now (the team leads, for a dossier in the queue)."""
    owned = Signaal.objects.select_for_update(of=("self",)).filter(
        dossier_id__in=list(previous), status__in=OPEN_SIGNAAL_STATUSES, owner_id__isnull=False
    )
    leads = {} if regisseur is not None else selectors.team_leads_of(list(previous))
    moved = []
    for signaal in owned:
        if signaal.owner_id != previous[signaal.dossier_id]:
            continue
        new_owner_id = regisseur.pk if regisseur is not None else leads.get(signaal.dossier_id)
        if new_owner_id is None:  # a team without a teamleider: the signal stays visible
            continue
        signaal.owner_id = new_owner_id
        signaal.lock_version += 1
        moved.append(signaal)
    save_all_as(
        moved, actor=actor, fields=["owner", "lock_version"], reason=_("moved with the dossier")
    )
    reminders.sync(actor=actor, dossier_ids=sorted(previous))


def follow_dates(sender, *, actor, dossier_id: int, **kwargs) -> None:
    """Dates a reminder follows changed (bijstand, DUO's decisions): the reminders of the
    dossier are made again at once, not at night."""
    reminders.sync(actor=actor, dossier_id=dossier_id)


@transaction.atomic
def reschedule_gesprek(
    *, actor, gesprek_id: int, expected_version: int, planned_on
) -> Voortgangsgesprek:
    gesprek = _locked_gesprek(gesprek_id, expected_version)
    if gesprek.status != GesprekStatus.GEPLAND:
        raise ServiceError(_("Only a talk that has not been held yet can be moved."))
    gesprek.planned_on = planned_on
    save_as(gesprek, actor=actor)
    reminders.sync(actor=actor, dossier_id=gesprek.dossier_id)
    return gesprek


@transaction.atomic
def cancel_gesprek(*, actor, gesprek_id: int, expected_version: int) -> None:
    gesprek = _locked_gesprek(gesprek_id, expected_version)
    if gesprek.status != GesprekStatus.GEPLAND:
        raise ServiceError(_("Only a talk that has not been held yet can be cancelled."))
    dossier_id = gesprek.dossier_id
    delete_as(gesprek, actor=actor)
    reminders.sync(actor=actor, dossier_id=dossier_id)


@transaction.atomic
def save_verslag(
    *,
    actor,
    gesprek_id: int,
    expected_version: int,
    data: dict,
    partners: list = (),
    notities: dict[str, str] | None = None,
    afspraken: list[dict] = (),
    examens: list[dict] = (),
) -> Voortgangsgesprek:
    """Record what was said: participants, figures, a note per leefgebied, the afspraken's
    progress (which also becomes each afspraak's current status) and exam results.

    ``data`` holds the talk's own fields (``VERSLAG_FIELDS``); ``partners`` the chain partner
    organisations present; ``notities`` a text per leefgebied (an empty text removes that
    note; a leefgebied not named is left as it is); ``afspraken`` rows of ``afspraak_id``,
    ``status`` and ``comment`` for afspraken of the plan version the talk is about;
    ``examens`` rows as ``save_rows`` takes them.
    """
    gesprek = _locked_gesprek(gesprek_id, expected_version)
    discussed_versie_id = gesprek.versie_id
    notities = {leefgebied: text.strip() for leefgebied, text in (notities or {}).items()}
    visible = permissions.visible_leefgebieden(actor, gesprek.dossier)
    if not set(notities) <= visible:
        raise ServiceError(_("You cannot write in this life domain of this dossier."))
    set_fields(gesprek, data, VERSLAG_FIELDS)
    gesprek.versie = selectors.versie_in_force(gesprek.dossier) or gesprek.versie
    gesprek.status = GesprekStatus.GEHOUDEN
    save_as(gesprek, actor=actor)
    gesprek.partners.set(partners)
    _save_notities(gesprek, notities, actor=actor)
    _save_afspraak_voortgang(
        gesprek, afspraken, versie_id=discussed_versie_id, visible=visible, actor=actor
    )
    save_rows(
        Examenresultaat.objects.filter(gesprek=gesprek),
        examens,
        fields=EXAMENRESULTAAT_FIELDS,
        new=lambda: Examenresultaat(gesprek=gesprek, dossier_id=gesprek.dossier_id),
        actor=actor,
    )
    reminders.sync(actor=actor, dossier_id=gesprek.dossier_id)
    return gesprek


def _save_notities(gesprek: Voortgangsgesprek, texts: dict[str, str], *, actor) -> None:
    existing = {notitie.leefgebied: notitie for notitie in gesprek.notities.all()}
    for leefgebied, text in texts.items():
        notitie = existing.get(leefgebied)
        if not text:
            if notitie is not None:
                delete_as(notitie, actor=actor)
            continue
        notitie = notitie or Voortgangsnotitie(
            dossier_id=gesprek.dossier_id, gesprek=gesprek, leefgebied=leefgebied, author=actor
        )
        if notitie.pk is None or notitie.text != text:
            notitie.text = text
            save_as(notitie, actor=actor)


def _save_afspraak_voortgang(
    gesprek, progress: list[dict], *, versie_id: int, visible, actor
) -> None:
    """Each afspraak's progress in this talk; only afspraken of the plan version discussed, in
    a leefgebied the actor sees."""
    wanted = {row["afspraak_id"] for row in progress}
    afspraken = {
        afspraak.pk: afspraak
        for afspraak in Afspraak.objects.select_for_update(of=("self",))
        .select_related("sectie")
        .filter(pk__in=wanted, sectie__versie_id=versie_id)
    }
    if set(afspraken) != wanted or any(
        afspraak.sectie.leefgebied not in visible for afspraak in afspraken.values()
    ):
        raise ServiceError(_("You cannot change this agreement."))
    existing = {row.afspraak_id: row for row in gesprek.afspraak_voortgang.all()}
    for item in progress:
        afspraak = afspraken[item["afspraak_id"]]
        status, comment = item["status"], item.get("comment", "").strip()
        row = existing.get(afspraak.pk) or AfspraakVoortgang(gesprek=gesprek, afspraak=afspraak)
        if row.pk is None or (row.status, row.comment) != (status, comment):
            row.status, row.comment = status, comment
            save_as(row, actor=actor)
        if afspraak.status != status:
            afspraak.status = status
            save_as(afspraak, actor=actor)


@transaction.atomic
def conclude_gesprek(
    *, actor, gesprek_id: int, expected_version: int, data: dict
) -> Voortgangsgesprek:
    """Close the talk with its conclusion and plan the next one.

    Adjusting the plan opens a new concept version with the reason (through the plan's own
    service, which checks the law's rules for the change); enforcement records the measure.
    """
    gesprek = _locked_gesprek(gesprek_id, expected_version)
    if gesprek.status != GesprekStatus.GEHOUDEN:
        raise ServiceError(_("Record the talk before concluding it."))
    conclusie = data["conclusie"]
    gesprek.conclusie = conclusie
    gesprek.conclusie_toelichting = data.get("toelichting", "")
    if conclusie == Conclusie.PLAN_BIJSTELLEN:
        gesprek.nieuwe_versie = pip_services.start_wijziging(
            actor=actor,
            pip_id=gesprek.versie.pip_id,
            reden=data["reden"],
            toelichting=gesprek.conclusie_toelichting,
            new_route=data.get("new_route", ""),
            lesuren=gesprek.lesuren_gevolgd,
        )
    elif conclusie == Conclusie.HANDHAVEN:
        decision = rules.check_maatregel(
            maatregel=data["maatregel"],
            boete_eur=data.get("boete_eur"),
            max_eur=settings.PIP_BOETE_MAX_EUR,
        )
        if not decision:
            raise ServiceError(decision.reason)
        gesprek.maatregel = data["maatregel"]
        gesprek.maatregel_on = data["maatregel_on"]
        gesprek.boete_eur = data.get("boete_eur")
    gesprek.status = GesprekStatus.AFGEROND
    gesprek.concluded_by = actor
    gesprek.concluded_at = timezone.now()
    save_as(gesprek, actor=actor)
    _ensure_next_talk(actor=actor, dossier=gesprek.dossier, versie=gesprek.versie)
    return gesprek


def _check_owner(dossier: Inburgeraar, leefgebied: str, owner, organisatie) -> None:
    if (owner is None) == (organisatie is None):
        raise ServiceError(_("Choose one owner: a colleague or a chain partner."))
    if organisatie is not None:
        decision = rules.organisation_may_own(leefgebied, organisatie.domeinen)
        if not decision:
            raise ServiceError(decision.reason)
    elif not selectors.owner_candidates(dossier).filter(pk=owner.pk).exists():
        raise ServiceError(_("The owner must be a colleague in this municipality."))
    elif not permissions.may_own_signaal(owner, dossier, leefgebied):
        raise ServiceError(
            _("A health concern stays with those who work on this dossier; choose one of them.")
        )


def _check_follow_up(dossier: Inburgeraar, follow_up_on) -> None:
    problem = plausibility.follow_up_problem(
        follow_up_on,
        dossier_since=dossier.first_contact_on,
        today=timezone.localdate(),
    )
    if problem:
        raise ServiceError(problem)


def _apply_status(signaal: Signaal, status: str, resolution: str) -> None:
    decision = rules.check_signaal_status(status=status, resolution=resolution)
    if not decision:
        raise ServiceError(decision.reason)
    if status == SignaalStatus.AFGEHANDELD and signaal.resolved_on is None:
        signaal.resolved_on = timezone.localdate()
    elif status != SignaalStatus.AFGEHANDELD:
        signaal.resolved_on = None
    signaal.status = status
    signaal.resolution = resolution


@transaction.atomic
def raise_signaal(*, actor, dossier: Inburgeraar, data: dict, gesprek=None) -> Signaal:
    """Record a concern with its owner; it appears in the owner's worklist at once."""
    _check_note_rights(actor, dossier, data["leefgebied"])
    _check_owner(dossier, data["leefgebied"], data.get("owner"), data.get("owner_organisatie"))
    _check_follow_up(dossier, data["follow_up_on"])
    signaal = Signaal(dossier=dossier, gesprek=gesprek, raised_by=actor)
    _set_fields(signaal, data)
    _apply_status(signaal, data.get("status", SignaalStatus.OPEN), data.get("resolution", ""))
    save_as(signaal, actor=actor)
    reminders.sync(actor=actor, dossier_id=dossier.pk)
    return signaal


SIGNAAL_FIELDS = ["leefgebied", "subject", "description", "ernst", "follow_up_on"]


def _set_fields(signaal: Signaal, data: dict) -> None:
    for name in SIGNAAL_FIELDS:
        setattr(signaal, name, data[name])
    signaal.owner = data.get("owner")
    signaal.owner_organisatie = data.get("owner_organisatie")


@transaction.atomic
def update_signaal(*, actor, signaal_id: int, expected_version: int, data: dict) -> Signaal:
    """Change a signal, its owner included (caseload only)."""
    signaal = Signaal.objects.select_for_update().get(pk=signaal_id)
    check_version(signaal, expected_version)
    _check_owner(
        signaal.dossier, data["leefgebied"], data.get("owner"), data.get("owner_organisatie")
    )
    _check_follow_up(signaal.dossier, data["follow_up_on"])
    _set_fields(signaal, data)
    _apply_status(signaal, data["status"], data.get("resolution", ""))
    save_as(signaal, actor=actor)
    reminders.sync(actor=actor, dossier_id=signaal.dossier_id)
    return signaal


@transaction.atomic
def follow_up_signaal(
    *, actor, signaal_id: int, expected_version: int, status: str, follow_up_on, resolution: str
) -> Signaal:
    """What the owner does with a signal: a status, a new follow-up date, how it was resolved."""
    signaal = Signaal.objects.select_for_update().get(pk=signaal_id)
    check_version(signaal, expected_version)
    _check_follow_up(signaal.dossier, follow_up_on)
    signaal.follow_up_on = follow_up_on
    _apply_status(signaal, status, resolution)
    save_as(signaal, actor=actor)
    reminders.sync(actor=actor, dossier_id=signaal.dossier_id)
    return signaal


@transaction.atomic
def dismiss_herinnering(*, actor, herinnering_id: int) -> None:
    """The user has seen to it; the row stays, so the same cause never reminds again."""
    herinnering = Herinnering.objects.select_for_update().get(pk=herinnering_id)
    if herinnering.dismissed_at is None:
        herinnering.dismissed_at = timezone.now()
        save_as(herinnering, actor=actor)


def _check_note_rights(actor, dossier: Inburgeraar, leefgebied: str) -> None:
    if leefgebied not in permissions.lens_for(actor, dossier).note_leefgebieden:
        raise ServiceError(_("You cannot write in this life domain of this dossier."))


@transaction.atomic
def add_voortgangsnotitie(
    *, actor, dossier: Inburgeraar, leefgebied: str, text: str
) -> Voortgangsnotitie:
    """A progress note outside a talk: a partner's news in its own domain, or the regisseur's.

    A partner's note is at once in the worklist of the dossier's regisseur (else its team
    leads), so news from a chain partner does not wait for the next talk."""
    _check_note_rights(actor, dossier, leefgebied)
    note = Voortgangsnotitie(
        dossier=dossier,
        leefgebied=leefgebied,
        text=text,
        author=actor,
        organisatie_id=permissions.partner_organisatie_id(actor),
    )
    save_as(note, actor=actor)
    reminders.sync(actor=actor, dossier_id=dossier.pk)
    return note


# --- The learning record ------------------------------------------------------------------


@transaction.atomic
def record_examenresultaat(
    *, actor, dossier_id: int, onderdeel: str, niveau: str, taken_on, uitslag: str
) -> Examenresultaat:
    """An exam result that arrived between talks, entered directly: one learning record with
    the results reported in talks."""
    dossier = Inburgeraar.objects.get(pk=dossier_id)
    if dossier.is_closed:
        raise ServiceError(_("This dossier has been closed."))
    problem = plausibility.past_date_problem(taken_on, today=timezone.localdate())
    if problem:
        raise ServiceError(problem)
    resultaat = Examenresultaat(
        dossier=dossier, onderdeel=onderdeel, niveau=niveau, taken_on=taken_on, uitslag=uitslag
    )
    save_as(resultaat, actor=actor)
    return resultaat


@transaction.atomic
def save_traject(
    *, actor, dossier_id: int, soort: str, expected_version: int, data: dict
) -> Traject:
    """Record where MAP, PVT or maatschappelijke begeleiding stands, without a new beschikking.
    ``expected_version`` is 0 for a component not recorded before (the dossier's lock makes
    two first recordings wait for each other, and the second then sees version 1). Under a
    regime without a PIP the first component recorded moves the dossier into execution."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    if dossier.is_closed:
        raise ServiceError(_("This dossier has been closed."))
    traject = Traject.objects.select_for_update().filter(dossier=dossier, soort=soort).first()
    traject = traject or Traject(dossier=dossier, soort=soort)  # version 0: not recorded yet
    check_version(traject, expected_version)
    set_fields(traject, data, TRAJECT_FIELDS)
    problems = learning.traject_problems(
        soort=soort,
        status=traject.status,
        started_on=traject.started_on,
        finished_on=traject.finished_on,
        reden_niet_afgerond=traject.reden_niet_afgerond,
        verwijtbaar=traject.verwijtbaar,
        today=timezone.localdate(),
        allowed=selectors.trajecten_for(dossier),
        map_hours=selectors.recorded_map_hours(dossier.pk),
        min_map_hours=settings.MAP_MIN_PRAKTIJKUREN,
    )
    if problems:
        raise ServiceError(next(iter(problems.values())))
    traject.updated_by = actor
    save_as(traject, actor=actor)
    if not rules_of(dossier.regime).pip:
        advance_status(
            actor=actor,
            dossier_id=dossier.pk,
            status=DossierStatus.UITVOERING,
            reason=_("the municipality's work has started"),
        )
    return traject
