"""Send every provider whose personal link is older than OFFERS_REMINDER_INTERVAL_DAYS (365 by
default) a reminder with a fresh link to check its offers. Run daily (cron or a task)."""

from django.core.management.base import BaseCommand

from teilhabe.offers.services import provider_reminders_send, reminder_interval


class Command(BaseCommand):
    help = "Erinnert Träger mit einem neuen persönlichen Link daran, ihre Angebote zu prüfen."

    def handle(self, *args, **options):
        sent = provider_reminders_send()
        self.stdout.write(f"{len(sent)} Träger erinnert (Abstand {reminder_interval().days} Tage).")
