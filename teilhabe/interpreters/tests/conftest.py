from teilhabe.testing.state import shared_fixture
from teilhabe.testing.worlds import build_world

from .pool_world import build_pool_world
from .survey_world import build_survey_world


def build_pool(get):
    """The role world and a pool of its organisation (see pool_world.build_pool_world)."""
    world = get(build_world)
    return {"world": world, **build_pool_world(world)}


# Built once for consecutive tests that ask for it (teilhabe.testing.state.shared_fixture).
pool_setup = shared_fixture(build_pool, name="pool_setup")

survey_world = shared_fixture(build_survey_world, name="survey_world")
