"""Demo data: a region of three municipalities with a team, partners and 60 dossiers.

Deterministic (fixed seed) and idempotent: running it twice changes nothing.
"""

from __future__ import annotations

import base64
import datetime
import json
import random
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from inburgering.choices import (
    ENDED_STATUSES,
    RUNNING_STATUSES,
    BijeenkomstSoort,
    Doelgroep,
    Domein,
    DossierStatus,
    ExportKind,
    Opkomst,
    Regime,
    Role,
    TeamRole,
    Verblijfsvergunning,
)
from inburgering.languages import LETTER_LANGUAGES
from inburgering.law import regime_for_duty_start
from inburgering.models import (
    AuditAction,
    AuditEvent,
    Bijeenkomst,
    Brief,
    DossierMove,
    Gemeente,
    Inburgeraar,
    Organisatie,
    Team,
    TeamMembership,
    User,
    Waarneming,
)
from inburgering.services import ServiceError

# Apps add their own demo data (intakes, plans, talks) when the core's is loaded; the core
# imports none. Receivers get ``statuses``: the status each newly registered dossier (by id)
# should reach; the apps bring it there through their services (intake, plan), and the core
# then closes the ended ones.
demo_data_loaded = Signal()
# Sent when all of it is in: apps renew what they derive from it (the monitor's figures).
demo_data_complete = Signal()

DEMO_PASSWORD = "inburgering-demo"
# One published authenticator key for every demo account (demo data only): add it to an app,
# or run `oathtool --totp -b <key>`, to get the login code.
DEMO_TOTP_KEY = "696e627572676572696e672d64656d6f2d6b6579"  # b"inburgering-demo-key"
SEED = 2021
DOSSIER_COUNT = 60
QUEUED_COUNT = 3  # registered by the teamleider, waiting in the first team's queue
# Days before today that a dossier's duty started, by the status it reaches: the PIP
# deadlines of new dossiers fall a few weeks either side of today, so a worklist has a few
# things due this week and a few overdue by days, as in a normal week.
DUTY_STARTED_DAYS_AGO = {
    DossierStatus.AANGEMELD: (5, 90),
    DossierStatus.INTAKE: (20, 95),
    DossierStatus.PLAN: (40, 100),
    DossierStatus.UITVOERING: (120, 1100),
}
ENDED_DUTY_STARTED_DAYS_AGO = (1200, 2400)  # some before 2022: the old regime

GEMEENTEN = [("Leiden", "GM0546"), ("Leiderdorp", "GM0547"), ("Oegstgeest", "GM0579")]

