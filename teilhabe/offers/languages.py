"""Languages an offer is given in, as ISO 639 codes.

Names come from Django's own catalogue where it has the language (so a Turkish reader sees
"Türkçe"-side names in their language without our translating them); the few languages of
migration Django does not know are named here and translated in our catalogue.
"""

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext, gettext_noop

# The languages offered in German municipalities' inventories, most frequent first; codes are
# ISO 639-1 where one exists, ISO 639-3 otherwise (Dari, Kurmanji).
CODES = (
    "de",
    "en",
    "ar",
    "tr",
    "uk",
    "ru",
    "fa",
    "prs",
    "ps",
    "kmr",
    "ckb",
    "ti",
    "so",
    "am",
    "fr",
    "it",
    "es",
    "pt",
    "pl",
    "ro",
    "bg",
    "hr",
    "sr",
    "bs",
    "sq",
    "el",
    "hu",
    "vi",
    "zh-hans",
    "ur",
    "hi",
    "ta",
)
# Not in Django's catalogue: German names, translated in teilhabe/locale.
EXTRA_NAMES = {
    "prs": gettext_noop("Dari"),
    "ps": gettext_noop("Paschtu"),
    "kmr": gettext_noop("Kurdisch (Kurmandschi)"),
    "ti": gettext_noop("Tigrinya"),
    "so": gettext_noop("Somali"),
    "am": gettext_noop("Amharisch"),
}
# German sign language is an offer's language too (ISO 639-3 gsg).
EXTRA_NAMES["gsg"] = gettext_noop("Deutsche Gebärdensprache")
CODES = (*CODES, "gsg")


def name(code: str) -> str:
    """The language's name in the active language; the code itself for an unknown one."""
    if code in EXTRA_NAMES:
        return gettext(EXTRA_NAMES[code])
    info = LANG_INFO.get(code)
    if info and "name" in info:
        return gettext(info["name"])
    return code


def local_name(code: str) -> str:
    """The language's name in itself (as its speakers find it), where Django knows it."""
    info = LANG_INFO.get(code)
    return info.get("name_local", "") if info else ""


def choices() -> list[tuple[str, str]]:
    return [(code, name(code)) for code in CODES]


def is_known(code: str) -> bool:
    return code in CODES
