"""Property-based tests (Hypothesis): the loader, answer validation, codes and conditions.

Every test uses ``SETTINGS``: a modest number of examples, no deadline (the first call of a
test may compile schemas), derandomised so that a run is repeatable, and no example database
(nothing is written into the working tree).
"""
from hypothesis import HealthCheck, settings

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
