from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teilhabe.documents.spreadsheet import FORMATS
from teilhabe.plans.exchange import export_file
from teilhabe.plans.models import Plan


class Command(BaseCommand):
    help = (
        "Schreibt einen Plan mit dem Umsetzungsstand seiner neuesten Bilanz als Tabelle: "
        "CSV (Semikolon), XLSX oder JSON. Die Datei lässt sich bearbeitet wieder einlesen "
        "(import-progress)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="Kurzname (Slug) des Plans")
        parser.add_argument("--format", required=True, choices=FORMATS, help="Dateiformat")
        parser.add_argument("--output", required=True, help="Pfad der Zieldatei")

    def handle(self, *args, **options):
        plan = Plan.objects.select_related("organization").filter(slug=options["plan"]).first()
        if plan is None:
            raise CommandError(f"Den Plan „{options['plan']}“ gibt es nicht.")
        output = Path(options["output"])
        fmt = options["format"]
        # The import recognises the format by the file's extension.
        if output.suffix.lower() != f".{fmt}":
            raise CommandError(
                f"Die Zieldatei muss auf .{fmt} enden, damit sie sich wieder einlesen lässt."
            )
        exported = export_file(plan, fmt)
        try:
            output.write_bytes(exported.content)
        except OSError as error:
            raise CommandError(
                f"{output} kann nicht geschrieben werden: {error.strerror}."
            ) from error
        self.stdout.write(
            f"Umsetzungsstand von „{plan.title}“ nach {output} geschrieben "
            f"({len(exported.content) // 1024 + 1} KiB)."
        )
