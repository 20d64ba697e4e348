from teilhabe.testing.state import shared_fixture

from .world import build_practices_world


def _build(get):
    return build_practices_world()


practices_world = shared_fixture(_build, name="practices_world")
