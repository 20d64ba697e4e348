"""The offers table (CSV or XLSX) read into plain rows. Pure: no Django, no database.

One row is one offer. The header names the columns (in any order, case and spacing ignored);
only "Titel" and "Träger" are required. A file that cannot be read as a whole raises
`DocumentError`; a bad cell marks its row (`OfferRow.errors`, German, naming the column), so a
person sees every problem of the file at once and the import writes nothing until none is left.

The vocabularies (target groups, languages) are passed in by the caller, so that this module
needs nothing but the standard library and openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field

from teilhabe.documents.errors import DocumentError
from teilhabe.documents.limits import ZIP_ERRORS

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024
XLSX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024

# Column heading → key. Several headings name the same column (what offices write).
COLUMNS = {
    "titel": "title",
    "angebot": "title",
    "träger": "provider",
    "traeger": "provider",
    "art des trägers": "provider_kind",
    "beschreibung": "description",
    "handlungsfelder": "fields",
    "handlungsfeld": "fields",
    "zielgruppen": "target_groups",
    "zielgruppe": "target_groups",
    "sprachen": "languages",
    "sprache": "languages",
    "ort": "place",
    "straße": "street",
    "strasse": "street",
    "plz": "postal_code",
    "postleitzahl": "postal_code",
    "stadt": "city",
    "rollstuhlgerecht": "wheelchair",
    "barrierefreiheit": "accessibility",
    "zeiten": "schedule",
    "kosten": "cost",
    "voraussetzungen": "eligibility",
    "einzugsgebiet": "service_area",
    "e-mail": "email",
    "telefon": "phone",
    "internetseite": "website",
    "zuletzt geprüft": "last_verified",
}
REQUIRED = ("title", "provider")
HEADINGS = {
    "title": "Titel",
    "provider": "Träger",
    "provider_kind": "Art des Trägers",
    "description": "Beschreibung",
    "fields": "Handlungsfelder",
    "target_groups": "Zielgruppen",
    "languages": "Sprachen",
    "place": "Ort",
    "street": "Straße",
    "postal_code": "PLZ",
    "city": "Stadt",
    "wheelchair": "rollstuhlgerecht",
    "accessibility": "Barrierefreiheit",
    "schedule": "Zeiten",
    "cost": "Kosten",
    "eligibility": "Voraussetzungen",
    "service_area": "Einzugsgebiet",
    "email": "E-Mail",
    "phone": "Telefon",
    "website": "Internetseite",
    "last_verified": "zuletzt geprüft",
}
LIMITS = {
    "title": 300,
    "provider": 200,
    "place": 200,
    "street": 200,
    "city": 100,
    "accessibility": 300,
    "schedule": 500,
    "cost": 300,
    "eligibility": 500,
    "phone": 50,
}
_SPLIT = re.compile(r"\s*[,;/]\s*")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_YES = {"ja", "j", "yes", "x", "1", "wahr"}
_NO = {"nein", "n", "no", "0", "falsch"}
_FREE = {"", "kostenlos", "kostenfrei", "frei", "0", "0 eur", "gratis"}


@dataclass
class OfferRow:
    line: int
    title: str = ""
    provider: str = ""
    provider_kind: str = ""
    description: str = ""
    field_numbers: list[int] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    place: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    wheelchair: bool | None = None
    accessibility: str = ""
    schedule: str = ""
    free_of_charge: bool = True
    cost: str = ""
    eligibility: str = ""
    service_area: list[str] = field(default_factory=list)
    email: str = ""
    phone: str = ""
    website: str = ""
    last_verified: dt.date | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def message(self) -> str:
        return f"Zeile {self.line}: " + "; ".join(self.errors)


def parse_offers(
    data: bytes,
    filename: str,
    *,
    target_groups: Mapping[str, str],
    languages: Mapping[str, str],
    provider_kinds: Mapping[str, str],
) -> list[OfferRow]:
    """The rows of an offers table. `target_groups`, `languages` and `provider_kinds` map the
    words a table may use (labels and codes, lower case) to codes."""
    if len(data) > MAX_BYTES:
        raise DocumentError("Die Datei ist größer als 10 MB.")
    table = _xlsx_rows(data) if filename.lower().endswith(".xlsx") else _csv_rows(data)
    if not table:
        raise DocumentError("Die Datei ist leer.")
    header = [_clean(cell).casefold() for cell in table[0]]
    keys = [COLUMNS.get(heading) for heading in header]
    missing = [HEADINGS[key] for key in REQUIRED if key not in keys]
    if missing:
        raise DocumentError(
            "In der ersten Zeile fehlt die Spalte " + " und ".join(f"„{m}“" for m in missing) + ".",
            1,
        )
    body = [row for row in table[1:] if any(_clean(cell) for cell in row)]
    if len(body) > MAX_ROWS:
        raise DocumentError(f"Die Tabelle hat mehr als {MAX_ROWS} Zeilen.")
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(_clean(cell) for cell in cells):
            continue
        values = {
            key: _clean(cells[index]) if index < len(cells) else ""
            for index, key in enumerate(keys)
            if key
        }
        rows.append(_row(number, values, target_groups, languages, provider_kinds))
    if not rows:
        raise DocumentError("Die Tabelle enthält keine Angebote.")
    return rows


def _row(number, values, target_groups, languages, provider_kinds) -> OfferRow:
    row = OfferRow(line=number)
    for key in REQUIRED:
        if not values.get(key):
            row.errors.append(f"„{HEADINGS[key]}“ fehlt")
    for key, limit in LIMITS.items():
        if len(values.get(key, "")) > limit:
            row.errors.append(f"„{HEADINGS[key]}“ ist länger als {limit} Zeichen")
    for key in ("title", "provider", "description", "place", "street", "city"):
        setattr(row, key, values.get(key, ""))
    for key in ("accessibility", "schedule", "eligibility", "phone", "website"):
        setattr(row, key, values.get(key, ""))
    _vocabularies(row, values, target_groups, languages, provider_kinds)
    _place(row, values)
    _contact(row, values)
    cost = values.get("cost", "")
    row.free_of_charge = cost.casefold() in _FREE
    row.cost = "" if row.free_of_charge else cost
    row.service_area = _words(values.get("service_area", ""), split=re.compile(r"\s*[;,]\s*"))
    verified = values.get("last_verified", "")
    if verified:
        row.last_verified = _date(verified)
        if row.last_verified is None:
            row.errors.append(f"„zuletzt geprüft“: „{verified}“ ist kein Datum (TT.MM.JJJJ)")
    return row


def _vocabularies(row: OfferRow, values, target_groups, languages, provider_kinds) -> None:
    kind = values.get("provider_kind", "")
    if kind:
        if kind.casefold() in provider_kinds:
            row.provider_kind = provider_kinds[kind.casefold()]
        else:
            row.errors.append(f"„{HEADINGS['provider_kind']}“: „{kind}“ ist keine bekannte Art")
    for word in _words(values.get("fields", "")):
        # isdecimal, not isdigit: "¹" is a digit that int() refuses (found by Hypothesis).
        if word.isdecimal() and word.isascii() and 0 < int(word) < 100:
            row.field_numbers.append(int(word))
        else:
            row.errors.append(f"„Handlungsfelder“: „{word}“ ist keine Nummer eines Handlungsfelds")
    row.target_groups = _codes(
        values.get("target_groups", ""), target_groups, "Zielgruppen", row.errors
    )
    row.languages = _codes(values.get("languages", ""), languages, "Sprachen", row.errors)


def _place(row: OfferRow, values) -> None:
    postal_code = values.get("postal_code", "")
    if postal_code.endswith(".0"):
        # A spreadsheet stored the number as a float.
        postal_code = postal_code[:-2]
    if postal_code and not re.fullmatch(r"[0-9]{5}", postal_code):
        row.errors.append(f"„PLZ“: „{postal_code}“ hat nicht fünf Ziffern")
    row.postal_code = postal_code
    if (row.street or row.postal_code or row.city) and not row.place:
        # A place needs a name; the street serves when the table gives none.
        row.place = row.street or row.city
    wheelchair = values.get("wheelchair", "").casefold()
    if wheelchair in _YES:
        row.wheelchair = True
    elif wheelchair in _NO:
        row.wheelchair = False
    elif wheelchair:
        row.errors.append(
            f"„rollstuhlgerecht“: „{values['wheelchair']}“ – bitte ja, nein oder leer"
        )


def _contact(row: OfferRow, values) -> None:
    email = values.get("email", "")
    if email and not _EMAIL.match(email):
        row.errors.append(f"„E-Mail“: „{email}“ ist keine E-Mail-Adresse")
    row.email = email
    website = row.website
    if website and not website.startswith(("http://", "https://")):
        row.website = "https://" + website
    if " " in row.website:
        row.errors.append(f"„Internetseite“: „{website}“ ist keine Adresse")


def _codes(text: str, vocabulary: Mapping[str, str], heading: str, errors: list[str]) -> list[str]:
    codes: list[str] = []
    for word in _words(text):
        code = vocabulary.get(word.casefold())
        if code is None:
            errors.append(f"„{heading}“: „{word}“ ist unbekannt")
        elif code not in codes:
            codes.append(code)
    return codes


def _words(text: str, split: re.Pattern[str] = _SPLIT) -> list[str]:
    return [word for word in split.split(text) if word]


def _date(text: str) -> dt.date | None:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d.%m.%y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _clean(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _CONTROL.sub("", str(value)).strip()
    # A spreadsheet export escapes a leading formula sign with an apostrophe.
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return " ".join(text.split())


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything; latin-1 would be next
        raise DocumentError("Die Datei ist keine Textdatei (CSV).")
    if "\x00" in text:
        raise DocumentError("Die Datei ist keine Textdatei (CSV).")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as error:
        raise DocumentError(f"Die CSV-Datei ist nicht lesbar ({error}).") from error


def _xlsx_rows(data: bytes) -> list[list[object]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except ZIP_ERRORS as error:
        raise DocumentError("Die Datei ist keine lesbare XLSX-Tabelle.") from error
    if unpacked > XLSX_MAX_UNPACKED_BYTES:
        raise DocumentError("Die XLSX-Tabelle ist entpackt größer als 200 MB.")
    # Imported when a workbook is read, not with the views: a web worker that serves pages does
    # without openpyxl (and lxml), ~12 MB.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (*ZIP_ERRORS, KeyError) as error:
        raise DocumentError("Die Datei ist keine lesbare XLSX-Tabelle.") from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
