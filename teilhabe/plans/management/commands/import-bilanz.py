import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from teilhabe.core.errors import ServiceError
from teilhabe.documents.bilanz import parse_bilanz
from teilhabe.documents.errors import DocumentError
from teilhabe.organizations.models import Organization
from teilhabe.plans.models import Plan
from teilhabe.plans.services.bilanz_import import bilanz_import


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
        parser.add_argument("--json", action="store_true", help="das Erkannte als JSON ausgeben")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                f"Datei {path} kann nicht gelesen werden: {error.strerror}."
            ) from error
        try:
            document = parse_bilanz(data, path.name)
        except DocumentError as error:
            raise CommandError(f"{path.name}: {error}") from error

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
