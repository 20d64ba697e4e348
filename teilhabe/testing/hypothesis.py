"""Hypothesis sized by profile: `HYPOTHESIS_PROFILE=quick|default|thorough` (the root conftest
loads it; `make test` and CI use `default`).

    default    the example counts written in the tests: what CI runs
    quick      a fifth of them, for a fast local loop (`HYPOTHESIS_PROFILE=quick make test-fast`)
    thorough   ten times as many, for a nightly or pre-release run

Tests write their size as `max_examples=examples(150)`, so a profile scales every property test
alike (an explicit max_examples would otherwise override the profile).
"""

import os

from hypothesis import settings

SCALES = {"default": 1.0, "quick": 0.2, "thorough": 10.0}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
if PROFILE not in SCALES:
    raise ValueError(f"HYPOTHESIS_PROFILE={PROFILE!r}: one of {', '.join(SCALES)}")


def examples(count: int) -> int:
    """`count` examples in the default profile, scaled by the active one (at least one)."""
    return max(1, round(count * SCALES[PROFILE]))


def load_profile() -> None:
    """Register the profiles (for tests without their own max_examples, Hypothesis' 100 scaled
    the same way) and load the one HYPOTHESIS_PROFILE names."""
    for name, scale in SCALES.items():
        settings.register_profile(name, max_examples=max(1, round(100 * scale)))
    settings.load_profile(PROFILE)
