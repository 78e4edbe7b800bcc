"""Benchmark data at municipality scale: `manage.py bench_data --dossiers N`.

A large municipality with two small neighbours, one regisseur per about 200 dossiers, twelve
partner organisations, and per dossier what years of work leave behind: a brede intake, a plan
with its versions, progress talks, signals, shares with partners (some ended), reminders, the
audit log, and the history rows the services would have written (about 100 per dossier).

Deterministic for a seed and a reference date: each dossier draws from its own random stream,
so dossier 17 is the same whether 1,000 or 100,000 are made.
"""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.bulk import Bulk
from inburgering.choices import (
    BijeenkomstSoort,
    Doelgroep,
    Domein,
    DossierStatus,
    Grondslag,
    Leefgebied,
    Leerroute,
    Opkomst,
    Role,
    TeamRole,
)
from inburgering.dates import Quarter
from inburgering.demo import DEMO_PASSWORD, DEMO_TOTP_KEY, NAMES, demo_person
from inburgering.models import (
    AuditAction,
    AuditEvent,
    Bijeenkomst,
    Deling,
    Gemeente,
    Inburgeraar,
    InburgeraarGroupObjectPermission,
    Organisatie,
    Team,
    TeamMembership,
    Toestemming,
    User,
)
from intake.models import (
    Bevinding,
    BredeIntake,
    Intakegesprek,
    Kind,
    Leerbaarheidstoets,
    Opleiding,
    Uitnodiging,
    Werkervaring,
)
from pip_plans.models import Afspraak, Ontzorging, Pip, PipVersie, Sectie
from pip_plans.rules import termijn_end
from voortgang.kwartaallevering import services as delivery_services
from voortgang.models import (
    AfspraakVoortgang,
    Examenresultaat,
    Herinnering,
    Signaal,
    Traject,
    Voortgangsgesprek,
    Voortgangsnotitie,
)
from voortgang.monitor import facts

SEED = 2021
CASELOAD = 200  # dossiers per regisseur
TEAM_SIZE = 10  # regisseurs per team
QUEUED_SHARE = 0.2  # of the new (aangemeld) dossiers: not yet given a regisseur
ONTZORGEN_SHARE = 0.4  # of the first plans: financial unburdening for six months
BATCH = 500  # dossiers per COPY round

# The largest first: most teams work for it (see _team_gemeente).
GEMEENTEN = [
    ("Amsterdam", "GM0363"),
    ("Diemen", "GM0384"),
    ("Ouder-Amstel", "GM0437"),
]

# Twelve partner organisations: (name, domeinen, chance that a dossier in progress is shared
# with it). About 5 shares per dossier in all, ended ones included. "Jeugdteam Zuid" is the
# partner whose list the benchmark measures: about 8 % of the dossiers are shared with it now.
ORGANISATIES = [
    ("Werkbedrijf Amsterdam", ["werk"], 0.85),
    ("Participatieteam Noord", ["werk"], 0.3),
    ("Taal en Werk Westpoort", ["werk"], 0.3),
    ("Werk en Inkomen Klantmanagement", ["werk", "inkomen"], 0.75),
    ("Inkomensondersteuning", ["inkomen"], 0.7),
    ("Schuldhulpverlening Amsterdam", ["inkomen"], 0.35),
    ("Jeugdteam Zuid", ["jeugd"], 0.115),
    ("Jeugdteam Oost", ["jeugd"], 0.25),
    ("Ouder- en Kindteam Centrum", ["jeugd"], 0.25),
    ("Woningcorporatie De Stadsgenoot", ["wonen"], 0.55),
    ("Woonstichting Amstelland", ["wonen"], 0.3),
    ("Buurtteam Nieuw-West", ["wonen", "inkomen"], 0.35),
]
MEASURED_PARTNER = "Jeugdteam Zuid"

STATUS_WEIGHTS = [
    (DossierStatus.AANGEMELD, 4),
    (DossierStatus.INTAKE, 8),
    (DossierStatus.PLAN, 8),
    (DossierStatus.UITVOERING, 62),
    (DossierStatus.AFGEROND, 10),
    (DossierStatus.VERHUISD, 4),
    (DossierStatus.UITGESCHREVEN, 4),
]
ORIGINS = list(NAMES)
LEEFGEBIEDEN = [leefgebied.value for leefgebied in Leefgebied]
DOMEINEN = set(Domein.values)

