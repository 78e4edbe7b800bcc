"""The delivery file: one row per person, columns named after the national data model's
attributes (GGM Inburgering: object.attribute), or our own names where the GGM has none
(marked ``own``). This mapping and format are OURS, not CBS's: when CBS's own specification
for the SWI delivery is in hand, this module is the one place to change (docs/monitor.md).

Format: CSV, UTF-8, comma-separated, a header row, dates as YYYY-MM-DD, yes/no as J/N. A fact
dated after the quarter's last day is left out: the file says what was known on that day."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass

from inburgering.dates import Quarter
from inburgering.web.spreadsheet import safe_cell
from voortgang.kwartaallevering.records import Record
from voortgang.models import TrajectStatus

RESULT = {TrajectStatus.AFGEROND: "voldaan", TrajectStatus.NIET_AFGEROND: "niet voldaan"}

# (column, own name?, how to read it from a record)
COLUMNS = [
    ("Gemeentecode", True, lambda r, f: f.gemeentecode),
    ("Kwartaal", True, lambda r, f: str(f.quarter)),
    ("Burgerservicenummer", False, lambda r, f: r.bsn),
    ("Vreemdeling.v-nummer", False, lambda r, f: r.v_nummer),
    ("Inburgeraar.Doelgroep", False, lambda r, f: r.doelgroep),
    ("Regime", True, lambda r, f: r.regime),
    ("Inburgeringsplicht.DatumStart", False, lambda r, f: r.duty_start),
    ("BredeIntake.startdatum", False, lambda r, f: r.intake_start),
    ("BredeIntake.einddatum", False, lambda r, f: r.intake_end),
    ("PIP.DagtekeningInitielePIP", False, lambda r, f: r.first_pip),
    ("PIP.DagtekeningPIP", False, lambda r, f: r.pip_in_quarter),
    ("Leerroute.LeerrouteType", False, lambda r, f: r.leerroute),
    ("Inburgeringstermijn.DatumAanvangInburgeringstermijn", False, lambda r, f: r.termijn_start),
    ("Inburgeringstermijn.DatumEindeInburgeringstermijn", False, lambda r, f: r.termijn_end),
    ("MAP.DatumAanvang", True, lambda r, f: r.map_start),
    ("MAP.DatumEindgesprekMAP", False, lambda r, f: r.map_end),
    ("MAP.Resultaat", False, lambda r, f: RESULT.get(r.map_status, "")),
    ("MAP.IndicatorVerwijtbaar", False, lambda r, f: r.map_verwijtbaar),
    ("PVT.DatumAanvang", True, lambda r, f: r.pvt_start),
    ("PVT.DatumOndertekening PVT", False, lambda r, f: r.pvt_end),
    ("PVT.Resultaat", False, lambda r, f: RESULT.get(r.pvt_status, "")),
    ("PVT.VerwijtbaarNietVoldaan", False, lambda r, f: r.pvt_verwijtbaar),
    ("BredeIntake.GevolgdeUrenKNMenTaalles", False, lambda r, f: r.lesuren),
    ("BredeIntake.UrenGeoorloofdVerzuim", False, lambda r, f: r.verzuim_geoorloofd),
    ("BredeIntake.UrenOngeoorloofdVerzuim", False, lambda r, f: r.verzuim_ongeoorloofd),
    ("BredeIntake.DatumTot(Peildatum)", False, lambda r, f: f.peildatum),
    ("Ontzorgen.DatumStart", True, lambda r, f: r.ontzorgen_start),
    ("Ontzorgen.DatumEinde", True, lambda r, f: r.ontzorgen_end),
    ("Verhuizing.Datum", True, lambda r, f: r.moved_on),
    ("Verhuizing.VanGemeentecode", True, lambda r, f: r.moved_from),
    ("Verhuizing.NaarGemeentecode", True, lambda r, f: r.moved_to),
    ("Inburgeringsplicht.DatumEind", False, lambda r, f: r.duty_end),
    ("Inburgeringsplicht.RedenEinde", True, lambda r, f: r.status if r.duty_end else ""),
]
HEADER = [name for name, _own, _read in COLUMNS]


def _cell(value, peildatum: datetime.date) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "J" if value else "N"
    if isinstance(value, datetime.date):
        return "" if value > peildatum else value.isoformat()
    return safe_cell(value)


@dataclass(frozen=True)
class FileFor:
    gemeentecode: str
    quarter: Quarter

    @property
    def peildatum(self) -> datetime.date:
        return self.quarter.last_day


def row(record: Record, file: FileFor) -> list[str]:
    return [_cell(read(record, file), file.peildatum) for _name, _own, read in COLUMNS]


def file_bytes(records: list[Record], *, gemeentecode: str, quarter: Quarter) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for record in records:
        writer.writerow(row(record, FileFor(gemeentecode, quarter)))
    return out.getvalue().encode("utf-8")


def file_name(*, gemeentecode: str, quarter: Quarter, version: int) -> str:
    return f"swi-{gemeentecode}-{quarter}-levering-{version}.csv"
