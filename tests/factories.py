"""Factories for the core model; users get their role's group and team membership."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from inburgering.choices import (
    ENDED_STATUSES,
    Doelgroep,
    DossierStatus,
    Regime,
    Role,
    TeamRole,
    Verblijfsvergunning,
)
from inburgering.dates import Quarter
from inburgering.demo import demo_bsn
from inburgering.models import Gemeente, Inburgeraar, Organisatie, Team, TeamMembership, User
from inburgering.sharing import services as sharing_services

PASSWORD = "test-wachtwoord-123"


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ["cbs_code"]

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM{n:04d}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    gemeente = factory.SubFactory(GemeenteFactory)
    naam = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def two_factor(user, create, extracted, **kwargs):
        """Every account has an authenticator app unless ``two_factor=False`` (to enrol)."""
        if create and extracted is not False:
            app_device_for(user)


def app_device_for(user: User) -> TOTPDevice:
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "app"}
    )
    return device


def current_code(user: User) -> str:
    """The code the user's app shows now, or the next one when this one was just used (the
    device refuses a code twice)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if totp.t() <= device.last_t:
        totp.drift = device.drift + device.last_t - totp.t() + 1
    return f"{totp.token():0{device.digits}d}"


class VerifiedClient(Client):
    """A test client whose ``force_login`` also completes the second factor with the user's
    real device (as the code step would), so tests reach the pages behind it."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = app_device_for(user).persistent_id
        session.save()


def user_with_role(role: Role, team: Team | None = None, **kwargs) -> User:
    """A user in the role's group, and a member of ``team`` when the role is a team role."""
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=role.value))
    if team is not None and role.value in TeamRole.values:
        TeamMembership.objects.create(team=team, user=user, role=role.value)
    return user


def auditor(*gemeenten, role: Role = Role.PRIVACY_OFFICER, **kwargs) -> User:
    """A privacy officer (or functioneel beheerder) for ``gemeenten``."""
    user = user_with_role(role, **kwargs)
    user.gemeenten.add(*gemeenten)
    return user


def regisseur(team, **kwargs) -> User:
    return user_with_role(Role.REGISSEUR, team, **kwargs)


def teamleider(team, **kwargs) -> User:
    return user_with_role(Role.TEAMLEIDER, team, **kwargs)


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Partner {n}")
    domeinen = factory.LazyFunction(lambda: ["werk"])
    group = factory.LazyAttribute(lambda o: Group.objects.create(name=f"organisatie:{o.naam}"))


class InburgeraarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inburgeraar

    team = factory.SubFactory(TeamFactory)
    gemeente = factory.LazyAttribute(lambda o: o.team.gemeente)
    regisseur = None
    status = DossierStatus.AANGEMELD
    bsn = factory.Sequence(lambda n: demo_bsn(10_000 + n))
    given_names = factory.Faker("first_name")
    surname = factory.Faker("last_name")
    date_of_birth = datetime.date(1990, 5, 17)
    nationality = "SY"
    languages = factory.LazyFunction(lambda: ["ar"])
    doelgroep = Doelgroep.ASIELSTATUSHOUDER
    verblijfsvergunning = Verblijfsvergunning.ASIEL
    regime = Regime.WI2021
    datum_start_inburgeringsplicht = datetime.date(2024, 3, 1)
    # A closed dossier has the day its duty ended (a database constraint).
    datum_einde_plicht = factory.LazyAttribute(
        lambda o: datetime.date(2026, 1, 1) if o.status in ENDED_STATUSES else None
    )


def many_dossiers(team, count: int, start: int = 0, **fields) -> list[Inburgeraar]:
    """``count`` dossiers in one insert, for the tests that compare a page's queries at
    different sizes (no history rows, no services: only the rows a list page reads)."""
    values = {
        "date_of_birth": datetime.date(1990, 1, 1),
        "doelgroep": Doelgroep.ASIELSTATUSHOUDER,
        "verblijfsvergunning": Verblijfsvergunning.ASIEL,
        "regime": Regime.WI2021,
        "status": DossierStatus.UITVOERING,
        **fields,
    }
    if values["status"] in ENDED_STATUSES:
        values.setdefault("datum_einde_plicht", datetime.date(2026, 1, 1))
    return Inburgeraar.objects.bulk_create(
        Inburgeraar(
            gemeente_id=team.gemeente_id,
            team=team,
            bsn=demo_bsn(500_000 + start + n),
            surname=f"Persoon {start + n}",
            **values,
        )
        for n in range(count)
    )