# Text as regisseurs write it, drawn from a small pool (the row sizes matter, the words don't).
SITUATIES = [
    "Woont sinds kort in de gemeente en zoekt de weg naar instanties.",
    "Volgt lessen bij de taalschool en oefent thuis met de kinderen.",
    "Heeft ervaring als kapper en wil graag weer aan het werk.",
    "Krijgt een uitkering; de vaste lasten worden voorlopig betaald door de gemeente.",
    "Twee kinderen gaan naar de basisschool; de oudste heeft extra ondersteuning nodig.",
    "Is actief in de buurt en helpt als vrijwilliger bij de voedselbank.",
]
DOELEN = [
    "Binnen een jaar taalniveau B1 voor lezen en luisteren.",
    "Een betaalde baan van minimaal 20 uur per week.",
    "Zelf de post en de rekeningen kunnen regelen.",
    "De kinderen gaan elke dag naar school en naar de sport.",
    "Een vaste woning in de buurt van werk en school.",
]
AFSPRAKEN = [
    "Gaat drie dagdelen per week naar de taalles.",
    "Meldt zich bij het Werkbedrijf voor een intake.",
    "Maakt samen met de regisseur een overzicht van inkomsten en uitgaven.",
    "Neemt contact op met het jeugdteam over de school van de kinderen.",
    "Schrijft zich in bij WoningNet.",
    "Doet mee aan de workshop over de Nederlandse arbeidsmarkt.",
]
NOTITIES = [
    "Gaat goed; de lessen worden goed bezocht.",
    "Er zijn zorgen over de schulden; doorverwezen naar schuldhulp.",
    "Heeft een proefplaatsing gevonden bij een bakkerij.",
    "Kinderen zijn gestart op school, contact met de leerkracht loopt.",
    "Wacht nog op een passende woning.",
]
SIGNALEN = [
    "Schulden",
    "Schoolverzuim",
    "Huurachterstand",
    "Zorgen om gezondheid",
    "Verzuim taalles",
]


@dataclass
class Staff:
    """The people and organisations the dossiers refer to (made through the ORM)."""

    gemeenten: list[Gemeente]
    teams: list[Team]
    regisseurs: list[User]  # in team order: regisseur i works in team i // TEAM_SIZE
    organisaties: list[Organisatie]
    partner_users: dict[str, User]
    view_permissions: dict[str, int]  # "view_werk" -> Permission id
    usernames: dict[str, list[str]] = field(default_factory=dict)


def generate(dossiers: int, *, seed: int = SEED, today: datetime.date | None = None, log=print):
    """Make the region, its staff and ``dossiers`` dossiers; returns counts and timings."""
    today = today or timezone.localdate()
    started = time.monotonic()
    with transaction.atomic():
        staff = _make_staff(dossiers, seed)
    bulk = Bulk()
    for start in range(0, dossiers, BATCH):
        with transaction.atomic():
            for number in range(start, min(start + BATCH, dossiers)):
                _dossier(bulk, staff, number, random.Random(f"{seed}:{number}"), today)
            bulk.flush()
        log(f"  {min(start + BATCH, dossiers):>7} dossiers ({time.monotonic() - started:.0f} s)")
    bulk.reset_sequences()
    refreshed = facts.refresh()  # the monitor's figures, as beat would renew them
    log(f"  monitor figures renewed in {refreshed.seconds:.1f} s")
    checked = time.monotonic()  # each gemeente's delivery check, as the night's job keeps it
    delivery_services.check_every_gemeente(Quarter.of(today).previous())
    log(f"  quarterly deliveries checked in {time.monotonic() - checked:.1f} s")
    with connection.cursor() as cursor:
        # A settled database, as in production: statistics for the planner, and no autovacuum
        # left to compete with the measurements (VACUUM cannot run inside a transaction).
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
    return {
        "dossiers": dossiers,
        "seed": seed,
        "today": today.isoformat(),
        "seconds": round(time.monotonic() - started, 1),
        "monitor_refresh_seconds": round(refreshed.seconds, 1),
        "rows": dict(sorted(bulk.written.items())),
        "history_rows": sum(n for name, n in bulk.written.items() if "_historical" in name),
        "users": staff.usernames,
    }


