"""The monitor's read model: two materialized views, ``MonitorDossier`` (each dossier's
milestone dates) and ``MonitorCount`` (events counted per quarter and cut). Counting from
them keeps the monitor's page fast at any size; renewing them costs seconds at 100,000
dossiers, so it runs in the background (beat, every quarter of an hour, and after demo or
bench data) and the page says how old its figures are. Decision 0029.

The views are not in the migrations: ``migrate`` drops them before it starts (so no migration
trips over a column a view reads) and creates them again after it ends, from the SQL below,
which is their one definition. With ``--nomigrations`` (the tests) the same signals run."""

from __future__ import annotations

import hashlib
import time

from django.db import connections, transaction
from django.utils import timezone

from voortgang.models import MonitorRefresh

DOSSIER_VIEW = """
CREATE MATERIALIZED VIEW voortgang_monitor_dossier AS
WITH intake_start AS (
    SELECT bi.dossier_id, min(g.held_on) AS day
    FROM intake_intakegesprek g JOIN intake_bredeintake bi ON bi.id = g.intake_id
    GROUP BY bi.dossier_id
), fixed AS (
    SELECT p.dossier_id, v.id, v.number, v.dagtekening, v.vorige_gemeente, v.leerroute
    FROM pip_plans_pipversie v JOIN pip_plans_pip p ON p.id = v.pip_id
    WHERE v.status = 'vastgesteld'
), first_fixed AS (
    SELECT DISTINCT ON (dossier_id) dossier_id, dagtekening, vorige_gemeente, leerroute
    FROM fixed ORDER BY dossier_id, number
), any_fixed AS (
    SELECT dossier_id, min(dagtekening) AS day FROM fixed GROUP BY dossier_id
), ontzorging AS (
    SELECT f.dossier_id, min(o.start) AS first_start, max(o.geplande_einddatum) AS planned_end
    FROM pip_plans_ontzorging o JOIN fixed f ON f.id = o.versie_id
    GROUP BY f.dossier_id
), uitvoering AS (
    SELECT dossier_id, min(day) AS day FROM (
        SELECT dossier_id, started_on AS day FROM voortgang_traject
        UNION ALL
        SELECT dossier_id, held_on FROM voortgang_voortgangsgesprek WHERE status <> 'gepland'
        UNION ALL
        SELECT dossier_id, taken_on FROM voortgang_examenresultaat
    ) AS activities
    GROUP BY dossier_id
)
SELECT
    d.id AS dossier_id, d.gemeente_id, d.team_id, d.regisseur_id, d.doelgroep, d.regime,
    d.status,
    date_trunc('quarter', coalesce(d.datum_start_inburgeringsplicht, d.datum_kennisgeving))::date
        AS cohort_quarter,
    greatest(d.datum_kennisgeving, d.datum_brp_inschrijving) AS trigger_on,
    d.datum_koppeling, d.datum_brp_inschrijving,
    intake_start.day AS intake_start,
    bi.completed_on AS intake_completed_on,
    any_fixed.day AS pip_fixed_on,
    CASE WHEN first_fixed.vorige_gemeente = '' THEN first_fixed.dagtekening END AS first_pip_on,
    CASE WHEN first_fixed.vorige_gemeente = '' AND first_fixed.dagtekening IS NOT NULL
        THEN first_fixed.leerroute ELSE '' END AS first_pip_leerroute,
    uitvoering.day AS uitvoering_on,
    CASE WHEN d.status = 'afgerond' THEN d.datum_einde_plicht END AS afgerond_on,
    ontzorging.first_start AS ontzorgen_start,
    ontzorging.planned_end AS ontzorgen_planned_end,
    least(d.datum_einde_bijstand, d.datum_einde_plicht) AS ontzorgen_early_end,
    pip.termijn_einde
FROM inburgering_inburgeraar d
LEFT JOIN intake_start ON intake_start.dossier_id = d.id
LEFT JOIN intake_bredeintake bi ON bi.dossier_id = d.id
LEFT JOIN any_fixed ON any_fixed.dossier_id = d.id
LEFT JOIN first_fixed ON first_fixed.dossier_id = d.id
LEFT JOIN uitvoering ON uitvoering.dossier_id = d.id
LEFT JOIN ontzorging ON ontzorging.dossier_id = d.id
LEFT JOIN pip_plans_pip pip ON pip.dossier_id = d.id;
CREATE UNIQUE INDEX voortgang_monitor_dossier_pk ON voortgang_monitor_dossier (dossier_id);
-- Most figures count the dossiers with a date in the period: these let them read only those.
CREATE INDEX voortgang_monitor_dossier_cohort ON voortgang_monitor_dossier (cohort_quarter);
CREATE INDEX voortgang_monitor_dossier_intake ON voortgang_monitor_dossier (intake_start);
CREATE INDEX voortgang_monitor_dossier_pip ON voortgang_monitor_dossier (first_pip_on);
CREATE INDEX voortgang_monitor_dossier_brp ON voortgang_monitor_dossier (datum_brp_inschrijving);
CREATE INDEX voortgang_monitor_dossier_ontzorgen ON voortgang_monitor_dossier (ontzorgen_start)
    WHERE ontzorgen_start IS NOT NULL;
CREATE INDEX voortgang_monitor_dossier_termijn ON voortgang_monitor_dossier (termijn_einde);
"""

