"""Writes of the PIP: creating it from the intake, editing a concept, fixing it, changing it.

Every state change goes through here and checks the law's rules (pip_plans.rules).
"""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import permissions, plausibility, rendered_files
from inburgering.choices import (
    DossierStatus,
    DuoBesluitSoort,
    Leefgebied,
    RenderStatus,
)
from inburgering.dossier.services import advance_status
from inburgering.dossier.signals import dossier_dates_changed
from inburgering.law import rules_of
from inburgering.models import Inburgeraar
from inburgering.services import (
    ConcurrentEditError,
    ServiceError,
    check_version,
    save_as,
    save_rows,
    set_fields,
)
from intake.models import BredeIntake, IntakeStatus
from pip_plans import lesson_hours, rules, selectors, tasks
from pip_plans.models import (
    AFSPRAAK_FIELDS,
    BEKENDMAKING_FIELDS,
    BEZWAAR_FIELDS,
    BEZWAAR_OUTCOME_FIELDS,
    NEW_DECISION,
    PLAN_CONTENT_FIELDS,
    SECTIE_FIELDS,
    Afspraak,
    Bekendmaking,
    Bezwaar,
    DuoBesluit,
    Ontzorging,
    Pip,
    PipDocument,
    PipVersie,
    Sectie,
    Uitvoerder,
    VersieStatus,
    WijzigingReden,
)
from pip_plans.pdf import render_pip_pdf
from pip_plans.signals import plan_vastgesteld


def _locked_concept(versie_id: int) -> PipVersie:
    versie = PipVersie.objects.select_for_update().get(pk=versie_id)
    if not versie.is_concept:
        raise ServiceError(_("A fixed version is never changed; start a change instead."))
    return versie


@transaction.atomic
def create_pip(*, actor, dossier: Inburgeraar) -> PipVersie:
    """Start the plan as a concept, prefilled from the completed intake when there is one
    (its advised route, with that route's exam levels).
    Only under the Wi2021: the Wi2013 has no PIP (``inburgering.law``)."""
    if not rules_of(dossier.regime).pip:
        raise ServiceError(
            _(
                "Under the Wi2013 there is no personal plan: DUO keeps the term and the person "
                "chooses a course. Record the social guidance and the PVT under progress."
            )
        )
    if Pip.objects.filter(dossier=dossier).exists():
        raise ServiceError(_("This dossier already has a plan."))
    intake = (
        BredeIntake.objects.filter(dossier=dossier, status=IntakeStatus.AFGEROND)
        .prefetch_related("bevindingen")
        .first()
    )
    pip = Pip(dossier=dossier)
    try:
        with transaction.atomic():
            save_as(pip, actor=actor)
    except IntegrityError as exc:
        raise ConcurrentEditError(_("Someone else created this plan at the same time.")) from exc
    route = intake.advised_leerroute if intake else ""
    versie = PipVersie(
        pip=pip, number=1, created_by=actor, leerroute=route, **rules.starting_levels(route)
    )
    save_as(versie, actor=actor)
    findings = {b.leefgebied: b for b in intake.bevindingen.all()} if intake else {}
    for leefgebied in Leefgebied:
        finding = findings.get(leefgebied)
        save_as(
            Sectie(
                versie=versie,
                leefgebied=leefgebied,
                situatie=finding.current_situation if finding else "",
                doelen=finding.ontwikkelwensen if finding else "",
            ),
            actor=actor,
        )
    return versie


@transaction.atomic
def update_concept(*, actor, versie_id: int, expected_version: int, data: dict) -> PipVersie:
    """Change the concept's own fields (``PLAN_CONTENT_FIELDS``)."""
    versie = _locked_concept(versie_id)
    check_version(versie, expected_version)
    set_fields(versie, data, PLAN_CONTENT_FIELDS)
    save_as(versie, actor=actor)
    return versie


