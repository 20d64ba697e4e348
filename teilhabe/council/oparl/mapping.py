"""OParl 1.1 JSON → plain records for the sync, checked before anything is written.

Three kinds of imperfect input are told apart:
- an object that breaks the OParl format (no `id`, a text where a list belongs, a date that is
  no date) raises `InvalidObject`; the sync skips that one object, reports it with its id and
  the German reason, and asks for it again in the next run;
- an embedded object that breaks it (one consultation of a paper, one file of a meeting) is
  left out of its parent, which is written without it; the reason is kept in the parent's
  `problems` (reported, and the parent is read again next time);
- a valid object we cannot use (an organisation that is a Fraktion, a meeting without start or
  committee, a paper without reference) is returned with `skip` set and counted as skipped.

Vendor wordings that are read as meant rather than refused: deletion stubs without `type`
(STERNBERG SD.NET), the same embedded id twice in one object (Somacos SessionNet; merged),
relative or broken `web` links (dropped: they only lead to the vendor's page), control
characters in texts (removed), and organisation types in the words of the systems
("Hauptorgan", "Gemeinderat", "Kreistag", "Ausschuss", "Fraktion", "Verwaltung" …, read from
`organizationType`, `classification` and as a last resort the name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import NoReturn

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from teilhabe.council.models import CommitteeKind, ConsultationRole, PaperType

from .client import OParlError

KIND_NAMES = {
    "Organization": "Die Gruppierung",
    "Meeting": "Die Sitzung",
    "Paper": "Die Drucksache",
    "AgendaItem": "Der Tagesordnungspunkt",
    "Consultation": "Die Beratung",
    "File": "Die Datei",
    "Location": "Der Ort",
    "Body": "Die Körperschaft",
    "System": "Das System",
}
# Control characters (other than the whitespace str.split() knows) become spaces: PostgreSQL
# refuses NUL in text, and none of them belongs in a title.
CONTROL_CHARACTERS = dict.fromkeys([*range(0x20), 0x7F], " ")


class InvalidObject(OParlError):
    pass


def _label(kind: str, obj) -> str:
    oid = obj.get("id") if isinstance(obj, dict) else None
    return f"{KIND_NAMES.get(kind, kind)} {oid}" if isinstance(oid, str) else KIND_NAMES[kind]


def _fail(kind, obj, text) -> NoReturn:
    raise InvalidObject(f"{_label(kind, obj)} ist fehlerhaft: {text}")


def _text(kind, obj, key, *, max_length=None, default="") -> str:
    value = obj.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        _fail(kind, obj, f"„{key}“ muss ein Text sein, ist aber {type(value).__name__}.")
    value = " ".join(value.translate(CONTROL_CHARACTERS).split())
    if max_length and len(value) > max_length:
        value = value[: max_length - 1].rstrip() + "…"
    return value


def _url(kind, obj, key, *, required=False) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        if required:
            _fail(kind, obj, f"„{key}“ fehlt.")
        return None
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        _fail(kind, obj, f"„{key}“ muss eine Adresse (URL) sein.")
    if len(value) > 500:
        _fail(kind, obj, f"„{key}“ ist länger als 500 Zeichen.")
    return value


def _web(obj) -> str:
    """The object's page at the vendor (`web`): only a plain absolute http(s) address; a relative
    or broken one (CC e-gov ALLRIS) is dropped, it is not worth refusing the object for."""
    value = obj.get("web")
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if (
        not value.startswith(("http://", "https://"))
        or len(value) > 500
        or any(c.isspace() or ord(c) < 0x20 for c in value)
        or not re.match(r"https?://[^/?#\s]+\.[^/?#\s]+", value)
    ):
        return ""
    return value


def _urls(kind, obj, key) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if isinstance(value, str):  # some servers give one URL where the spec wants a list
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _fail(kind, obj, f"„{key}“ muss eine Liste von Adressen sein.")
    return value


def _links(obj, key, problems: list[str]) -> list[str]:
    """Optional links to other objects: URLs, or objects with an `id` where a vendor embeds
    them; a malformed list costs the links (noted), never the object carrying them."""
    value = obj.get(key)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    links = []
    for entry in values:
        link = entry.get("id") if isinstance(entry, dict) else entry
        if isinstance(link, str) and link.startswith(("http://", "https://")):
            links.append(link)
        else:
            problems.append(f"„{key}“ enthält keine Adresse: {str(link)[:80]}")
    return list(dict.fromkeys(links))[:MAX_LINKS]


def _bool(kind, obj, key, default=False) -> bool:
    value = obj.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        _fail(kind, obj, f"„{key}“ muss true oder false sein.")
    return value


def _datetime(kind, obj, key) -> datetime | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is None and isinstance(value, str):
            day = parse_date(value)
            if day:
                parsed = datetime(day.year, day.month, day.day)
    except ValueError:  # well formed, but no such day or hour (2024-02-30)
        parsed = None
    if parsed is None:
        _fail(kind, obj, f"„{key}“ ist kein gültiger Zeitpunkt: {value!r:.60}.")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _date(kind, obj, key) -> date | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            day = parse_date(value[:10])
        except ValueError:  # well formed, but no such day (2024-02-30)
            day = None
        if day:
            return day
    _fail(kind, obj, f"„{key}“ ist kein gültiges Datum: {value!r:.60}.")


def _base(kind: str, obj) -> tuple[str, datetime | None, bool]:
    """id, modified and deleted of any OParl object; the type must match."""
    if not isinstance(obj, dict):
        raise InvalidObject(
            f"{KIND_NAMES[kind]} ist fehlerhaft: erwartet ein JSON-Objekt, "
            f"erhalten {type(obj).__name__}."
        )
    oid = _url(kind, obj, "id", required=True)
    deleted = _bool(kind, obj, "deleted")
    otype = obj.get("type")
    # A deletion stub may come without its type (STERNBERG SD.NET): the list says what it is.
    if not (deleted and otype is None) and (
        not isinstance(otype, str) or not otype.rstrip("/").endswith("/" + kind)
    ):
        _fail(kind, obj, f"„type“ muss …/{kind} sein, ist aber {otype!r:.80}.")
    return oid, _datetime(kind, obj, "modified"), deleted


def _embedded(kind, obj, key) -> list:
    value = obj.get(key)
    if value is None:
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        _fail(kind, obj, f"„{key}“ muss eine Liste sein.")
    return value


def _each(raws, parse, problems: list[str]) -> list:
    """`parse` applied to each embedded object; a broken one is left out, its reason kept."""
    items = []
    for index, raw in enumerate(raws):
        try:
            items.append(parse(raw, index))
        except InvalidObject as error:
            problems.append(error.message)
    return items


def merge_duplicates(items: list) -> list:
    """One record per OParl id (Somacos SessionNet embeds the same consultation twice in a
    paper): the first keeps its place, empty fields are filled from the later ones."""
    by_id: dict = {}
    for item in items:
        first = by_id.get(item.oparl_id)
        if first is None:
            by_id[item.oparl_id] = item
            continue
        for f in fields(first):
            if not getattr(first, f.name) and getattr(item, f.name):
                setattr(first, f.name, getattr(item, f.name))
    return list(by_id.values())


@dataclass
class CommitteeData:
    oparl_id: str
    modified: datetime | None
    deleted: bool
    name: str = ""
    short_name: str = ""
    kind: str = CommitteeKind.COMMITTEE
    web_url: str = ""
    start_date: date | None = None
    end_date: date | None = None
    skip: str = ""


# Organisations that are no Gremium: groups of members, parties, the administration's units.
NOT_A_COMMITTEE = re.compile(
    r"^(fraktion|partei|gruppe\b|gruppierung|verwaltung\b|verwaltungsbereich|verwaltungseinheit"
    r"|dezernat|amt\b|fachbereich|referat\b|institution|einrichtung|person)"
)
# The main council of a Gemeinde, Stadt or Kreis, in the wordings of the vendors and Länder.
COUNCIL = re.compile(
    r"^(hauptorgan|parlament|rat\b|rat der|gemeinderat|marktgemeinderat|stadtrat|kreistag"
    r"|stadtverordnetenversammlung|gemeindevertretung|stadtvertretung|ratsversammlung"
    r"|bürgerschaft|bezirksverordnetenversammlung|regionalversammlung|verbandsversammlung"
    r"|städteregionstag|landschaftsversammlung|bezirkstag)"
)
COMMITTEE = re.compile(r"ausschuss|ausschüsse|kommission|hilfsorgan|unterorgan|beirat\b")


def committee_kind(organization_type: str, classification: str, name: str = "") -> str | None:
    """The kind of Gremium, or None when the organisation is none (Fraktion, Verwaltung …).
    organizationType says most, then classification, then the name; the generic words
    ("Gremium", "Sonstiges") say nothing and pass on to the next."""
    for text in (organization_type, classification):
        if NOT_A_COMMITTEE.match(text.strip().lower()):
            return None
    for raw in (organization_type, classification, name):
        text = raw.strip().lower()
        if COMMITTEE.search(text):
            return CommitteeKind.COMMITTEE
        if COUNCIL.match(text):
            return CommitteeKind.COUNCIL
    if NOT_A_COMMITTEE.match(name.strip().lower()) and not organization_type:
        return None
    return CommitteeKind.OTHER


def parse_organization(obj) -> CommitteeData:
    kind = "Organization"
    oid, modified, deleted = _base(kind, obj)
    item = CommitteeData(oid, modified, deleted)
    if deleted:
        return item
    item.name = _text(kind, obj, "name", max_length=300)
    item.short_name = _text(kind, obj, "shortName", max_length=50)
    organization_type = _text(kind, obj, "organizationType")
    classification = _text(kind, obj, "classification")
    item.web_url = _web(obj)
    item.start_date = _date(kind, obj, "startDate")
    item.end_date = _date(kind, obj, "endDate")
    item.name = item.name or item.short_name
    committee = committee_kind(organization_type, classification, item.name)
    if committee is None:
        item.skip = f"kein Gremium ({organization_type or classification or item.name})"
    else:
        item.kind = committee
    if not item.name:
        item.skip = "ohne Namen"
    return item


@dataclass
class FileData:
    oparl_id: str
    deleted: bool
    name: str = ""
    file_name: str = ""
    access_url: str = ""
    download_url: str = ""
    mime_type: str = ""
    size: int | None = None
    date: date | None = None
    text: str = ""
    # meeting documents: invitation, results_protocol, verbatim_protocol, auxiliary
    role: str = ""
    position: int = 0
    web_url: str = ""
    modified: datetime | None = None


FILE_TEXT_MAX = 200_000
# More links than a paper's page can sensibly show (a list of every paper of a session).
MAX_LINKS = 50


def _file(raw, position, role="") -> FileData:
    kind = "File"
    fid, modified, deleted = _base(kind, raw)
    item = FileData(fid, deleted, position=position, modified=modified, role=role)
    if deleted:
        return item
    item.access_url = _url(kind, raw, "accessUrl") or ""
    item.download_url = _url(kind, raw, "downloadUrl") or ""
    item.file_name = _text(kind, raw, "fileName", max_length=300)
    item.name = _text(kind, raw, "name", max_length=300) or item.file_name or "Datei"
    item.mime_type = _text(kind, raw, "mimeType", max_length=100)
    item.date = _date(kind, raw, "date")
    size = raw.get("size")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
        _fail(kind, raw, "„size“ muss eine nicht negative ganze Zahl sein.")
    item.size = size
    # The extracted text, for the search; capped so one scanned book cannot fill the database.
    item.text = _text(kind, raw, "text", max_length=FILE_TEXT_MAX)
    item.web_url = _web(raw)
    return item


@dataclass
class AgendaItemData:
    oparl_id: str
    deleted: bool
    number: str = ""
    name: str = ""
    public: bool = True
    result: str = ""
    resolution_text: str = ""
    resolution_file_name: str = ""
    resolution_file_url: str = ""
    consultation: str | None = None
    position: int = 0
    web_url: str = ""
    modified: datetime | None = None


@dataclass
class MeetingData:
    oparl_id: str
    modified: datetime | None
    deleted: bool
    name: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location: str = ""
    cancelled: bool = False
    organizations: list[str] = field(default_factory=list)
    agenda_items: list[AgendaItemData] = field(default_factory=list)
    files: list[FileData] = field(default_factory=list)
    web_url: str = ""
    skip: str = ""
    # embedded objects left out, with their German reasons
    problems: list[str] = field(default_factory=list)


def _location(kind, obj) -> str:
    value = obj.get("location")
    if value is None or isinstance(value, str):
        return ""  # a bare URL: the place is not worth a request per meeting
    if not isinstance(value, dict):
        _fail(kind, obj, "„location“ muss ein Objekt sein.")
    parts = [
        _text("Location", value, key)
        for key in ("description", "room", "streetAddress", "locality")
    ]
    return ", ".join(dict.fromkeys(p for p in parts if p))[:300]


def _agenda_item(raw, index) -> AgendaItemData:
    sub = "AgendaItem"
    aid, amodified, adeleted = _base(sub, raw)
    agenda = AgendaItemData(aid, adeleted, modified=amodified, position=index)
    if adeleted:
        return agenda
    agenda.number = _text(sub, raw, "number", max_length=20)
    order = raw.get("order")
    if order is not None:
        if not isinstance(order, int) or isinstance(order, bool):
            _fail(sub, raw, "„order“ muss eine ganze Zahl sein.")
        agenda.position = max(order, 0)
    agenda.name = _text(sub, raw, "name", max_length=500) or (
        f"Tagesordnungspunkt {agenda.number}".strip()
    )
    agenda.public = _bool(sub, raw, "public", default=True)
    agenda.result = _text(sub, raw, "result", max_length=300)
    agenda.resolution_text = _text(sub, raw, "resolutionText", max_length=20_000)
    resolution = raw.get("resolutionFile")
    if isinstance(resolution, dict):
        try:
            resolution_file = _file(resolution, 0)
        except InvalidObject:
            resolution_file = None  # a broken file object costs the link, not the agenda item
        if resolution_file is not None and not resolution_file.deleted:
            agenda.resolution_file_name = resolution_file.name
            agenda.resolution_file_url = (
                resolution_file.download_url or resolution_file.access_url
            )[:500]
    agenda.consultation = _url(sub, raw, "consultation")
    agenda.web_url = _web(raw)
    return agenda


MEETING_FILES = (
    ("invitation", "invitation"),
    ("resultsProtocol", "results_protocol"),
    ("verbatimProtocol", "verbatim_protocol"),
    ("auxiliaryFile", "auxiliary"),
)


def parse_meeting(obj) -> MeetingData:
    kind = "Meeting"
    oid, modified, deleted = _base(kind, obj)
    item = MeetingData(oid, modified, deleted)
    if deleted:
        return item
    item.name = _text(kind, obj, "name", max_length=300)
    item.starts_at = _datetime(kind, obj, "start")
    item.ends_at = _datetime(kind, obj, "end")
    item.location = _location(kind, obj)
    item.cancelled = _bool(kind, obj, "cancelled")
    item.organizations = _urls(kind, obj, "organization")
    item.web_url = _web(obj)
    item.agenda_items = merge_duplicates(
        _each(_embedded(kind, obj, "agendaItem"), _agenda_item, item.problems)
    )
    files: list[FileData] = []
    for key, role in MEETING_FILES:
        start = len(files)
        files += _each(
            _embedded(kind, obj, key),
            lambda raw, index, role=role, start=start: _file(raw, start + index, role),
            item.problems,
        )
    item.files = merge_duplicates(files)
    if not item.starts_at:
        item.skip = "ohne Beginn"
    return item


@dataclass
class ConsultationData:
    oparl_id: str
    deleted: bool
    meeting: str | None = None
    organizations: list[str] = field(default_factory=list)
    agenda_item: str | None = None
    role: str = ConsultationRole.DECISION
    position: int = 0
    modified: datetime | None = None


@dataclass
class PaperData:
    oparl_id: str
    modified: datetime | None
    deleted: bool
    reference: str = ""
    title: str = ""
    paper_type: str = PaperType.OTHER
    # the system's own wording of the type ("Beschlussvorlage öffentlich", "Vorlage BV")
    paper_type_text: str = ""
    date: date | None = None
    web_url: str = ""
    consultations: list[ConsultationData] = field(default_factory=list)
    files: list[FileData] = field(default_factory=list)
    # OParl ids of related papers and of the bodies behind the paper
    related: list[str] = field(default_factory=list)
    superordinated: list[str] = field(default_factory=list)
    subordinated: list[str] = field(default_factory=list)
    originators: list[str] = field(default_factory=list)
    under_direction_of: list[str] = field(default_factory=list)
    skip: str = ""
    problems: list[str] = field(default_factory=list)


def paper_type(value: str) -> str:
    text = value.lower()
    for word, kind in (
        ("beschluss", PaperType.DECISION),
        ("mitteilung", PaperType.INFORMATION),
        ("information", PaperType.INFORMATION),
        ("kenntnis", PaperType.INFORMATION),
        ("bericht", PaperType.REPORT),
        ("anfrage", PaperType.QUESTION),
        ("antrag", PaperType.MOTION),
    ):
        if word in text:
            return kind
    return PaperType.OTHER


def consultation_role(role: str, authoritative: bool) -> str:
    text = role.lower()
    if "kenntnis" in text:
        return ConsultationRole.NOTICE
    if "vorberat" in text or ("beratung" in text and not authoritative):
        return ConsultationRole.PRELIMINARY
    if authoritative or "entscheid" in text or "beschluss" in text:
        return ConsultationRole.DECISION
    return ConsultationRole.PRELIMINARY


def _consultation(raw, index) -> ConsultationData:
    sub = "Consultation"
    cid, cmodified, cdeleted = _base(sub, raw)
    consultation = ConsultationData(cid, cdeleted, position=index, modified=cmodified)
    if not cdeleted:
        consultation.meeting = _url(sub, raw, "meeting")
        consultation.organizations = _urls(sub, raw, "organization")
        consultation.agenda_item = _url(sub, raw, "agendaItem")
        consultation.role = consultation_role(
            _text(sub, raw, "role"), _bool(sub, raw, "authoritative")
        )
    return consultation


def parse_paper(obj) -> PaperData:
    kind = "Paper"
    oid, modified, deleted = _base(kind, obj)
    item = PaperData(oid, modified, deleted)
    if deleted:
        return item
    item.reference = _text(kind, obj, "reference")
    item.title = _text(kind, obj, "name", max_length=500)
    item.paper_type_text = _text(kind, obj, "paperType", max_length=200)
    item.paper_type = paper_type(item.paper_type_text)
    item.date = _date(kind, obj, "date")
    item.web_url = _web(obj)
    # originatorPerson is left out on purpose: Teilhabe keeps no councillors' names (see
    # docs/oparl.md, "Personen und Mitgliedschaften").
    for attribute, key in (
        ("related", "relatedPaper"),
        ("superordinated", "superordinatedPaper"),
        ("subordinated", "subordinatedPaper"),
        ("originators", "originatorOrganization"),
        ("under_direction_of", "underDirectionOf"),
    ):
        setattr(item, attribute, _links(obj, key, item.problems))
    if not item.reference:
        item.skip = "ohne Drucksachennummer (reference)"
    elif len(item.reference) > 50:
        item.skip = f"Drucksachennummer länger als 50 Zeichen ({item.reference[:60]}…)"
    item.title = item.title or f"Drucksache {item.reference}"
    item.consultations = merge_duplicates(
        _each(_embedded(kind, obj, "consultation"), _consultation, item.problems)
    )
    files = []
    main = obj.get("mainFile")
    if main is not None:
        files += _each([main], lambda raw, _index: _file(raw, 0), item.problems)
    files += _each(
        _embedded(kind, obj, "auxiliaryFile"),
        lambda raw, index: _file(raw, index + 1),
        item.problems,
    )
    # the main file listed again among the auxiliary files: one file, in its first place
    item.files = merge_duplicates(files)
    return item
