from django.core.management.base import BaseCommand

from teilhabe.portal.services import feedback_purge, feedback_retention_days


class Command(BaseCommand):
    help = (
        "Löscht erledigte Rückmeldungen zur Barrierefreiheit, deren Erledigung länger als "
        "TEILHABE_FEEDBACK_RETENTION_DAYS (Vorgabe 365) Tage zurückliegt (täglich ausführen)."
    )

    def handle(self, *args, **options):
        deleted = feedback_purge()
        self.stdout.write(
            f"{deleted} erledigte Rückmeldung(en) gelöscht, die vor mehr als "
            f"{feedback_retention_days()} Tagen erledigt wurden."
        )
