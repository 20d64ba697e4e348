"""The one role vocabulary of the tests: who a request comes from.

    anonymous     nobody logged in
    admin         administration of the organisation (Role.ADMIN)
    coordinator   coordination of the organisation (Role.COORDINATOR)
    editor_own    office editor (Role.EDITOR) of the office that leads the measure under test
    editor_other  office editor of another office of the same organisation
    reader        internal reader of the organisation (Role.READER), e.g. a council member
    stranger      coordinator of another organisation (with a draft plan of its own)
    superuser     platform operator (is_superuser), member of nothing

`RoleWorld.build()` makes one organisation with one person per role and the data the roles act
on; the root conftest.py offers it as the `world` fixture, built once for consecutive tests
(`teilhabe.testing.pytest_plugin.shared_fixture`) and rolled back after each test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from teilhabe.organizations.models import Role

ROLES = (
    "anonymous",
    "admin",
    "coordinator",
    "editor_own",
    "editor_other",
    "reader",
    "stranger",
    "superuser",
)
# Roles that are members of the world's organisation.
MEMBER_ROLES = ("admin", "coordinator", "editor_own", "editor_other", "reader")


@dataclass
class RoleWorld:
    """One organisation, its plan, its offices and one person per role (see the module).

    organization      "Landkreis Test n"
    plan              adopted, 2 fields × 3 measures, measures of each field led alternately by
                      own_unit and other_unit
    report            its draft Bilanz 2017 (entries with mixed statuses, see STATUS_CYCLE)
    own_unit          the office of editor_own; leads measure (1.1)
    other_unit        the office of editor_other; leads other_measure (1.2)
    measure, entry    measure 1.1 and its entry in the draft report
    other_measure, other_entry   measure 1.2 and its entry
    stranger_organization, stranger_plan   the stranger's organisation and its draft plan
    people            role → User for every role but anonymous
    """

    organization: object
    plan: object
    report: object
    own_unit: object
    other_unit: object
    measure: object
    entry: object
    other_measure: object
    other_entry: object
    stranger_organization: object
    stranger_plan: object
    people: dict = field(default_factory=dict)

    @property
    def units(self) -> list:
        return [self.own_unit, self.other_unit]

    def user(self, role: str):
        """The person of `role`; None for anonymous."""
        if role == "anonymous":
            return None
        return self.people[role]

    def login(self, client, role: str):
        """Log the Django test client in as `role` (anonymous: logged out); returns it."""
        client.logout()
        if role != "anonymous":
            client.force_login(self.people[role])
        return client

    @classmethod
    def build(cls, *, plan_status: str = "adopted") -> RoleWorld:
        from teilhabe.plans.models import ProgressEntry

        from .builders import make_organization, make_plan, make_user

        plan, report, (own_unit, other_unit) = make_plan(
            status=plan_status, fields=2, measures_per_field=3, units=2
        )
        organization = plan.organization
        stranger_plan, _report, _units = make_plan(
            make_organization(), status="draft", fields=1, measures_per_field=1, units=1
        )
        superuser = make_user()
        superuser.is_superuser = True
        superuser.save(update_fields=["is_superuser"])
        people = {
            "admin": make_user(organization, Role.ADMIN),
            "coordinator": make_user(organization, Role.COORDINATOR),
            "editor_own": make_user(organization, Role.EDITOR, unit=own_unit),
            "editor_other": make_user(organization, Role.EDITOR, unit=other_unit),
            "reader": make_user(organization, Role.READER),
            "stranger": make_user(stranger_plan.organization, Role.COORDINATOR),
            "superuser": superuser,
        }
        first_field = plan.fields.get(number=1)
        measure, other_measure = first_field.measures.order_by("position")[:2]
        assert measure.lead_unit_id == own_unit.pk and other_measure.lead_unit_id == other_unit.pk
        return cls(
            organization=organization,
            plan=plan,
            report=report,
            own_unit=own_unit,
            other_unit=other_unit,
            measure=measure,
            entry=ProgressEntry.objects.get(report=report, measure=measure),
            other_measure=other_measure,
            other_entry=ProgressEntry.objects.get(report=report, measure=other_measure),
            stranger_organization=stranger_plan.organization,
            stranger_plan=stranger_plan,
            people=people,
        )


def role_table_failures(client, world: dict, namespace: str, table: dict, role: str) -> list[str]:
    """Every row of a role table (route → (URL keywords from the world, expected status per
    role)) asked with GET as `role`: the rows whose status differs, and redirects that do not
    lead to the login. The apps' tests/test_access_table.py assert that this list is empty."""
    from django.urls import reverse

    failures = []
    for name, (keywords, expected) in table.items():
        url = reverse(f"{namespace}:{name}", kwargs=keywords(world))
        response = client.get(url)
        if response.status_code != expected[role]:
            failures.append(
                f"{namespace}:{name} {url}: {response.status_code} statt {expected[role]}"
            )
        elif response.status_code == 302 and not response["Location"].startswith(reverse("login")):
            failures.append(f"{namespace}:{name}: nach {response['Location']}, nicht zur Anmeldung")
    return failures
