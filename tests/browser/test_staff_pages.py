"""The staff workspace in a real browser: axe-core on every page in each staff language, screenshots."""
from __future__ import annotations

import pytest

from surveyapp.extensions import db
from surveyapp.staff.accounts import create_user

from ..respondent import Respondent
from ..survey.test_submission import reach_review
from .conftest import screenshot
from .test_accessibility import axe_source, violations  # noqa: F401 - fixture

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PASSWORD = "correct horse battery staple"


@pytest.fixture
def admin(app):
    with app.app_context():
        create_user(db.session, email="admin@example.org", name="Admin", password=PASSWORD, is_admin=True)
        db.session.commit()
    return "admin@example.org"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_staff_pages_are_accessible(live_server, make_campaign, browser, axe_source, admin, app, language):
    slug = make_campaign(project="Koulupolku", area="Espoo")
    for _ in range(6):
        respondent = Respondent(app.test_client(), slug)
        review = reach_review(respondent)
        respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)
    context = browser.new_context(locale=f"{language}-FI", bypass_csp=True, **DESKTOP)  # to inject axe
    page = context.new_page()
    found: list[str] = []
    page.goto(f"{live_server}/staff/login?lang={language}")
    found += violations(page, axe_source)
    page.locator("button[type=submit].button").click()  # empty: errors shown
    found += violations(page, axe_source)
    page.locator("input[name=email]").fill(admin)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit].button").click()
    page.wait_for_load_state("load")
    found += violations(page, axe_source)
    screenshot(page, f"staff-{language}-projects", full_page=False)
    page.locator("main h2 a").first.click()
    page.wait_for_load_state("load")
    found += violations(page, axe_source)
    screenshot(page, f"staff-{language}-project", full_page=False)
    page.locator("a.button").first.click()  # new campaign
    page.wait_for_load_state("load")
    found += violations(page, axe_source)
    screenshot(page, f"staff-{language}-new-campaign")
    page.go_back()
    page.locator("table a").first.click()  # the campaign
    page.wait_for_load_state("load")
    found += violations(page, axe_source)
    screenshot(page, f"staff-{language}-campaign")
    page.locator("a[href*='/answers/']").first.click()
    page.wait_for_load_state("load")
    found += violations(page, axe_source)
    page.go_back()
    preview = page.locator("a[href*='/preview']")
    if preview.count():
        preview.first.click()
    context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_facilitator_workshop_pages_are_accessible(live_server, make_campaign, browser, axe_source, admin, app,
                                                   language):
    """Every page a facilitator uses to run a workshop, in each phase it changes in, and the deck."""
    from surveyapp.models import Campaign, Proposal, Workshop
    from surveyapp.workshop.workshops import WorkshopSettings, create_workshop

    slug = make_campaign(project="Koulupolku")
    for _ in range(6):
        respondent = Respondent(app.test_client(), slug)
        review = reach_review(respondent)
        respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)
    with app.app_context():
        campaign = db.session.query(Campaign).filter_by(slug=slug).one()
        workshop = create_workshop(db.session, campaign.project_id, WorkshopSettings(
            name="Työpaja", language=language, campaign_ids=[campaign.id], families=["reasons_for_absence"],
            prompts=["A", "B"], groups=3))
        db.session.add(Proposal(workshop_id=workshop.id, text="Yhteinen palaveri"))
        db.session.commit()
        workshop_id, project_id = workshop.id, campaign.project_id
    context = browser.new_context(locale=f"{language}-FI", bypass_csp=True, **DESKTOP)  # to inject axe
    page = context.new_page()
    page.goto(f"{live_server}/staff/login?lang={language}")
    page.locator("input[name=email]").fill(admin)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button[type=submit].button").click()
    page.wait_for_load_state("load")
    found: list[str] = []
    pages = [f"/staff/projects/{project_id}/workshops", f"/staff/projects/{project_id}/workshops/new",
             f"/staff/workshops/{workshop_id}", f"/staff/workshops/{workshop_id}/settings",
             f"/staff/workshops/{workshop_id}/room", f"/staff/workshops/{workshop_id}/present",
             f"/staff/workshops/{workshop_id}/outputs", f"/staff/workshops/{workshop_id}/proposals",
             f"/staff/workshops/{workshop_id}/results", f"/staff/workshops/{workshop_id}/canvas"]
    for phase in ("draft", "gallery", "vote"):
        with app.app_context():
            db.session.get(Workshop, workshop_id).phase = phase
            db.session.commit()
        for path in pages:
            response = page.goto(f"{live_server}{path}")
            assert response.status == 200, f"{path}: {response.status}"
            found += [f"{phase} {path}: {v}" for v in violations(page, axe_source)]
    context.close()
    assert not found, "\n".join(found)