@transaction.atomic
def save_sectie(
    *,
    actor,
    versie_id: int,
    expected_version: int,
    leefgebied: str,
    data: dict,
    afspraken: list[dict],
) -> Sectie:
    """Save a section and its afspraken; the concept's version guards against overwrites.

    ``data`` holds the section's fields; ``afspraken`` rows as ``save_rows`` takes them. An
    afspraak for a chain partner names the partner; any other has none.
    """
    versie = _locked_concept(versie_id)
    check_version(versie, expected_version)
    rows = []
    for row in afspraken:
        if not row.get("delete") and "wie" in row:
            if row["wie"] == Uitvoerder.PARTNER and not row.get("organisatie"):
                raise ServiceError(_("Choose the chain partner that does this."))
            if row["wie"] != Uitvoerder.PARTNER:
                row = {**row, "organisatie": None}
        rows.append(row)
    save_as(versie, actor=actor)
    sectie = Sectie.objects.filter(versie=versie, leefgebied=leefgebied).first()
    sectie = sectie or Sectie(versie=versie, leefgebied=Leefgebied(leefgebied))
    set_fields(sectie, data, SECTIE_FIELDS)
    save_as(sectie, actor=actor)
    save_rows(
        Afspraak.objects.filter(sectie=sectie),
        rows,
        fields=AFSPRAAK_FIELDS,
        new=lambda: Afspraak(sectie=sectie),
        actor=actor,
    )
    return sectie


@transaction.atomic
def fix_pip(
    *, actor, versie_id: int, expected_version: int, dagtekening: datetime.date
) -> PipVersie:
    """Fix the concept as the decision. The first one starts the integration term. The law's
    rules are checked here, on the locked rows and against this dagtekening, whatever path
    produced the draft (``rules.check_vaststelling``); a refusal keeps the draft."""
    versie = _locked_concept(versie_id)
    check_version(versie, expected_version)
    if not versie.leerroute:
        raise ServiceError(_("Choose the learning route before fixing the plan."))
    pip = Pip.objects.select_for_update().get(pk=versie.pip_id)
    previous = pip.versies.filter(status=VersieStatus.VASTGESTELD).order_by("-number").first()
    decision = rules.check_vaststelling(
        dagtekening=dagtekening,
        today=timezone.localdate(),
        reden=versie.reden,
        to_route=versie.leerroute,
        previous_dagtekening=previous.dagtekening if previous else None,
        from_route=previous.leerroute if previous else None,
        termijn_start=pip.termijn_start,
        months=settings.PIP_SCHAKEL_MONTHS,
        lowered_to_a2=previous is not None and _lowered_to_a2(previous, versie),
        recorded_lesuren=lesson_hours.recorded(pip.dossier_id),
        min_lesuren=settings.PIP_AFSCHALEN_MIN_LESUREN,
    )
    if not decision:
        raise ServiceError(decision.reason)
    versie.status = VersieStatus.VASTGESTELD
    versie.dagtekening = dagtekening
    versie.vastgesteld_by = actor
    versie.vastgesteld_at = timezone.now()
    save_as(versie, actor=actor)
    if pip.termijn_start is None:
        pip.termijn_start = rules.termijn_start(dagtekening)
        save_as(pip, actor=actor)
        store_termijn_einde(actor=actor, dossier_id=pip.dossier_id)
    transaction.on_commit(lambda: request_document(actor=actor, versie_id=versie.pk))
    advance_status(
        actor=actor,
        dossier_id=pip.dossier_id,
        status=DossierStatus.UITVOERING,
        reason=_("the plan was fixed"),
    )
    plan_vastgesteld.send(sender=PipVersie, actor=actor, versie=versie)
    return versie


NIVEAU_FIELDS = ("niveau_lezen", "niveau_luisteren", "niveau_schrijven", "niveau_spreken")


def _lowered_to_a2(previous: PipVersie, versie: PipVersie) -> bool:
    """Whether the draft sets a component to A2 that the decision in force does not."""
    return any(
        getattr(versie, name) == "a2" and getattr(previous, name) != "a2" for name in NIVEAU_FIELDS
    )