def _make_staff(dossiers: int, seed: int) -> Staff:
    rng = random.Random(f"{seed}:staff")
    password = make_password(DEMO_PASSWORD)  # one hash for everyone: hashing is slow on purpose
    gemeenten = [
        Gemeente.objects.get_or_create(cbs_code=code, defaults={"naam": naam})[0]
        for naam, code in GEMEENTEN
    ]
    groups = {role: Group.objects.get(name=role.value) for role in Role}
    usernames: dict[str, list[str]] = {role.value: [] for role in Role}

    def user(username, role, first_name, last_name, **extra):
        made = User.objects.create(
            username=username,
            first_name=first_name,
            last_name=last_name,
            password=password,
            email=f"{username}@bench.example",
            **extra,
        )
        made.groups.add(groups[role])
        TOTPDevice.objects.create(user=made, name="bench", confirmed=True, key=DEMO_TOTP_KEY)
        usernames[role.value].append(username)
        return made

    regisseur_count = max(2, round(dossiers / CASELOAD))
    team_count = max(1, -(-regisseur_count // TEAM_SIZE))
    teams, regisseurs = [], []
    for number in range(team_count):
        gemeente = gemeenten[_team_gemeente(number, team_count, len(gemeenten))]
        team = Team.objects.create(gemeente=gemeente, naam=f"Team Inburgering {number + 1}")
        teams.append(team)
        leader = user(f"teamleider{number + 1}", Role.TEAMLEIDER, "Teamleider", str(number + 1))
        leader.gemeenten.add(*gemeenten)
        TeamMembership.objects.create(team=team, user=leader, role=TeamRole.TEAMLEIDER)
    for number in range(regisseur_count):
        origin = rng.choice(ORIGINS)
        regisseur = user(
            f"regisseur{number + 1}",
            Role.REGISSEUR,
            rng.choice(NAMES[origin][0]),
            rng.choice(NAMES[origin][1]),
        )
        regisseur.gemeenten.add(*gemeenten)
        team = teams[number // TEAM_SIZE]
        TeamMembership.objects.create(team=team, user=regisseur, role=TeamRole.REGISSEUR)
        regisseurs.append(regisseur)
    for number, gemeente in enumerate(gemeenten):
        user(f"privacy{number + 1}", Role.PRIVACY_OFFICER, "Privacy", gemeente.naam).gemeenten.add(
            gemeente
        )
    user("beheer", Role.FUNCTIONEEL_BEHEERDER, "Functioneel", "Beheerder").gemeenten.add(*gemeenten)
    # The region's beleidsmedewerker, also its contactpersoon: the monitor and the delivery.
    policy = user("beleid", Role.BELEIDSMEDEWERKER, "Beleid", "Regio")
    policy.gemeenten.add(*gemeenten)
    policy.groups.add(groups[Role.CONTACTPERSOON])

    organisaties, partner_users = [], {}
    for number, (naam, domeinen, _share) in enumerate(ORGANISATIES):
        group = Group.objects.create(name=f"organisatie:{naam}")
        organisatie = Organisatie.objects.create(naam=naam, domeinen=domeinen, group=group)
        organisatie.gemeenten.add(*gemeenten)
        organisaties.append(organisatie)
        for member in range(2):
            partner = user(
                f"partner{number + 1}-{member + 1}",
                Role.KETENPARTNER,
                "Medewerker",
                naam,
                organisatie=organisatie,
            )
            partner.groups.add(group)
            partner_users.setdefault(naam, partner)
    view_permissions = {
        permission.codename: permission.id
        for permission in Permission.objects.filter(
            content_type__app_label="inburgering",
            content_type__model="inburgeraar",
            codename__regex=r"^(view|note)_(werk|inkomen|jeugd|wonen)$",
        )
    }
    return Staff(
        gemeenten, teams, regisseurs, organisaties, partner_users, view_permissions, usernames
    )


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A working-hours moment on ``day``, in the project's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(rng.randint(8, 16), rng.randint(0, 59)))
    )


def _team_gemeente(number: int, team_count: int, gemeente_count: int) -> int:
    """Which gemeente team ``number`` works for: the last teams one for each smaller gemeente,
    the rest for the largest (a single team works for the largest alone). A dossier belongs
    to its team's gemeente, as registering one does."""
    first_small = team_count - (gemeente_count - 1)
    return 0 if team_count < gemeente_count or number < first_small else number - first_small + 1


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _domein(leefgebied: str) -> str:
    return leefgebied if leefgebied in DOMEINEN else ""


def _dossier(bulk: Bulk, staff: Staff, number: int, rng: random.Random, today: datetime.date):
    regisseur = staff.regisseurs[number % len(staff.regisseurs)]
    team = staff.teams[staff.regisseurs.index(regisseur) // TEAM_SIZE]
    status = _weighted(rng, STATUS_WEIGHTS)
    age = {
        DossierStatus.AANGEMELD: (5, 40),
        DossierStatus.INTAKE: (30, 90),
        DossierStatus.PLAN: (60, 120),
        DossierStatus.UITVOERING: (120, 1100),
    }.get(status, (700, 1600))
    duty_start = today - datetime.timedelta(days=rng.randint(*age))
    origin = rng.choice(ORIGINS)
    doelgroep = (
        Doelgroep.ASIELSTATUSHOUDER if origin in ("SY", "ER", "AF") else Doelgroep.GEZINSMIGRANT
    )
    ended = status in (DossierStatus.AFGEROND, DossierStatus.VERHUISD, DossierStatus.UITGESCHREVEN)
    end_day = min(today - datetime.timedelta(days=10), duty_start + datetime.timedelta(days=600))
    created = _moment(duty_start + datetime.timedelta(days=rng.randint(1, 4)), rng)
    person = {
        "gemeente_id": team.gemeente_id,
        "team_id": team.id,
        # Some new dossiers wait in the team's queue for a regisseur.
        "regisseur_id": None
        if status == DossierStatus.AANGEMELD and rng.random() < QUEUED_SHARE
        else regisseur.id,
        "status": DossierStatus.AANGEMELD,
        **demo_person(rng, number, origin=origin, doelgroep=doelgroep, duty_start=duty_start),
        "created_at": created,
        "updated_at": created,
        "lock_version": 0,
    }
    dossier = bulk.add(Inburgeraar, number, at=created, by=regisseur.id, **person)
    dossier_id = dossier["id"]
    context = _Context(bulk, staff, number, rng, today, dossier_id, regisseur.id, duty_start)
    context.view(regisseur.id, created)

    path = [DossierStatus.INTAKE, DossierStatus.PLAN, DossierStatus.UITVOERING]
    reached = path[: path.index(status) + 1] if status in path else (path if ended else [])
    moments = {}
    day = duty_start + datetime.timedelta(days=rng.randint(5, 10))
    for step in reached:
        moments[step] = day
        dossier["status"] = step
        dossier["lock_version"] += 1
        bulk.history(Inburgeraar, number, dossier, "~", at=_moment(day, rng), by=regisseur.id)
        day += datetime.timedelta(days=rng.randint(20, 40))

    context.intake(reached and moments[DossierStatus.INTAKE], complete=len(reached) > 1)
    versies = context.plan(
        moments.get(DossierStatus.PLAN), running=DossierStatus.UITVOERING in reached, ended=ended
    )
    if DossierStatus.UITVOERING in reached:
        talks = context.talks(
            moments[DossierStatus.UITVOERING], versies, ended=ended, end_day=end_day
        )
        context.signals(talks, ended=ended)
        context.shares(moments[DossierStatus.UITVOERING], ended=ended, end_day=end_day)
    elif status == DossierStatus.PLAN:
        context.shares(moments[DossierStatus.PLAN], ended=False, end_day=end_day)
    if not ended and person["regisseur_id"] is not None:
        context.appointments(status)
    if ended:
        dossier["status"] = status
        dossier["datum_einde_plicht"] = end_day
        dossier["lock_version"] += 1
        bulk.history(Inburgeraar, number, dossier, "~", at=_moment(end_day, rng), by=regisseur.id)


class _Context:
    """One dossier's generation: the things every part needs."""

    def __init__(self, bulk, staff, number, rng, today, dossier_id, regisseur_id, duty_start):
        self.bulk, self.staff, self.slot, self.rng, self.today = bulk, staff, number, rng, today
        self.dossier_id, self.regisseur_id, self.duty_start = dossier_id, regisseur_id, duty_start
        self.afspraken: dict[int, list[dict]] = {}  # per plan version

    def add(self, model, at, by=None, reason=None, **values):
        return self.bulk.add(
            model,
            self.slot,
            at=at,
            by=self.regisseur_id if by is None else by,
            reason=reason,
            **values,
        )

    def change(self, model, values, at, by=None, reason=None):
        self.bulk.history(
            model,
            self.slot,
            values,
            "~",
            at=at,
            by=self.regisseur_id if by is None else by,
            reason=reason,
        )

    def view(self, actor_id, at, organisatie_id=None, domein=""):
        self.event(AuditAction.DOSSIER_VIEWED, at, actor_id, organisatie_id, domein)

    def event(self, action, at, actor_id, organisatie_id=None, domein=""):
        """An audit event as ``audit.record`` writes it (from the office network)."""
        self.bulk.plain(
            AuditEvent,
            self.slot,
            actor_id=actor_id,
            organisatie_id=organisatie_id,
            dossier_id=self.dossier_id,
            dossier_token="",
            domein=domein,
            action=action,
            detail="",
            at=at,
            ip_address="10.0.0.1",
            user_agent="Mozilla/5.0",
        )

    def moment(self, day):
        return _moment(day, self.rng)

    # Appointments ------------------------------------------------------------------------

    def appointments(self, status: str):
        """One held in the last three weeks and one in the next two, at office hours: a
        regisseur's week view holds the appointments of some twenty dossiers."""
        rng = self.rng
        soort = {
            DossierStatus.AANGEMELD: BijeenkomstSoort.OVERIG,
            DossierStatus.INTAKE: BijeenkomstSoort.OVERIG,  # an intake's come with invitations
            DossierStatus.PLAN: BijeenkomstSoort.PLAN,
        }.get(status, BijeenkomstSoort.VOORTGANGSGESPREK)
        held, coming = -rng.randint(1, 21), rng.randint(0, 14)
        for offset, opkomst in ((held, Opkomst.VERSCHENEN), (coming, Opkomst.OPEN)):
            day = self.today + datetime.timedelta(days=offset)
            start = datetime.time(rng.randint(9, 15), rng.choice((0, 30)))
            self.add(
                Bijeenkomst,
                self.moment(min(day, self.today) - datetime.timedelta(days=7)),
                dossier_id=self.dossier_id,
                soort=soort,
                date=day,
                start_time=start,
                end_time=datetime.time(start.hour + 1, start.minute),
                location="Stadskantoor, kamer 1.04",
                video_link="",
                interpreter_language=rng.choice(("", "", "ar", "ti")),
                interpreter_booked=False,
                host_id=self.regisseur_id,
                other_attendees="",
                note="",
                opkomst=opkomst,
                reason="",
                lock_version=1 if opkomst != Opkomst.OPEN else 0,
            )

    # The brede intake -------------------------------------------------------------------

    def intake(self, start: datetime.date | None, *, complete: bool):
        rng = self.rng
        invited = start or self.today + datetime.timedelta(days=rng.randint(3, 20))
        at = self.moment(invited - datetime.timedelta(days=3))
        intake = self.add(
            BredeIntake,
            at,
            dossier_id=self.dossier_id,
            status="lopend" if start else "niet_gestart",
        )
        self.add(
            Uitnodiging,
            at,
            intake_id=intake["id"],
            sent_on=invited - datetime.timedelta(days=14),
            appointment_on=invited,
            opkomst="verschenen" if start else "open",
        )
        if not start:
            return
        sessions = []
        day = start
        for index in range(rng.randint(2, 4)):
            sessions.append(
                self.add(
                    Intakegesprek,
                    self.moment(day),
                    intake_id=intake["id"],
                    held_on=day,
                    kanaal=rng.choice(["locatie", "huisbezoek", "telefoon", "video"]),
                    present="De inburgeraar",
                    interpreter_used=index == 0,
                    leefgebieden=LEEFGEBIEDEN,
                    notes=rng.choice(SITUATIES),
                )
            )
            day += datetime.timedelta(days=rng.randint(3, 8))
        for leefgebied in LEEFGEBIEDEN:
            session = rng.choice(sessions)
            bevinding = self.add(
                Bevinding,
                self.moment(session["held_on"]),
                intake_id=intake["id"],
                leefgebied=leefgebied,
                domein=_domein(leefgebied),
                gesprek_id=session["id"],
                current_situation=rng.choice(SITUATIES),
                ontwikkelwensen=rng.choice(DOELEN),
                aandachtspunten=rng.choice(NOTITIES),
                updated_at=self.moment(session["held_on"]),
            )
            if rng.random() < 0.5:  # filled in over two sessions
                bevinding["lock_version"] = 1
                self.change(Bevinding, bevinding, self.moment(day))
        self.add(
            Opleiding,
            self.moment(start),
            intake_id=intake["id"],
            niveau=rng.choice(["basis", "voortgezet", "beroeps"]),
            years=rng.randint(4, 12),
        )
        for _ in range(rng.randint(0, 2)):
            self.add(
                Werkervaring,
                self.moment(start),
                intake_id=intake["id"],
                profession=rng.choice(["Kapper", "Kok", "Chauffeur", "Boer", "Leraar"]),
                years=rng.randint(1, 10),
            )
        for _ in range(rng.randint(0, 3)):
            self.add(
                Kind,
                self.moment(start),
                intake_id=intake["id"],
                given_name=rng.choice(NAMES["SY"][0]),
                date_of_birth=datetime.date(
                    rng.randint(2008, 2024), rng.randint(1, 12), rng.randint(1, 28)
                ),
            )
        route = rng.choice(Leerroute.values)
        self.add(
            Leerbaarheidstoets,
            self.moment(start),
            intake_id=intake["id"],
            taken_on=start,
            indicated_route=route,
            indicated_level="b1" if route == "b1" else "a2",
        )
        if complete:
            intake.update(
                status="afgerond",
                advised_leerroute=route,
                advice_reasoning=rng.choice(DOELEN),
                completed_on=day,
                completed_by_id=self.regisseur_id,
                lock_version=1,
            )
            self.change(BredeIntake, intake, self.moment(day))

    # The PIP ----------------------------------------------------------------------------

    def plan(self, start: datetime.date | None, *, running: bool, ended: bool) -> list[dict]:
        if start is None:
            return []
        rng = self.rng
        pip = self.add(
            Pip,
            self.moment(start),
            dossier_id=self.dossier_id,
            termijn_start=None,
            created_at=self.moment(start),
        )
        count = rng.randint(1, 3) if running else 1
        versies = []
        day = start
        for number in range(1, count + 1):
            concept = not running or (
                number == count and count > 1 and not ended and rng.random() < 0.3
            )
            at = self.moment(day)
            versie = self.add(
                PipVersie,
                at,
                pip_id=pip["id"],
                number=number,
                status="concept",
                reden=""
                if number == 1
                else rng.choice(["schakelen", "gewijzigde_omstandigheden", "anders"]),
                reden_toelichting="" if number == 1 else rng.choice(SITUATIES),
                leerroute=rng.choice(Leerroute.values),
                niveau_lezen="b1",
                niveau_luisteren="b1",
                niveau_schrijven="a2",
                niveau_spreken="a2",
                taalschool="Taalschool Amsterdam",
                taal_uren_per_week=rng.choice([6, 9, 12]),
                begeleiding=rng.choice(SITUATIES),
                hoofddoel=rng.choice(["werk", "onderwijs", "participatie"]),
                loopbaanperspectief=rng.choice(DOELEN),
                created_by_id=self.regisseur_id,
                created_at=at,
            )
            self.sections(versie, at)
            if not concept:
                day += datetime.timedelta(days=rng.randint(5, 14))
                versie.update(
                    status="vastgesteld",
                    dagtekening=day,
                    vastgesteld_by_id=self.regisseur_id,
                    vastgesteld_at=self.moment(day),
                    lock_version=versie["lock_version"] + 1,
                )
                self.change(PipVersie, versie, versie["vastgesteld_at"])
                if number == 1:
                    pip["termijn_start"] = day
                    pip["termijn_einde"] = termijn_end(day)
                    self.change(Pip, pip, versie["vastgesteld_at"])
                    if rng.random() < ONTZORGEN_SHARE:  # for the monitor's ontzorgen
                        self.add(
                            Ontzorging,
                            versie["vastgesteld_at"],
                            versie_id=versie["id"],
                            items=["huur", "energie", "zorgverzekering"],
                            start=day,
                            geplande_einddatum=day + datetime.timedelta(days=182),
                        )
            versies.append(versie)
            day += datetime.timedelta(days=rng.randint(60, 200))
        return versies

    def sections(self, versie: dict, at: datetime.datetime):
        rng = self.rng
        chosen = LEEFGEBIEDEN if rng.random() < 0.5 else rng.sample(LEEFGEBIEDEN, 6)
        for leefgebied in chosen:
            sectie = self.add(
                Sectie,
                at,
                versie_id=versie["id"],
                leefgebied=leefgebied,
                domein=_domein(leefgebied),
                situatie=rng.choice(SITUATIES),
                doelen=rng.choice(DOELEN),
            )
            for _ in range(rng.randint(1, 3)):
                partner = rng.random() < 0.25
                afspraak = self.add(
                    Afspraak,
                    at,
                    sectie_id=sectie["id"],
                    wat=rng.choice(AFSPRAKEN),
                    wie="partner" if partner else rng.choice(["inburgeraar", "gemeente"]),
                    organisatie_id=rng.choice(self.staff.organisaties).id if partner else None,
                    uiterlijk=at.date() + datetime.timedelta(days=rng.randint(30, 180)),
                    status="open",
                )
                for status in ("lopend", "gedaan")[: rng.randint(0, 2)]:  # as talks update it
                    afspraak["status"] = status
                    at += datetime.timedelta(days=rng.randint(20, 60))
                    self.change(Afspraak, afspraak, at)
                self.afspraken.setdefault(versie["id"], []).append(afspraak)

    # Progress talks and signals -----------------------------------------------------------

    def talks(
        self, start: datetime.date, versies: list[dict], *, ended: bool, end_day
    ) -> list[dict]:
        rng = self.rng
        fixed = [v for v in versies if v["status"] == "vastgesteld"] or versies
        talks = []
        day = start + datetime.timedelta(days=rng.randint(30, 90))
        last = end_day if ended else self.today
        for _ in range(rng.randint(2, 8)):
            if day > last:
                break
            talks.append(self._talk(day, rng.choice(fixed), held=True))
            day += datetime.timedelta(days=rng.randint(60, 120))
        held = [t for t in talks if t["held_on"]]
        for soort in ("map", "pvt")[: len(held)]:  # under way since the first talks
            # After three talks most are finished (the monitor counts how), a few stopped.
            finished = held[-1]["held_on"] if len(held) >= 3 else None
            stopped = finished is not None and rng.random() < 0.2
            self.add(
                Traject,
                self.moment(held[0]["held_on"]),
                dossier_id=self.dossier_id,
                soort=soort,
                status="niet_afgerond" if stopped else "afgerond" if finished else "lopend",
                started_on=held[0]["held_on"],
                finished_on=finished,
                verwijtbaar=rng.random() < 0.5 if stopped else None,
                updated_by_id=self.regisseur_id,
                lock_version=1,
            )
        if not ended:
            talks.append(
                self._talk(
                    max(day, self.today + datetime.timedelta(days=rng.randint(-10, 40))),
                    fixed[-1],
                    held=False,
                )
            )
        return talks

    def _talk(self, day: datetime.date, versie: dict, *, held: bool) -> dict:
        rng = self.rng
        planned_at = self.moment(day - datetime.timedelta(days=21))
        talk = self.add(
            Voortgangsgesprek,
            planned_at,
            dossier_id=self.dossier_id,
            versie_id=versie["id"],
            status="gepland",
            planned_on=day,
            created_by_id=self.regisseur_id,
            created_at=planned_at,
        )
        if not held:
            if day <= self.today + datetime.timedelta(days=14):
                self.add(
                    Herinnering,
                    self.moment(day - datetime.timedelta(days=14)),
                    recipient_id=self.regisseur_id,
                    dossier_id=self.dossier_id,
                    soort="gesprek",
                    cause=f"gesprek:{talk['id']}:{day.isoformat()}",
                    due_on=day,
                    gesprek_id=talk["id"],
                    created_at=self.moment(day - datetime.timedelta(days=14)),
                )
            return talk
        at = self.moment(day)
        talk.update(
            status="gehouden",
            held_on=day,
            notes=rng.choice(NOTITIES),
            lesuren_gevolgd=rng.randint(20, 200),
            lock_version=1,
        )
        self.change(Voortgangsgesprek, talk, at)
        for leefgebied in rng.sample(LEEFGEBIEDEN, rng.randint(1, 3)):
            self.add(
                Voortgangsnotitie,
                at,
                dossier_id=self.dossier_id,
                gesprek_id=talk["id"],
                leefgebied=leefgebied,
                domein=_domein(leefgebied),
                text=rng.choice(NOTITIES),
                author_id=self.regisseur_id,
                created_at=at,
            )
        mine = self.afspraken.get(versie["id"], [])
        for afspraak in rng.sample(mine, min(len(mine), rng.randint(1, 3))):
            self.add(
                AfspraakVoortgang,
                at,
                gesprek_id=talk["id"],
                afspraak_id=afspraak["id"],
                status=rng.choice(["lopend", "gedaan"]),
                comment="",
            )
        if rng.random() < 0.3:
            self.add(
                Examenresultaat,
                at,
                dossier_id=self.dossier_id,
                gesprek_id=talk["id"],
                onderdeel=rng.choice(["lezen", "luisteren", "schrijven", "spreken", "knm"]),
                niveau="b1",
                taken_on=day - datetime.timedelta(days=10),
                uitslag=rng.choice(["behaald", "niet_behaald"]),
            )
        concluded = self.moment(day + datetime.timedelta(days=1))
        talk.update(
            status="afgerond",
            conclusie="doorgaan",
            concluded_by_id=self.regisseur_id,
            concluded_at=concluded,
            lock_version=2,
        )
        self.change(Voortgangsgesprek, talk, concluded)
        return talk

    def signals(self, talks: list[dict], *, ended: bool):
        rng = self.rng
        held = [t for t in talks if t["held_on"]]
        for _ in range(rng.randint(0, 4) if held else 0):
            talk = rng.choice(held)
            leefgebied = rng.choice(LEEFGEBIEDEN)
            partner = rng.random() < 0.3
            at = self.moment(talk["held_on"])
            signaal = self.add(
                Signaal,
                at,
                dossier_id=self.dossier_id,
                gesprek_id=talk["id"],
                leefgebied=leefgebied,
                domein=_domein(leefgebied),
                subject=rng.choice(SIGNALEN),
                description=rng.choice(NOTITIES),
                ernst=rng.choice(["laag", "midden", "hoog"]),
                owner_id=None if partner else self.regisseur_id,
                owner_organisatie_id=rng.choice(self.staff.organisaties).id if partner else None,
                follow_up_on=talk["held_on"] + datetime.timedelta(days=rng.randint(7, 60)),
                status="open",
                raised_by_id=self.regisseur_id,
                created_at=at,
            )
            if ended or signaal["follow_up_on"] < self.today - datetime.timedelta(days=30):
                signaal.update(
                    status="afgehandeld",
                    resolution=rng.choice(NOTITIES),
                    resolved_on=signaal["follow_up_on"],
                    lock_version=1,
                )
                self.change(Signaal, signaal, self.moment(signaal["follow_up_on"]))

    # Shares ------------------------------------------------------------------------------

    def shares(self, start: datetime.date, *, ended: bool, end_day):
        rng = self.rng
        for organisatie, (_naam, domeinen, share) in zip(
            self.staff.organisaties, ORGANISATIES, strict=True
        ):
            if rng.random() >= share:
                continue
            given = start + datetime.timedelta(days=rng.randint(0, 60))
            if given > self.today:
                continue
            at = self.moment(given)
            consent = "inkomen" in domeinen or "werk" in domeinen
            toestemming = None
            if consent:
                toestemming = self.add(
                    Toestemming,
                    at,
                    reason="Begeleiding volgens het plan",
                    dossier_id=self.dossier_id,
                    organisatie_id=organisatie.id,
                    given_on=given,
                    wijze="schriftelijk",
                    recorded_by_id=self.regisseur_id,
                )
            # An ended share is gone from the tables and kept in the history (as the service does).
            stopped = ended or rng.random() < 0.15
            for domein in domeinen:
                self._share(
                    organisatie, domein, toestemming, given, at, stopped=stopped, end_day=end_day
                )
            self.view_by_partner(organisatie, domeinen[0], given)

    def _share(self, organisatie, domein, toestemming, given, at, *, stopped: bool, end_day):
        group_id = organisatie.group_id
        permissions = self.staff.view_permissions
        may_note = domein != "wonen"
        view = self.bulk.plain(
            InburgeraarGroupObjectPermission,
            self.slot,
            permission_id=permissions[f"view_{domein}"],
            group_id=group_id,
            content_object_id=self.dossier_id,
        )
        note = (
            self.bulk.plain(
                InburgeraarGroupObjectPermission,
                self.slot,
                permission_id=permissions[f"note_{domein}"],
                group_id=group_id,
                content_object_id=self.dossier_id,
            )
            if may_note
            else None
        )
        reason = "Begeleiding volgens het plan"
        deling = {
            "dossier_id": self.dossier_id,
            "organisatie_id": organisatie.id,
            "domein": domein,
            "may_note": may_note,
            "grondslag": Grondslag.TOESTEMMING if toestemming else Grondslag.WETTELIJKE_TAAK,
            "toestemming_id": toestemming and toestemming["id"],
            "wettelijk_artikel": "" if toestemming else "art. 6 lid 1 sub e AVG",
            "reden": reason,
            "valid_until": given + datetime.timedelta(days=365),
            "granted_by_id": self.regisseur_id,
            "granted_at": at,
            "view_permission_id": view["id"],
            "note_permission_id": note and note["id"],
            "lock_version": 0,
        }
        deling = self.add(Deling, at, reason=reason, **deling)
        if not stopped and deling["valid_until"] <= self.today:  # extended, as it ran out
            deling["valid_until"] = self.today + datetime.timedelta(days=self.rng.randint(30, 300))
            deling["lock_version"] = 1
            self.change(Deling, deling, self.moment(self.today - datetime.timedelta(days=20)))
        self.event(AuditAction.SHARE_GRANTED, at, self.regisseur_id, organisatie.id, domein)
        if stopped:
            day = min(end_day, self.today) if end_day >= given else given
            ended_at = self.moment(day)
            self.bulk.history(
                Deling,
                self.slot,
                deling,
                "-",
                at=ended_at,
                by=self.regisseur_id,
                reason="Traject afgerond",
            )
            self.bulk.drop(Deling, deling["id"])
            self.bulk.drop(InburgeraarGroupObjectPermission, view["id"])
            if note:
                self.bulk.drop(InburgeraarGroupObjectPermission, note["id"])
            self.event(AuditAction.SHARE_ENDED, ended_at, self.regisseur_id, organisatie.id, domein)

    def view_by_partner(self, organisatie, domein, given):
        partner = self.staff.partner_users[organisatie.naam]
        for days in (1, 30, 90):
            day = given + datetime.timedelta(days=days)
            if day <= self.today:
                self.view(partner.id, self.moment(day), organisatie.id, domein)
