import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from teilhabe.core.errors import ServiceError
from teilhabe.documents.errors import DocumentError
from teilhabe.documents.recommendations import RecommendationList, parse_recommendations
from teilhabe.participation.models import ParticipationProcess
from teilhabe.participation.services.recommendation_import import recommendations_import

# More text than any recommendation list has; a bigger file is a mistake, not a list.
MAX_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Liest eine Liste nummerierter Empfehlungen (Text, DOCX oder PDF, auch mit OCR-Fehlern) "
        "und gibt sie aus oder legt sie in einem Beteiligungsprozess an – alles oder nichts. "
        "Ohne --process wird nur gelesen. Nummern, die der Prozess schon hat, werden nicht "
        "überschrieben: der Import bricht dann ab."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad zur Datei (.txt, .docx, .pdf)")
        parser.add_argument(
            "--process", default="", help="Kurzname (Slug) des Beteiligungsprozesses"
        )
        parser.add_argument(
            "--plan",
            default="",
            help="Kurzname des Plans: wählt den Prozess aus, wenn der Plan nur einen hat, "
            "oder macht --process eindeutig",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="prüfen und berichten, nichts speichern"
        )
        parser.add_argument(
            "--json", action="store_true", help="die erkannten Empfehlungen als JSON ausgeben"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        document = self._read(path)
        if options["json"]:
            self.stdout.write(json.dumps(document.to_json_dict(), ensure_ascii=False, indent=2))
        else:
            self._describe(document, options["verbosity"])

        if not options["process"] and not options["plan"]:
            if not options["json"]:
                self.stdout.write("Nur gelesen (kein --process angegeben); nichts gespeichert.")
            return
        process = self._process(options["process"], options["plan"])
        try:
            with transaction.atomic():
                result = recommendations_import(process=process, document=document, by=None)
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except ServiceError as error:
            raise CommandError(error.message) from error
        if options["json"]:
            return
        count = len(result.recommendations)
        if options["dry_run"]:
            self.stdout.write(
                f"Probelauf: {count} Empfehlungen mit {result.items} Unterpunkten würden in "
                f"„{process.title}“ angelegt; nichts gespeichert."
            )
        else:
            self.stdout.write(
                f"{count} Empfehlungen mit {result.items} Unterpunkten in „{process.title}“ "
                "angelegt."
            )

    def _read(self, path: Path) -> RecommendationList:
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(
                    f"{path.name}: Die Datei ist größer als {MAX_BYTES // (1024 * 1024)} MB; "
                    "das ist keine Empfehlungsliste."
                )
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                f"Datei {path} kann nicht gelesen werden: {error.strerror}."
            ) from error
        try:
            return parse_recommendations(data, path.name)
        except DocumentError as error:
            raise CommandError(f"{path.name}: {error}") from error

    def _describe(self, document: RecommendationList, verbosity: int) -> None:
        for recommendation in document.recommendations:
            inferred = " (Nummer erschlossen)" if recommendation.number_inferred else ""
            # Sub-points the document labels keep their letter; bullets show as bullets.
            items = "".join(
                f" {item.label})" if item.label else " •" for item in recommendation.items
            )
            self.stdout.write(
                f"{recommendation.number}.{inferred}{items} {recommendation.text[:70]}"
            )
        items = sum(len(r.items) for r in document.recommendations)
        self.stdout.write(
            f"{len(document.recommendations)} Empfehlungen mit {items} Unterpunkten erkannt; "
            f"{len(document.corrections)} Lesefehler berichtigt"
            + (" (Liste mit -v 2)." if verbosity < 2 and document.corrections else ".")
        )
        # Text that belongs to no recommendation is said, never dropped silently.
        for part in document.left_over:
            self.stdout.write(
                f"Nicht übernommen ({document.label} {part.line}): {part.text[:70]} – {part.reason}"
            )
        if verbosity >= 2:
            for correction in document.corrections:
                self.stdout.write(
                    f"  {document.label} {correction.line}: {correction.original} → "
                    f"{correction.corrected}"
                )

    def _process(self, process_slug: str, plan_slug: str) -> ParticipationProcess:
        processes = ParticipationProcess.objects.select_related("plan")
        if plan_slug:
            processes = processes.filter(plan__slug=plan_slug)
        if process_slug:
            processes = processes.filter(slug=process_slug)
        found = list(processes[:2])
        if not found:
            if process_slug:
                where = f" im Plan „{plan_slug}“" if plan_slug else ""
                raise CommandError(
                    f"Den Beteiligungsprozess „{process_slug}“{where} gibt es nicht."
                )
            raise CommandError(f"Der Plan „{plan_slug}“ hat keinen Beteiligungsprozess.")
        if len(found) > 1:
            if process_slug:
                raise CommandError(
                    f"Den Kurznamen „{process_slug}“ haben Prozesse mehrerer Pläne; bitte mit "
                    "--plan den Plan angeben."
                )
            raise CommandError(
                f"Der Plan „{plan_slug}“ hat mehrere Beteiligungsprozesse; bitte mit --process "
                "den Prozess angeben."
            )
        return found[0]