ORGANISATIES = [
    ("Werkbedrijf Leidse Regio", [Domein.WERK], "werk"),
    ("Sociale Zaken Inkomen", [Domein.INKOMEN], "inkomen"),
    ("Jeugdteam Leidse Regio", [Domein.JEUGD], "jeugd"),
    ("Woningcorporatie De Sleutels", [Domein.WONEN], "wonen"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role


STAFF = [
    DemoUser("teamleider", "Marieke", "de Vries", Role.TEAMLEIDER),
    DemoUser("regisseur1", "Sanne", "Jansen", Role.REGISSEUR),
    DemoUser("regisseur2", "Youssef", "El Amrani", Role.REGISSEUR),
    DemoUser("regisseur3", "Anouk", "van den Berg", Role.REGISSEUR),
    DemoUser("regisseur4", "Daan", "Mulder", Role.REGISSEUR),
    DemoUser("privacy", "Pieter", "Bakker", Role.PRIVACY_OFFICER),
    DemoUser("beleid", "Fatima", "Ouali", Role.BELEIDSMEDEWERKER),
    DemoUser("beheer", "Linda", "Visser", Role.FUNCTIONEEL_BEHEERDER),
]

# Given names and surnames by origin, as they appear in Dutch registers (transliterated).
NAMES = {
    "SY": (
        ["Ahmad", "Mohammed", "Rania", "Lina", "Omar", "Nour", "Khaled", "Yara", "Hassan", "Aya"],
        ["Al-Hassan", "Haddad", "Khalil", "Darwish", "Al-Masri", "Suleiman", "Nasser"],
    ),
    "ER": (
        ["Semhar", "Yonas", "Tesfay", "Helen", "Filmon", "Senait", "Dawit", "Luwam", "Merhawi"],
        ["Tesfamariam", "Gebremedhin", "Haile", "Kidane", "Abraha", "Weldemichael", "Berhane"],
    ),
    "UA": (
        ["Olena", "Oleksandr", "Iryna", "Mykola", "Kateryna", "Andriy", "Yuliia", "Serhiy"],
        ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchenko"],
    ),
    "AF": (
        ["Farid", "Zahra", "Mustafa", "Parwin", "Ahmad Shah", "Maryam", "Habib"],
        ["Rahimi", "Ahmadzai", "Karimi", "Noori", "Sultani", "Hashimi"],
    ),
    "TR": (
        ["Elif", "Mehmet", "Ayşe", "Emre", "Zeynep", "Burak"],
        ["Yılmaz", "Demir", "Kaya", "Şahin", "Çelik"],
    ),
    "MA": (
        ["Fatima", "Karim", "Samira", "Rachid", "Imane"],
        ["El Idrissi", "Benali", "Amrani", "Bouzid"],
    ),
}
DOELGROEP_BY_ORIGIN = {
    "SY": Doelgroep.ASIELSTATUSHOUDER,
    "ER": Doelgroep.ASIELSTATUSHOUDER,
    "AF": Doelgroep.ASIELSTATUSHOUDER,
    "UA": Doelgroep.GEZINSMIGRANT,
    "TR": Doelgroep.GEZINSMIGRANT,
    "MA": Doelgroep.GEZINSMIGRANT,
}
LANGUAGES_BY_ORIGIN = {
    "SY": ["ar", "ckb"],
    "ER": ["ti", "ar"],
    "UA": ["uk", "ru"],
    "AF": ["prs", "ps"],
    "TR": ["tr", "kmr"],
    "MA": ["ar", "ber"],
}


def demo_bsn(number: int) -> str:
    """A BSN that passes the 11-test, from a running number (deterministic)."""
    base = f"{100000000 + number * 7919:09d}"[:8]
    for last in range(10):
        candidate = base + str(last)
        total = sum(int(d) * w for d, w in zip(candidate[:8], range(9, 1, -1), strict=True))
        if (total - int(candidate[8])) % 11 == 0:
            return candidate
    return demo_bsn(number + 100000)


def demo_person(
    rng: random.Random,
    number: int,
    *,
    origin: str,
    doelgroep: str,
    duty_start: datetime.date,
    kennisgeving_days: tuple[int, int] = (7, 20),
    brp_days: tuple[int, int] = (1, 30),
) -> dict:
    """The personal data (``PERSONAL_DATA_FIELDS``) of made-up person ``number``, drawn from
    ``rng``: the demo region's and the benchmark's people are made alike."""
    given, surnames = NAMES[origin]
    brp = duty_start + datetime.timedelta(days=rng.randint(*brp_days))
    asiel = doelgroep == Doelgroep.ASIELSTATUSHOUDER
    nareiziger = asiel and number % 13 == 6  # joined later on a regular permit
    # Asylum permit holders live on social assistance from soon after they are housed; some
    # found work, one in seven stopped it early.
    bijstand = brp + datetime.timedelta(days=3) if asiel and number % 5 else None
    if bijstand and bijstand > timezone.localdate():
        bijstand = None  # not housed yet
    bijstand_end = bijstand + datetime.timedelta(days=110) if bijstand and number % 7 == 3 else None
    return {
        "bsn": demo_bsn(number),
        "v_nummer": f"{3000000000 + number * 104729:010d}"[-10:],
        "given_names": rng.choice(given),
        "surname": rng.choice(surnames),
        "date_of_birth": datetime.date(
            rng.randint(1965, 2006), rng.randint(1, 12), rng.randint(1, 28)
        ),
        "nationality": origin,
        "languages": LANGUAGES_BY_ORIGIN[origin][: rng.randint(1, 2)],
        "doelgroep": doelgroep,
        "regime": regime_for_duty_start(duty_start),
        "datum_start_inburgeringsplicht": duty_start,
        "datum_kennisgeving": duty_start + datetime.timedelta(days=rng.randint(*kennisgeving_days)),
        # COA links the person to the gemeente before it houses them there (BRP).
        "datum_koppeling": (
            duty_start + (brp - duty_start) // 2
            if doelgroep == Doelgroep.ASIELSTATUSHOUDER
            else None
        ),
        "datum_brp_inschrijving": brp,
        "verblijfsvergunning": (
            Verblijfsvergunning.ASIEL if asiel and not nareiziger else Verblijfsvergunning.REGULIER
        ),
        "datum_start_bijstand": bijstand,
        "datum_einde_bijstand": bijstand_end,
    }


def _user(username, first_name, last_name, role, **extra) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first_name, "last_name": last_name, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=role.value))
    TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "demo", "key": DEMO_TOTP_KEY}
    )
    return user


