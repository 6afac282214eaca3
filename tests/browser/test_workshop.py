"""A workshop in real browsers: two phones in one group see each other's notes, live with
JavaScript and after a refresh without it; the facilitator's room screen and deck."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from surveyapp.extensions import db
from surveyapp.models import Campaign, Workshop, WorkshopGroup

from .conftest import PHONE, screenshot


@pytest.fixture
def workshop(app, make_campaign):
    """A workshop of two groups in its discussion phase; returns (join code, group ids)."""
    from surveyapp.workshop.workshops import WorkshopSettings, create_workshop

    slug = make_campaign()
    with app.app_context():
        session = db.session
        campaign = session.query(Campaign).filter_by(slug=slug).one()
        workshop = create_workshop(session, campaign.project_id, WorkshopSettings(
            name="Syystyöpaja", language="fi", campaign_ids=[campaign.id], families=["reasons_for_absence"],
            prompts=["Millaista yhteistyötä on ollut?", "Mitä pitäisi muuttaa?"], groups=2))
        workshop.phase = "discuss"
        session.commit()
        groups = [g.id for g in session.query(WorkshopGroup).filter_by(workshop_id=workshop.id)
                  .order_by(WorkshopGroup.number)]
        return workshop.join_code, groups

def _join(browser, live_server, code: str, group_id: int, role: str, *, javascript: bool = True):
    context = browser.new_context(java_script_enabled=javascript, locale="fi-FI", **PHONE)
    page = context.new_page()
    external: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live_server) else external.append(r.url))
    page.external_requests = external  # type: ignore[attr-defined]
    page.goto(f"{live_server}/w/")
    page.fill("#code", code.lower())  # people type codes in lower case too
    page.get_by_role("button", name="Liity").click()
    page.check(f"#group-{group_id}")
    page.check(f"#role-{role}")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_url(re.compile(r"/w/\d+/notes"))
    return context, page

def test_two_phones_in_one_group_see_each_others_notes_live(browser, live_server, workshop):
    code, (group, _other) = workshop
    secretary_context, secretary = _join(browser, live_server, code, group, "secretary")
    chair_context, chair = _join(browser, live_server, code, group, "chair")
    try:
        first = "Koulu ja kuraattori tapasivat kerran kuussa."
        secretary.locator("#text-0").press_sequentially(first, delay=5)
        # autosave while typing: no button pressed, the status says it was saved
        expect(secretary.locator("#status-0")).not_to_be_empty(timeout=10_000)
        # the chair's phone follows without a reload
        expect(chair.locator("#text-0")).to_have_value(first, timeout=15_000)
        # and the other way round, on the second prompt
        second = "Tieto lastensuojeluilmoituksen etenemisestä kouluun."
        chair.locator("#text-1").press_sequentially(second, delay=5)
        expect(secretary.locator("#text-1")).to_have_value(second, timeout=15_000)
        expect(secretary.locator("#text-0")).to_have_value(first)
        screenshot(secretary, "workshop-fi-notes-live")
        assert secretary.external_requests == [] and chair.external_requests == []
    finally:
        secretary_context.close()
        chair_context.close()

def test_without_javascript_a_saved_note_shows_on_the_other_phone_after_a_refresh(browser, live_server, workshop):
    code, (group, _other) = workshop
    secretary_context, secretary = _join(browser, live_server, code, group, "secretary", javascript=False)
    chair_context, chair = _join(browser, live_server, code, group, "chair", javascript=False)
    try:
        secretary.fill("#text-0", "Ohjeet ovat epäselvät.")
        secretary.get_by_role("button", name="Tallenna").first.click()
        assert secretary.locator("#text-0").input_value() == "Ohjeet ovat epäselvät."
        chair.reload()
        assert chair.locator("#text-0").input_value() == "Ohjeet ovat epäselvät."
    finally:
        secretary_context.close()
        chair_context.close()

def test_a_participant_cannot_open_another_workshop(browser, live_server, workshop, app):
    code, (group, _other) = workshop
    context, page = _join(browser, live_server, code, group, "secretary")
    try:
        with app.app_context():
            workshop_id = db.session.query(Workshop.id).filter_by(join_code=code).scalar()
        response = page.goto(f"{live_server}/w/{workshop_id + 1}/notes")
        assert response.status in (403, 404)
    finally:
        context.close()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_participant_page_has_no_wcag_violations(browser, live_server, app, make_campaign, language):
    from surveyapp.workshop.workshops import WorkshopSettings, create_workshop

    from .test_accessibility import AXE, violations

    if not AXE.exists():
        pytest.skip(f"accessibility tests need axe-core at {AXE} (scripts/test installs it)")
    source = AXE.read_text(encoding="utf-8")
    slug = make_campaign()
    with app.app_context():
        session = db.session
        campaign = session.query(Campaign).filter_by(slug=slug).one()
        workshop = create_workshop(session, campaign.project_id, WorkshopSettings(
            name="Workshop", language=language, campaign_ids=[campaign.id], families=["reasons_for_absence"],
            prompts=["A", "B"], groups=2))
        session.commit()
        workshop_id, code = workshop.id, workshop.join_code
        group = session.query(WorkshopGroup).filter_by(workshop_id=workshop_id).first().id

    def set_phase(phase: str) -> None:
        with app.app_context():
            db.session.get(Workshop, workshop_id).phase = phase
            db.session.commit()

    context = browser.new_context(locale="fi-FI", bypass_csp=True, **PHONE)  # to inject axe
    page = context.new_page()
    found: list[str] = []
    try:
        page.goto(f"{live_server}/w/")
        found += violations(page, source)  # the join form
        page.fill("#code", "WRONG1")
        page.locator("button[type=submit]").click()
        found += violations(page, source)  # the join form with its error
        page.fill("#code", code)
        page.locator("button[type=submit]").click()
        found += violations(page, source)  # choose a group
        page.check(f"#group-{group}")
        page.check("#role-chair")
        page.locator("form button[type=submit]").last.click()
        found += violations(page, source)  # waiting
        for phase in ("discuss", "gallery", "summaries", "vote", "closed"):
            set_phase(phase)
            page.goto(f"{live_server}/w/{workshop_id}/")
            found += [f"{phase}: {v}" for v in violations(page, source)]
    finally:
        context.close()
    assert found == [], "\n".join(found)


def _set_phase(app, phase: str) -> int:
    with app.app_context():
        workshop = db.session.query(Workshop).one()
        workshop.phase = phase
        db.session.commit()
        return workshop.id


def test_enter_in_a_dots_box_saves_the_typed_dots(browser, live_server, workshop, app):
    from surveyapp.models import Proposal, Vote

    code, (group, _other) = workshop
    context, page = _join(browser, live_server, code, group, "secretary", javascript=False)
    try:
        with app.app_context():
            workshop_row = db.session.query(Workshop).one()
            db.session.add_all([Proposal(workshop_id=workshop_row.id, text="Ensimmäinen"),
                                Proposal(workshop_id=workshop_row.id, text="Toinen")])
            workshop_row.phase = "vote"
            db.session.commit()
            first, second = [p.id for p in db.session.query(Proposal).order_by(Proposal.id)]
            workshop_id = workshop_row.id
        page.goto(f"{live_server}/w/{workshop_id}/vote")
        page.fill(f"#dots-{first}", "1")
        page.fill(f"#dots-{second}", "2")
        page.press(f"#dots-{second}", "Enter")  # what a phone's "Go" key does
        page.wait_for_load_state()
        with app.app_context():
            stored = {v.proposal_id: v.dots for v in db.session.query(Vote)}
        assert stored == {first: 1, second: 2}
    finally:
        context.close()


def test_when_the_phase_moves_on_unsaved_typing_is_kept(browser, live_server, workshop, app):
    from surveyapp.models import Note

    code, (group, _other) = workshop
    context, page = _join(browser, live_server, code, group, "secretary")
    try:
        page.locator("#text-0").press_sequentially("Tärkeä ajatus, jota ei saa hukata", delay=5)
        _set_phase(app, "gallery")  # the facilitator moves on while the secretary types
        page.locator("h1").click()  # the secretary taps outside the box: the autosave is refused
        expect(page.get_by_text("Tärkeä ajatus, jota ei saa hukata")).to_be_visible(timeout=15_000)
        page.wait_for_timeout(5_000)  # another poll or two: the text stays on the page
        with app.app_context():
            saved = db.session.query(Note).filter_by(group_id=group, prompt_index=0).one().text
        assert "Tärkeä ajatus" in saved or "Tärkeä ajatus" in page.content()
        assert "Tärkeä ajatus" in page.content() or page.locator("#text-0").input_value().startswith("Tärkeä")
    finally:
        context.close()
