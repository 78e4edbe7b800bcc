"""Languages newcomers commonly speak, by ISO 639 code, for the 'languages spoken' field.

A short curated list keeps the form usable; 'other' covers the rest (noted in free text).
"""

from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [
    ("am", _("Amharic")),
    ("ar", _("Arabic")),
    ("hy", _("Armenian")),
    ("bn", _("Bengali")),
    ("zh", _("Chinese")),
    ("prs", _("Dari")),
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("fa", _("Persian (Farsi)")),
    ("fr", _("French")),
    ("ka", _("Georgian")),
    ("de", _("German")),
    ("hi", _("Hindi")),
    ("kmr", _("Kurdish (Kurmanji)")),
    ("ckb", _("Kurdish (Sorani)")),
    ("ps", _("Pashto")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("so", _("Somali")),
    ("es", _("Spanish")),
    ("sw", _("Swahili")),
    ("ber", _("Tamazight (Berber)")),
    ("ta", _("Tamil")),
    ("ti", _("Tigrinya")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("ur", _("Urdu")),
    ("other", _("Other language")),
]

LANGUAGE_CODES = [code for code, _label in LANGUAGE_CHOICES]

# The languages a letter is made in beside Dutch (issue 19): a template has a text in each,
# shipped as a translation a certified translator still has to check.
LETTER_LANGUAGES = ("en", "ar", "fa", "prs", "ti", "uk", "tr", "so")
LETTER_LANGUAGE_CHOICES = [("nl", _("Dutch"))] + [
    (code, label) for code, label in LANGUAGE_CHOICES if code in LETTER_LANGUAGES
]
# Written right to left (Arabic script); the letter sets dir="rtl" on their text.
RTL_LANGUAGES = frozenset({"ar", "fa", "prs"})
# Each letter language in its own name, for the column heading a reader finds their text by.
LANGUAGE_ENDONYMS = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "prs": "دری",
    "ti": "ትግርኛ",
    "uk": "Українська",
    "tr": "Türkçe",
    "so": "Soomaali",
}
