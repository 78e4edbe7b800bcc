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
