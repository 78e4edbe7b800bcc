"""The per-person records of one gemeente's quarter, read in one query: every dossier of the
gemeente with something to report in the quarter, and every dossier that moved in or out of it
then. The values are the facts as stored; ``cbs`` names and formats them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Least

from inburgering.dates import Quarter
from inburgering.models import DossierMove, Inburgeraar
from intake.models import Intakegesprek
from pip_plans.models import Ontzorging, PipVersie, VersieStatus
from voortgang.models import GesprekStatus, Traject, TrajectSoort, Voortgangsgesprek


@dataclass(frozen=True)
class Record:
    """What one person's dossier has to report for the quarter."""

    dossier_id: int
    bsn: str
    v_nummer: str
    doelgroep: str
    regime: str
    status: str
    duty_start: datetime.date | None
    duty_end: datetime.date | None
    intake_start: datetime.date | None
    intake_end: datetime.date | None
    first_pip: datetime.date | None
    pip_in_quarter: datetime.date | None  # the latest fixed version dated in the quarter
    leerroute: str
    termijn_start: datetime.date | None
    termijn_end: datetime.date | None
    map_start: datetime.date | None
    map_end: datetime.date | None
    map_status: str
    map_verwijtbaar: bool | None
    pvt_start: datetime.date | None
    pvt_end: datetime.date | None
    pvt_status: str
    pvt_verwijtbaar: bool | None
    lesuren: int | None  # as last reported up to the quarter's end (a running total)
    verzuim_geoorloofd: int | None  # hours in the talks held in the quarter
    verzuim_ongeoorloofd: int | None
    ontzorgen_start: datetime.date | None
    ontzorgen_end: datetime.date | None
    moved_on: datetime.date | None
    moved_to: str  # the gemeente's CBS code
    moved_from: str


def _value(model_qs, field: str, output=None):
    return Subquery(model_qs.values(field)[:1], output_field=output)


def _traject(soort: str):
    return Traject.objects.filter(dossier=OuterRef("pk"), soort=soort)


