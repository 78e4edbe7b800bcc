"""Nothing leaks: every URL, every role, every dossier, against what was really shared.

Two partner organisations per domain; dossier Alfa shares werk (with notes) and wonen (read
only), Bravo shares inkomen and jeugd with other organisations, Charlie is shared with no one.
Every dossier holds distinctive texts in every leefgebied (findings, plan sections, notes),
health texts and a signal, so a page that shows something it should not is caught by text.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.urls import path
from django.utils import formats, translation

from inburgering import permissions
from inburgering import urls as project_urls
from inburgering.brieven import services as brief_services
from inburgering.choices import Leefgebied, Role
from inburgering.models import (
    AssignmentJob,
    Bijeenkomst,
    Deling,
    DossierExport,
    Inburgeraar,
    Waarneming,
)
from intake import services as intake_services
from pip_plans.models import Afspraak, Bezwaar, DuoBesluit, PipDocument, PipVersie, Sectie
from tests import factories
from tests.leak_sweep import Viewer, sweep
from voortgang.models import (
    Examenresultaat,
    Herinnering,
    Kwartaallevering,
    Traject,
    Voortgangsnotitie,
)

pytestmark = pytest.mark.django_db

TAGS = {"alfa": "ALFA", "bravo": "BRAVO", "charlie": "CHARLIE"}
BIRTHS = {
    "alfa": datetime.date(1981, 3, 4),
    "bravo": datetime.date(1982, 6, 7),
    "charlie": datetime.date(1983, 9, 10),
}
SHARES = {  # dossier -> [(organisation, domein, may_note)]
    "alfa": [("werk-1", "werk", True), ("wonen-1", "wonen", False)],
    "bravo": [("inkomen-1", "inkomen", True), ("jeugd-2", "jeugd", True)],
    "charlie": [],
}


def _texts(tag: str, leefgebied: str) -> list[str]:
    code = leefgebied.upper().replace("_", "")
    return [f"{tag}{code}BEV", f"{tag}{code}SECTIE", f"{tag}{code}NOTITIE"]


def _dossier(key, team, regisseur):
    tag = TAGS[key]
    dossier = factories.InburgeraarFactory(
        team=team,
        regisseur=regisseur,
        given_names=f"Geheim{tag.title()}",
        surname=f"{tag.title()}naam",
        date_of_birth=BIRTHS[key],
    )
    intake = intake_services.start_intake(actor=regisseur, dossier=dossier)
    intake.gesprekken.create(held_on=datetime.date(2025, 1, 6), kanaal="locatie")
    intake.uitnodigingen.create(
        sent_on=datetime.date(2025, 1, 1), appointment_on=datetime.date(2025, 1, 6)
    )
    for leefgebied in Leefgebied:
        intake.bevindingen.create(
            leefgebied=leefgebied,
            current_situation=_texts(tag, leefgebied)[0],
            physical_health=f"{tag}MEDISCH" if leefgebied == Leefgebied.GEZONDHEID else "",
        )
    versie = factories.fixed_plan(dossier, regisseur)
    for leefgebied in Leefgebied:
        sectie = Sectie.objects.get(versie=versie, leefgebied=leefgebied)
        sectie.situatie = _texts(tag, leefgebied)[1]
        sectie.save()
        Voortgangsnotitie.objects.create(
            dossier=dossier, leefgebied=leefgebied, text=_texts(tag, leefgebied)[2]
        )
    Afspraak.objects.create(sectie=sectie, wat=f"{tag}AFSPRAAK", wie="inburgeraar")
    Bezwaar.objects.create(  # the caseload's only
        versie=versie,
        received_on=versie.dagtekening,
        grounds=f"{tag}BEZWAAR",
        recorded_by=regisseur,
    )
    document = PipDocument(versie=versie, versie_lock_version=versie.lock_version, status="ready")
    document.file.save(f"{tag}.pdf", ContentFile(b"%PDF-1.7"))
    factories.signaal(dossier, regisseur, subject=f"{tag}SIGNAAL")
    Bijeenkomst.objects.create(  # the caseload's only, like the contact details
        dossier=dossier,
        soort="overig",
        date=datetime.date(2025, 2, 3),
        start_time=datetime.time(10),
        end_time=datetime.time(11),
        location=f"{tag}BIJEENKOMST",
        host=regisseur,
    )
    brief = brief_services.make_brief(actor=regisseur, dossier_id=dossier.pk, kind="ontzorgen")
    brief.content["address"].append(f"{tag}BRIEF")  # the caseload's only
    brief.save()
    DuoBesluit.objects.create(  # DUO's decisions stay with the municipality
        dossier=dossier,
        soort="ontheffing",
        dagtekening=datetime.date(2025, 2, 1),
        grond=f"{tag}DUOGROND",
        onderdelen=["spreken"],
        recorded_by=regisseur,
    )
    Traject.objects.create(  # the MAP is shown to the partner for werk
        dossier=dossier, soort="map", started_on=datetime.date(2025, 2, 1), updated_by=regisseur
    )
    Examenresultaat.objects.create(
        dossier=dossier,
        onderdeel="lezen",
        niveau="b1",
        taken_on=datetime.date(2025, 2, 1),
        uitslag="behaald",
    )
    export = DossierExport.objects.create(
        dossier=dossier, kind="inzage", status="ready", requested_by=regisseur
    )
    for name in (f"{tag}.json", f"{tag}.pdf"):
        stored = export.json_file if name.endswith("json") else export.pdf_file
        stored.save(name, ContentFile(f"{dossier.bsn} {tag}MEDISCH {tag}SIGNAAL".encode()))
    return dossier


@pytest.fixture
def world(team):
    regisseur = factories.regisseur(team, username="regisseur")
    other_team = factories.TeamFactory()
    organisations = {
        f"{domein}-{n}": factories.OrganisatieFactory(naam=f"{domein} {n}", domeinen=[domein])
        for domein in ("werk", "inkomen", "jeugd", "wonen")
        for n in (1, 2)
    }
    dossiers = {key: _dossier(key, team, regisseur) for key in TAGS}
    factories.quarterly_delivery(  # a file the contactpersoon only may download
        team.gemeente, regisseur, content=",".join(d.bsn for d in dossiers.values()).encode()
    )
    for key, shares in SHARES.items():
        for org_key, domein, may_note in shares:
            factories.share(
                dossiers[key],
                regisseur,
                organisations[org_key],
                domeinen=[domein],
                may_note=may_note,
            )
    partners = {}
    for org_key, organisatie in organisations.items():
        user = factories.user_with_role(
            Role.KETENPARTNER, username=f"partner-{org_key}", organisatie=organisatie
        )
        user.groups.add(organisatie.group)
        partners[org_key] = user
    return {
        "dossiers": dossiers,
        "partners": partners,
        "caseload": [regisseur, factories.teamleider(team, username="teamleider")],
        "outsiders": [
            factories.regisseur(other_team, username="elders"),
            factories.teamleider(other_team, username="elders-leider"),
            factories.auditor(team.gemeente, username="fg"),
            factories.auditor(team.gemeente, role=Role.FUNCTIONEEL_BEHEERDER, username="beheer"),
            factories.auditor(other_team.gemeente, username="fg-elders"),
            factories.auditor(team.gemeente, role=Role.BELEIDSMEDEWERKER, username="beleid"),
        ],
    }


def _secrets(dossier: Inburgeraar, tag: str, visible_leefgebieden) -> list[str]:
    """Everything of this dossier outside the visible leefgebieden, and what is never shared."""
    hidden = [lg for lg in Leefgebied if lg not in visible_leefgebieden]
    texts = [text for lg in hidden for text in _texts(tag, lg)]
    return [
        dossier.bsn,
        f"{tag}MEDISCH",
        f"{tag}SIGNAAL",
        f"{tag}DUOGROND",
        f"{tag}BIJEENKOMST",
        f"{tag}BEZWAAR",
        f"{tag}BRIEF",
        *texts,
    ]


OUTSIDER_ROLES = {
    "elders": Role.REGISSEUR,
    "elders-leider": Role.TEAMLEIDER,
    "fg": Role.PRIVACY_OFFICER,
    "beheer": Role.FUNCTIONEEL_BEHEERDER,
    "fg-elders": Role.PRIVACY_OFFICER,
    "beleid": Role.BELEIDSMEDEWERKER,  # the monitor's figures for the dossiers' gemeente
}


def _identity(dossier: Inburgeraar) -> list[str]:
    """Who the person is: the name and the date of birth as pages and forms write it."""
    birth = dossier.date_of_birth
    return [
        dossier.surname,
        dossier.given_names,
        birth.isoformat(),
        f"{birth:%d-%m-%Y}",
        f"{birth.day} {formats.date_format(birth, 'F')} {birth.year}",
    ]


def _viewers(world) -> list[Viewer]:
    dossiers = world["dossiers"]
    with translation.override("nl"):
        everything = {
            d.pk: [*_identity(d), *_secrets(d, TAGS[key], ())] for key, d in dossiers.items()
        }
    # Outsiders first: Django admin is swept for the first viewer of each role, and their
    # forbidden texts are everything of every dossier.
    viewers = [
        Viewer(
            u.username,
            u,
            OUTSIDER_ROLES[u.username],
            forbidden=everything,
            forbidden_everywhere=[text for d in dossiers.values() for text in _identity(d)],
            audits=u.username == "fg",
        )
        for u in world["outsiders"]
    ]
    for org_key, user in world["partners"].items():
        forbidden, unshared = {}, []
        for key, dossier in dossiers.items():
            domeinen = {d for o, d, _n in SHARES[key] if o == org_key}
            if domeinen:
                visible = [lg for lg in Leefgebied if lg.domein in domeinen]
                forbidden[dossier.pk] = _secrets(dossier, TAGS[key], visible)
            else:
                forbidden[dossier.pk] = everything[dossier.pk]
                unshared.append(dossier.surname)
        bsns = [d.bsn for d in dossiers.values()]
        medical = [f"{tag}MEDISCH" for tag in TAGS.values()]
        viewers.append(
            Viewer(user.username, user, "ketenpartner", forbidden, [*unshared, *bsns, *medical])
        )
    return viewers + [Viewer(u.username, u, f"caseload {u.username}") for u in world["caseload"]]


def _values(dossier_content_type):
    tables = {}

    def values(param, dossier):
        """The value of a URL parameter for this dossier; unknown parameters fail the test,
        so a new kind of URL cannot slip past the sweep."""
        if dossier.pk not in tables:
            tables[dossier.pk] = _table(dossier, dossier_content_type)
        return tables[dossier.pk][param]

    return values


def _table(dossier, dossier_content_type) -> dict:
    """Every URL parameter's value for this dossier, read once."""
    intake = dossier.brede_intake
    delingen = list(Deling.objects.filter(dossier=dossier))
    table = {
        "dossier_id": dossier.pk,
        "leefgebied": "werk",
        "gesprek_id": intake.gesprekken.get().pk,
        "uitnodiging_id": intake.uitnodigingen.get().pk,
        "document_id": PipDocument.objects.get(versie__pip__dossier=dossier).pk,
        "voortgangsgesprek_id": dossier.voortgangsgesprekken.get().pk,
        "signaal_id": dossier.signalen.get().pk,
        "herinnering_id": getattr(Herinnering.objects.filter(dossier=dossier).first(), "pk", None),
        "deling_id": delingen[0].pk if delingen else None,
        "toestemming_id": getattr(dossier.toestemmingen.first(), "pk", None),
        "organisatie_id": delingen[0].organisatie_id if delingen else None,
        "afspraak_id": Afspraak.objects.filter(sectie__versie__pip__dossier=dossier).first().pk,
        "user_id": dossier.regisseur_id,
        "export_id": dossier.exports.get().pk,
        "job_id": getattr(
            AssignmentJob.objects.filter(dossier_ids__contains=[dossier.pk]).first(), "pk", None
        ),
        "waarneming_id": getattr(
            Waarneming.objects.filter(regisseur_id=dossier.regisseur_id).first(), "pk", None
        ),
        "besluit_id": getattr(DuoBesluit.objects.filter(dossier=dossier).first(), "pk", None),
        "bijeenkomst_id": dossier.bijeenkomsten.get().pk,
        "brief_id": dossier.brieven.get().pk,
        "versie_id": PipVersie.objects.get(pip__dossier=dossier, status="vastgesteld").pk,
        "bezwaar_id": Bezwaar.objects.get(versie__pip__dossier=dossier).pk,
        "soort": "map",
        "fmt": "json",
        "kind": "xlsx",  # the monitor's export
        "levering_id": Kwartaallevering.objects.get(gemeente=dossier.gemeente).pk,
        "object_id": dossier.pk,
        "id": dossier.pk,  # the admin's user password page
        "app_label": "inburgering",  # the admin's app index
        "content_type_id": dossier_content_type,
        "pk": dossier.pk,  # django-otp's device admin pages
        "version_id": dossier.history.order_by("history_id").first().history_id,
    }
    return table


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_no_page_shows_anyone_more_than_was_shared(client, world):
    values = _values(ContentType.objects.get_for_model(Inburgeraar).pk)
    leaks = sweep(client, _viewers(world), list(world["dossiers"].values()), values)
    assert not leaks, "\n".join(f"{leak.viewer} {leak.url}: {leak.problem}" for leak in leaks)


@permissions.guard(permissions.AUTHENTICATED)
def _leaky_view(request, dossier_id):
    """A view that forgot to ask the policy: it shows any dossier to anyone logged in."""
    dossier = Inburgeraar.objects.get(pk=dossier_id)
    return HttpResponse(f"{dossier.full_name} {dossier.bsn}")


urlpatterns = [
    *project_urls.urlpatterns,
    path("lek/<int:dossier_id>/", _leaky_view, name="leaky"),
]


def test_the_sweep_catches_a_view_that_forgets_the_policy(client, world, settings):
    settings.ROOT_URLCONF = __name__
    values = _values(ContentType.objects.get_for_model(Inburgeraar).pk)
    viewers = [v for v in _viewers(world) if v.label == "partner-werk-1"]
    leaks = sweep(client, viewers, list(world["dossiers"].values()), values, only={"leaky"})
    assert {leak.url for leak in leaks} == {f"/lek/{d.pk}/" for d in world["dossiers"].values()}
