"""Shares with chain partners: guardian permissions, grounds, history, expiry and partner mode."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from guardian.models import GroupObjectPermission

from inburgering import permissions
from inburgering.choices import Role
from inburgering.models import (
    Deling,
    Inburgeraar,
    InburgeraarGroupObjectPermission,
    Toestemming,
    User,
)
from inburgering.services import SYSTEM_USERNAME, ServiceError
from inburgering.sharing import services as sharing_services
from inburgering.tasks import expire_shares
from intake import services as intake_services
from pip_plans.models import Afspraak
from tests import factories
from voortgang.models import Signaal, Voortgangsnotitie

TODAY = timezone.localdate()


@pytest.fixture
def werkbedrijf(db):
    return factories.OrganisatieFactory(naam="Werkbedrijf", domeinen=["werk"])


@pytest.fixture
def corporatie(db):
    return factories.OrganisatieFactory(naam="Woningcorporatie", domeinen=["wonen"])


def _partner(organisatie, username):
    user = factories.user_with_role(Role.KETENPARTNER, username=username, organisatie=organisatie)
    user.groups.add(organisatie.group)
    return user


@pytest.fixture
def shared_dossier(dossier, regisseur, werkbedrijf):
    intake = intake_services.start_intake(actor=regisseur, dossier=dossier)
    for leefgebied in ("werk", "wonen", "gezondheid"):
        intake.bevindingen.create(
            leefgebied=leefgebied,
            current_situation=f"Bevinding {leefgebied}",
            physical_health="Rugklachten" if leefgebied == "gezondheid" else "",
        )
    factories.fixed_plan(
        dossier,
        regisseur,
        afspraken=[("werk", "Werkervaringsplek zoeken"), ("wonen", "Huurtoeslag aanvragen")],
    )
    Afspraak.objects.filter(wat="Werkervaringsplek zoeken").update(
        wie="partner", organisatie=werkbedrijf
    )
    factories.share(dossier, regisseur, werkbedrijf)
    return dossier


def test_a_share_is_a_guardian_permission_in_the_direct_table(shared_dossier, werkbedrijf):
    codenames = set(
        InburgeraarGroupObjectPermission.objects.filter(
            content_object=shared_dossier, group=werkbedrijf.group
        ).values_list("permission__codename", flat=True)
    )
    assert codenames == {"view_werk", "note_werk"}
    assert not GroupObjectPermission.objects.exists()  # never the generic table
    deling = Deling.objects.get()
    assert deling.view_permission.permission.codename == "view_werk"


def test_a_grant_records_its_ground_and_reason_in_the_history(shared_dossier, regisseur):
    created = Deling.history.get()
    assert (created.history_user, created.history_change_reason) == (
        regisseur,
        "Begeleiding naar werk",
    )
    assert Toestemming.history.get().history_user == regisseur


def test_only_the_domains_an_organisation_works_in(dossier, regisseur, werkbedrijf):
    with pytest.raises(ServiceError):
        factories.share(dossier, regisseur, werkbedrijf, domeinen=["werk", "inkomen"])
    with pytest.raises(ServiceError):
        factories.share(dossier, regisseur, werkbedrijf, valid_until=TODAY - datetime.timedelta(1))
    assert not InburgeraarGroupObjectPermission.objects.exists()


def test_the_partner_sees_only_its_domains(client, shared_dossier, werkbedrijf, corporatie):
    client.force_login(_partner(werkbedrijf, "werk"))
    page = client.get(shared_dossier.get_absolute_url()).content.decode()
    assert "Bevinding werk" in page and "Werkervaringsplek zoeken" in page
    for hidden in ("Bevinding wonen", "Huurtoeslag aanvragen", "Rugklachten", "gezondheid"):
        assert hidden not in page
    assert shared_dossier.bsn not in page
    assert f"Regisseur: {shared_dossier.regisseur}" in page  # whom the partner contacts
    client.force_login(_partner(corporatie, "wonen"))
    assert client.get(shared_dossier.get_absolute_url()).status_code == 404


def test_revoking_ends_access_at_once(client, shared_dossier, regisseur, werkbedrijf):
    partner = _partner(werkbedrijf, "werk")
    client.force_login(partner)
    assert client.get(shared_dossier.get_absolute_url()).status_code == 200
    deling = Deling.objects.get()
    sharing_services.revoke_share(actor=regisseur, deling_id=deling.pk, reden="Traject afgerond")
    assert client.get(shared_dossier.get_absolute_url()).status_code == 404
    assert not InburgeraarGroupObjectPermission.objects.exists()
    removed = Deling.history.filter(history_type="-").get()
    assert (removed.history_user, removed.history_change_reason) == (regisseur, "Traject afgerond")


def test_extending_is_in_the_history_with_its_reason(shared_dossier, regisseur):
    deling = Deling.objects.get()
    later = TODAY + datetime.timedelta(days=300)
    sharing_services.extend_share(
        actor=regisseur, deling_id=deling.pk, expected_version=0, valid_until=later, reden="Langer"
    )
    changed = Deling.history.filter(history_type="~").get()
    assert (changed.valid_until, changed.history_user, changed.history_change_reason) == (
        later,
        regisseur,
        "Langer",
    )


def test_withdrawing_consent_ends_the_shares_that_rest_on_it(shared_dossier, regisseur, corporatie):
    factories.share(
        shared_dossier,
        regisseur,
        corporatie,
        grondslag="wettelijke_taak",
        wettelijk_artikel="art. 6 lid 1 sub e AVG",
    )
    consent = Toestemming.objects.get()
    ended = sharing_services.withdraw_consent(
        actor=regisseur, toestemming_id=consent.pk, reden="Wil niet"
    )
    assert ended == ["werk"]
    assert list(Deling.objects.values_list("organisatie", flat=True)) == [corporatie.pk]
    consent.refresh_from_db()
    assert (consent.withdrawn_on, consent.withdrawn_by) == (TODAY, regisseur)
    assert Toestemming.history.first().history_change_reason == "Wil niet"


def test_the_expiry_job_removes_a_share_that_ended_yesterday(shared_dossier, regisseur):
    Deling.objects.update(valid_until=TODAY - datetime.timedelta(days=1))
    assert expire_shares.apply().get() == 1
    assert expire_shares.apply().get() == 0
    assert not Deling.objects.exists() and not InburgeraarGroupObjectPermission.objects.exists()
    granted, removed = Deling.history.order_by("history_date")
    assert granted.history_user == regisseur
    assert removed.history_user.username == SYSTEM_USERNAME
    assert removed.history_change_reason.startswith("celery inburgering.tasks.expire_shares")


def test_an_expired_share_shows_nothing_even_before_the_job(client, shared_dossier, werkbedrijf):
    Deling.objects.update(valid_until=TODAY - datetime.timedelta(days=1))
    client.force_login(_partner(werkbedrijf, "werk"))
    assert client.get(shared_dossier.get_absolute_url()).status_code == 404


def test_a_partner_adds_a_note_and_raises_a_signal_in_its_domain(
    client, shared_dossier, werkbedrijf, regisseur
):
    client.force_login(_partner(werkbedrijf, "werk"))
    url = reverse("add_voortgangsnotitie", kwargs={"dossier_id": shared_dossier.pk})
    form = client.get(url).context["form"]
    assert [value for value, _label in form.fields["leefgebied"].choices] == ["werk"]
    client.post(url, {"leefgebied": "werk", "text": "Start bij de bakker"})
    note = Voortgangsnotitie.objects.get(text="Start bij de bakker")
    assert (note.organisatie, note.domein) == (werkbedrijf, "werk")
    refused = client.post(url, {"leefgebied": "wonen", "text": "Mag niet"})
    assert refused.status_code == 200 and not Voortgangsnotitie.objects.filter(text="Mag niet")
    client.post(
        reverse("raise_signaal", kwargs={"dossier_id": shared_dossier.pk}),
        {"leefgebied": "werk", "subject": "Verzuim", "ernst": "midden", "follow_up_on": TODAY},
    )
    assert Signaal.objects.get().owner == regisseur  # the municipality picks it up


def test_a_partner_without_note_rights_only_reads(client, dossier, regisseur, corporatie):
    factories.share(dossier, regisseur, corporatie, may_note=False)
    client.force_login(_partner(corporatie, "wonen"))
    assert client.get(dossier.get_absolute_url()).status_code == 200
    url = reverse("add_voortgangsnotitie", kwargs={"dossier_id": dossier.pk})
    assert client.get(url).status_code == 404


def test_a_partner_updates_the_status_of_its_own_afspraken(client, shared_dossier, werkbedrijf):
    client.force_login(_partner(werkbedrijf, "werk"))
    own = Afspraak.objects.get(wat="Werkervaringsplek zoeken")
    url = reverse(
        "update_afspraak_status", kwargs={"dossier_id": shared_dossier.pk, "afspraak_id": own.pk}
    )
    client.post(url, {"status": "lopend", "previous_status": "open"})
    own.refresh_from_db()
    assert own.status == "lopend"
    client.post(url, {"status": "gedaan", "previous_status": "open"})  # stale: refused
    own.refresh_from_db()
    assert own.status == "lopend"
    other = Afspraak.objects.get(wat="Huurtoeslag aanvragen")
    url = reverse(
        "update_afspraak_status", kwargs={"dossier_id": shared_dossier.pk, "afspraak_id": other.pk}
    )
    client.post(url, {"status": "gedaan", "previous_status": "open"})
    other.refresh_from_db()
    assert other.status == "open"


def test_the_regisseur_previews_what_the_partner_sees(
    regisseur_client, shared_dossier, werkbedrijf
):
    url = reverse(
        "delen_preview",
        kwargs={"dossier_id": shared_dossier.pk, "organisatie_id": werkbedrijf.pk},
    )
    page = regisseur_client.get(url).content.decode()
    assert "Bevinding werk" in page and "Bevinding wonen" not in page
    assert shared_dossier.bsn not in page


def test_granting_through_the_page_keeps_what_was_typed(regisseur_client, dossier, werkbedrijf):
    url = reverse("delen_grant", kwargs={"dossier_id": dossier.pk})
    response = regisseur_client.post(
        url,
        {
            "organisatie": werkbedrijf.pk,
            "domeinen": ["werk", "wonen"],
            "grondslag": "toestemming",
            "valid_until": (TODAY + datetime.timedelta(days=30)).isoformat(),
            "reden": "Werk zoeken",
        },
    )
    errors = response.context["form"].errors
    assert set(errors) == {"domeinen", "toestemming_given_on", "toestemming_wijze"}
    assert "Werk zoeken" in response.content.decode()


def _bulk_share(organisatie, dossiers, actor):
    """Share many dossiers at once, written the way the service writes them."""
    view = Permission.objects.get(codename="view_werk")
    rows = InburgeraarGroupObjectPermission.objects.bulk_create(
        InburgeraarGroupObjectPermission(
            permission=view, group=organisatie.group, content_object=dossier
        )
        for dossier in dossiers
    )
    Deling.objects.bulk_create(
        Deling(
            dossier=dossier,
            organisatie=organisatie,
            domein="werk",
            grondslag="wettelijke_taak",
            wettelijk_artikel="art. 7 Pw",
            reden="test",
            valid_until=TODAY + datetime.timedelta(days=30),
            granted_by=actor,
            view_permission=row,
        )
        for dossier, row in zip(dossiers, rows, strict=True)
    )


@pytest.mark.slow
def test_the_partner_list_runs_the_same_queries_for_10_and_1000_shares(
    client, team, regisseur, werkbedrijf, queries
):
    client.force_login(_partner(werkbedrijf, "werk"))
    _bulk_share(werkbedrijf, factories.many_dossiers(team, 10), regisseur)
    ten = queries.get(client, reverse("partner_home"))
    _bulk_share(werkbedrijf, factories.many_dossiers(team, 990, start=10), regisseur)
    thousand = queries.get(client, reverse("partner_home"))
    assert thousand.response.context["page"].paginator.count == 1000
    queries.assert_same_count(ten, thousand)


def test_the_partner_list_counts_no_further_than_its_limit(
    client, team, regisseur, werkbedrijf, queries, settings
):
    settings.LIST_COUNT_LIMIT, settings.LIST_PAGE_SIZE = 4, 2
    client.force_login(_partner(werkbedrijf, "werk"))
    _bulk_share(werkbedrijf, factories.many_dossiers(team, 9), regisseur)
    first = queries.get(client, reverse("partner_home"))
    assert any("LIMIT 5" in sql and "COUNT(*)" in sql for sql in first.sql)
    assert "Pagina 1 van meer dan 2" in first.response.content.decode()
    last = client.get(reverse("partner_home"), {"page": 2})
    assert last.context["page"].number == 2 and not last.context["page"].has_next()
    beyond = client.get(reverse("partner_home"), {"page": 5})  # past the limit: its last page
    assert beyond.context["page"].number == 2


def test_a_partner_owns_signals_in_its_shared_domain(
    client, shared_dossier, regisseur, werkbedrijf
):
    signaal = factories.signaal(
        shared_dossier, regisseur, owner=None, owner_organisatie=werkbedrijf, leefgebied="werk"
    )
    client.force_login(_partner(werkbedrijf, "werk"))
    assert signaal.subject in client.get(reverse("worklist")).content.decode()
    assert client.get(signaal.get_absolute_url()).status_code == 200
    sharing_services.revoke_share(actor=regisseur, deling_id=Deling.objects.get().pk, reden="Klaar")
    assert signaal.subject not in client.get(reverse("worklist")).content.decode()
    assert client.get(signaal.get_absolute_url()).status_code == 404


def test_beat_expires_shares_just_after_midnight(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["expire-shares"]
    assert entry["task"] == expire_shares.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({0}, {5})


def test_the_partner_dossier_page_runs_a_fixed_number_of_queries(
    client, shared_dossier, werkbedrijf, regisseur, queries
):
    client.force_login(_partner(werkbedrijf, "werk"))
    url = shared_dossier.get_absolute_url()
    few = queries.get(client, url)
    for number in range(20):
        Voortgangsnotitie.objects.create(
            dossier=shared_dossier, leefgebied="werk", text=f"N{number}"
        )
        Afspraak.objects.create(
            sectie=Afspraak.objects.get(wat="Werkervaringsplek zoeken").sectie,
            wat=f"Afspraak {number}",
            wie="partner",
            organisatie=werkbedrijf,
        )
    many = queries.get(client, url)
    assert "N19" in many.response.content.decode()
    queries.assert_same_count(few, many)


def _listed_and_granted(partner):
    """The partner's list (the shares) and what guardian grants, dossier by dossier."""
    listed = set(permissions.shared_with(partner).values_list("pk", flat=True))
    granted = {
        pk
        for pk in Inburgeraar.objects.values_list("pk", flat=True)
        if permissions.lens_for(partner, Inburgeraar(pk=pk)).leefgebieden
    }
    return listed, granted


