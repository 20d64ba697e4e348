"""Builders of the shared fixtures every app's tests use (wired up in the root conftest.py).

A builder takes `get` (another builder's data in the same block, see
teilhabe.testing.state.shared_fixture) and returns the data; it runs once for consecutive tests
that ask for its fixture.
"""


def build_world(get):
    """The role world (teilhabe.testing.roles): one organisation with an adopted plan (2 fields ×
    3 measures, led alternately by two offices), its draft Bilanz 2017, and one person per role:

        anonymous, admin, coordinator, editor_own, editor_other, reader, stranger, superuser

    editor_own edits for `world.own_unit`, which leads `world.measure` (1.1, entry
    `world.entry` in the draft `world.report`); editor_other for `world.other_unit`
    (`world.other_measure`, 1.2); stranger coordinates another organisation with a draft plan
    of its own (`world.stranger_plan`); superuser is a member of nothing.

        @pytest.mark.parametrize("role", ROLES)
        def test_dashboard(client, world, role):
            world.login(client, role)        # or the `client_as` fixture: client_as(role)
            response = client.get(reverse("plans:plan_dashboard", args=[world.plan.slug]))

    `world.user(role)` is the person (None for anonymous); ROLES and MEMBER_ROLES come from
    teilhabe.testing.roles. The data is shared: whatever a test writes is rolled back after it.
    """
    from .roles import RoleWorld

    return RoleWorld.build()


def build_plan_setup(get):
    """An adopted plan of one organisation with a draft report, and people in every role:
    {"plan", "report", "units", "organization", "people": {"admin", "coordinator",
    "editor_own", "reader"}} (role names of teilhabe.testing.roles; editor_own: office editor of
    units[0], whose measures are 1.1, 1.3, 2.2)."""
    from teilhabe.organizations.models import Role

    from .builders import make_plan, make_user

    plan, report, units = make_plan()
    org = plan.organization
    people = {
        "admin": make_user(org, Role.ADMIN),
        "coordinator": make_user(org, Role.COORDINATOR),
        "editor_own": make_user(org, Role.EDITOR, unit=units[0]),
        "reader": make_user(org, Role.READER),
    }
    return {"plan": plan, "report": report, "units": units, "organization": org, "people": people}


def build_demo(get):
    """`teilhabe demo` (teilhabe.demo.load.load_demo): Landkreis Böblingen's plan with the
    published Bilanz 2017 and a draft Bilanz of this year, Leinfelden-Echterdingen's plan in
    preparation, participation, council and portal details. Returns nothing: find the objects
    by their slugs."""
    from teilhabe.demo.load import load_demo

    load_demo()


def build_demo_without_portal(get):
    """The demo without the portal's details (profiles, translations): what `teilhabe demo`
    loads for participation and council, and the plans with German texts only."""
    from unittest import mock

    from teilhabe.demo import load as demo

    with mock.patch.object(demo, "load_portal_demo", return_value=None):
        demo.load_demo()
