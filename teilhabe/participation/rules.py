"""Who may do what in a participation process, and how back-office views load its objects.

- Admins and coordinators of the plan's organisation run the process: formats, moderation,
  grouping ideas into recommendations, prioritisations — and they alone see personal data
  (names, email addresses, needs of participants).
- Other members of the organisation (office editors, internal readers such as council members)
  see the process and its ideas in the back office, without personal data.
- A group member votes in a prioritisation of their group: with their personal link (token), or
  signed in when the membership names their account; coordinators may record paper ballots.
- Everybody reads what is published: public processes of non-draft plans, published ideas and
  comments, recommendations, closed Prioritätenlisten (the public querysets and selectors).

Every back-office object of a process is visible to the members of the plan's organisation
(`participation.view_internal`); to anybody else it does not exist (404).
"""

import rules

from teilhabe.core.access import load
from teilhabe.organizations.permissions import organization_id_via
from teilhabe.organizations.rules import member_predicate, role_predicate

from .models import (
    EVENT_KINDS,
    GroupMember,
    Idea,
    ParticipationFormat,
    ParticipationProcess,
    Prioritization,
    Recommendation,
    Registration,
)

ORGANIZATION_PATHS = (
    "plan.organization_id",
    "process.plan.organization_id",
    "group.process.plan.organization_id",
    "event.process.plan.organization_id",
    "idea.process.plan.organization_id",
    "recommendation.process.plan.organization_id",
    "prioritization.group.process.plan.organization_id",
    "organization_id",
)


def organization_id_of(obj) -> int:
    """The organisation a process, format, idea, recommendation or prioritisation belongs to."""
    return organization_id_via(obj, ORGANIZATION_PATHS)


is_member = member_predicate(ORGANIZATION_PATHS)
is_coordinator = role_predicate(ORGANIZATION_PATHS, name="is_coordinator")


@rules.predicate
def is_voting_member(user, prioritization):
    if prioritization is None or not user.is_authenticated:
        return False
    return prioritization.group.members.filter(user=user, may_vote=True).exists()


is_superuser = rules.is_superuser

rules.add_perm("participation.view_internal", is_superuser | is_member)
rules.add_perm("participation.manage", is_superuser | is_coordinator)
rules.add_perm("participation.moderate", is_superuser | is_coordinator)
rules.add_perm("participation.group", is_superuser | is_coordinator)
rules.add_perm("participation.view_personal", is_superuser | is_coordinator)
rules.add_perm("participation.record_votes", is_superuser | is_coordinator)
rules.add_perm("participation.vote", is_voting_member)

# Loaders of the back office -----------------------------------------------------------------
# (A process's plan, for the routes under plaene/<slug>/prozesse/, is plans.rules.plan.)

VISIBLE = "participation.view_internal"

process = load(
    ParticipationProcess.objects.select_related("plan__organization"),
    visible=VISIBLE,
    name="process",
    pk="pk",
)
# The same process for the routes that name it process_id.
process_by_id = process.using(process_id="pk")
fmt = load(
    ParticipationFormat.objects.select_related("process__plan__organization", "parent", "field"),
    visible=VISIBLE,
    name="fmt",
    pk="pk",
)
# A format that is an event (registrations): any other format is not found.
event = load(
    ParticipationFormat.objects.filter(kind__in=EVENT_KINDS).select_related(
        "process__plan__organization", "parent", "field"
    ),
    visible=VISIBLE,
    name="event",
    pk="pk",
)
# The format a prioritisation is created for (the view refuses any but project/steering groups).
group = load(
    ParticipationFormat.objects.select_related("process__plan__organization"),
    visible=VISIBLE,
    name="group",
    group_id="pk",
)
member = load(
    GroupMember.objects.select_related("group__process__plan__organization"),
    visible=VISIBLE,
    name="member",
    pk="pk",
)
registration = load(
    Registration.objects.select_related("event__process__plan__organization"),
    visible=VISIBLE,
    name="registration",
    pk="pk",
)
idea = load(
    Idea.objects.select_related("process__plan__organization", "field", "phase", "moderated_by"),
    visible=VISIBLE,
    name="idea",
    idea_id="pk",
)
recommendation = load(
    Recommendation.objects.select_related("process__plan__organization"),
    visible=VISIBLE,
    name="recommendation",
    pk="pk",
)
prioritization = load(
    Prioritization.objects.select_related("group__process__plan__organization"),
    visible=VISIBLE,
    name="prioritization",
    pk="pk",
)
# The signed-in ballot of the portal: a prioritisation exists there only for its voting members.
ballot = load(
    Prioritization.objects.select_related("group__process__plan__organization"),
    visible="participation.vote",
    name="prioritization",
    org_slug="group__process__plan__organization__slug",
    plan_slug="group__process__plan__slug",
    process_slug="group__process__slug",
    prioritization_id="pk",
)
