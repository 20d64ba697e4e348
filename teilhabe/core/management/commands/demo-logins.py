from django.core.management.base import BaseCommand

from .demo import print_logins


class Command(BaseCommand):
    help = "Zeigt die Demo-Zugänge."

    def handle(self, *args, **options):
        self.stdout.write("Teilhabe läuft gleich unter http://127.0.0.1:8000/")
        print_logins(self.stdout)