def demo_totp_key_base32() -> str:
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


@transaction.atomic
def load_demo_data() -> dict:
    """Create the demo region; returns the usernames per role for printing."""
    gemeenten = [
        Gemeente.objects.get_or_create(cbs_code=code, defaults={"naam": naam})[0]
        for naam, code in GEMEENTEN
    ]
    teams = [
        Team.objects.get_or_create(gemeente=gemeente, naam=f"Team Inburgering {gemeente.naam}")[0]
        for gemeente in gemeenten
    ]
    staff = {
        demo.username: _user(demo.username, demo.first_name, demo.last_name, demo.role)
        for demo in STAFF
    }
    for user in staff.values():
        user.gemeenten.add(*gemeenten)
    # The beleidsmedewerker is also the contactpersoon: releases the quarterly delivery.
    staff["beleid"].groups.add(Group.objects.get(name=Role.CONTACTPERSOON))
    regisseurs = [staff["regisseur1"], staff["regisseur2"], staff["regisseur3"]]
    TeamMembership.objects.get_or_create(  # a second regisseur in the first team
        team=teams[0], user=staff["regisseur4"], defaults={"role": TeamRole.REGISSEUR}
    )
    for team in teams:
        TeamMembership.objects.get_or_create(
            team=team, user=staff["teamleider"], defaults={"role": TeamRole.TEAMLEIDER}
        )
    for team, regisseur in zip(teams, regisseurs, strict=True):
        TeamMembership.objects.get_or_create(
            team=team, user=regisseur, defaults={"role": TeamRole.REGISSEUR}
        )

    partners = []
    for naam, domeinen, username in ORGANISATIES:
        group, _ = Group.objects.get_or_create(name=f"organisatie:{naam}")
        organisatie, _ = Organisatie.objects.get_or_create(
            naam=naam, defaults={"domeinen": domeinen, "group": group}
        )
        organisatie.gemeenten.add(*gemeenten)
        partner = _user(
            f"partner-{username}",
            "Medewerker",
            naam,
            Role.KETENPARTNER,
            organisatie=organisatie,
        )
        partner.groups.add(group)
        partners.append(partner.username)

    registered = _load_dossiers(teams, regisseurs)
    _load_queue(teams[0], staff["teamleider"])  # before the apps' data: reminders include it
    _load_wi2013(teams, regisseurs)
    statuses = {dossier.pk: status for dossier, status, _ended in registered}
    demo_data_loaded.send(sender=load_demo_data, seed=SEED, statuses=statuses)
    _close_dossiers(registered)
    _load_shares()
    _load_waarneming(staff["teamleider"], absent=staff["regisseur1"], colleague=staff["regisseur4"])
    _load_life_events(staff["teamleider"], teams)
    _load_contact_details(staff["teamleider"])
    _load_appointments()
    _load_letters()
    demo_data_complete.send(sender=load_demo_data)
    return {
        "teamleider": ["teamleider"],
        "regisseur": [*(user.username for user in regisseurs), "regisseur4"],
        "ketenpartner": partners,
        "privacy_officer": ["privacy"],
        "functioneel_beheerder": ["beheer"],
    }


