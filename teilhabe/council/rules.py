"""Who may do what with committees, meetings and papers, and how back-office views load them.

Admins and coordinators of an organisation keep its council records (by hand or by OParl sync)
and draft Beschlussvorlagen; its other members read all of them, including non-public papers;
everybody reads public papers and their public consultations (the portal's querysets).

Every back-office object of the council — and the organisation itself, the Bilanz and the
participation process a Vorlage is drafted from — is visible to the members of its organisation
(`council.view_internal`); to anybody else it does not exist (404).
"""

import rules

from teilhabe.core.access import load
from teilhabe.organizations.rules import member_predicate, role_predicate
from teilhabe.participation.models import ParticipationProcess
from teilhabe.plans.models import ProgressReport

from .models import Committee, Consultation, Meeting, OParlSource, Paper, PaperFile

# An Organization stands for itself; a Bilanz or a process reaches its organisation through its
# plan (a process names it as a property).
ORGANIZATION_PATHS = (
    "organization_id",
    "paper.organization_id",
    "committee.organization_id",
    "meeting.committee.organization_id",
    "source.organization_id",
    "plan.organization_id",
)

is_member = member_predicate(ORGANIZATION_PATHS)
is_manager = role_predicate(ORGANIZATION_PATHS)
is_superuser = rules.is_superuser

rules.add_perm("council.view_internal", is_superuser | is_member)
rules.add_perm("council.manage", is_superuser | is_manager)

# Loaders of the back office -----------------------------------------------------------------

VISIBLE = "council.view_internal"

committee = load(
    Committee.objects.select_related("organization"), visible=VISIBLE, name="committee", pk="pk"
)
meeting = load(
    Meeting.objects.select_related("committee__organization"),
    visible=VISIBLE,
    name="meeting",
    pk="pk",
)
paper = load(Paper.objects.select_related("organization"), visible=VISIBLE, name="paper", pk="pk")
consultation = load(
    Consultation.objects.select_related("paper__organization", "committee", "meeting"),
    visible=VISIBLE,
    name="consultation",
    pk="pk",
)
attachment = load(
    PaperFile.objects.select_related("paper__organization"),
    visible=VISIBLE,
    name="attachment",
    pk="pk",
)
oparl_source = load(
    OParlSource.objects.select_related("organization"),
    visible=VISIBLE,
    name="source",
    org_slug="organization__slug",
    source_id="pk",
)
# What a Beschlussvorlage is drafted from (besides a paper).
report = load(
    ProgressReport.objects.select_related("plan__organization"),
    visible=VISIBLE,
    name="report",
    pk="pk",
)
process = load(
    ParticipationProcess.objects.select_related("plan__organization"),
    visible=VISIBLE,
    name="process",
    pk="pk",
)
