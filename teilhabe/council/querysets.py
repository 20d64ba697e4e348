"""Reads of the council app: named queryset methods of committees, meetings, papers and their
Beratungsfolge."""

from django.db import models
from django.db.models import Count, Prefetch, Q


class CommitteeQuerySet(models.QuerySet):
    def for_organization(self, organization):
        return self.filter(organization=organization)

    def by_kind_and_name(self):
        return self.order_by("kind", "name")

    def with_meeting_count(self):
        """Each committee's number of meetings as `meeting_count`."""
        return self.annotate(meeting_count=Count("meetings", distinct=True))


class MeetingQuerySet(models.QuerySet):
    def with_consultation_count(self):
        """Each meeting's number of consultations as `paper_count`."""
        return self.annotate(paper_count=Count("consultations"))


class ConsultationQuerySet(models.QuerySet):
    def in_order(self):
        """The Beratungsfolge as it runs, with committee and meeting."""
        return self.select_related("committee", "meeting", "agenda_item").order_by(
            "position", "date", "id"
        )

    def of_committee(self, committee):
        """What the committee dealt with, latest first, with the paper and the meeting."""
        return (
            self.filter(committee=committee)
            .select_related("paper", "meeting")
            .order_by("-date", "-id")
        )


class PaperQuerySet(models.QuerySet):
    def public(self):
        """Papers anyone may read: public ones (non-public papers stay in the back office)."""
        return self.filter(public=True)

    def for_organization(self, organization):
        return self.filter(organization=organization)

    def matching(self, text: str):
        """Papers whose number or subject contains `text` (ignoring case)."""
        # The attachments' text as the council system extracted it (OParl File.text) counts too.
        in_files = Q(files__text__icontains=text)
        matching = Q(reference__icontains=text) | Q(title__icontains=text)
        return self.filter(Q(pk__in=self.filter(in_files).values("pk")) | matching)

    def consulted_in(self, committee):
        """Papers in whose Beratungsfolge the committee stands."""
        from .models import Consultation

        return self.filter(
            pk__in=Consultation.objects.filter(committee=committee).values("paper_id")
        )

    def filtered(self, *, q: str = "", committee=None, year: int | None = None, paper_type=""):
        """The back office's paper list filters; empty ones leave the list as it is."""
        papers = self
        if q and q.strip():
            papers = papers.matching(q.strip())
        if committee:
            papers = papers.consulted_in(committee)
        if year:
            papers = papers.filter(date__year=year)
        if paper_type:
            papers = papers.filter(paper_type=paper_type)
        return papers

    def newest_first(self):
        return self.order_by("-date", "-id")

    def with_consultations(self, *, public_only: bool = False):
        """Papers with their Beratungsfolge (committee and meeting) in one more query;
        `public_only` leaves the non-public steps out."""
        from .models import Consultation

        consultations = Consultation.objects.in_order()
        if public_only:
            consultations = consultations.filter(public=True)
        return self.prefetch_related(Prefetch("consultations", queryset=consultations))

    def for_plan(self, plan):
        return self.filter(plans=plan)

    def behind_measure(self, measure):
        """Papers linked to the measure directly or to one of its recommendations."""
        return self.filter(Q(measures=measure) | Q(recommendations__measures=measure)).distinct()
