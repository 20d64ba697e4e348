from teilhabe.testing.state import shared_fixture
from teilhabe.testing.worlds import build_plan_setup


def build_exchange_setup(get):
    """plan_setup with "measures": the id of the measure of each progress status in the draft
    report (make_plan gives each status one measure)."""
    from teilhabe.plans.models import ProgressEntry

    setup = dict(get(build_plan_setup))
    setup["measures"] = {
        e.status: e.measure_id for e in ProgressEntry.objects.filter(report=setup["report"])
    }
    return setup


# Built once for consecutive tests that ask for it (teilhabe.testing.state.shared_fixture).
exchange_setup = shared_fixture(build_exchange_setup, name="exchange_setup")
