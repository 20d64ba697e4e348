from teilhabe.testing.state import shared_fixture

from .test_papers_fixtures import make_council


def build_council_world(get):
    """An adopted plan with a published Bilanz, people in the roles admin, coordinator,
    editor_own, reader and stranger, committees, and papers linked to the plan and its measures
    (see test_papers_fixtures.make_council)."""
    return make_council()


# Built once for consecutive tests that ask for it (teilhabe.testing.state.shared_fixture).
council_world = shared_fixture(build_council_world, name="council_world")
