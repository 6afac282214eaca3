"""The workshop deck: only suppressed figures, no flagged quote, the workshop's language, no requests out."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask import render_template
from sqlalchemy import insert

from analysis.synthetic import generate
from surveyapp import create_app
from surveyapp.codes import new_code, new_id, new_slug
from surveyapp.demo import stored_answers
from surveyapp.launching import project_named
from surveyapp.models import Campaign, Response
from surveyapp.questionnaire.loader import load_file
from surveyapp.survey.campaigns import questionnaire_of, store_questionnaire
from surveyapp.workshop.deck import build_deck, quotable, safe_svg

from ..conftest import QUESTIONNAIRES

PLANTED = [
    ("reasons.other", "Lapsi on sairaana usein, soittakaa minulle 040 123 45{:02d}"),
    ("what_should_change", "Ei mitään lisättävää. Numeroni on 040 123 45{:02d}"),
    ("what_should_change", "Ei mitään lisättävää, sähköposti isa{:02d}@example.com"),
]
"""Answers with personal data, alike enough to be themed together (a known theme, a new one)."""
SECRETS = re.compile(r"040 123 45\d\d|isa\d\d@example\.com|@example\.|\[(?:phone|email|name|henkilotunnus|personnummer)\]")


def _campaign(session, questionnaire: str) -> Campaign:
    path = QUESTIONNAIRES / f"{questionnaire}.yaml"
    version = store_questionnaire(session, load_file(path), source_name=path.name)
    project = project_named(session, "Deck project")
    session.flush()
    campaign = Campaign(slug=new_slug(), name=f"Deck {questionnaire}", project_id=project.id,
                        questionnaire_version_id=version.id, languages=["fi", "sv", "en"])
    session.add(campaign)
    session.flush()
    return campaign


def _store(session, campaign: Campaign, answer_sets, max_text_length: int) -> None:
    questionnaire = questionnaire_of(campaign)
    rows = [{"id": response_id, "campaign_id": campaign.id,
             "questionnaire_version_id": campaign.questionnaire_version_id, "idempotency_key": new_id(),
             "receipt_code": new_code(), "language": language, "submitted_on": dt.date(2025, 3, 3),
             "answers": stored_answers(questionnaire, answers, max_text_length=max_text_length)}
            for response_id, language, answers in answer_sets]
    session.execute(insert(Response), rows)


@pytest.fixture(scope="module")
def deck_app(sqlite_template, tmp_path_factory):
    """Guardians and pupils answered (synthetic answers, those with personal data among them, and
    planted answers with phone numbers and e-mail addresses); built once for the module."""
    folder = tmp_path_factory.mktemp("deck")
    shutil.copy(sqlite_template, folder / "deck.sqlite3")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'deck.sqlite3'}",
                      "SECRET_KEY": "deck tests", "SERVER_NAME": "survey.test"})
    app.instance_path = str(folder / "instance")
    from surveyapp.extensions import db

    data = generate()
    limit = app.config["MAX_TEXT_LENGTH"]
    with app.app_context():
        session = db.session
        ids = []
        for questionnaire, size in (("guardians", 160), ("pupils", 60), ("staff", 60)):
            campaign = _campaign(session, questionnaire)
            responses = [r for c in data[questionnaire].campaigns for r in c.responses]
            chosen = [r for r in responses if r.personal_data] + [r for r in responses if not r.personal_data][:size]
            answer_sets = [(r.id, r.language, r.answers) for r in chosen]
            if questionnaire == "guardians":
                template = next(r.answers for r in responses if "reasons.other" in r.answers)
                for number in range(24):
                    key, text = PLANTED[number % len(PLANTED)]
                    answers = dict(template, **{key: text.format(number)})
                    answer_sets.append((f"planted-{number}", "fi", answers))
            _store(session, campaign, answer_sets, limit)
            ids.append(campaign.id)
        session.commit()
    yield app, ids
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def finnish(deck_app):
    app, ids = deck_app
    with app.test_request_context():
        deck = build_deck(ids, language="fi")
        html = render_template("workshop/deck.html", deck=deck)
    return deck, html


def _cells(deck):
    for slide in deck.slides:
        tables = list(slide.tables) + [chart.table for chart in slide.charts if chart.table is not None]
        for table in tables:
            for row in table.rows:
                yield table, row[1:]


def test_the_deck_has_its_slides_in_order(finnish):
    deck, _html = finnish
    kinds = [slide.kind for slide in deck.slides]
    assert kinds[:3] == ["title", "contents", "who_answered"]
    assert kinds[-1] == "end"
    assert "known_themes" in kinds and "new_themes" in kinds and "differences" in kinds and "opinions" in kinds
    assert kinds.index("known_themes") < kinds.index("differences") < kinds.index("opinions")
    contents = deck.slides[1]
    assert [target for target, _title in contents.links] == [slide.id for slide in deck.slides[2:]]
    assert len({slide.id for slide in deck.slides}) == len(deck.slides)


def test_every_count_shown_is_zero_five_or_more_or_hidden(finnish):
    deck, _html = finnish
    checked = 0
    for table, cells in _cells(deck):
        for cell in cells:
            text = str(cell).strip()
            if text in ("<5", "..", "") or re.fullmatch(r"\d+ %", text):  # hidden, or a share
                continue
            count = re.fullmatch(r"(\d+)(?: \(\d+ %\))?", text)
            assert count, f"{table.caption}: unexpected cell {text!r}"
            assert int(count.group(1)) == 0 or int(count.group(1)) >= 5, f"{table.caption}: {text}"
            checked += 1
    for slide in deck.slides:
        for theme in slide.themes:
            assert int(re.match(r"\d+", theme.size).group()) >= 5
    assert checked > 20


def test_no_quote_holds_personal_data_even_when_answers_did(finnish):
    deck, html = finnish
    quotes = [quote.text for slide in deck.slides for theme in slide.themes for quote in theme.quotes]
    assert quotes, "the deck should quote something"
    assert len([q for slide in deck.slides for theme in slide.themes for q in theme.quotes]) <= 2 * sum(
        len(slide.themes) for slide in deck.slides)
    for quote in quotes:
        assert not SECRETS.search(quote), quote
    assert not SECRETS.search(BeautifulSoup(html, "html.parser").get_text(" "))


def test_a_flagged_answer_is_not_quotable_even_masked():
    assert not quotable("Soittakaa minulle [phone]")
    assert not quotable("Soittakaa minulle 040 123 4567")
    assert not quotable("Ei kommentteja", frozenset({"Ei kommentteja"}))
    assert quotable("Ei kommentteja")


def test_the_page_makes_no_request_out_and_has_no_inline_script_or_style(finnish):
    _deck, html = finnish
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "fi"
    scripts = soup.find_all("script")
    assert [s.get("src") for s in scripts] == ["/static/workshop/deck.js"]
    assert all(not s.string for s in scripts)
    assert not soup.find_all("style") and not soup.find_all(attrs={"style": True})
    assert not [tag for tag in soup.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
    for tag in soup.find_all(True):
        for name in ("href", "src", "xlink:href", "action"):
            value = tag.get(name)
            if value is not None:
                assert value.startswith(("#", "/static/", "data:")), f"{tag.name} {name}={value[:60]}"
    without_namespaces = re.sub(r'\sxmlns(?::\w+)?="[^"]*"', "", html)
    assert not re.search(r"(?:https?:)?//[\w.-]+\.\w", without_namespaces)
    assert Path(create_app.__globals__["__file__"]).parent.joinpath("static/workshop/deck.js").is_file()


def test_charts_are_inline_svg_with_a_text_alternative_and_their_table(finnish):
    deck, html = finnish
    soup = BeautifulSoup(html, "html.parser")
    figures = soup.select("figure.chart")
    assert figures
    for figure in figures:
        svg = figure.find("svg")
        assert svg is not None and svg.get("role") == "img" and svg.get("aria-label")
        assert figure.find("figcaption").get_text(strip=True)
        assert figure.select_one("details table caption")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "ids must be unique on the page"


def test_the_deck_is_in_the_workshops_language(deck_app):
    app, ids = deck_app
    with app.test_request_context():
        deck = build_deck(ids, language="sv", families=["barriers_to_cooperation"])
        html = render_template("workshop/deck.html", deck=deck)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "sv"
    assert "Vilka svarade" in soup.get_text(" ")
    assert not [s for s in deck.slides if s.kind == "known_themes" and s.title == "Orsaker till frånvaro"]


def test_fewer_than_five_responses_give_only_the_too_few_slide(app, make_campaign, query):
    slug = make_campaign(QUESTIONNAIRES / "guardians.yaml")
    data = generate()
    answers = [r for c in data["guardians"].campaigns for r in c.responses][:3]

    def put(session):
        campaign = session.query(Campaign).filter_by(slug=slug).one()
        _store(session, campaign, [(r.id, r.language, r.answers) for r in answers], app.config["MAX_TEXT_LENGTH"])
        session.commit()
        return campaign.id

    campaign_id = query(put)
    with app.test_request_context():
        deck = build_deck([campaign_id], language="fi")
        html = render_template("workshop/deck.html", deck=deck)
    assert deck.too_few and [s.kind for s in deck.slides] == ["too_few"]
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("section")) == 1
    assert not re.search(r"\b3\b", soup.get_text(" "))


def test_unknown_languages_and_families_are_refused(app):
    with app.app_context():
        with pytest.raises(ValueError):
            build_deck([1], language="de")
        with pytest.raises(ValueError):
            build_deck([1], language="fi", families=["what_would_help"])


def test_safe_svg_turns_styles_into_attributes():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt" viewBox="0 0 10 5" id="x">'
           '<metadata>m</metadata><defs><style type="text/css">*{stroke-linejoin: round}</style></defs>'
           '<path style="fill: #ffffff; stroke: url(#a)"/>'
           "<text style=\"font: 16px 'DejaVu Sans'; text-anchor: middle\">a</text></svg>")
    out = str(safe_svg(svg, 'Label "quoted"'))
    assert "style" not in out and "<metadata" not in out and 'width="10pt"' not in out
    assert 'fill="#ffffff"' in out and 'stroke="url(#a)"' in out and 'stroke-linejoin="round"' in out
    assert 'font-size="16px"' in out and "font-family=\"'DejaVu Sans'\"" in out
    assert 'role="img"' in out and 'aria-label="Label &quot;quoted&quot;"' in out
