"""Staff fixtures: users with roles in two projects, and a signed-in browser-like client."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from surveyapp.launching import project_named
from surveyapp.models import Campaign
from surveyapp.staff.accounts import create_user, set_role

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Argon2 at its deployed cost takes a noticeable time per hash; the tests need many."""
    from argon2 import PasswordHasher

    from surveyapp.staff import accounts

    quick = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", quick)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", quick.hash("timing"))


@dataclass
class Staff:
    admin: str = "admin@example.org"
    staff_a: str = "staff-a@example.org"
    researcher_a: str = "researcher-a@example.org"
    facilitator_a: str = "facilitator-a@example.org"
    staff_b: str = "staff-b@example.org"


@pytest.fixture
def staff(app, query):
    def make(session):
        project_a = project_named(session, "Project A")
        project_b = project_named(session, "Project B")
        create_user(session, email=Staff.admin, name="Admin", password=PASSWORD, is_admin=True)
        for email, project, role in [
            (Staff.staff_a, project_a, "staff"),
            (Staff.researcher_a, project_a, "researcher"),
            (Staff.facilitator_a, project_a, "facilitator"),
            (Staff.staff_b, project_b, "staff"),
        ]:
            user = create_user(session, email=email, name=email, password=PASSWORD)
            set_role(session, user, project, role)
        session.commit()

    query(make)
    return Staff()


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, "no CSRF token on the page"
    return match.group(1)


def sign_in(client, email: str, password: str = PASSWORD):
    page = client.get("/staff/login?lang=en")  # the tests read English; the language survives sign-in
    return client.post("/staff/login", data={"csrf_token": csrf_of(page.get_data(as_text=True)),
                                              "email": email, "password": password})


@pytest.fixture
def signed_in(app):
    """A fresh client signed in as the given e-mail address."""

    def make(email: str):
        client = app.test_client()
        response = sign_in(client, email)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return make


@pytest.fixture
def campaign_in(make_campaign, query):
    """Create a campaign in a named project; returns (campaign id, slug)."""

    def make(project: str = "Project A", **fields):
        slug = make_campaign(project=project, **fields)
        campaign_id = query(lambda s: s.query(Campaign).filter_by(slug=slug).one().id)
        return campaign_id, slug

    return make
