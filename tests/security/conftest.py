"""Fixtures of the security tests (the app, client and campaigns come from tests/conftest.py)."""
from __future__ import annotations

import pytest

from ..respondent import Respondent


@pytest.fixture
def slug(make_campaign) -> str:
    return make_campaign()


@pytest.fixture
def respondent(client, slug) -> Respondent:
    return Respondent(client, slug)