def _load_dossiers(teams, regisseurs) -> list[tuple[Inburgeraar, str, datetime.date]]:
    """Register the demo dossiers that are not there yet, through the service, each by the
    regisseur of its team; returns them with the status each should reach and, for an ended
    one, the day its duty ended."""
    from inburgering.dossier.services import register_inburgeraar

    rng = random.Random(SEED)
    registered = []
    statuses = list(DossierStatus)
    origins = list(NAMES)
    today = timezone.localdate()
    for number in range(DOSSIER_COUNT):
        bsn = demo_bsn(number)
        if Inburgeraar.objects.filter(bsn=bsn).exists():
            continue
        origin = origins[number % len(origins)]
        index = number % len(teams)
        status = statuses[number % len(statuses)]
        days_ago = DUTY_STARTED_DAYS_AGO.get(status, ENDED_DUTY_STARTED_DAYS_AGO)
        duty_start = today - datetime.timedelta(days=rng.randint(*days_ago))
        doelgroep = DOELGROEP_BY_ORIGIN[origin]
        if origin == "SY" and number % 11 == 0:
            doelgroep = Doelgroep.OVERIGE_MIGRANT
        ended = min(today, duty_start + datetime.timedelta(days=400 + number % 300))
        data = demo_person(rng, number, origin=origin, doelgroep=doelgroep, duty_start=duty_start)
        dossier = register_inburgeraar(actor=regisseurs[index], team=teams[index], data=data)
        registered.append((dossier, status, ended))
    return registered


def _load_queue(team, teamleider) -> None:
    """A few dossiers the teamleider registered this week: in the team's queue, waiting for
    a regisseur."""
    from inburgering.dossier.services import register_inburgeraar

    rng = random.Random(f"{SEED}:queue")
    today = timezone.localdate()
    origins = list(NAMES)
    for number in range(DOSSIER_COUNT, DOSSIER_COUNT + QUEUED_COUNT):
        if Inburgeraar.objects.filter(bsn=demo_bsn(number)).exists():
            continue
        origin = origins[number % len(origins)]
        data = demo_person(
            rng,
            number,
            origin=origin,
            doelgroep=DOELGROEP_BY_ORIGIN[origin],
            duty_start=today - datetime.timedelta(days=rng.randint(2, 12)),
            kennisgeving_days=(1, 2),
            brp_days=(1, 2),
        )
        register_inburgeraar(actor=teamleider, team=team, data=data)


# The ondertussengroep: obliged before 2022, so under the Wi2013 (no PIP; DUO keeps the
# termijn). Their dates are the law's, not relative to today.
WI2013_DUTY_STARTS = (datetime.date(2021, 9, 1), datetime.date(2021, 11, 15))


def _load_wi2013(teams, regisseurs) -> None:
    """Two asylum permit holders under the Wi2013, registered now: the apps add their
    social guidance, PVT and DUO's extension."""
    from inburgering.dossier.services import register_inburgeraar

    rng = random.Random(f"{SEED}:wi2013")
    first = DOSSIER_COUNT + QUEUED_COUNT
    for offset, duty_start in enumerate(WI2013_DUTY_STARTS):
        number = first + offset
        if Inburgeraar.objects.filter(bsn=demo_bsn(number)).exists():
            continue
        data = demo_person(
            rng, number, origin="ER", doelgroep=Doelgroep.ASIELSTATUSHOUDER, duty_start=duty_start
        )
        register_inburgeraar(actor=regisseurs[offset], team=teams[offset], data=data)


