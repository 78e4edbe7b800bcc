"""Letters from templates (issue 19, points 3 and 4): the beheerder's templates refuse a field
nobody can fill, show a readability hint; a letter is previewed, made with its texts frozen,
rendered once as PDF/UA with the person's language beside the Dutch (right to left for
Arabic, Ethiopic script for Tigrinya, Noto fonts embedded) and never changes afterwards."""

from __future__ import annotations

import datetime
import hashlib
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.bijeenkomsten import services as bijeenkomst_services
from inburgering.brieven import fields, readability, services
from inburgering.choices import Role
from inburgering.models import (
    AuditEvent,
    Brief,
    Briefsjabloon,
    BriefsjabloonTekst,
    ContactDetails,
)
from inburgering.services import ServiceError
from tests import factories

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # renders letter PDFs

TODAY = timezone.localdate()


@pytest.fixture
def afspraak(dossier, regisseur):
    ContactDetails.objects.create(
        dossier=dossier,
        street="Kerkstraat",
        house_number="12",
        postcode="3811 AB",
        city="Amersfoort",
    )
    return bijeenkomst_services.plan_bijeenkomst(
        actor=regisseur,
        dossier_id=dossier.pk,
        data={
            "soort": "overig",
            "date": TODAY + datetime.timedelta(days=7),
            "start_time": datetime.time(10, 30),
            "end_time": datetime.time(11, 30),
            "location": "Stadhuis, kamer 2.14",
            "host": regisseur,
        },
    )


def _text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _fonts(pdf: bytes) -> str:
    return subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _made(dossier, regisseur, afspraak, *, kind="uitnodiging_intake", language="ar") -> Brief:
    brief = services.make_brief(
        actor=regisseur,
        dossier_id=dossier.pk,
        kind=kind,
        language=language,
        bijeenkomst_id=afspraak.pk if afspraak else None,
    )
    return services.render_brief(brief_id=brief.pk)


def test_every_shipped_template_uses_known_fields_only():
    texts = BriefsjabloonTekst.objects.all()
    assert texts.count() == 6 * 9
    for text in texts:
        assert fields.unknown(text.subject + text.body) == [], text
    assert not texts.exclude(language="nl").filter(reviewed=True).exists()


def test_a_field_nobody_can_fill_is_refused_when_the_template_is_saved(client):
    client.force_login(factories.user_with_role(Role.FUNCTIONEEL_BEHEERDER))
    template = Briefsjabloon.objects.get(kind="herinnering")
    url = reverse("admin:inburgering_briefsjabloon_change", args=[template.pk])
    assert client.get(url).status_code == 200
    texts = list(template.texts.order_by("pk"))
    data = {
        "texts-TOTAL_FORMS": str(len(texts)),
        "texts-INITIAL_FORMS": str(len(texts)),
        "texts-MIN_NUM_FORMS": "0",
        "texts-MAX_NUM_FORMS": "1000",
    }
    for number, text in enumerate(texts):
        prefix = f"texts-{number}-"
        data |= {
            f"{prefix}id": str(text.pk),
            f"{prefix}template": str(template.pk),
            f"{prefix}language": text.language,
            f"{prefix}subject": text.subject,
            f"{prefix}body": text.body,
        }
    data["texts-0-body"] = texts[0].body + "\n\nU woont op [adres]."
    response = client.post(url, data)
    assert response.status_code == 200
    assert "[adres] is geen veld dat een brief kan invullen" in response.content.decode()
    template.refresh_from_db()
    assert template.version == 1 and "[adres]" not in template.texts.get(pk=texts[0].pk).body

    data["texts-0-body"] = texts[0].body + "\n\nTot ziens, [regisseur]."
    assert client.post(url, data).status_code == 302
    template.refresh_from_db()
    assert template.version == 2


def test_the_readability_hint_scores_each_dutch_paragraph():
    easy, hard = readability.douma_scores(
        "U heeft een afspraak. Neem uw pas mee.\n\n"
        "Overeenkomstig de toepasselijke bepalingen van de Wet inburgering verzoeken wij u "
        "vriendelijk doch dringend om de hierna genoemde documentatie mee te nemen."
    )
    assert easy.easy_enough and not hard.easy_enough
    assert easy.score > hard.score


def test_a_two_language_letter_says_it_all_in_the_right_order(dossier, regisseur, afspraak):
    brief = _made(dossier, regisseur, afspraak, language="ar")
    assert brief.status == "ready"
    pdf = brief.file.read()
    text = _text(pdf)
    for expected in (dossier.full_name, "10:30", "Stadhuis, kamer 2.14", "3811 AB Amersfoort"):
        assert expected in text
    # Dutch first, then the Arabic beside it: the heading, then the subject row.
    assert text.index("Nederlands") < text.index("Uitnodiging voor een gesprek")
    assert "العربية" in text and "دعوة" in text
    fonts = _fonts(pdf)
    assert "Noto-Naskh-Arabic" in fonts and "Noto-Sans" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
    event = AuditEvent.objects.get(action="letter_made")
    assert event.payload["language"] == "ar" and event.dossier_id == dossier.pk


@pytest.mark.parametrize(
    ("language", "sample", "font"),
    [("ti", "ዕድመ ናብ ዘተ", "Noto-Sans-Ethiopic"), ("uk", "Запрошення на розмову", "Noto-Sans")],
)
def test_tigrinya_and_ukrainian_letters_carry_their_script(
    dossier, regisseur, afspraak, language, sample, font
):
    pdf = _made(dossier, regisseur, afspraak, language=language).file.read()
    text = _text(pdf)
    assert sample in text and text.index("Uitnodiging voor een gesprek") < text.index(sample)
    assert font in _fonts(pdf)


