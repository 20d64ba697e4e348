"""OParl 1.1 JSON → plain records for the sync, checked before anything is written.

Two kinds of bad input are told apart:
- an object that breaks the OParl format (no `id`, a text where a list belongs, a date that is
  no date) raises `InvalidObject`: the server is broken, the sync stops at that page and resumes
  there once it is fixed;
- a valid object we cannot use (an organisation that is a Fraktion, a meeting without start or
  committee, a paper without reference) is returned with `skip` set and counted as skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
# Organisation types (OParl: organizationType) that are Gremien in our sense.
COMMITTEE_TYPES = {"gremium", "externes gremium"}


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
    value = " ".join(value.split())
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


def _urls(kind, obj, key) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if isinstance(value, str):  # some servers give one URL where the spec wants a list
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _fail(kind, obj, f"„{key}“ muss eine Liste von Adressen sein.")
    return value


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
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None and isinstance(value, str):
        day = parse_date(value)
        if day:
            parsed = datetime(day.year, day.month, day.day)
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
        day = parse_date(value[:10])
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
    otype = obj.get("type")
    if not isinstance(otype, str) or not otype.rstrip("/").endswith("/" + kind):
        _fail(kind, obj, f"„type“ muss …/{kind} sein, ist aber {otype!r:.80}.")
    deleted = _bool(kind, obj, "deleted")
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


@dataclass
class CommitteeData:
    oparl_id: str
    modified: datetime | None
    deleted: bool
    name: str = ""
    short_name: str = ""
    kind: str = CommitteeKind.COMMITTEE
    web_url: str = ""
    skip: str = ""


def committee_kind(organization_type: str, classification: str) -> str:
    text = f"{organization_type} {classification}".lower()
    council_words = ("parlament", "kreistag", "gemeinderat", "stadtrat", "stadtverordnet")
    if any(word in text for word in council_words) or classification.strip().lower() == "rat":
        return CommitteeKind.COUNCIL
    if "ausschuss" in text or "gremium" in text:
        return CommitteeKind.COMMITTEE
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
    item.web_url = _url(kind, obj, "web") or ""
    if organization_type and organization_type.lower() not in COMMITTEE_TYPES:
        item.skip = f"kein Gremium ({organization_type})"
    item.name = item.name or item.short_name
    if not item.name:
        item.skip = "ohne Namen"
    item.kind = committee_kind(organization_type, classification or item.name)
    return item


@dataclass
class AgendaItemData:
    oparl_id: str
    deleted: bool
    number: str = ""
    name: str = ""
    public: bool = True
    result: str = ""
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
    location: str = ""
    cancelled: bool = False
    organizations: list[str] = field(default_factory=list)
    agenda_items: list[AgendaItemData] = field(default_factory=list)
    web_url: str = ""
    skip: str = ""


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


def parse_meeting(obj) -> MeetingData:
    kind = "Meeting"
    oid, modified, deleted = _base(kind, obj)
    item = MeetingData(oid, modified, deleted)
    if deleted:
        return item
    item.name = _text(kind, obj, "name", max_length=300)
    item.starts_at = _datetime(kind, obj, "start")
    item.location = _location(kind, obj)
    item.cancelled = _bool(kind, obj, "cancelled")
    item.organizations = _urls(kind, obj, "organization")
    item.web_url = _url(kind, obj, "web") or ""
    for index, raw in enumerate(_embedded(kind, obj, "agendaItem")):
        sub = "AgendaItem"
        aid, amodified, adeleted = _base(sub, raw)
        agenda = AgendaItemData(aid, adeleted, modified=amodified, position=index)
        if not adeleted:
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
            agenda.consultation = _url(sub, raw, "consultation")
            agenda.web_url = _url(sub, raw, "web") or ""
        item.agenda_items.append(agenda)
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
class FileData:
    oparl_id: str
    deleted: bool
    name: str = ""
    access_url: str = ""
    mime_type: str = ""
    size: int | None = None
    position: int = 0
    web_url: str = ""
    modified: datetime | None = None


@dataclass
class PaperData:
    oparl_id: str
    modified: datetime | None
    deleted: bool
    reference: str = ""
    title: str = ""
    paper_type: str = PaperType.OTHER
    date: date | None = None
    web_url: str = ""
    consultations: list[ConsultationData] = field(default_factory=list)
    files: list[FileData] = field(default_factory=list)
    skip: str = ""


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


def _file(raw, position) -> FileData:
    kind = "File"
    fid, modified, deleted = _base(kind, raw)
    item = FileData(fid, deleted, position=position, modified=modified)
    if deleted:
        return item
    item.access_url = _url(kind, raw, "accessUrl") or ""
    item.name = (
        _text(kind, raw, "name", max_length=300)
        or _text(kind, raw, "fileName", max_length=300)
        or "Datei"
    )
    item.mime_type = _text(kind, raw, "mimeType", max_length=100)
    size = raw.get("size")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
        _fail(kind, raw, "„size“ muss eine nicht negative ganze Zahl sein.")
    item.size = size
    item.web_url = _url(kind, raw, "web") or ""
    return item


def parse_paper(obj) -> PaperData:
    kind = "Paper"
    oid, modified, deleted = _base(kind, obj)
    item = PaperData(oid, modified, deleted)
    if deleted:
        return item
    item.reference = _text(kind, obj, "reference")
    item.title = _text(kind, obj, "name", max_length=500)
    item.paper_type = paper_type(_text(kind, obj, "paperType"))
    item.date = _date(kind, obj, "date")
    item.web_url = _url(kind, obj, "web") or ""
    if not item.reference:
        item.skip = "ohne Drucksachennummer (reference)"
    elif len(item.reference) > 50:
        item.skip = f"Drucksachennummer länger als 50 Zeichen ({item.reference[:60]}…)"
    item.title = item.title or f"Drucksache {item.reference}"
    for index, raw in enumerate(_embedded(kind, obj, "consultation")):
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
        item.consultations.append(consultation)
    main = obj.get("mainFile")
    if main is not None:
        item.files.append(_file(main, 0))
    for index, raw in enumerate(_embedded(kind, obj, "auxiliaryFile"), start=1):
        item.files.append(_file(raw, index))
    return item
