from django.core.management.base import BaseCommand

from teilhabe.participation.services.privacy import participants_purge


class Command(BaseCommand):
    help = (
        "Löscht die personenbezogenen Daten der Teilnehmenden (Namen, E-Mail-Adressen, Bedarfe) "
        "aller Beteiligungsprozesse, deren Ende länger als die Löschfrist zurückliegt "
        "(TEILHABE_PARTICIPANT_RETENTION_DAYS oder die Frist des Prozesses; täglich ausführen)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="nur anzeigen, was gelöscht würde; nichts ändern",
        )

    def handle(self, *args, dry_run=False, **options):
        results = participants_purge(dry_run=dry_run)
        verb = "würden gelöscht" if dry_run else "gelöscht"
        for result in results:
            self.stdout.write(f"{result} – {verb}")
        if not results:
            self.stdout.write("Kein Beteiligungsprozess ist fällig; nichts gelöscht.")
        elif dry_run:
            self.stdout.write("Probelauf: nichts wurde geändert.")
