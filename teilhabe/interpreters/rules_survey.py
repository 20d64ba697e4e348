"""Who may do what in the survey of staff language skills, and how back-office views load it.

- The coordinators and admins of the Landkreis that runs a survey set it up and see its
  statistics (counts only, never names).
- Everybody who works in a participating administration (any role there) takes part with their
  own entry and uses the directory.
- A staff member's entry is seen by others only if the person agreed to be asked and their
  chosen visibility includes the viewer: the whole Kreis (anybody in a participating
  administration), their own administration, or their own office. Coordinators see no more
  than anybody else, and a platform superuser sees no entry at all — the rule is asked directly
  (`rules.has_perm`) where Django would let a superuser through. The directory's queryset
  (`StaffLanguageSkill.objects.visible_to`) is filtered by the same facts.
"""

import rules

from teilhabe.core.access import load
from teilhabe.organizations.models import Role
from teilhabe.organizations.permissions import member_organization_ids, organization_ids_with_role
from teilhabe.organizations.rules import role_predicate

from .models import LanguageSkillSurvey, SkillVisibility, StaffLanguageSkill
from .querysets_survey import unit_ids_of

is_survey_manager = role_predicate(("organization_id",), name="is_survey_manager")


def _participant_ids(survey) -> set[int]:
    # The loaders prefetch the participants, so this costs no query per check.
    return {organization.pk for organization in survey.participants.all()}


def _owner_works_there(entry) -> bool:
    # The loader annotates it; an entry loaded elsewhere asks the database.
    known = getattr(entry, "owner_works_there", None)
    if known is not None:
        return known
    return entry.user.memberships.filter(organization_id=entry.organization_id).exists()


@rules.predicate
def takes_part(user, survey):
    if survey is None:
        return False
    return bool(member_organization_ids(user) & _participant_ids(survey))


@rules.predicate
def is_own_entry(user, entry):
    return entry is not None and entry.user_id == user.pk


@rules.predicate
def entry_reaches(user, entry):
    """The entry's visibility includes the user (see the module)."""
    if entry is None or not entry.willing_to_help:
        return False
    if not _owner_works_there(entry):
        return False
    if not takes_part(user, entry.survey):
        return False
    if entry.visibility == SkillVisibility.DISTRICT:
        return True
    if entry.visibility == SkillVisibility.ORGANIZATION:
        return entry.organization_id in member_organization_ids(user)
    return entry.unit_id is not None and entry.unit_id in unit_ids_of(user)


@rules.predicate
def manages_a_pool(user, entry):
    """The user coordinates an interpreter pool (of any organisation they manage)."""
    from .models.pool import InterpreterPool

    managed = organization_ids_with_role(user, Role.ADMIN, Role.COORDINATOR)
    return bool(managed) and InterpreterPool.objects.filter(organization_id__in=managed).exists()


@rules.predicate
def agreed_to_help(user, entry):
    return entry is not None and entry.willing_to_help


rules.add_perm("interpreters.survey_view", rules.is_superuser | is_survey_manager | takes_part)
rules.add_perm("interpreters.survey_manage", rules.is_superuser | is_survey_manager)
rules.add_perm("interpreters.survey_take", takes_part)
rules.add_perm("interpreters.view_staff_skill", is_own_entry | entry_reaches)
# Inviting a colleague into the pool: the pool's coordination, for an entry it may see and whose
# owner agreed to be asked.
rules.add_perm("interpreters.invite_staff", entry_reaches & agreed_to_help & manages_a_pool)

# Loaders of the back office ----------------------------------------------------------------

survey = load(
    LanguageSkillSurvey.objects.select_related("organization").prefetch_related("participants"),
    visible="interpreters.survey_view",
    name="survey",
    pk="pk",
)
staff_skill = load(
    StaffLanguageSkill.objects.with_owner_in_organization()
    .select_related("user", "organization", "unit", "survey__organization")
    .prefetch_related("languages", "survey__participants"),
    visible="interpreters.view_staff_skill",
    name="entry",
    pk="pk",
)
