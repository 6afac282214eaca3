"""Interface catalogs are complete, and a Finnish or Swedish page shows no English."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from .conftest import PROJECT, QUESTIONNAIRES
from .respondent import Respondent
from .survey.test_respondent_flow import complete
from surveyapp.questionnaire.loader import load_file

CATALOGS = sorted((PROJECT / "translations").glob("*/LC_MESSAGES/*.po"))
STAFF_LANGUAGES = ("fi", "sv", "en")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def test_there_are_catalogs_for_the_interface_languages():
    assert {p.parent.parent.name for p in CATALOGS} >= {"fi", "sv", "en"}


def test_there_is_a_staff_catalog_for_each_staff_language():
    assert {p.parent.parent.name for p in CATALOGS if p.stem == "staff"} == set(STAFF_LANGUAGES)


@pytest.mark.parametrize("path", CATALOGS, ids=[f"{p.parent.parent.name}-{p.stem}" for p in CATALOGS])
def test_catalog_is_complete_and_consistent(path: Path):
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.parent.parent.name)
    offenders = []
    template_ids = _template_ids(path.stem)
    for message in catalog:
        if not message.id:
            assert not message.fuzzy, "the header is marked fuzzy: compiled catalogs would lose it"
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            offenders.append(f"fuzzy: {ids[0]!r}")
        if not all(strings):
            offenders.append(f"untranslated: {ids[0]!r}")
        if isinstance(message.id, tuple) and len(strings) != catalog.num_plurals:
            offenders.append(f"plural forms: {ids[0]!r} has {len(strings)}, expected {catalog.num_plurals}")
        expected = sorted(set(PLACEHOLDER.findall(" ".join(ids))))
        for string in strings:
            if sorted(set(PLACEHOLDER.findall(string or ""))) != expected:
                offenders.append(f"placeholders: {ids[0]!r} -> {string!r}")
        if ids[0] not in template_ids:
            offenders.append(f"obsolete (not in messages.pot): {ids[0]!r}")
    missing = template_ids - {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    offenders.extend(f"missing from the catalog: {m!r}" for m in sorted(missing))
    assert not offenders, "\n".join(offenders)


def _template_ids(domain: str = "messages") -> set[str]:
    with (PROJECT / "translations" / f"{domain}.pot").open("rb") as handle:
        template = read_po(handle)
    return {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}


def _english_strings(domain: str = "messages") -> set[str]:
    """Interface strings long enough to be recognisable, placeholders cut out."""
    with (PROJECT / "translations" / f"{domain}.pot").open("rb") as handle:
        template = read_po(handle)
    pieces = set()
    for message in template:
        for text in (message.id if isinstance(message.id, tuple) else (message.id,)):
            for piece in PLACEHOLDER.split(text or ""):
                piece = piece.strip(" .:,()")
                if len(piece) >= 8 and " " in piece:
                    pieces.add(piece)
    return pieces


RESPONDENT_LANGUAGES = ["fi", "sv", "ar", "uk", "ru", "so", "et", "fa"]


def test_every_respondent_language_is_complete_for_the_guardians():
    from surveyapp.i18n import interface_languages

    assert set(RESPONDENT_LANGUAGES) <= set(interface_languages(PROJECT / "translations"))
    assert set(RESPONDENT_LANGUAGES) <= set(load_file(QUESTIONNAIRES / "guardians.yaml").languages)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # rendering is the same on both
@pytest.mark.parametrize("language", RESPONDENT_LANGUAGES)
def test_respondent_pages_show_no_english_interface_text(client, make_campaign, language, database_url):
    english = _english_strings()
    path = QUESTIONNAIRES / "guardians.yaml"
    respondent = Respondent(client, make_campaign(path))
    pages = [respondent.get(f"?lang={language}"), respondent.get("privacy"), respondent.get("resume")]
    _, review = complete(respondent, load_file(path), language)
    pages.append(review)
    pages.append(respondent.get("privacy"))  # with a draft: "continue" and "start again"
    saved = respondent.get("saved")
    pages.append(respondent.follow(saved) if saved.location else saved)
    bad = respondent.post("resume", {"code": "nonsense"}, csrf=pages[2].csrf)
    pages.append(bad)
    review = respondent.get("review")
    pages.append(respondent.follow(respondent.post("submit", {"submit_key": review.value("submit_key")})))
    pages.append(respondent.get("page/no-such-page"))
    assert all(p.lang == language for p in pages)
    found = []
    for page in pages:
        text = page.soup.get_text(" ", strip=True)
        found += [(page.h1, piece) for piece in english if piece in text]
    assert not found, found


CONFIGS = {"messages": "babel.cfg", "staff": "babel-staff.cfg", "analysis": "babel-analysis.cfg"}


def test_there_is_an_analysis_catalog_for_each_report_language():
    from analysis.i18n import LANGUAGES

    assert {p.parent.parent.name for p in CATALOGS if p.stem == "analysis"} == set(LANGUAGES)


@pytest.mark.parametrize("domain", sorted(CONFIGS))
def test_the_templates_are_up_to_date_with_the_code(domain):
    """Each .pot holds exactly what its code and templates ask to translate (pybabel extract)."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    config = PROJECT / CONFIGS[domain]
    method_map = [
        (line.strip("[]").split(": ", 1)[1], line.strip("[]").split(": ", 1)[0])
        for line in config.read_text().splitlines()
        if line.startswith("[")
    ]
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        PROJECT, method_map=method_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    template = _template_ids(domain)
    assert found - template == set(), "not extracted yet: see docs/translations.md"
    assert template - found == set(), "no longer used: run pybabel extract and update"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # rendering is the same on both
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_staff_pages_show_no_english(app, language, database_url, make_campaign):
    from surveyapp.staff.accounts import create_user

    from .staff.conftest import csrf_of

    slug = make_campaign(project="Project A")

    def admin(session):
        create_user(session, email="admin@example.org", name="A", password="x" * 12, is_admin=True)
        session.commit()

    from surveyapp.extensions import db

    with app.app_context():
        admin(db.session)
    client = app.test_client()
    login = client.get(f"/staff/login?lang={language}")
    pages = [login]
    client.post("/staff/login", data={"csrf_token": csrf_of(login.get_data(as_text=True)),
                                      "email": "admin@example.org", "password": "x" * 12})
    from surveyapp.models import Campaign

    with app.app_context():
        campaign = db.session.query(Campaign).filter_by(slug=slug).one()
        campaign_id, project_id = campaign.id, campaign.project_id
    for url in ("/staff/", f"/staff/projects/{project_id}", f"/staff/projects/{project_id}/campaigns/new",
                f"/staff/campaigns/{campaign_id}", f"/staff/campaigns/{campaign_id}/answers/change"):
        pages.append(client.get(url))
    english = _english_strings("staff") | _english_strings("messages")
    found = []
    for page in pages:
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert f'lang="{language}"' in html
        text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
        found += [piece for piece in english if piece in text]
    assert not found, found
