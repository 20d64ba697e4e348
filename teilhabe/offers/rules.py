"""Who may do what with the inventory (IST-Stand), and how back-office views load it.

Admins and coordinators of an organisation keep its inventory: they enter and import providers,
offers and networks, send providers their personal links and accept or reject what providers
send. The organisation's other members read the inventory, but not the people behind it: the
contact person of a provider and the persons named as network members are personal data, seen
only by those who keep the inventory (`offers.view_personal`). Everybody reads published offers
and networks in the portal (public querysets, no rule). A provider acts only through its
personal link, on its own offers, and nothing it sends is public before a coordinator accepts it.
"""

import rules

from teilhabe.core.access import load
from teilhabe.organizations.rules import member_predicate, role_predicate

from .models import Network, NetworkMeeting, NetworkMember, Offer, PendingChange, Place, Provider

ORGANIZATION_PATHS = (
    "organization_id",
    "offer.organization_id",
    "network.organization_id",
)

is_member = member_predicate(ORGANIZATION_PATHS)
is_manager = role_predicate(ORGANIZATION_PATHS)
is_superuser = rules.is_superuser

rules.add_perm("offers.view_internal", is_superuser | is_member)
rules.add_perm("offers.manage", is_superuser | is_manager)
rules.add_perm("offers.view_personal", is_superuser | is_manager)

VISIBLE = "offers.view_internal"

provider = load(
    Provider.objects.select_related("organization"), visible=VISIBLE, name="provider", pk="pk"
)
offer = load(
    Offer.objects.select_related("organization", "provider"), visible=VISIBLE, name="offer", pk="pk"
)
network = load(
    Network.objects.select_related("organization", "coordinated_by"),
    visible=VISIBLE,
    name="network",
    pk="pk",
)
member = load(
    NetworkMember.objects.select_related("network__organization"),
    visible=VISIBLE,
    name="member",
    pk="pk",
)
meeting = load(
    NetworkMeeting.objects.select_related("network__organization"),
    visible=VISIBLE,
    name="meeting",
    pk="pk",
)
change = load(
    PendingChange.objects.select_related("offer__organization", "offer__provider", "provider"),
    visible=VISIBLE,
    name="change",
    pk="pk",
)
place = load(
    Place.objects.select_related("offer__organization"), visible=VISIBLE, name="place", pk="pk"
)
