"""Delete staff language entries not confirmed within their survey's retention period and access
logs older than the log retention (run daily, e.g. from cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from teilhabe.interpreters.services.survey import skills_purge


class Command(BaseCommand):
    help = "Löscht Sprachkompetenz-Angaben und Zugriffsprotokolle nach Ablauf der Fristen."

    def handle(self, *args, **options):
        counts = skills_purge()
        if options["verbosity"]:
            self.stdout.write(
                f"Gelöscht: {counts['entries']} Angaben, {counts['logs']} Protokolleinträge."
            )
