"""An acknowledged submission is stored exactly once, whatever the network or the user does."""
from __future__ import annotations

import threading

from sqlalchemy import func, select

from surveyapp.models import Response

from ..respondent import Respondent


def reach_review(respondent: Respondent):
    respondent.start("en")
    respondent.answer({"absence_band": "under_10", "reasons": ["illness"]})
    respondent.follow(respondent.last)
    respondent.answer({"coop.heard": "1", "coop.informed": "3", "change": "Quicker replies."})
    review = respondent.follow(respondent.last)
    assert review.status == 200 and review.value("submit_key")
    return review


def count_responses(query) -> int:
    return query(lambda s: s.scalar(select(func.count()).select_from(Response)))


def test_repeated_post_returns_the_same_receipt(client, make_campaign, query):
    respondent = Respondent(client, make_campaign())
    review = reach_review(respondent)
    data = {"submit_key": review.value("submit_key")}
    first = respondent.post("submit", data, csrf=review.csrf)
    first_receipt = respondent.follow(first).soup.select_one(".code").get_text(strip=True)
    # the back button and a second tap send the same form again
    again = respondent.post("submit", data, csrf=review.csrf)
    assert again.status == 303
    assert respondent.follow(again).soup.select_one(".code").get_text(strip=True) == first_receipt
    assert count_responses(query) == 1


def test_retry_after_a_lost_acknowledgement_from_the_old_cookie(app, make_campaign, query):
    """The first POST committed but its answer (and new cookie) never reached the phone."""
    client = app.test_client()
    respondent = Respondent(client, make_campaign())
    review = reach_review(respondent)
    cookie = client.get_cookie("session", domain="survey.test").value
    first = respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)
    receipt = respondent.follow(first).soup.select_one(".code").get_text(strip=True)

    client.set_cookie("session", cookie, domain="survey.test")  # as before the lost answer
    retry = respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)
    assert retry.status == 303
    assert respondent.follow(retry).soup.select_one(".code").get_text(strip=True) == receipt
    assert count_responses(query) == 1


def test_concurrent_repeats_leave_exactly_one_response(app, make_campaign, query):
    client = app.test_client()
    respondent = Respondent(client, make_campaign())
    review = reach_review(respondent)
    cookie = client.get_cookie("session", domain="survey.test").value
    data = {"csrf_token": review.csrf, "submit_key": review.value("submit_key")}
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    results: list[tuple[int, str | None]] = []
    failures: list[BaseException] = []

    def post():
        try:
            own = app.test_client()
            own.set_cookie("session", cookie, domain="survey.test")
            barrier.wait()
            response = own.post(f"/s/{respondent.slug}/submit", data=data)
            thanks = own.get(response.headers["Location"]) if response.status_code == 303 else None
            code = None
            if thanks is not None:
                from bs4 import BeautifulSoup

                code = BeautifulSoup(thanks.get_data(as_text=True), "html.parser").select_one(".code").text
            results.append((response.status_code, code))
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=post) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not failures, failures
    assert [status for status, _ in results] == [303] * threads_count
    assert len({code for _, code in results}) == 1, results
    assert count_responses(query) == 1


def test_stale_review_form_goes_back_to_the_review(client, make_campaign, query):
    respondent = Respondent(client, make_campaign())
    review = reach_review(respondent)
    page = respondent.post("submit", {"submit_key": "0" * 32}, csrf=review.csrf)
    assert page.status == 303 and page.location.endswith("/review")
    assert count_responses(query) == 0


def test_submission_without_any_answers_left(client, make_campaign):
    respondent = Respondent(client, make_campaign())
    notice = respondent.get("privacy?lang=en")
    page = respondent.post("submit", {"submit_key": "f" * 32}, csrf=notice.csrf if notice.soup.find(
        "input", attrs={"name": "csrf_token"}) else respondent.get("resume").csrf)
    assert page.status == 410
    assert page.h1 == "Your answers were not found"


def test_resending_an_old_review_keeps_the_newer_draft(client, make_campaign):
    respondent = Respondent(client, make_campaign())
    review = reach_review(respondent)
    old = {"submit_key": review.value("submit_key")}
    respondent.follow(respondent.post("submit", old, csrf=review.csrf))
    respondent.start("en")
    respondent.answer({"absence_band": "over_20"})  # a second response, begun
    again = respondent.post("submit", old, csrf=review.csrf)  # the back button, then "send" again
    assert again.status == 303
    notice = respondent.get("privacy")
    assert notice.soup.select_one("a.button").get_text(strip=True) == "Continue answering"


def test_the_receipt_is_shown_once(client, make_campaign):
    respondent = Respondent(client, make_campaign())
    review = reach_review(respondent)
    thanks = respondent.follow(respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf))
    assert thanks.soup.select_one(".code")
    later = respondent.get("thanks")
    assert later.status == 302, "the next person on a shared device does not see it"


def test_start_over_forgets_the_draft_in_this_browser_only(client, make_campaign, query):
    from surveyapp.models import Draft

    respondent = Respondent(client, make_campaign())
    respondent.start("en")
    respondent.answer({"absence_band": "over_20"})
    notice = respondent.get("privacy")
    form = notice.soup.find("form", action=lambda a: a and a.endswith("/start-over"))
    assert form is not None
    respondent.post("start-over", {}, csrf=notice.csrf)
    fresh = respondent.get("privacy")
    assert fresh.soup.select_one("a.button").get_text(strip=True) == "Start"
    assert len(query(lambda s: s.scalars(select(Draft)).all())) == 1, "still resumable with its code"


def test_the_funnel_counts_starts_pages_and_submissions_once_each(app, client, make_campaign, query):
    from surveyapp.survey.funnel import funnel

    slug = make_campaign()
    respondent = Respondent(client, slug)
    review = reach_review(respondent)
    respondent.get("page/background")
    respondent.answer({"absence_band": "under_10", "reasons": ["illness"]})  # passed again: not recounted
    respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)
    other = Respondent(app.test_client(), slug)
    other.start("fi")
    other.answer({"absence_band": "over_20"})

    counts = query(lambda s: funnel(s, s.scalars(select(Response.campaign_id)).first()))
    assert counts == {"started": 2, "page:background": 2, "page:cooperation": 1, "submitted": 1}