def _check_change(
    reden: str, current: PipVersie, pip: Pip, new_route: str, on, lesuren: int
) -> str:
    """The leerroute of the new concept, after the law's rules for this kind of change."""
    if reden == "schakelen":
        decision = rules.check_schakelen(
            from_route=current.leerroute,
            to_route=new_route,
            termijn_start=pip.termijn_start,
            on=on,
            months=settings.PIP_SCHAKEL_MONTHS,
        )
    elif reden == "afschalen":
        decision = rules.check_afschalen(
            route=current.leerroute,
            lesuren=lesuren,
            min_lesuren=settings.PIP_AFSCHALEN_MIN_LESUREN,
        )
        new_route = current.leerroute
    elif reden == "verhuizing":
        new_route = new_route or current.leerroute
        decision = rules.check_verhuizing(from_route=current.leerroute, to_route=new_route)
    else:
        decision = rules.RuleDecision(True, "")
        new_route = current.leerroute
    if not decision:
        raise ServiceError(decision.reason)
    return new_route


@transaction.atomic
def start_wijziging(
    *,
    actor,
    pip_id: int,
    reden: str,
    toelichting: str = "",
    new_route: str = "",
    on=None,
    lesuren: int | None = None,
) -> PipVersie:
    """Open a new concept from the current fixed version, if the law allows this change.

    ``lesuren`` are newer attended lesson hours (from the progress talk that concludes with
    this change); afschalen is checked against them or the hours recorded in earlier talks,
    whichever is higher, never against a figure typed into a version.
    """
    pip = Pip.objects.select_for_update().get(pk=pip_id)
    if pip.versies.filter(status=VersieStatus.CONCEPT).exists():
        raise ServiceError(_("There is already a draft version; fix or finish that one first."))
    current = (
        pip.versies.filter(status=VersieStatus.VASTGESTELD)
        .select_related("ontzorging")
        .prefetch_related("secties__afspraken")
        .order_by("-number")
        .first()
    )
    if current is None:
        raise ServiceError(_("A change starts from a fixed version; fix the first plan first."))
    known_lesuren = max(lesuren or 0, lesson_hours.recorded(pip.dossier_id))
    route = _check_change(reden, current, pip, new_route, on or timezone.localdate(), known_lesuren)
    concept = PipVersie(
        pip=pip,
        number=current.number + 1,
        reden=reden,
        reden_toelichting=toelichting,
        created_by=actor,
        **{name: getattr(current, name) for name in PLAN_CONTENT_FIELDS},
    )
    concept.leerroute = route
    if reden == "afschalen":
        concept.niveau_lezen = concept.niveau_luisteren = "a2"
        concept.niveau_schrijven = concept.niveau_spreken = "a2"
    save_as(concept, actor=actor)
    _copy_children(current, concept, actor=actor)
    return concept


def _copy_children(current: PipVersie, concept: PipVersie, *, actor) -> None:
    ontzorging = getattr(current, "ontzorging", None)
    if ontzorging is not None:
        save_as(
            Ontzorging(
                versie=concept,
                items=list(ontzorging.items),
                machtiging_getekend_op=ontzorging.machtiging_getekend_op,
                start=ontzorging.start,
                geplande_einddatum=ontzorging.geplande_einddatum,
            ),
            actor=actor,
        )
    for sectie in current.secties.all():
        copy = Sectie(
            versie=concept,
            leefgebied=sectie.leefgebied,
            situatie=sectie.situatie,
            doelen=sectie.doelen,
        )
        save_as(copy, actor=actor)
        for afspraak in sectie.afspraken.all():
            save_as(
                Afspraak(
                    sectie=copy,
                    wat=afspraak.wat,
                    wie=afspraak.wie,
                    organisatie_id=afspraak.organisatie_id,
                    uiterlijk=afspraak.uiterlijk,
                    status=afspraak.status,
                ),
                actor=actor,
            )


def request_document(*, actor, versie_id: int, summary_language: str = "") -> PipDocument:
    """Ask for the printed plan of a version as it is now, with a summary page in
    ``summary_language`` if asked; rendered once, by a Celery task."""
    with transaction.atomic():
        versie = (
            PipVersie.objects.select_for_update().select_related("pip__dossier").get(pk=versie_id)
        )
        if versie.vorige_gemeente:
            raise ServiceError(
                _(
                    "This plan was decided by %(gemeente)s; its letter is theirs. Make your own "
                    "plan as a change for the move."
                )
                % {"gemeente": versie.vorige_gemeente}
            )
        termijn = selectors.termijn_for(versie.pip.dossier)
        document, created = PipDocument.objects.get_or_create(
            versie=versie,
            versie_lock_version=versie.lock_version,
            termijn_einde=termijn.end if termijn else None,
            summary_language=summary_language,
            defaults={"concept": versie.is_concept, "requested_by": actor},
        )
        if not created and document.status != RenderStatus.FAILED:
            return document
        document.status = RenderStatus.PENDING
        save_as(document, actor=actor)
        transaction.on_commit(lambda: tasks.render_pip_document.delay(document.pk))
    return document


