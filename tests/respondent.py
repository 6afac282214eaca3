"""A respondent driving the real app through the Flask test client, as a browser would."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup


@dataclass
class Page:
    status: int
    html: str
    location: str | None = None
    soup: BeautifulSoup = field(init=False)

    def __post_init__(self):
        self.soup = BeautifulSoup(self.html, "html.parser")

    @property
    def csrf(self) -> str:
        tag = self.soup.find("input", attrs={"name": "csrf_token"})
        assert tag is not None, "the page has no CSRF token"
        return tag["value"]

    def errors(self) -> list[str]:
        return [e.get_text(" ", strip=True).replace("Error:", "").strip() for e in self.soup.select(".field-error")]

    def summary(self) -> list[str]:
        return [a.get_text(" ", strip=True) for a in self.soup.select(".error-summary a")]

    def value(self, name: str) -> str | None:
        tag = self.soup.find(attrs={"name": name})
        if tag is None:
            return None
        if tag.name == "textarea":
            return tag.get_text()
        return tag.get("value")

    def checked(self, name: str) -> list[str]:
        return [t["value"] for t in self.soup.find_all("input", attrs={"name": name}) if t.has_attr("checked")]

    @property
    def h1(self) -> str:
        return self.soup.h1.get_text(" ", strip=True)

    @property
    def lang(self) -> str:
        return self.soup.html["lang"]


class Respondent:
    def __init__(self, client, slug: str):
        self.client = client
        self.slug = slug
        self.last: Page | None = None

    def url(self, path: str = "") -> str:
        return f"/s/{self.slug}/{path}"

    def get(self, path: str = "", **kwargs) -> Page:
        response = self.client.get(self.url(path) if not path.startswith("/") else path, **kwargs)
        self.last = Page(response.status_code, response.get_data(as_text=True), response.headers.get("Location"))
        return self.last

    def follow(self, page: Page) -> Page:
        assert page.location, f"expected a redirect, got {page.status}"
        return self.get(page.location)

    def post(self, path: str, data: dict[str, Any], csrf: str | None = None) -> Page:
        token = csrf if csrf is not None else self.last.csrf
        response = self.client.post(
            self.url(path) if not path.startswith("/") else path, data={"csrf_token": token, **data}
        )
        self.last = Page(response.status_code, response.get_data(as_text=True), response.headers.get("Location"))
        return self.last

    def start(self, language: str | None = None) -> Page:
        """From the privacy notice to the first page."""
        notice = self.get("privacy" + (f"?lang={language}" if language else ""))
        assert notice.status == 200, notice.status
        start = notice.soup.select_one("a.button")["href"]
        return self.get(start)

    def page_id(self) -> str:
        action = self.last.soup.find("form")["action"]
        return action.rstrip("/").split("/")[-1]

    def answer(self, data: dict[str, Any], action: str = "next") -> Page:
        return self.post(f"page/{self.page_id()}", {**data, "action": action})
