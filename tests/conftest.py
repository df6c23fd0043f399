"""Hypothesis profiles: ``ci`` (thorough), ``dev`` (default) and ``fast``.

Choose one with ``HYPOTHESIS_PROFILE=fast pytest``. No profile has a deadline: timings belong
in benchmarks, and a slow machine must not make a test flaky.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=300, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "fast", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