def test_the_partners_list_and_guardians_grants_agree_through_a_shares_life(
    regisseur, team, werkbedrijf, time_machine
):
    """The list reads the shares alone (decision 0031): sharing, revoking, consent withdrawn
    and expiry must keep them and guardian's grants in step."""
    partner = _partner(werkbedrijf, "werk1")
    kept, revoked, withdrawn, expiring = (
        factories.InburgeraarFactory(team=team, regisseur=regisseur) for _ in range(4)
    )
    for dossier in (kept, revoked, withdrawn):
        factories.share(dossier, regisseur, werkbedrijf)
    factories.share(
        expiring, regisseur, werkbedrijf, valid_until=TODAY + datetime.timedelta(days=1)
    )
    assert (
        _listed_and_granted(partner) == ({d.pk for d in (kept, revoked, withdrawn, expiring)},) * 2
    )
    sharing_services.revoke_share(
        actor=regisseur, deling_id=Deling.objects.get(dossier=revoked).pk, reden="Klaar"
    )
    sharing_services.withdraw_consent(
        actor=regisseur,
        toestemming_id=Toestemming.objects.get(dossier=withdrawn).pk,
        reden="Wil niet meer",
    )
    time_machine.move_to(timezone.now() + datetime.timedelta(days=2))
    sharing_services.expire_shares()
    partner = User.objects.get(pk=partner.pk)  # a new request's user
    assert _listed_and_granted(partner) == ({kept.pk},) * 2
