"""Deletes what the interpreter pools keep no longer than their retention (Art. 5 (1) e DSGVO):
closed requests with their offers and assignments, and old access-log entries. Run daily (cron or
the task worker); `--dry-run` only counts."""

from django.core.management.base import BaseCommand
from django.db import transaction

from teilhabe.interpreters.models.pool import InterpreterPool
from teilhabe.interpreters.services import pool as services


class Command(BaseCommand):
    help = "Löscht abgeschlossene Anfragen und Zugriffsprotokolle der Sprachmittlerpools nach Ablauf der Frist."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="nur zählen, nichts löschen")

    def handle(self, *args, dry_run: bool = False, **options):
        for pool in InterpreterPool.objects.select_related("organization"):
            with transaction.atomic():
                result = services.purge(pool=pool)
                if dry_run:
                    transaction.set_rollback(True)
            verb = "würde löschen" if dry_run else "gelöscht"
            self.stdout.write(
                f"{pool.name}: {verb}: {result['requests']} Anfragen, "
                f"{result['access_log']} Protokolleinträge"
            )