def _load_waarneming(teamleider, *, absent, colleague) -> None:
    """The absent regisseur is on holiday this week; a colleague of the team stands in."""
    from inburgering.dossier.services import arrange_waarneming

    if Waarneming.objects.filter(regisseur=absent, waarnemer=colleague).exists():
        return
    today = timezone.localdate()
    arrange_waarneming(
        actor=teamleider,
        regisseur_id=absent.pk,
        waarnemer_id=colleague.pk,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=6),
        reason="Vakantie",
    )


def _close_dossiers(registered) -> None:
    """End the duty of the dossiers meant to be closed, through the service (after the apps
    have added their intake), as their regisseur would."""
    from inburgering.dossier.services import close_dossier

    for dossier, status, ended in registered:
        if status not in ENDED_STATUSES:
            continue
        close_dossier(
            actor=dossier.regisseur,
            dossier_id=dossier.pk,
            expected_version=Inburgeraar.objects.get(pk=dossier.pk).lock_version,
            status=status,
            ended_on=ended,
            reason="Demogegevens",
            new_gemeente="Den Haag" if status == DossierStatus.VERHUISD else "",
        )


STREETS = ["Kerkstraat", "Stationsweg", "Lindenlaan", "Beatrixstraat", "Molenweg", "Havenkade"]


def _load_contact_details(actor) -> None:
    """How to reach each running person: an address in their gemeente, a mobile number, the
    language for letters (their own, where letters exist in it) and, for some, an
    interpreter and a contact person. Once, however often the data is loaded."""
    from inburgering.dossier.services import save_contact_details
    from inburgering.validators import normal_phone

    rng = random.Random(SEED + 1)
    for number, dossier in enumerate(
        Inburgeraar.objects.filter(status__in=RUNNING_STATUSES, contact__isnull=True)
        .select_related("gemeente")
        .order_by("pk")
    ):
        language = next((code for code in dossier.languages if code in LETTER_LANGUAGES), "")
        interpreter = bool(language) and number % 3 == 0
        letters = "ABCDEFGH"[number % 8] + "KLMNPRST"[number % 8]
        save_contact_details(
            actor=actor,
            dossier_id=dossier.pk,
            expected_version=0,
            data={
                "street": STREETS[number % len(STREETS)],
                "house_number": str(rng.randint(1, 180)),
                "postcode": f"{rng.randint(1000, 9999)} {letters}",
                "city": dossier.gemeente.naam,
                "phone": normal_phone(f"0612{rng.randint(100_000, 999_999)}"),
                "letter_language": language,
                "interpreter_needed": interpreter,
                "interpreter_language": language if interpreter else "",
                "contact_name": "Maatje van VluchtelingenWerk" if number % 4 == 0 else "",
                "contact_role": "maatje" if number % 4 == 0 else "",
            },
        )


# The kind of appointment a dossier in each phase has this week.
APPOINTMENT_KINDS = {
    DossierStatus.AANGEMELD: BijeenkomstSoort.OVERIG,
    DossierStatus.INTAKE: BijeenkomstSoort.BREDE_INTAKE,
    DossierStatus.PLAN: BijeenkomstSoort.PLAN,
    DossierStatus.UITVOERING: BijeenkomstSoort.VOORTGANGSGESPREK,
}


