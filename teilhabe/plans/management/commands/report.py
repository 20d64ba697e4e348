import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from teilhabe.plans.bilanz.data import bilanz_data, report_for
from teilhabe.plans.bilanz.formats import FORMATS
from teilhabe.plans.contributions import report_kinds
from teilhabe.plans.models import Plan
from teilhabe.reports.formatting import format_date_long


class Command(BaseCommand):
    # A report is read from the database and written to a file: the system checks (URLs,
    # templates, deployment, services) take longer than the report itself and guard nothing here.
    requires_system_checks: list[str] = []
    help = (
        "Schreibt einen Bericht in eine Datei, z. B. "
        "`teilhabe report bilanz --plan KURZNAME --format pdf --output bilanz.pdf` oder "
        "`teilhabe report practices --organization KURZNAME --format pdf --output broschuere.pdf`."
    )

    def add_arguments(self, parser):
        # Kinds and formats are checked in handle(), so that mistakes get a German message.
        parser.add_argument("kind", help="Art des Berichts: bilanz oder practices")
        parser.add_argument("--plan", help="bilanz: Kurzname des Integrationsplans")
        parser.add_argument("--organization", help="practices: Kurzname der Organisation")
        parser.add_argument("--edition", default="", help="practices: Nummer der Broschüre")
        parser.add_argument(
            "--selection", default="", help="practices: Nummern der Beispiele, z. B. 3,7,12"
        )
        parser.add_argument(
            "--as-of",
            dest="as_of",
            help="Stand als JJJJ-MM-TT: die letzte Bilanz an oder vor diesem Tag "
            "(ohne Angabe: die neueste)",
        )
        parser.add_argument("--format", dest="format", default="pdf", help="pdf, docx oder html")
        parser.add_argument("--output", required=True, help="Datei, in die geschrieben wird")
        parser.add_argument(
            "--attachment", default="", help="Vermerk auf dem Titelblatt, z. B. „Anlage 1“"
        )

    def handle(self, *args, **options):
        # The reports are German documents, whatever language the shell's locale asks for.
        with translation.override("de"):
            self._write(**options)

    def _write(self, *, kind, plan, as_of, format, output, attachment, **options):
        others = report_kinds()
        if kind in others:
            try:
                content, described = others[kind](
                    organization=options.get("organization") or "",
                    edition=options.get("edition") or "",
                    selection=options.get("selection") or "",
                    format=format,
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
            self._save(output, content, f"{described}, als {format.upper()} geschrieben")
            return
        if kind != "bilanz":
            raise CommandError(
                f"Unbekannte Berichtsart „{kind}“. Möglich sind: bilanz, {', '.join(others)}."
            )
        if not plan:
            raise CommandError("Bitte geben Sie den Plan an: --plan KURZNAME.")
        if format not in FORMATS:
            raise CommandError(
                f"Unbekanntes Format „{format}“. Möglich sind: {', '.join(FORMATS)}."
            )
        date = _parse_date(as_of) if as_of else None
        plan_obj = Plan.objects.select_related("organization").filter(slug=plan).first()
        if plan_obj is None:
            raise CommandError(f"Es gibt keinen Integrationsplan mit dem Kurznamen „{plan}“.")
        report = report_for(plan_obj, as_of=date)
        if report is None:
            when = f" mit Stand am oder vor dem {format_date_long(date)}" if date else ""
            raise CommandError(f"Zum Plan „{plan_obj.title}“ gibt es keine Bilanz{when}.")

        content = FORMATS[format].render(bilanz_data(report), attachment=attachment)
        self._save(
            output,
            content,
            f"{report.title}, Stand {format_date_long(report.as_of)}, "
            f"als {FORMATS[format].label} geschrieben",
        )

    def _save(self, output: str, content: bytes, described: str) -> None:
        path = Path(output)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(
                f"Die Datei „{path}“ lässt sich nicht schreiben: {error.strerror}."
            ) from error
        self.stdout.write(f"{described}: {path}")


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"„{value}“ ist kein gültiges Datum. Bitte als JJJJ-MM-TT angeben, z. B. 2017-02-20."
        ) from None
