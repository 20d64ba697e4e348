from teilhabe.testing.state import shared_fixture

from .worlds import build_offers_world


def _build(get):
    return build_offers_world()


# Built once for consecutive tests that ask for it (teilhabe.testing.state.shared_fixture).
offers_world = shared_fixture(_build, name="offers_world")
