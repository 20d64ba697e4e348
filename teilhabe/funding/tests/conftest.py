from teilhabe.testing.state import shared_fixture

from .world import build_funding_world


def _build(get):
    return build_funding_world()


# Built once for consecutive tests that ask for it (teilhabe.testing.state.shared_fixture).
funding_world = shared_fixture(_build, name="funding_world")