def fixed_plan(
    dossier: Inburgeraar,
    actor: User,
    *,
    dagtekening: datetime.date = datetime.date(2026, 1, 5),
    leerroute: str = "b1",
    afspraken: tuple[tuple, ...] = (),
    **content,
):
    """A plan fixed through the services (so its first progress talk is planned too), with
    ``afspraken`` as (leefgebied, what) or (leefgebied, what, by when) for the person and
    ``content`` as more of the plan's fields (the levels, say)."""
    from pip_plans import services as pip_services

    concept = pip_services.create_pip(actor=actor, dossier=dossier)
    concept = pip_services.update_concept(
        actor=actor,
        versie_id=concept.pk,
        expected_version=0,
        data={"leerroute": leerroute, **content},
    )
    for leefgebied, wat, *uiterlijk in afspraken:
        pip_services.save_sectie(
            actor=actor,
            versie_id=concept.pk,
            expected_version=concept.lock_version,
            leefgebied=leefgebied,
            data={},
            afspraken=[
                {"wat": wat, "wie": "inburgeraar", "uiterlijk": next(iter(uiterlijk), None)}
            ],
        )
        concept.lock_version += 1
    return pip_services.fix_pip(
        actor=actor,
        versie_id=concept.pk,
        expected_version=concept.lock_version,
        dagtekening=dagtekening,
    )


def signaal(dossier: Inburgeraar, raised_by: User, *, owner: User | None = None, **data):
    """A signal raised through the service; owned by ``owner``, a partner organisation
    (``owner_organisatie``) or else by whoever raised it."""
    from voortgang import services as voortgang_services

    fields = {
        "leefgebied": "inkomen",
        "subject": "Schulden",
        "description": "",
        "ernst": "midden",
        "follow_up_on": datetime.date(2026, 12, 1),
        **data,
    }
    fields.setdefault("owner", None if data.get("owner_organisatie") else owner or raised_by)
    return voortgang_services.raise_signaal(actor=raised_by, dossier=dossier, data=fields)


def share(dossier: Inburgeraar, actor: User, organisatie: Organisatie, **data):
    """Share the organisation's domains (or ``domeinen``) on consent, through the service."""

    fields = {
        "domeinen": list(organisatie.domeinen),
        "may_note": True,
        "grondslag": "toestemming",
        "toestemming_given_on": datetime.date.today(),
        "toestemming_wijze": "schriftelijk",
        "valid_until": datetime.date.today() + datetime.timedelta(days=180),
        "reden": "Begeleiding naar werk",
        **data,
    }
    return sharing_services.grant_shares(
        actor=actor, dossier=dossier, organisatie=organisatie, **fields
    )


def waarneming(actor, absent, colleague, *, days=7, start=None, reason="Vakantie"):
    """``colleague`` stands in for ``absent`` for ``days`` days from ``start`` (today),
    arranged through the service by ``actor``."""
    from inburgering.dossier import services as dossier_services

    start = start or datetime.date.today()
    return dossier_services.arrange_waarneming(
        actor=actor,
        regisseur_id=absent.pk,
        waarnemer_id=colleague.pk,
        starts_on=start,
        ends_on=start + datetime.timedelta(days=days - 1),
        reason=reason,
    )


