"""Deletes applicants' personal data (contact person, address, description, answers, files,
queries, old versions) once the fund's retention period has passed after the proof of use was
closed or the application was rejected (Art. 5 (1) e DSGVO). What the fund must account for
and what was public stays. Run daily; `--dry-run` only counts."""

from django.core.management.base import BaseCommand
from django.db import transaction

from teilhabe.funding.services import retention


class Command(BaseCommand):
    help = "Löscht personenbezogene Daten aus Förderanträgen nach Ablauf der Aufbewahrungsfrist."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="nur zählen, nichts löschen")

    def handle(self, *args, dry_run: bool = False, **options):
        with transaction.atomic():
            erased = retention.purge_due()
            if dry_run:
                transaction.set_rollback(True)
        verb = "würden gelöscht" if dry_run else "gelöscht"
        self.stdout.write(f"Personenbezogene Daten aus {erased} Antrag/Anträgen {verb}.")
