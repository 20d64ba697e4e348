"""Reminds applicants of proofs of use (Verwendungsnachweise) due within two weeks or overdue,
at most once a week each. Run daily (cron or the task worker)."""

from django.core.management.base import BaseCommand

from teilhabe.funding.services import money


class Command(BaseCommand):
    help = "Erinnert Antragsteller an fällige und überfällige Verwendungsnachweise."

    def handle(self, *args, **options):
        sent = money.proofs_remind()
        self.stdout.write(f"{sent} Erinnerung(en) verschickt.")
