"""The UI is Dutch: the catalogue is complete, compiled, and used by the pages."""

from pathlib import Path

import polib
from django.urls import reverse

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "nl" / "LC_MESSAGES"


def test_every_string_is_translated_and_compiled():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    compiled = polib.mofile(str(LOCALE / "django.mo"))
    translated = {entry.msgid: entry.msgstr for entry in compiled}
    for entry in catalogue.translated_entries():
        if not entry.msgid_plural:
            assert translated.get(entry.msgid) == entry.msgstr, f"recompile: {entry.msgid!r}"


def test_pages_speak_dutch(client, regisseur):
    login = client.get(reverse("login")).content.decode()
    assert "Inloggen" in login
    assert "Gebruikersnaam" in login
    client.force_login(regisseur)
    caseload = client.get(reverse("caseload")).content.decode()
    assert "Mijn dossiers" in caseload
    assert 'lang="nl"' in caseload