def render_document(*, document_id: int) -> PipDocument:
    """Render and store the PDF once (``rendered_files``)."""

    def make(document: PipDocument) -> None:
        started = time.perf_counter()
        versie = document.versie
        pdf = render_pip_pdf(
            versie, concept=document.concept, summary_language=document.summary_language
        )
        name = f"pip-{versie.pip.dossier_id}-v{versie.number}-{document.versie_lock_version}.pdf"
        document.file.save(name, ContentFile(pdf), save=False)
        document.rendered_at = timezone.now()
        document.render_seconds = time.perf_counter() - started

    documents = PipDocument.objects.select_related(
        "versie__pip__dossier__gemeente", "versie__pip__dossier__regisseur"
    )
    return rendered_files.render_once(documents, document_id, make)


def ontzorgen_applies(dossier: Inburgeraar) -> bool:
    """Whether this person must be unburdened: read from the dossier's permit and bijstand
    dates, which are personal data kept current after the intake."""
    return selectors.ontzorgen_of(dossier) is not None


@transaction.atomic
def save_ontzorging(
    *,
    actor,
    versie_id: int,
    expected_version: int,
    items: list[str],
    machtiging_getekend_op: datetime.date | None,
) -> Ontzorging:
    """Record the financial unburdening in the concept; only for those the law names. Its
    period follows the dossier's bijstand start (six months; shorter when bijstand stops)."""
    versie = _locked_concept(versie_id)
    check_version(versie, expected_version)
    if not ontzorgen_applies(versie.pip.dossier):
        raise ServiceError(
            _(
                "Financial unburdening applies only to holders of an asylum permit under the "
                "Wi2021 who receive social assistance."
            )
        )
    save_as(versie, actor=actor)
    ontzorging = Ontzorging.objects.filter(versie=versie).first() or Ontzorging(versie=versie)
    ontzorging.items = list(items)
    ontzorging.machtiging_getekend_op = machtiging_getekend_op
    period = selectors.ontzorgen_of(versie.pip.dossier)
    ontzorging.start = period.start
    ontzorging.geplande_einddatum = period.end
    save_as(ontzorging, actor=actor)
    return ontzorging


RELEASING = (DuoBesluitSoort.ONTHEFFING, DuoBesluitSoort.VRIJSTELLING)


def _default_new_term_end(dagtekening: datetime.date | None) -> datetime.date | None:
    """The new termijn after a fine when the letter states no end: the usual period
    (``DUO_NIEUWE_TERMIJN_MONTHS``) from the day after the fine."""
    if dagtekening is None:
        return None
    return rules.new_term_end(dagtekening, months=settings.DUO_NIEUWE_TERMIJN_MONTHS)


