import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from teilhabe.core.errors import ServiceError
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.progress_report import read_progress_report
from teilhabe.documents.progress_table import ProgressTable, TableMapping
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Plan
from teilhabe.plans.services.bilanz_import import bilanz_import, progress_table_import


class Command(BaseCommand):
    help = (
        "Liest eine Bilanz (Text, DOCX oder PDF) und legt Plan, Handlungsfelder, Maßnahmen und "
        "eine Bilanz an oder aktualisiert sie – alles oder nichts."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zur Datei (.txt, .docx, .pdf)")
        parser.add_argument("--plan", default="", help="Kurzname (Slug) des Plans")
        parser.add_argument(
            "--organization",
            default="",
            help="Kurzname der Organisation, wenn der Plan neu angelegt wird",
        )
        parser.add_argument("--dry-run", action="store_true", help="nichts speichern")
        parser.add_argument(
            "--json",
            action="store_true",
            help="das Erkannte als JSON ausgeben, bei Tabellen mit der erkannten Zuordnung",
        )
        parser.add_argument(
            "--mapping",
            default="",
            help="Datei mit einer gespeicherten Zuordnung (JSON, wie „mapping“ in --json)",
        )
        parser.add_argument(
            "--as-of",
            default="",
            help="Stand der Bilanz (JJJJ-MM-TT), wenn das Dokument keinen nennt",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                f"Datei {path} kann nicht gelesen werden: {error.strerror}."
            ) from error
        try:
            mapping = self._mapping(options["mapping"])
            document = read_progress_report(data, path.name, mapping)
        except DocumentError as error:
            raise CommandError(f"{path.name}: {error}") from error
        if isinstance(document, ProgressTable):
            self._import_table(document, options)
            return

        if options["json"]:
            self.stdout.write(json.dumps(document.to_json_dict(), ensure_ascii=False, indent=2))
        if options["dry_run"]:
            if not options["json"]:
                rows = sum(len(f.goals) for f in document.fields)
                self.stdout.write(
                    f"{len(document.fields)} Handlungsfelder, {rows} Ziele erkannt; nichts gespeichert."
                )
            return

        plan = Plan.objects.filter(slug=options["plan"]).first() if options["plan"] else None
        organization = None
        if plan is None:
            if not options["plan"]:
                raise CommandError("Bitte mit --plan den Kurznamen des Plans angeben.")
            organization = Organization.objects.filter(slug=options["organization"]).first()
            if organization is None:
                raise CommandError(
                    f"Den Plan „{options['plan']}“ gibt es nicht. Zum Anlegen bitte mit --organization "
                    "eine vorhandene Organisation angeben."
                )
        try:
            with transaction.atomic():
                result = bilanz_import(
                    document=document,
                    plan=plan,
                    organization=organization,
                    plan_slug=options["plan"],
                    by=None,
                )
        except ServiceError as error:
            raise CommandError(f"Nichts gespeichert: {error.message}") from error
        if not options["json"]:
            self.stdout.write(
                f"Plan „{result.plan.slug}“: {result.fields_created} Handlungsfelder und "
                f"{result.measures_created} Maßnahmen neu, {result.entries_changed} Umsetzungsstände und "
                f"{result.examples} Beispiele in „{result.report.title}“."
            )

    def _mapping(self, name: str) -> TableMapping | None:
        if not name:
            return None
        try:
            data = json.loads(Path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(
                f"Die Zuordnung {name} kann nicht gelesen werden: {error}."
            ) from error
        if isinstance(data, dict) and "mapping" in data:
            data = data["mapping"]
        if not isinstance(data, dict):
            raise CommandError(f"Die Zuordnung {name} ist kein JSON-Objekt.")
        return TableMapping.from_json_dict(data)

    def _import_table(self, table: ProgressTable, options) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(table.to_json_dict(), ensure_ascii=False, indent=2))
        if options["dry_run"]:
            if not options["json"]:
                self.stdout.write(
                    f"{len(table.fields)} Handlungsfelder, {len(table.rows)} Maßnahmen erkannt; "
                    "nichts gespeichert."
                )
            return
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else table.as_of
        except ValueError as error:
            raise CommandError("--as-of erwartet ein Datum wie 2024-12-31.") from error
        if as_of is None:
            raise CommandError("Das Dokument nennt keinen Stand: bitte mit --as-of angeben.")
        plan, organization = self._target(options)
        try:
            result = progress_table_import(
                table=table,
                as_of=as_of,
                plan=plan,
                organization=organization,
                plan_slug=options["plan"],
                by=None,
            )
        except ServiceError as error:
            raise CommandError(f"Nichts gespeichert: {error.message}") from error
        if not options["json"]:
            self.stdout.write(
                f"Plan „{result.plan.slug}“: {result.fields_created} Handlungsfelder und "
                f"{result.measures_created} Maßnahmen neu, {result.entries_changed} "
                f"Umsetzungsstände in „{result.report.title}“."
            )

    def _target(self, options):
        plan = Plan.objects.filter(slug=options["plan"]).first() if options["plan"] else None
        if plan is not None:
            return plan, None
        if not options["plan"]:
            raise CommandError("Bitte mit --plan den Kurznamen des Plans angeben.")
        organization = Organization.objects.filter(slug=options["organization"]).first()
        if organization is None:
            raise CommandError(
                f"Den Plan „{options['plan']}“ gibt es nicht. Zum Anlegen bitte mit --organization "
                "eine vorhandene Organisation angeben."
            )
        return None, organization