def _load_appointments() -> None:
    """A normal week for every regisseur: each running dossier with a regisseur has an
    appointment from last week to next week, in its phase's kind, with the interpreter its
    contact details ask for; some are by video, one was moved, one cancelled, and the past
    ones are attended, cancelled by the person or missed (an intake no-show escalates).
    Once, however often the data is loaded."""
    from inburgering.bijeenkomsten import services as bijeenkomst_services

    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    dossiers = (
        Inburgeraar.objects.filter(
            status__in=RUNNING_STATUSES, regisseur__isnull=False, bijeenkomsten__isnull=True
        )
        .select_related("gemeente", "regisseur", "contact")
        .order_by("pk")
    )
    for number, dossier in enumerate(dossiers):
        day = monday + datetime.timedelta(days=(number * 3) % 19 - 7)
        day += datetime.timedelta(days=2) if day.weekday() >= 5 else datetime.timedelta()
        start = datetime.time(9 + number % 7, 30 if number % 2 else 0)
        contact = getattr(dossier, "contact", None)
        language = contact.interpreter_language if contact and contact.interpreter_needed else ""
        by_video, room = number % 5 == 4, number % 6 + 1
        data = {
            "soort": APPOINTMENT_KINDS[dossier.status],
            "date": day,
            "start_time": start,
            "end_time": datetime.time(start.hour + 1, start.minute),
            "location": "" if by_video else f"Stadskantoor {dossier.gemeente}, kamer 1.0{room}",
            "video_link": f"https://video.example.nl/inburgering-{number}" if by_video else "",
            "interpreter_language": language,
            "interpreter_booked": bool(language) and day < today + datetime.timedelta(days=4),
            "host": dossier.regisseur,
            "note": "Neem uw verblijfsdocument en uw post van de gemeente mee.",
        }
        actor = dossier.regisseur
        try:
            bijeenkomst = bijeenkomst_services.plan_bijeenkomst(
                actor=actor, dossier_id=dossier.pk, data=data
            )
        except ServiceError:  # an intake phase without an intake (received from elsewhere)
            data["soort"] = BijeenkomstSoort.OVERIG
            bijeenkomst = bijeenkomst_services.plan_bijeenkomst(
                actor=actor, dossier_id=dossier.pk, data=data
            )
        ids = {"actor": actor, "dossier_id": dossier.pk, "bijeenkomst_id": bijeenkomst.pk}
        if bijeenkomst.starts_at < timezone.now():
            outcome = [Opkomst.VERSCHENEN, Opkomst.VERSCHENEN, Opkomst.AFGEMELD][number % 3]
            if data["soort"] == BijeenkomstSoort.BREDE_INTAKE:
                outcome = Opkomst.NIET_VERSCHENEN  # a warning and a new invitation follow
            bijeenkomst_services.record_attendance(**ids, opkomst=outcome)
        elif number % 11 == 3:
            bijeenkomst_services.change_bijeenkomst(
                **ids,
                expected_version=0,
                data=data | {"date": day + datetime.timedelta(days=7)},
                reason="De tolk kon niet op de eerste datum.",
            )
        elif number % 11 == 7:
            bijeenkomst_services.cancel_bijeenkomst(
                **ids, expected_version=0, reason="De persoon is ziek; nieuwe afspraak volgt."
            )


def _load_letters() -> None:
    """Letters of a normal week: an invitation for three open intake appointments, in the
    person's letter language beside the Dutch; for a missed intake a new appointment next week
    and the written warning about it. Once, however often the data is loaded."""
    from inburgering.bijeenkomsten import services as bijeenkomst_services
    from inburgering.brieven import services as brief_services

    if Brief.objects.exists():
        return
    today = timezone.localdate()
    invited = Bijeenkomst.objects.filter(
        soort=BijeenkomstSoort.BREDE_INTAKE, opkomst=Opkomst.OPEN
    ).select_related("dossier__contact", "dossier__regisseur")
    for bijeenkomst in invited.order_by("pk")[:3]:
        contact = getattr(bijeenkomst.dossier, "contact", None)
        brief_services.make_brief(
            actor=bijeenkomst.dossier.regisseur,
            dossier_id=bijeenkomst.dossier_id,
            kind="uitnodiging_intake",
            language=contact.letter_language if contact else "",
            bijeenkomst_id=bijeenkomst.pk,
        )
    missed = Bijeenkomst.objects.filter(
        soort=BijeenkomstSoort.BREDE_INTAKE, opkomst=Opkomst.NIET_VERSCHENEN
    ).select_related("dossier__contact", "dossier__regisseur")
    for bijeenkomst in missed.order_by("pk")[:2]:
        dossier = bijeenkomst.dossier
        again = bijeenkomst_services.plan_bijeenkomst(
            actor=dossier.regisseur,
            dossier_id=dossier.pk,
            data={
                "soort": BijeenkomstSoort.BREDE_INTAKE,
                "date": today + datetime.timedelta(days=8 - today.weekday()),
                "start_time": bijeenkomst.start_time,
                "end_time": bijeenkomst.end_time,
                "location": bijeenkomst.location,
                "video_link": bijeenkomst.video_link,
                "interpreter_language": bijeenkomst.interpreter_language,
                "host": dossier.regisseur,
            },
        )
        contact = getattr(dossier, "contact", None)
        brief_services.make_brief(
            actor=dossier.regisseur,
            dossier_id=dossier.pk,
            kind="waarschuwing",
            language=contact.letter_language if contact else "",
            bijeenkomst_id=again.pk,
        )


