from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from teilhabe.demo.load import DEMO_PASSWORD, DEMO_SITE_OPERATOR, demo_logins, is_loaded, load_demo


class Command(BaseCommand):
    help = (
        "Lädt die Demodaten: Landkreis Böblingen mit der Bilanz 2017 und Leinfelden-Echterdingen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="nichts tun, wenn die Demodaten schon geladen sind",
        )

    def handle(self, *args, **options):
        if is_loaded():
            if options["if_empty"]:
                self.stdout.write("Demodaten sind schon geladen.")
                return
            raise CommandError("Die Demodaten sind schon geladen (Landkreis Böblingen existiert).")
        load_demo()
        self.stdout.write(self.style.SUCCESS("Demodaten geladen."))
        if settings.TEILHABE_SITE_OPERATOR != DEMO_SITE_OPERATOR:
            self.stdout.write(
                "Hinweis: Impressum, Datenschutz und Barrierefreiheit des Portals gehören dem "
                "Betreiber der Seite. Für die Demo setzen Sie "
                f"TEILHABE_SITE_OPERATOR={DEMO_SITE_OPERATOR}."
            )
        if not options["if_empty"]:  # `make run` prints the logins itself, once
            print_logins(self.stdout)


def print_logins(out):
    out.write(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):")
    for email, role in demo_logins():
        out.write(f"  {email:32} {role}")
