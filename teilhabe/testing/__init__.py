"""Test support shared by every app's tests and the benchmarks.

- `builders`: small, real data made through the service functions (`make_plan`, `make_user`, …);
  use them where going through the services matters (a report with entries, search index).
- `factories`: factory_boy factories for the main models, straight through the ORM.
- `roles`: the one role vocabulary (`ROLES`, `RoleWorld`) behind the root conftest's `world`.
- `pytest_plugin`: shared data built once per run of tests (`shared_fixture`) and the committed
  demo for browser tests (`demo_database`).
- `database`: copies of the test database's rows (`Snapshot`).
"""

from .builders import MEMBERSHIP_ROLES, STATUS_CYCLE, make_organization, make_plan, make_user

__all__ = [
    "MEMBERSHIP_ROLES",
    "STATUS_CYCLE",
    "make_organization",
    "make_plan",
    "make_user",
]
