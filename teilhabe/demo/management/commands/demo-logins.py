from django.core.management.base import BaseCommand

from .demo import print_logins


class Command(BaseCommand):
    help = "Zeigt die Demo-Zugänge."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Adresse des Servers")

    def handle(self, *args, **options):
        url = options["url"].rstrip("/")
        self.stdout.write(f"Teilhabe läuft gleich unter {url}/")
        self.stdout.write(f"  Portal (Landkreis Böblingen): {url}/landkreis-boeblingen/")
        self.stdout.write(f"  dasselbe auf Arabisch:        {url}/ar/landkreis-boeblingen/")
        self.stdout.write(f"  REST-Schnittstelle:           {url}/api/docs/")
        self.stdout.write(f"  Verwaltung:                   {url}/verwaltung/")
        self.stdout.write(f"  Integrationsfonds:            {url}/landkreis-boeblingen/foerderung/")
        self.stdout.write(
            f"  Antrag per Link (Beispiel):   {url}/landkreis-boeblingen/foerderung/antrag/"
            "demo-antrag-entwurf/"
        )
        self.stdout.write(
            f"  Gute Beispiele:               {url}/landkreis-boeblingen/good-practice/"
        )
        print_logins(self.stdout)