def _load_life_events(teamleider, teams) -> None:
    """A normal week across gemeenten, through the services: a dossier moved within the
    region, a closed one reopened (the person came back), and a handover received from
    Den Haag, each waiting in a queue. Once, however often the data is loaded."""
    from inburgering.dossier import services
    from inburgering.privacy import inzage

    last_team = teams[-1]
    if not DossierMove.objects.exists():
        moving = (
            Inburgeraar.objects.filter(status=DossierStatus.UITVOERING, team=teams[1])
            .order_by("pk")
            .first()
        )
        services.move_dossier(
            actor=teamleider,
            dossier_id=moving.pk,
            expected_version=moving.lock_version,
            team_id=last_team.pk,
            reason="Verhuisd binnen de regio",
        )
    closed = Inburgeraar.objects.filter(status=DossierStatus.VERHUISD, team=teams[1]).first()
    if (
        closed is not None
        and not AuditEvent.objects.filter(action=AuditAction.DOSSIER_REOPENED).exists()
    ):
        services.reopen_dossier(
            actor=teamleider,
            dossier_id=closed.pk,
            expected_version=closed.lock_version,
            reason="Teruggekeerd naar de gemeente",
        )
    received_bsn = demo_bsn(DOSSIER_COUNT + 500)
    if not Inburgeraar.objects.filter(bsn=received_bsn).exists():
        source = (
            Inburgeraar.objects.filter(status=DossierStatus.UITVOERING, regime=Regime.WI2021)
            .exclude(team=last_team)
            .order_by("pk")
            .first()
        )
        document = json.loads(inzage.as_json(inzage.collect(source, ExportKind.OVERDRACHT)))
        document["gemeente"] = "Den Haag"
        document["personal_data"] |= {
            "bsn": received_bsn,
            "given_names": "Yonas",
            "surname_prefix": "",
            "surname": "Gebremedhin",
        }
        services.receive_handover(
            actor=teamleider, team=last_team, raw=json.dumps(document).encode()
        )


def _load_shares() -> None:
    """Share the dossiers in progress with the partners, so each partner account has work:
    werk and inkomen on consent, wonen as a statutory task, jeugd for families only."""
    from inburgering.sharing.services import grant_shares

    organisations = {o.domeinen[0]: o for o in Organisatie.objects.exclude(domeinen=[])}
    dossiers = Inburgeraar.objects.filter(
        status=DossierStatus.UITVOERING, delingen__isnull=True, regisseur__isnull=False
    ).select_related("regisseur")
    for number, dossier in enumerate(dossiers.order_by("pk")):
        domeinen = ["werk", "inkomen", "wonen"] + (["jeugd"] if number % 3 == 0 else [])
        for domein in domeinen:
            statutory = domein == "wonen"
            grant_shares(
                actor=dossier.regisseur,
                dossier=dossier,
                organisatie=organisations[domein],
                domeinen=[domein],
                may_note=domein != "wonen",
                grondslag="wettelijke_taak" if statutory else "toestemming",
                toestemming_given_on=None if statutory else timezone.localdate(),
                toestemming_wijze="" if statutory else "schriftelijk",
                wettelijk_artikel="art. 6 lid 1 sub e AVG; Huisvestingswet" if statutory else "",
                valid_until=timezone.localdate() + datetime.timedelta(days=180),
                reden="Begeleiding volgens het persoonlijk plan",
            )
