from django.core.management.base import BaseCommand

from teilhabe.participation.services.registrations import REMINDER_DAYS_BEFORE, reminders_send


class Command(BaseCommand):
    # Not "send-reminders": the plans app has that name (reminders to offices), and the first
    # app to define a command name wins.
    help = (
        "Erinnert Angemeldete per E-Mail an Fachtage und Workshops, die in den nächsten Tagen "
        "beginnen; jede Anmeldung nur einmal (täglich ausführen)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tage",
            type=int,
            default=REMINDER_DAYS_BEFORE,
            help=f"so viele Tage vor Beginn erinnern (Vorgabe {REMINDER_DAYS_BEFORE})",
        )

    def handle(self, *args, tage=REMINDER_DAYS_BEFORE, **options):
        reminded = reminders_send(days_before=tage)
        self.stdout.write(f"{len(reminded)} Erinnerung(en) an Angemeldete verschickt.")