@transaction.atomic
def record_duo_besluit(
    *,
    actor,
    dossier_id: int,
    soort: str,
    dagtekening: datetime.date,
    grond: str,
    verwijtbaar: bool | None = None,
    maanden: int | None = None,
    onderdelen: list[str] = (),
    bedrag_eur: int | None = None,
    nieuwe_einddatum: datetime.date | None = None,
) -> DuoBesluit:
    """Record a decision of DUO from its letter. The dates that follow from it (the termijn's
    end, the outstanding exams, the reminders, the printed plan) are read from the decisions,
    so they move at once. Decisions of one dossier are recorded one at a time."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    if dossier.is_closed:
        raise ServiceError(_("This dossier has been closed."))
    grond = grond.strip()
    if not grond:
        raise ServiceError(_("Give the ground DUO stated."))
    # Each kind keeps only the figures its letter states.
    if soort == DuoBesluitSoort.BOETE:
        verwijtbaar = True  # DUO fines only when the person is to blame
        nieuwe_einddatum = nieuwe_einddatum or _default_new_term_end(dagtekening)
    else:
        bedrag_eur = nieuwe_einddatum = None
    if soort != DuoBesluitSoort.VERLENGING:
        maanden = None
    if soort not in RELEASING:
        onderdelen = []
    problems = rules.duo_besluit_problems(
        soort=soort,
        dagtekening=dagtekening,
        today=timezone.localdate(),
        duty_start=dossier.datum_start_inburgeringsplicht,
        termijn=selectors.termijn_for(dossier),
        maanden=maanden,
        bedrag_eur=bedrag_eur,
        nieuwe_einddatum=nieuwe_einddatum,
        verwijtbaar=verwijtbaar,
        max_boete_eur=settings.DUO_BOETE_MAX_EUR,
    )
    if problems:
        raise ServiceError(next(iter(problems.values())))
    besluit = DuoBesluit(
        dossier=dossier,
        soort=soort,
        dagtekening=dagtekening,
        grond=grond,
        verwijtbaar=verwijtbaar,
        maanden=maanden,
        onderdelen=sorted(set(onderdelen)),
        bedrag_eur=bedrag_eur,
        nieuwe_einddatum=nieuwe_einddatum,
        recorded_by=actor,
    )
    save_as(besluit, actor=actor, reason=grond)
    store_termijn_einde(actor=actor, dossier_id=dossier.pk)
    dossier_dates_changed.send(sender=DuoBesluit, actor=actor, dossier_id=dossier.pk)
    return besluit


@transaction.atomic
def withdraw_duo_besluit(*, actor, dossier_id: int, besluit_id: int, reason: str) -> DuoBesluit:
    """Take back a decision recorded by mistake (a typing error, the wrong dossier): it stops
    counting and stays in the history with the reason."""
    besluit = (
        DuoBesluit.objects.select_for_update()
        .filter(pk=besluit_id, dossier_id=dossier_id, withdrawn_at=None)
        .first()
    )
    if besluit is None:
        raise ServiceError(_("This decision has already been withdrawn."))
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Give the reason for withdrawing it."))
    besluit.withdrawn_at = timezone.now()
    save_as(besluit, actor=actor, reason=reason)
    store_termijn_einde(actor=actor, dossier_id=dossier_id)
    dossier_dates_changed.send(sender=DuoBesluit, actor=actor, dossier_id=dossier_id)
    return besluit


@transaction.atomic
def store_termijn_einde(*, actor, dossier_id: int) -> None:
    """Keep the plan's copy of the termijn's end (``rules.termijn_after_decisions``) in step
    after the first plan or a decision of DUO: the monitor counts termijnen by it in SQL."""
    pip = Pip.objects.select_for_update().filter(dossier_id=dossier_id).first()
    if pip is None:
        return
    termijn = selectors.termijn_of(pip.dossier, pip, selectors.duo_besluiten(dossier_id))
    einde = termijn.end if termijn else None
    if pip.termijn_einde != einde:
        pip.termijn_einde = einde
        save_as(pip, actor=actor)


@transaction.atomic
def update_afspraak_status(
    *, actor, dossier: Inburgeraar, afspraak_id: int, status: str, previous_status: str
) -> Afspraak:
    """Where an afspraak of the plan in force stands; a partner only for its own afspraken.

    Refused when someone changed the status since the user saw it.
    """
    afspraak = selectors.afspraak_for_partner(
        dossier, permissions.lens_for(actor, dossier), afspraak_id
    )
    if afspraak is None:
        raise ServiceError(_("You cannot change this agreement."))
    afspraak = Afspraak.objects.select_for_update().get(pk=afspraak.pk)
    if afspraak.status != previous_status:
        raise ConcurrentEditError(
            _("Someone else changed the status of this agreement; check it and try again.")
        )
    afspraak.status = status
    save_as(afspraak, actor=actor)
    return afspraak


def remove_dossier_files(dossier_id: int) -> int:
    """Delete the stored PDFs of a dossier's plan (retention); returns how many."""
    removed = 0
    for document in PipDocument.objects.filter(versie__pip__dossier_id=dossier_id).exclude(file=""):
        document.file.delete(save=False)
        removed += 1
    return removed


