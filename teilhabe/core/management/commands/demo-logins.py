from django.core.management.base import BaseCommand

from .demo import print_logins


class Command(BaseCommand):
    help = "Zeigt die Demo-Zugänge."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Adresse des Servers")

    def handle(self, *args, **options):
        self.stdout.write(f"Teilhabe läuft gleich unter {options['url']}")
        print_logins(self.stdout)
