from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "teilhabe.participation"
    label = "participation"
    verbose_name = "Beteiligung"

    def ready(self):
        # Plans sit below participation: they announce a published Bilanz, and the people whose
        # ideas became its measures are told from here.
        from teilhabe.plans import events

        from .services import notifications

        events.report_published.connect(
            notifications.on_report_published, dispatch_uid="participation.report_published"
        )