COUNT_VIEW = """
CREATE MATERIALIZED VIEW voortgang_monitor_count AS
WITH events AS (
    SELECT dossier_id, 'traject_start' AS kind, soort AS detail, '' AS outcome,
        started_on AS day
    FROM voortgang_traject WHERE started_on IS NOT NULL
    UNION ALL
    SELECT dossier_id, 'traject_end', soort,
        CASE WHEN status = 'afgerond' THEN 'afgerond'
            WHEN verwijtbaar THEN 'verwijtbaar' ELSE 'niet_verwijtbaar' END,
        finished_on
    FROM voortgang_traject
    WHERE finished_on IS NOT NULL AND status IN ('afgerond', 'niet_afgerond')
    UNION ALL
    SELECT dossier_id, 'exam', onderdeel, uitslag, taken_on FROM voortgang_examenresultaat
    UNION ALL
    SELECT bi.dossier_id, 'intake_gevolg', u.gevolg, '', u.gevolg_on
    FROM intake_uitnodiging u JOIN intake_bredeintake bi ON bi.id = u.intake_id
    WHERE u.gevolg_on IS NOT NULL AND u.gevolg <> ''
    UNION ALL
    SELECT dossier_id, 'plan_maatregel', maatregel, '', maatregel_on
    FROM voortgang_voortgangsgesprek WHERE maatregel_on IS NOT NULL AND maatregel <> ''
    UNION ALL
    SELECT dossier_id, 'duo_besluit', soort, '', dagtekening
    FROM pip_plans_duobesluit WHERE withdrawn_at IS NULL
    UNION ALL
    SELECT p.dossier_id, 'route_change', v.reden, '', v.dagtekening
    FROM pip_plans_pipversie v JOIN pip_plans_pip p ON p.id = v.pip_id
    WHERE v.status = 'vastgesteld' AND v.reden IN ('schakelen', 'afschalen')
    UNION ALL
    SELECT dossier_id, 'open_signaal', '', '', follow_up_on
    FROM voortgang_signaal WHERE status IN ('open', 'in_behandeling')
    UNION ALL
    SELECT dossier_id, 'open_herinnering', '', '', due_on
    FROM voortgang_herinnering WHERE resolved_at IS NULL AND dismissed_at IS NULL
), cut AS (
    SELECT d.gemeente_id, d.team_id, d.doelgroep, d.regime,
        date_trunc(
            'quarter', coalesce(d.datum_start_inburgeringsplicht, d.datum_kennisgeving)
        )::date AS cohort_quarter,
        e.kind, e.detail, e.outcome,
        CASE WHEN e.kind IN ('open_signaal', 'open_herinnering') THEN e.day
            ELSE date_trunc('quarter', e.day)::date END AS day
    FROM events e JOIN inburgering_inburgeraar d ON d.id = e.dossier_id
)
SELECT
    row_number() OVER (ORDER BY gemeente_id, team_id, doelgroep, regime, cohort_quarter, kind,
        detail, outcome, day) AS id,
    gemeente_id, team_id, doelgroep, regime, cohort_quarter, kind, detail, outcome, day,
    count(*) AS n
FROM cut
GROUP BY gemeente_id, team_id, doelgroep, regime, cohort_quarter, kind, detail, outcome, day;
CREATE UNIQUE INDEX voortgang_monitor_count_cut ON voortgang_monitor_count
    (gemeente_id, team_id, doelgroep, regime, cohort_quarter, kind, detail, outcome, day)
    NULLS NOT DISTINCT;
CREATE INDEX voortgang_monitor_count_kind ON voortgang_monitor_count (kind, day);
"""

VIEWS = {"voortgang_monitor_dossier": DOSSIER_VIEW, "voortgang_monitor_count": COUNT_VIEW}
# One renewal at a time: a second one started meanwhile has nothing to add and stops.
ADVISORY_LOCK = 0x6D6F6E69  # "moni"


def _signature(sql: str) -> str:
    return "monitor read model " + hashlib.sha256(sql.encode()).hexdigest()[:16]


def drop_views(using: str = "default", **_signal) -> None:
    """Before ``migrate``: nothing derived stands in a migration's way."""
    with connections[using].cursor() as cursor:
        for view in VIEWS:
            cursor.execute(f"DROP MATERIALIZED VIEW IF EXISTS {view}")


def create_views(using: str = "default", **_signal) -> None:
    """After ``migrate`` (and a test database's set-up): creates each view that is missing or
    whose definition changed, filled, and records the moment as the figures' date."""
    created = False
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for view, sql in VIEWS.items():
            cursor.execute("SELECT obj_description(to_regclass(%s), 'pg_class')", [view])
            if cursor.fetchone()[0] == _signature(sql):
                continue
            cursor.execute(f"DROP MATERIALIZED VIEW IF EXISTS {view}")
            cursor.execute(sql)
            cursor.execute(f"ANALYZE {view}")
            # A utility statement binds no parameters; the signature is ours (words and hex).
            cursor.execute(f"COMMENT ON MATERIALIZED VIEW {view} IS '{_signature(sql)}'")
            created = True
        if created:
            _record(using, seconds=0.0)


def refresh(using: str = "default") -> MonitorRefresh | None:
    """Renews both views in one transaction; readers keep the old figures meanwhile
    (``CONCURRENTLY``). Returns None when another renewal holds the lock."""
    started = time.monotonic()
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_LOCK])
        if not cursor.fetchone()[0]:
            return None
        for view in VIEWS:
            cursor.execute(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {view}")
            # The planner's statistics follow at once, not whenever autovacuum comes by.
            cursor.execute(f"ANALYZE {view}")
        return _record(using, seconds=time.monotonic() - started)


def refresh_after_data(sender=None, **_signal) -> None:
    """After the demo (or bench) data is in, so the monitor shows it at once."""
    refresh()


def _record(using: str, *, seconds: float) -> MonitorRefresh:
    stand, _created = MonitorRefresh.objects.using(using).update_or_create(
        pk=1, defaults={"refreshed_at": timezone.now(), "seconds": seconds}
    )
    return stand


def last_refresh() -> MonitorRefresh | None:
    return MonitorRefresh.objects.filter(pk=1).first()
