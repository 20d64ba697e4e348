from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

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
        # The demo's people have example addresses: what the services would mail them while the
        # data is built (invitations, pool offers …) stays in memory instead of going to the
        # mail server or filling the console of `make run` before the logins.
        held = _without_mail(load_demo)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodaten geladen ({held} E-Mails an Beispieladressen nicht versandt)."
            )
        )
        if settings.TEILHABE_SITE_OPERATOR != DEMO_SITE_OPERATOR:
            self.stdout.write(
                "Hinweis: Impressum, Datenschutz und Barrierefreiheit des Portals gehören dem "
                "Betreiber der Seite. Für die Demo setzen Sie "
                f"TEILHABE_SITE_OPERATOR={DEMO_SITE_OPERATOR}."
            )
        if not options["if_empty"]:  # `make run` prints the logins itself, once
            print_logins(self.stdout)


def _without_mail(load) -> int:
    """Run `load` with mail kept in memory; how many mails it held back."""
    before = getattr(mail, "outbox", None)  # a test's outbox stays as it was
    mail.outbox = []
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            load()
        return len(mail.outbox)
    finally:
        if before is None:
            del mail.outbox
        else:
            mail.outbox = before


def print_logins(out):
    out.write(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):")
    for email, role in demo_logins():
        out.write(f"  {email:32} {role}")