def _made_known_versie(dossier_id: int, versie_id: int) -> PipVersie:
    """A fixed version of an open dossier's plan, locked: what is made known and objected to."""
    dossier = Inburgeraar.objects.select_for_update().get(pk=dossier_id)
    if dossier.is_closed:
        raise ServiceError(_("This dossier has been closed."))
    versie = PipVersie.objects.select_for_update().get(pk=versie_id, pip__dossier=dossier)
    if versie.is_concept:
        raise ServiceError(_("Only a fixed plan is made known or objected to."))
    if versie.vorige_gemeente:
        raise ServiceError(
            _("The previous municipality made this plan known; an objection goes there.")
        )
    return versie


@transaction.atomic
def record_bekendmaking(
    *, actor, dossier_id: int, versie_id: int, expected_version: int, data: dict, today=None
) -> Bekendmaking:
    """How and when a fixed version was handed over or sent (``BEKENDMAKING_FIELDS``), and
    whether the person signed for receipt; the objection term runs from it."""
    versie = _made_known_versie(dossier_id, versie_id)
    bekendmaking = Bekendmaking.objects.select_for_update().filter(versie=versie).first()
    bekendmaking = bekendmaking or Bekendmaking(versie=versie)
    check_version(bekendmaking, expected_version)
    set_fields(bekendmaking, data, BEKENDMAKING_FIELDS)
    problem = rules.since_decision_problem(
        bekendmaking.made_known_on, versie.dagtekening, today=today or timezone.localdate()
    )
    if problem:
        raise ServiceError(problem)
    bekendmaking.recorded_by = actor
    save_as(bekendmaking, actor=actor)
    return bekendmaking


@transaction.atomic
def record_bezwaar(*, actor, dossier_id: int, versie_id: int, data: dict, today=None) -> Bezwaar:
    """An objection received against a fixed version (``BEZWAAR_FIELDS``)."""
    versie = _made_known_versie(dossier_id, versie_id)
    bezwaar = Bezwaar(versie=versie, recorded_by=actor)
    set_fields(bezwaar, data, BEZWAAR_FIELDS)
    problem = rules.since_decision_problem(
        bezwaar.received_on, versie.dagtekening, today=today or timezone.localdate()
    )
    if problem:
        raise ServiceError(problem)
    save_as(bezwaar, actor=actor)
    return bezwaar


@transaction.atomic
def decide_bezwaar(
    *, actor, dossier_id: int, bezwaar_id: int, expected_version: int, data: dict, today=None
) -> Bezwaar:
    """The decision on an objection (``BEZWAAR_OUTCOME_FIELDS``), once. An outcome that asks
    for a new decision opens a plan change with the reason ``bezwaar``, in this transaction:
    refused, like any change, while a draft version is open."""
    of_dossier = Bezwaar.objects.filter(versie__pip__dossier_id=dossier_id)
    versie = _made_known_versie(dossier_id, of_dossier.get(pk=bezwaar_id).versie_id)
    bezwaar = of_dossier.select_for_update(of=("self",)).get(pk=bezwaar_id)  # after the dossier
    if bezwaar.uitkomst:
        raise ServiceError(_("The decision on this objection has already been recorded."))
    check_version(bezwaar, expected_version)
    set_fields(bezwaar, data, BEZWAAR_OUTCOME_FIELDS)
    if not bezwaar.uitkomst or bezwaar.decided_on is None:
        raise ServiceError(_("Fill in the outcome and the date of the decision."))
    today = today or timezone.localdate()
    problem = plausibility.past_date_problem(bezwaar.decided_on, today=today)
    if not problem and bezwaar.decided_on < bezwaar.received_on:
        problem = _("The decision cannot come before the objection was received.")
    if problem:
        raise ServiceError(problem)
    if bezwaar.uitkomst in NEW_DECISION:
        bezwaar.wijziging = start_wijziging(
            actor=actor,
            pip_id=versie.pip_id,
            reden=WijzigingReden.BEZWAAR,
            toelichting=_("Objection received on %(day)s: %(outcome)s. %(explanation)s")
            % {
                "day": bezwaar.received_on.strftime("%d-%m-%Y"),
                "outcome": bezwaar.get_uitkomst_display(),
                "explanation": bezwaar.uitkomst_toelichting,
            },
        )
    save_as(bezwaar, actor=actor)
    return bezwaar
