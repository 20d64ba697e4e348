"""Who may change what an organisation shows on the portal (Impressum, Datenschutz, Erklärung
zur Barrierefreiheit, licence of the open data) and read the feedback its readers send.

Admins and coordinators of the organisation (and superusers) manage it; other members see that
it exists (403); everybody else gets 404. Names and addresses of the people who sent feedback
are for the organisation's own admins and coordinators only — not for a superuser without that
role."""

import rules

from teilhabe.core.access import load
from teilhabe.organizations.rules import member_predicate, role_predicate

from .models import Feedback

ORGANIZATION_PATHS = ("organization_id",)

is_member = member_predicate(ORGANIZATION_PATHS)
is_manager = role_predicate(ORGANIZATION_PATHS)

rules.add_perm("portal.view", rules.is_superuser | is_member)
rules.add_perm("portal.manage", rules.is_superuser | is_manager)
rules.add_perm("portal.view_feedback_personal", is_manager)

feedback = load(
    Feedback.objects.select_related("organization"),
    visible="portal.view",
    name="feedback",
    org_slug="organization__slug",
    pk="pk",
)
