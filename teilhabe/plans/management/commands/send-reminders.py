from django.core.management.base import BaseCommand
from django.utils import timezone

from teilhabe.plans.services.update_requests import update_requests_remind


class Command(BaseCommand):
    help = "Erinnert Ämter per E-Mail an fällige Rückmeldungen zum Umsetzungsstand (täglich ausführen)."

    def handle(self, *args, **options):
        reminded = update_requests_remind(today=timezone.localdate())
        self.stdout.write(f"{len(reminded)} Erinnerung(en) verschickt.")
