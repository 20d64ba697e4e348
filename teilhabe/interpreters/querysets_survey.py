"""Reads of the staff language survey: which surveys a person takes part in, and which entries
a person may see — filtered by the same facts as the rules in rules_survey.py."""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from teilhabe.organizations.permissions import member_organization_ids, memberships


def unit_ids_of(user) -> set[int]:
    """The offices the user works in, by their memberships (any role)."""
    return {m.unit_id for m in memberships(user) if m.unit_id is not None}


class LanguageSkillSurveyQuerySet(models.QuerySet):
    def for_person(self, user):
        """Surveys the user takes part in (member of a participating administration) or runs."""
        org_ids = member_organization_ids(user)
        if not org_ids:
            return self.none()
        return (
            self.filter(Q(participants__in=org_ids) | Q(organization_id__in=org_ids))
            .distinct()
            .select_related("organization")
            .order_by("-created_at")
        )


class StaffLanguageSkillQuerySet(models.QuerySet):
    def with_owner_in_organization(self):
        """Annotates `owner_works_there`: the person still belongs to the administration the
        entry names. Somebody who left is no colleague to ask; the purge deletes the entry."""
        from teilhabe.organizations.models import Membership

        return self.annotate(
            owner_works_there=Exists(
                Membership.objects.filter(
                    user_id=OuterRef("user_id"), organization_id=OuterRef("organization_id")
                )
            )
        )

    def visible_to(self, user, survey):
        """The entries of `survey` that `user` may find in the directory: people who agreed to be
        asked, whose chosen visibility includes the user — the whole Kreis (the user works in a
        participating administration), their administration, or their office. Never the user's
        own entry (that is on their own page), and nothing for a superuser who works nowhere."""
        org_ids = member_organization_ids(user)
        if not org_ids:
            return self.none()
        participates = Exists(
            survey.participants.through.objects.filter(
                languageskillsurvey_id=OuterRef("survey_id"), organization_id__in=org_ids
            )
        )
        reaches = (
            Q(visibility="district")
            | Q(visibility="organization", organization_id__in=org_ids)
            | Q(visibility="unit", unit_id__in=unit_ids_of(user))
        )
        return (
            self.filter(survey=survey, willing_to_help=True)
            .with_owner_in_organization()
            .filter(owner_works_there=True)
            .filter(participates)
            .filter(reaches)
            .exclude(user=user)
        )

    def speaking(self, language: str):
        if not language:
            return self
        return self.filter(languages__language=language).distinct()

    def for_directory(self):
        return (
            self.select_related("user", "organization", "unit")
            .prefetch_related("languages")
            .order_by("organization__name", "user__last_name", "user__first_name")
        )


class SkillAccessLogQuerySet(models.QuerySet):
    def about(self, survey, user):
        return self.filter(survey=survey, subject=user).order_by("-at")
