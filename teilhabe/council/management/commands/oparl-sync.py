"""teilhabe oparl-sync URL [--organization SLUG] [--full] [--json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from teilhabe.core.errors import ServiceError
from teilhabe.council.models import OParlSource, SyncStatus
from teilhabe.council.oparl.client import OParlClient
from teilhabe.council.oparl.sync import LABELS, progress_line, sync_source
from teilhabe.council.services.oparl import oparl_source_create
from teilhabe.organizations.models import Organization


class Command(BaseCommand):
    help = (
        "Gleicht Gremien, Sitzungen und Drucksachen mit einem Ratsinformationssystem über "
        "OParl 1.1 ab – schrittweise (nur Geändertes seit dem letzten Abgleich), und ein "
        "abgebrochener Abgleich wird beim nächsten Mal fortgesetzt."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="OParl-System-URL (oder die URL einer Körperschaft)")
        parser.add_argument(
            "--organization",
            default="",
            help="Kurzname der Organisation (nötig, wenn die URL noch nicht eingetragen ist)",
        )
        parser.add_argument(
            "--full", action="store_true", help="alles neu lesen, nicht nur Geändertes"
        )
        parser.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
        parser.add_argument(
            "--timeout", type=float, default=30.0, help="Sekunden je Anfrage (Standard 30)"
        )

    def handle(self, *args, **options):
        source = self._source(options["url"], options["organization"])
        as_json = options["json"]

        def progress(key, counts):
            if not as_json and options["verbosity"] > 0:
                self.stdout.write(progress_line(key, counts))

        run = sync_source(
            source,
            full=options["full"],
            client=OParlClient(timeout=options["timeout"]),
            progress=progress,
        )
        counts = {k: v for k, v in run.counts.items() if k in LABELS}
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "run": run.pk,
                        "organization": source.organization.slug,
                        "system_url": source.system_url,
                        "status": run.status,
                        "error": run.error,
                        "counts": counts,
                        "notes": run.counts.get("notes", []),
                        "resume": run.resume,
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        elif options["verbosity"] > 0:
            for note in run.counts.get("notes", []):
                self.stdout.write(f"Hinweis: {note}")
            if run.status == SyncStatus.DONE:
                self.stdout.write("Abgleich abgeschlossen:")
                for key in counts:
                    self.stdout.write("  " + progress_line(key, run.counts))
        if run.status != SyncStatus.DONE:
            raise CommandError(
                f"Abgleich abgebrochen: {run.error} Der nächste Abgleich setzt an dieser Stelle fort."
                if run.resume
                else f"Abgleich abgebrochen: {run.error}"
            )

    def _source(self, url: str, slug: str) -> OParlSource:
        sources = OParlSource.objects.select_related("organization").filter(
            system_url=url
        ) | OParlSource.objects.select_related("organization").filter(body_url=url)
        if slug:
            organization = Organization.objects.filter(slug=slug).first()
            if organization is None:
                raise CommandError(f"Die Organisation „{slug}“ gibt es nicht.")
            source = sources.filter(organization=organization).first()
            if source:
                return source
            try:
                return oparl_source_create(organization=organization, system_url=url)
            except ServiceError as error:
                raise CommandError(error.message) from error
        sources = list(sources.distinct())
        if len(sources) == 1:
            return sources[0]
        if not sources:
            raise CommandError(
                f"{url} ist noch keiner Organisation zugeordnet: bitte mit --organization "
                "den Kurznamen der Organisation angeben."
            )
        names = ", ".join(s.organization.slug for s in sources)
        raise CommandError(
            f"{url} ist bei mehreren Organisationen eingetragen ({names}): "
            "bitte mit --organization eine wählen."
        )
