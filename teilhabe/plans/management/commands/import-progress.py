import argparse
import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teilhabe.core.errors import ServiceError
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.spreadsheet import parse
from teilhabe.organizations.models import User
from teilhabe.plans.exchange import ImportRejected, check_as_of, import_apply, import_preview
from teilhabe.plans.models import Plan


def _date(value: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"„{value}“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ).")


class Command(BaseCommand):
    help = (
        "Liest eine bearbeitete Tabelle des Umsetzungsstands (CSV, XLSX oder JSON aus "
        "export-progress) als nächsten Stand ein – alles oder nichts. Ist die neueste Bilanz "
        "veröffentlicht, entsteht eine neue Bilanz mit dem Stand aus --as-of."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zur Datei (.csv, .xlsx, .json)")
        parser.add_argument("--plan", required=True, help="Kurzname (Slug) des Plans")
        parser.add_argument(
            "--as-of", type=_date, help="Stand einer neuen Bilanz (JJJJ-MM-TT oder TT.MM.JJJJ)"
        )
        parser.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts speichern")
        parser.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
        parser.add_argument(
            "--by",
            default="",
            help="E-Mail-Adresse der Person, in deren Namen gespeichert wird; ihre Rechte gelten. "
            "Ohne Angabe speichert das System ohne Einschränkung.",
        )

    def handle(self, *args, **options):
        plan = Plan.objects.select_related("organization").filter(slug=options["plan"]).first()
        if plan is None:
            raise CommandError(f"Den Plan „{options['plan']}“ gibt es nicht.")
        by = self._person(options["by"])
        rows = self._rows(Path(options["file"]))
        if options["dry_run"]:
            preview = import_preview(plan=plan, rows=rows, user=by)
            self._report(options, preview, saved=None)
            self._check_dry_run(preview, options["as_of"])
            return
        try:
            result = import_apply(plan=plan, rows=rows, by=by, as_of=options["as_of"])
        except ImportRejected as rejected:
            self._report(options, rejected.preview, saved=None)
            raise CommandError(rejected.message) from rejected
        except ServiceError as error:
            raise CommandError(f"Es wurde nichts gespeichert: {error.message}") from error
        self._report(options, result.preview, saved=result)

    def _person(self, email: str):
        if not email:
            return None
        person = User.objects.filter(email=email.lower()).first()
        if person is None:
            raise CommandError(f"Eine Person mit der E-Mail-Adresse {email} gibt es nicht.")
        return person

    def _rows(self, path: Path):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                f"Datei {path} kann nicht gelesen werden: {error.strerror}."
            ) from error
        try:
            return parse(data, path.name)
        except DocumentError as error:
            raise CommandError(f"{path.name}: {error}") from error

    def _check_dry_run(self, preview, as_of) -> None:
        if not preview.is_valid:
            raise CommandError("Die Datei hat Fehler oder Konflikte; so würde nichts gespeichert.")
        if preview.creates_report:
            try:
                check_as_of(preview.latest, as_of)
            except ServiceError as error:
                raise CommandError(error.message) from error

    def _report(self, options, preview, *, saved) -> None:
        if options["json"]:
            report = saved.report if saved and saved.changed else None
            document = {
                "dry_run": options["dry_run"],
                "saved": report is not None,
                "changed": saved.changed if saved else 0,
                "created_report": bool(saved and saved.created_report),
                "saved_to": {
                    "id": report.pk,
                    "title": report.title,
                    "as_of": report.as_of.isoformat(),
                }
                if report
                else None,
                "preview": preview.as_dict(),
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        for line in _lines(preview):
            self.stdout.write(line)
        self.stdout.write(_summary(preview, saved, dry_run=options["dry_run"]))


def _lines(preview):
    for row in preview.rows:
        label = f"Zeile {row.line}" + (f" · {row.measure}" if row.measure else "")
        for change in row.changes:
            yield f"{label}: {change.column}: „{change.old}“ → „{change.new}“"
        for error in row.errors:
            yield f"{label}: FEHLER: {error}"
        for conflict in row.conflicts:
            yield f"{label}: {conflict}"
        for warning in row.warnings:
            yield f"{label}: Hinweis: {warning}"
    for error in preview.errors:
        yield f"FEHLER: {error}"


def _summary(preview, saved, *, dry_run: bool) -> str:
    text = (
        f"{len(preview.rows)} Zeilen, {len(preview.changed_rows)} mit Änderungen, "
        f"{len(preview.problem_rows)} mit Fehlern oder Konflikten."
    )
    if dry_run:
        return f"{text} Probelauf: nichts gespeichert."
    if saved is None:
        return text
    if not saved.changed:
        return f"{text} Keine Änderungen; nichts gespeichert."
    created = " (neu angelegt)" if saved.created_report else ""
    return f"{text} Gespeichert in der Bilanz „{saved.report.title}“{created}."