def stranger_dossier(team, other_regisseur):
    """A dossier on another caseload with one of everything: an intake (a conversation, an
    invitation), a fixed plan with a printed PDF, an objection and a new concept, a planned
    progress talk (already due, so with a reminder), a signal, an appointment, a letter, a
    share on consent, an export, a teamleider's assignment job, a substitute arranged for its
    regisseur, ontzorgen (social assistance on an asylum permit), a decision of DUO, a MAP in
    progress and an exam result entered directly."""
    from django.core.files.base import ContentFile

    from inburgering.bijeenkomsten import services as bijeenkomst_services
    from inburgering.brieven import services as brief_services
    from inburgering.dossier import services as dossier_services
    from inburgering.models import DossierExport
    from intake import services as intake_services
    from pip_plans import services as pip_services
    from pip_plans.models import PipDocument
    from voortgang import services as voortgang_services
    from voortgang.models import Herinnering

    today = datetime.date.today()
    dossier = InburgeraarFactory(
        team=team,
        regisseur=other_regisseur,
        surname="Verborgen",
        datum_start_bijstand=today - datetime.timedelta(days=30),
    )
    intake = intake_services.start_intake(actor=other_regisseur, dossier=dossier)
    intake_services.save_intakegesprek(
        actor=other_regisseur,
        intake_id=intake.pk,
        data={"held_on": datetime.date(2025, 1, 6), "kanaal": "locatie"},
    )
    intake_services.record_uitnodiging(
        actor=other_regisseur,
        intake_id=intake.pk,
        sent_on=datetime.date(2025, 1, 1),
        appointment_on=datetime.date(2025, 1, 6),
    )
    intake_services.save_bevinding(
        actor=other_regisseur,
        intake_id=intake.pk,
        leefgebied="inkomen",
        expected_version=0,
        data={"inkomenssituatie": "bijstand"},
    )
    fixed = fixed_plan(  # also plans the first talk
        dossier, other_regisseur, afspraken=[("werk", "Verborgen werkplek")]
    )
    # A rendered PDF and export are stored as files with the name in plain text (a real render
    # compresses it), so the sweep can tell whether a download shows them.
    document = PipDocument(versie=fixed, versie_lock_version=fixed.lock_version, status="ready")
    document.file.save("stranger.pdf", ContentFile(b"%PDF-1.7 Verborgen"))
    pip_services.record_bezwaar(
        actor=other_regisseur,
        dossier_id=dossier.pk,
        versie_id=fixed.pk,
        data={"received_on": fixed.dagtekening, "grounds": "Verborgen bezwaar"},
    )
    pip_services.start_wijziging(actor=other_regisseur, pip_id=fixed.pip_id, reden="anders")
    signaal(dossier, other_regisseur, subject="Verborgen schulden")
    brief = brief_services.make_brief(
        actor=other_regisseur, dossier_id=dossier.pk, kind="ontzorgen"
    )
    brief.status = "ready"
    brief.file.save("stranger-brief.pdf", ContentFile(b"%PDF-1.7 Verborgen"))
    bijeenkomst_services.plan_bijeenkomst(
        actor=other_regisseur,
        dossier_id=dossier.pk,
        data={
            "soort": "overig",
            "date": today,
            "start_time": datetime.time(10),
            "end_time": datetime.time(11),
            "location": "Verborgen kamer",
            "host": other_regisseur,
        },
    )
    share(dossier, other_regisseur, OrganisatieFactory(domeinen=["werk"]))
    export = DossierExport.objects.create(
        dossier=dossier, kind="inzage", status="ready", requested_by=other_regisseur
    )
    export.pdf_file.save("stranger.pdf", ContentFile(b"%PDF-1.7 Verborgen"))
    export.json_file.save("stranger.json", ContentFile(b'{"surname": "Verborgen"}'))
    pip_services.record_duo_besluit(
        actor=other_regisseur,
        dossier_id=dossier.pk,
        soort="verlenging",
        dagtekening=today,
        grond="Verborgen ziekte",
        verwijtbaar=False,
        maanden=6,
    )
    voortgang_services.save_traject(
        actor=other_regisseur,
        dossier_id=dossier.pk,
        soort="map",
        expected_version=0,
        data={"status": "lopend", "started_on": today, "uitvoerder": "Verborgen Werkplaats"},
    )
    voortgang_services.record_examenresultaat(
        actor=other_regisseur,
        dossier_id=dossier.pk,
        onderdeel="lezen",
        niveau="b1",
        taken_on=today,
        uitslag="behaald",
    )
    lead = teamleider(team)
    dossier_services.request_assignment_job(  # a batch of one, still waiting for its task
        actor=lead, dossier_ids=[dossier.pk], regisseur_id=other_regisseur.pk
    )
    waarneming(  # a colleague stands in next week
        lead, other_regisseur, regisseur(team), start=today + datetime.timedelta(days=7)
    )
    assert Herinnering.objects.filter(dossier=dossier, soort="gesprek").exists()  # talk overdue
    quarterly_delivery(team.gemeente, lead, content=f"{dossier.bsn},Verborgen".encode())
    dossier.refresh_from_db()
    return dossier


def contactpersoon(*gemeenten, team=None, **kwargs) -> User:
    """A beleidsmedewerker for ``gemeenten`` (or the teamleider of ``team``) who is also the
    contactpersoon inburgering: releases the quarterly delivery."""
    if team is not None:
        user = teamleider(team, **kwargs)
    else:
        user = auditor(*gemeenten, role=Role.BELEIDSMEDEWERKER, **kwargs)
    user.groups.add(Group.objects.get(name=Role.CONTACTPERSOON))
    return user


def quarterly_delivery(gemeente, actor, *, content: bytes = b"Burgerservicenummer\r\n"):
    """A released delivery of last quarter, as the release leaves it (a file, its hash)."""
    import hashlib

    from django.core.files.base import ContentFile

    from voortgang.models import Kwartaallevering

    last = Quarter.of(datetime.date.today()).previous()
    levering = Kwartaallevering(
        gemeente=gemeente,
        year=last.year,
        quarter=last.number,
        version=1 + Kwartaallevering.objects.filter(gemeente=gemeente).count(),
        sha256=hashlib.sha256(content).hexdigest(),
        records=1,
        open_problems=0,
        released_by=actor,
    )
    levering.file.save(f"swi-{gemeente.cbs_code}-{levering.version}.csv", ContentFile(content))
    return levering


def personal_data_post(dossier: Inburgeraar, **changes) -> dict:
    """What the personal data form posts for this dossier as it is, with ``changes``."""
    from inburgering.dossier.forms import PersonalDataForm

    data = {name: getattr(dossier, name) for name in PersonalDataForm.Meta.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["nationality"] = str(dossier.nationality)
    data["lock_version"] = dossier.lock_version
    data.update(changes)
    return data
