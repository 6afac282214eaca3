"""Workshop pages in Finnish and Swedish show no English interface text."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ..test_translations import _english_strings


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_pages_show_no_english(facilitator, phone, workshop_info, language, database_url):
    f = facilitator(language=language)
    f.client.get(f"/staff/?lang={language}")
    code, groups = workshop_info(f.workshop_id)
    p = phone()
    p.join(code)
    p.choose(groups[0], "secretary")
    pages = [p.get("group"), p.get("waiting")]
    for path in ("", "/settings", "/room", "/outputs", "/proposals", "/results", "/canvas"):
        pages.append(f.get(path))
    f.move(); f.move()
    pages.append(p.get("notes"))
    f.move()
    pages.append(p.get("gallery"))
    english = _english_strings("staff") | _english_strings("messages")
    found = []
    for page in pages:
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert f'lang="{language}"' in html
        text = BeautifulSoup(html, "html.parser").get_text(" ", strip=True)
        found += [piece for piece in english if piece in text]
    assert not found, found