def records(gemeente_id: int, quarter: Quarter) -> list[Record]:
    first, last = quarter.first_day, quarter.last_day
    in_q = (first, last)
    fixed = PipVersie.objects.filter(pip__dossier=OuterRef("pk"), status=VersieStatus.VASTGESTELD)
    talks = Voortgangsgesprek.objects.filter(dossier=OuterRef("pk")).exclude(
        status=GesprekStatus.GEPLAND
    )
    ontzorging = Ontzorging.objects.filter(
        versie__pip__dossier=OuterRef("pk"), versie__status=VersieStatus.VASTGESTELD
    )
    moves = DossierMove.objects.filter(dossier=OuterRef("pk"), moved_at__date__range=in_q)
    moved_here = moves.filter(Q(from_gemeente_id=gemeente_id) | Q(to_gemeente_id=gemeente_id))
    map_, pvt = _traject(TrajectSoort.MAP), _traject(TrajectSoort.PVT)
    components = Traject.objects.filter(
        dossier=OuterRef("pk"), soort__in=(TrajectSoort.MAP, TrajectSoort.PVT)
    )
    rows = (
        Inburgeraar.objects.annotate(
            intake_start=_value(
                Intakegesprek.objects.filter(intake__dossier=OuterRef("pk")).order_by("held_on"),
                "held_on",
                DateField(),
            ),
            first_pip=_value(fixed.order_by("dagtekening"), "dagtekening", DateField()),
            pip_in_quarter=_value(
                fixed.filter(dagtekening__range=in_q).order_by("-dagtekening"),
                "dagtekening",
                DateField(),
            ),
            leerroute=_value(
                fixed.filter(dagtekening__lte=last).order_by("-dagtekening", "-number"),
                "leerroute",
            ),
            map_start=_value(map_, "started_on", DateField()),
            map_end=_value(map_, "finished_on", DateField()),
            map_status=_value(map_, "status"),
            map_verwijtbaar=_value(map_, "verwijtbaar"),
            pvt_start=_value(pvt, "started_on", DateField()),
            pvt_end=_value(pvt, "finished_on", DateField()),
            pvt_status=_value(pvt, "status"),
            pvt_verwijtbaar=_value(pvt, "verwijtbaar"),
            lesuren=_value(
                talks.filter(held_on__lte=last, lesuren_gevolgd__isnull=False).order_by("-held_on"),
                "lesuren_gevolgd",
                IntegerField(),
            ),
            verzuim_geoorloofd=_total(talks.filter(held_on__range=in_q), "uren_geoorloofd_verzuim"),
            verzuim_ongeoorloofd=_total(
                talks.filter(held_on__range=in_q), "uren_ongeoorloofd_verzuim"
            ),
            ontzorgen_start=_value(
                ontzorging.exclude(start=None).order_by("start"), "start", DateField()
            ),
            ontzorgen_planned_end=_value(
                ontzorging.exclude(geplande_einddatum=None).order_by("-geplande_einddatum"),
                "geplande_einddatum",
                DateField(),
            ),
            moved_on=_value(moved_here.order_by("-moved_at"), "moved_at__date", DateField()),
            moved_to=_value(moved_here.order_by("-moved_at"), "to_gemeente__cbs_code"),
            moved_from=_value(moved_here.order_by("-moved_at"), "from_gemeente__cbs_code"),
        )
        .annotate(
            ontzorgen_end=Least(
                "ontzorgen_planned_end", "datum_einde_bijstand", "datum_einde_plicht"
            ),
        )
        .filter(
            (Q(gemeente_id=gemeente_id) & _something_happened(in_q, fixed, talks, components))
            | Exists(moved_here)
        )
        .values(
            "bsn",
            "v_nummer",
            "doelgroep",
            "regime",
            "status",
            "intake_start",
            "first_pip",
            "pip_in_quarter",
            "leerroute",
            "map_start",
            "map_end",
            "map_status",
            "map_verwijtbaar",
            "pvt_start",
            "pvt_end",
            "pvt_status",
            "pvt_verwijtbaar",
            "lesuren",
            "verzuim_geoorloofd",
            "verzuim_ongeoorloofd",
            "ontzorgen_start",
            "ontzorgen_end",
            "moved_on",
            "moved_to",
            "moved_from",
            dossier_id=F("pk"),
            duty_start=F("datum_start_inburgeringsplicht"),
            duty_end=F("datum_einde_plicht"),
            intake_end=F("brede_intake__completed_on"),
            termijn_start=F("pip__termijn_start"),
            termijn_end=F("pip__termijn_einde"),
        )
        .order_by("pk")
    )
    return [Record(**(row | _blank_for_none(row))) for row in rows]


TEXT_FIELDS = ("leerroute", "map_status", "pvt_status", "moved_to", "moved_from")


def _blank_for_none(row: dict) -> dict:
    """Text read through a subquery is None where there is none; the record says ""; an
    ontzorgen that never started has no end."""
    blanks = {name: row[name] or "" for name in TEXT_FIELDS}
    return blanks | {"ontzorgen_end": row["ontzorgen_end"] if row["ontzorgen_start"] else None}


def _total(talks, field: str):
    """The sum of ``field`` over these talks of the dossier (None when there are none)."""
    return Subquery(
        talks.values("dossier").annotate(total=Sum(field)).values("total")[:1],
        output_field=IntegerField(),
    )


def _something_happened(in_q, fixed, talks, components) -> Q:
    """The dossier has a fact dated in the quarter: the duty started (or DUO's kennisgeving
    of it came) or ended, the intake started or ended, a plan was fixed, MAP or PVT started or
    ended, a talk was held (lesson hours), ontzorgen started or ended."""
    return (
        Q(datum_start_inburgeringsplicht__range=in_q)
        | Q(datum_kennisgeving__range=in_q)
        | Q(datum_einde_plicht__range=in_q)
        | Q(intake_start__range=in_q)
        | Q(brede_intake__completed_on__range=in_q)
        | Q(Exists(fixed.filter(dagtekening__range=in_q)))
        | Q(Exists(components.filter(Q(started_on__range=in_q) | Q(finished_on__range=in_q))))
        | Q(Exists(talks.filter(held_on__range=in_q)))
        | Q(ontzorgen_start__range=in_q)
        | Q(ontzorgen_end__range=in_q)
    )
