from teilhabe.testing.state import shared_fixture

from .survey_world import build_survey_world

# Built once for consecutive tests that ask for it (teilhabe.testing.state.shared_fixture).
survey_world = shared_fixture(build_survey_world, name="survey_world")
