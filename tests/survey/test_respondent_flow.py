"""The respondent's path through the real app: language, notice, pages, review, receipt."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from surveyapp.models import Draft, Response
from surveyapp.questionnaire.loader import load_file
from surveyapp.survey.flow import visible_questions

from ..conftest import DATA, QUESTIONNAIRES
from ..respondent import Respondent

SHIPPED = sorted(QUESTIONNAIRES.glob("*.yaml"))


def valid_answers(question) -> dict[str, object]:
    """A valid answer for every question (the first choices, the smallest number, some text)."""
    if question.type == "single_choice":
        return {question.id: question.options[-1].value}
    if question.type == "multiple_choice":
        values = [o.value for o in question.options][: question.max_choices or 2]
        return {question.id: values[:2]}
    if question.type == "likert":
        return {question.id: str(question.scale.points[0].value)}
    if question.type == "matrix":
        return {question.statement_key(s): str(question.scale.points[-1].value) for s in question.statements}
    if question.type == "number":
        return {question.id: str(int(question.minimum) + 1)}
    return {question.id: f"Vastaus: {question.id} – ääkköset ja emoji 🙂"}


def complete(respondent: Respondent, questionnaire, language: str) -> tuple[dict, object]:
    """Answer every visible question on every page; return what was sent and the review page."""
    page = respondent.start(language)
    sent: dict[str, object] = {}
    for _ in range(30):
        assert page.status == 200, (page.status, page.location)
        assert page.lang == language
        page_id = respondent.page_id()
        questions = visible_questions(questionnaire, _typed(questionnaire, sent), questionnaire.page(page_id))
        data: dict[str, object] = {}
        for question in questions:
            data.update(valid_answers(question))
        sent.update(data)
        result = respondent.answer(data)
        assert result.status == 303, (result.status, result.errors())
        page = respondent.follow(result)
        if "/review" in result.location:
            return sent, page
    raise AssertionError("the questionnaire never reached the review")


def _typed(questionnaire, sent):
    typed = {}
    for question in questionnaire.questions():
        for key in question.answer_keys():
            if key in sent:
                value = sent[key]
                if question.scale is not None and isinstance(value, str) and value.isdigit():
                    value = int(value)
                typed[key] = value
    return typed


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_shipped_questionnaire_completes_in_each_language(client, make_campaign, query, path, language):
    questionnaire = load_file(path)
    slug = make_campaign(path)
    respondent = Respondent(client, slug)
    sent, review = complete(respondent, questionnaire, language)

    assert review.status == 200 and review.lang == language
    assert review.soup.select(".review-row"), "the review lists the answers"
    submitted = respondent.post("submit", {"submit_key": review.value("submit_key")})
    assert submitted.status == 303
    thanks = respondent.follow(submitted)
    assert thanks.status == 200 and thanks.lang == language
    receipt = thanks.soup.select_one(".code").get_text(strip=True).replace("-", "")

    responses = query(lambda s: s.scalars(select(Response)).all())
    assert len(responses) == 1
    response = responses[0]
    assert response.receipt_code == receipt
    assert response.language == language
    for key, value in sent.items():
        stored = response.answers[key]
        assert str(stored) == str(value) or [str(v) for v in stored] == value, key
    assert query(lambda s: s.scalars(select(Draft)).all()) == [], "the draft is gone once submitted"


def test_language_choice_lists_only_the_campaign_languages(client, make_campaign):
    slug = make_campaign(languages=["sv", "en"])
    page = Respondent(client, slug).get("", headers={"Accept-Language": "sv-FI,sv;q=0.9"})
    assert page.status == 200
    offered = [a["lang"] for a in page.soup.select(".language-choice a")]
    assert offered == ["sv", "en"]
    assert page.lang == "sv"


def test_responses_store_nothing_that_identifies_the_device(app, client, make_campaign, query):
    slug = make_campaign()
    respondent = Respondent(client, slug)
    respondent.start("en")
    respondent.answer({"absence_band": "under_10"})
    respondent.get("page/cooperation")
    respondent.answer({"coop.heard": "1", "coop.informed": "2"})
    review = respondent.follow(respondent.last) if respondent.last.location else respondent.get("review")
    respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)

    columns = query(lambda s: {c["name"] for c in inspect(s.get_bind()).get_columns("responses")})
    assert columns == {
        "id", "campaign_id", "questionnaire_version_id", "idempotency_key",
        "receipt_code", "language", "submitted_on", "answers",
    }
    response = query(lambda s: s.scalars(select(Response)).one())
    assert len(response.id) == 32 and response.id != "1"
    assert type(response.submitted_on).__name__ == "date"


def test_progress_shows_page_of_total_and_counts_only_visible_pages(client, make_campaign):
    slug = make_campaign()
    respondent = Respondent(client, slug)
    first = respondent.start("en")
    # the details page is asked only after much absence: until then it is not counted
    assert first.soup.select_one(".progress").get_text() == "Page 1 of 2"
    respondent.answer({"absence_band": "over_20"})
    second = respondent.follow(respondent.last)
    assert second.soup.select_one(".progress").get_text() == "Page 2 of 3"
    assert second.soup.select_one("progress")["value"] == "2"


def test_back_and_next_keep_answers(client, make_campaign):
    slug = make_campaign()
    respondent = Respondent(client, slug)
    respondent.start("fi")
    respondent.answer({"absence_band": "over_20", "reasons": ["bullying"]})
    details = respondent.follow(respondent.last)
    assert details.h1 == "Tarkemmin"
    respondent.answer({"hours": "40", "bullying_help": "Keskustelu"}, action="back")
    first = respondent.follow(respondent.last)
    assert first.checked("absence_band") == ["over_20"]
    assert first.checked("reasons") == ["bullying"]
    respondent.answer({"absence_band": "over_20", "reasons": ["bullying"]})
    details = respondent.follow(respondent.last)
    assert details.value("hours") == "40"
    assert details.value("bullying_help") == "Keskustelu"


def test_skip_logic_hides_pages_and_questions(client, make_campaign, query):
    slug = make_campaign()
    respondent = Respondent(client, slug)
    respondent.start("en")
    respondent.answer({"absence_band": "over_20", "reasons": ["illness"]})
    details = respondent.follow(respondent.last)
    assert details.value("hours") == "" and details.value("bullying_help") is None  # hidden: no bullying
    respondent.answer({"hours": "12"})
    respondent.get("page/background")
    respondent.answer({"absence_band": "under_10", "reasons": ["illness"]})
    assert respondent.last.location.endswith("/page/cooperation"), "the details page is skipped"
    assert respondent.get("page/details").status == 302, "a hidden page redirects onwards"

    respondent.get("page/cooperation")
    review = respondent.follow(respondent.answer({"coop.heard": "1", "coop.informed": "2"}))
    assert "How many hours?" not in review.soup.get_text(), "a hidden answer is not reviewed"
    respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)
    assert "hours" not in query(lambda s: s.scalars(select(Response)).one()).answers, "nor submitted"


def test_changing_an_answer_back_restores_the_answers_it_had_hidden(client, make_campaign):
    respondent = Respondent(client, make_campaign())
    respondent.start("en")
    respondent.answer({"absence_band": "over_20", "reasons": ["bullying"]})
    respondent.follow(respondent.last)
    respondent.answer({"hours": "40", "bullying_help": "A long answer I would hate to type again."})
    respondent.get("page/background")
    respondent.answer({"absence_band": "under_10", "reasons": ["bullying"]})
    respondent.get("page/background")
    respondent.answer({"absence_band": "over_20", "reasons": ["bullying"]})
    details = respondent.follow(respondent.last)
    assert details.value("hours") == "40"
    assert details.value("bullying_help") == "A long answer I would hate to type again."


def test_a_number_answer_is_reviewed_in_the_respondents_format(client, make_campaign):
    respondent = Respondent(client, make_campaign())
    respondent.start("fi")
    respondent.answer({"absence_band": "over_20"})
    respondent.follow(respondent.last)
    respondent.answer({"hours": "450"})
    respondent.follow(respondent.last)
    review = respondent.follow(respondent.answer({"coop.heard": "1", "coop.informed": "2"}))
    assert review.status == 200
    assert "450 tuntia" in review.soup.get_text()


def test_a_draft_keeps_the_questionnaire_version_it_started_on(app, client, make_campaign, query):
    from surveyapp.models import Campaign, QuestionnaireVersion
    from surveyapp.questionnaire.loader import load_text
    from surveyapp.survey.campaigns import store_questionnaire

    slug = make_campaign()
    respondent = Respondent(client, slug)
    respondent.start("en")
    respondent.answer({"absence_band": "over_20"})
    respondent.follow(respondent.last)

    changed = (DATA / "small.yaml").read_text(encoding="utf-8").replace("over_20", "over_twenty")

    def move_campaign(session):
        version = store_questionnaire(session, load_text(changed), "small-v2.yaml")
        session.flush()
        session.scalars(select(Campaign)).one().questionnaire_version_id = version.id
        session.commit()
        return version.id

    new_version = query(move_campaign)
    respondent.answer({"hours": "3"})
    respondent.get("page/cooperation")
    review = respondent.follow(respondent.answer({"coop.heard": "1", "coop.informed": "1"}))
    respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)
    response = query(lambda s: s.scalars(select(Response)).one())
    assert response.answers["absence_band"] == "over_20" and response.answers["hours"] == 3
    assert response.questionnaire_version_id != new_version, "the response records the version answered"

    newcomer = Respondent(app.test_client(), slug)
    first = newcomer.start("en")
    assert first.soup.find("input", attrs={"value": "over_twenty"}) is not None, "new respondents get the new one"
    assert query(lambda s: s.query(QuestionnaireVersion).count()) == 2


def test_required_answers_are_checked_again_before_submitting(client, make_campaign):
    slug = make_campaign()
    respondent = Respondent(client, slug)
    respondent.start("en")
    respondent.answer({"absence_band": "under_10"})
    respondent.get("page/cooperation")
    respondent.answer({"coop.heard": "1"}, action="save")  # saved without the required second row
    review = respondent.get("review")
    assert review.status == 302 and "check=1" in review.location
    page = respondent.follow(review)
    assert page.errors() == ["Answer every statement."]
