import time

from django.core.management.base import BaseCommand
from django.db import connection

from teilhabe.search.services import search_refresh


class Command(BaseCommand):
    help = (
        "Bringt den Suchindex auf den Stand der veröffentlichten Pläne: geänderte Pläne werden "
        "neu aufgenommen, nicht mehr öffentliche entfernt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="den ganzen Index neu aufbauen")

    def handle(self, *args, rebuild=False, verbosity=1, **options):
        started = time.perf_counter()

        def progress(done, total):
            if verbosity > 1 or (verbosity and (done == total or done % 200 == 0)):
                self.stdout.write(f"  {done} von {total} Plänen aufgenommen")

        result = search_refresh(rebuild=rebuild, log=progress)
        if result.indexed > 100 and connection.vendor == "postgresql":
            # New rows wait in the GIN index's pending list, which every search would read
            # through; fresh statistics let the planner know the new rows straight away.
            with connection.cursor() as cursor:
                cursor.execute("SELECT gin_clean_pending_list('search_entry_vector'::regclass)")
                cursor.execute("ANALYZE search_entry")
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Suchindex aktuell: {result.indexed} Pläne aufgenommen, "
                f"{result.removed} entfernt ({seconds:.1f} s)."
            )
        )