def test_a_letter_does_not_change_when_its_template_is_edited_later(dossier, regisseur, afspraak):
    brief = _made(dossier, regisseur, afspraak, language="")
    before = hashlib.sha256(brief.file.read()).hexdigest()
    text = BriefsjabloonTekst.objects.get(template__kind="uitnodiging_intake", language="nl")
    text.body = "Beste [naam],\n\nEen heel andere tekst."
    text.save()
    services.render_brief(brief_id=brief.pk)  # a second run of the task changes nothing
    brief.refresh_from_db()
    assert hashlib.sha256(brief.file.read()).hexdigest() == before
    assert "Een heel andere tekst." not in str(brief.content)


def test_markup_and_braces_come_out_literally_in_the_page_and_the_pdf(
    regisseur_client, dossier, regisseur, afspraak
):
    ContactDetails.objects.filter(dossier=dossier).update(street="<b>Straat</b>{{ x }}")
    text = BriefsjabloonTekst.objects.get(template__kind="herinnering", language="nl")
    text.body = "Beste [naam],\n\n<script>alert(1)</script> {{ dossier.bsn }} {% if %}"
    text.save()
    url = reverse("make_brief", args=[dossier.pk])
    response = regisseur_client.post(
        url, {"kind": "herinnering", "bijeenkomst": afspraak.pk, "language": "", "preview": "1"}
    )
    page = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ dossier.bsn }} {% if %}" in page
    assert "&lt;b&gt;Straat&lt;/b&gt;{{ x }}" in page and "<script>alert" not in page
    pdf_text = _text(
        _made(dossier, regisseur, afspraak, kind="herinnering", language="").file.read()
    )
    assert "<script>alert(1)</script> {{ dossier.bsn }} {% if %}" in pdf_text
    assert "<b>Straat</b>{{ x }}" in pdf_text


def test_a_letter_is_previewed_then_made_and_shown_on_the_timeline(
    regisseur_client, dossier, regisseur, afspraak
):
    url = reverse("make_brief", args=[dossier.pk])
    form = regisseur_client.get(url).context["form"]
    assert form["language"].value() in ("", None)
    choice = {"kind": "uitnodiging_intake", "bijeenkomst": afspraak.pk, "language": "ar"}
    preview = regisseur_client.post(url, {**choice, "preview": "1"})
    assert preview.status_code == 200 and not Brief.objects.exists()
    assert "nog niet gecontroleerd door een beëdigd vertaler" in preview.content.decode()
    made = regisseur_client.post(url, {**choice, "make": "1"})
    brief = Brief.objects.get()
    assert made["Location"] == reverse("brief_detail", args=[dossier.pk, brief.pk])
    assert brief.content["texts"][1]["dir"] == "rtl"
    timeline = regisseur_client.get(reverse("dossier_timeline", args=[dossier.pk]))
    assert "Brief gemaakt: Uitnodiging voor de brede intake" in timeline.content.decode()
    services.render_brief(brief_id=brief.pk)
    download = regisseur_client.get(reverse("brief_pdf", args=[dossier.pk, brief.pk]))
    assert download["Content-Disposition"].startswith("attachment")


def test_the_page_says_next_to_the_field_that_an_appointment_is_needed(regisseur_client, dossier):
    response = regisseur_client.post(
        reverse("make_brief", args=[dossier.pk]),
        {"kind": "herinnering", "bijeenkomst": "", "language": "ar", "preview": "1"},
    )
    form = response.context["form"]
    assert form.errors["bijeenkomst"] == ["Deze brief gaat over een bijeenkomst: kies er een."]
    assert form["language"].value() == "ar"


def test_an_appointment_letter_needs_an_appointment(dossier, regisseur):
    with pytest.raises(ServiceError, match="bijeenkomst"):
        services.make_brief(actor=regisseur, dossier_id=dossier.pk, kind="herinnering")
    with pytest.raises(ServiceError, match=r"\[termijn\]"):
        services.make_brief(actor=regisseur, dossier_id=dossier.pk, kind="bij_pip")
    assert not Brief.objects.exists()


def test_a_partner_reaches_no_letter(dossier, regisseur, afspraak):
    brief = _made(dossier, regisseur, afspraak, language="")
    organisatie = factories.OrganisatieFactory(domeinen=["wonen"])
    user = factories.user_with_role(Role.KETENPARTNER, organisatie=organisatie)
    user.groups.add(organisatie.group)
    factories.share(dossier, regisseur, organisatie)
    client = factories.VerifiedClient()
    client.force_login(user)
    assert "Brieven" not in client.get(dossier.get_absolute_url()).content.decode()
    for name in ("brief_detail", "brief_pdf"):
        assert client.get(reverse(name, args=[dossier.pk, brief.pk])).status_code == 404


def test_the_letter_pages_ask_the_same_queries_however_many_letters(
    regisseur_client, dossier, regisseur, afspraak, queries
):
    first = _made(dossier, regisseur, afspraak, language="")
    urls = [dossier.get_absolute_url(), reverse("brief_detail", args=[dossier.pk, first.pk])]
    before = [queries.get(regisseur_client, url) for url in urls]
    for _number in range(4):
        services.make_brief(
            actor=regisseur, dossier_id=dossier.pk, kind="herinnering", bijeenkomst_id=afspraak.pk
        )
    for url, earlier in zip(urls, before, strict=True):
        queries.assert_same_count(earlier, queries.get(regisseur_client, url))


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_the_retention_removes_the_letter_files(dossier, regisseur, afspraak):
    brief = _made(dossier, regisseur, afspraak, language="")
    path = brief.file.path
    assert services.remove_letter_files(dossier.pk) == 1
    import os

    assert not os.path.exists(path)
