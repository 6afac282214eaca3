"""Workshop fixtures: a facilitator signed in, a workshop made through the pages, phones that join it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from surveyapp.models import Workshop, WorkshopGroup

from ..staff.conftest import campaign_in, csrf_of, quick_password_hashing, signed_in, staff  # noqa: F401 - fixtures


@dataclass
class Facilitator:
    client: object
    workshop_id: int | None = None

    def get(self, path: str = "", **kwargs):
        return self.client.get(f"/staff/workshops/{self.workshop_id}{path}", **kwargs)

    def post(self, path: str, data: dict | None = None, page: str = ""):
        html = self.get(page).get_data(as_text=True)
        return self.client.post(f"/staff/workshops/{self.workshop_id}{path}",
                                data={"csrf_token": csrf_of(html), **(data or {})})

    def move(self, direction: str = "forward", minutes: int | None = None):
        data = {"minutes": str(minutes)} if minutes else {}
        response = self.post(f"/phase/{direction}", data)
        assert response.status_code == 303, response.status_code
        return response


@dataclass
class Phone:
    """A participant's phone: its own cookie jar, so its own session and token."""

    client: object
    workshop_id: int | None = None
    pages: dict = field(default_factory=dict)

    def url(self, path: str = "") -> str:
        return f"/w/{self.workshop_id}/{path}"

    def get(self, path: str = ""):
        return self.client.get(self.url(path))

    def token(self, path: str) -> str:
        html = self.get(path).get_data(as_text=True)
        if 'name="csrf_token"' not in html:  # a read-only page: any form of the session will do
            html = self.get("group").get_data(as_text=True)
        return csrf_of(html)

    def post(self, path: str, data: dict, *, token_from: str | None = None, **kwargs):
        token = self.token(token_from if token_from is not None else path)
        return self.client.post(self.url(path), data={"csrf_token": token, **data}, **kwargs)

    def join(self, code: str, name: str = ""):
        page = self.client.get("/w/")
        response = self.client.post("/w/", data={"csrf_token": csrf_of(page.get_data(as_text=True)),
                                                  "code": code, "display_name": name})
        if response.status_code == 303:
            self.workshop_id = int(re.search(r"/w/(\d+)/", response.headers["Location"]).group(1))
        return response

    def choose(self, group_id: int, role: str = "none"):
        return self.post("group", {"group": str(group_id), "role": role})

    def note_fields(self) -> dict[int, tuple[int, str]]:
        """Per prompt: (version, text) as the notes form shows them."""
        html = self.get("notes").get_data(as_text=True)
        fields = {}
        for match in re.finditer(r'name="version-(\d+)" value="(\d+)"', html):
            fields[int(match.group(1))] = int(match.group(2))
        return {i: (v, _base(html, i)) for i, v in fields.items()}

    def save_notes(self, texts: dict[int, str], *, stale: dict[int, tuple[int, str]] | None = None, json=False):
        current = stale if stale is not None else self.note_fields()
        data = {}
        for index, text in texts.items():
            version, base = current[index]
            data.update({f"version-{index}": str(version), f"base-{index}": base, f"text-{index}": text})
        headers = {"Accept": "application/json"} if json else {}
        return self.post("notes", data, headers=headers)


def _base(html: str, index: int) -> str:
    import html as html_module

    match = re.search(rf'name="base-{index}" value="([^"]*)"', html)
    return html_module.unescape(match.group(1)) if match else ""


@pytest.fixture
def facilitator(signed_in, staff, campaign_in, query):
    """A facilitator of Project A with a workshop of three groups made through the form."""

    def make(groups: int = 3, dots: int = 3, language: str = "en", **extra) -> Facilitator:
        campaign_id, _slug = campaign_in("Project A")
        client = signed_in(staff.facilitator_a)
        project_id = query(lambda s: s.execute(
            __import__("sqlalchemy").text("select id from projects where name = 'Project A'")).scalar())
        page = client.get(f"/staff/projects/{project_id}/workshops/new")
        assert page.status_code == 200
        data = {"csrf_token": csrf_of(page.get_data(as_text=True)), "name": "Autumn workshop",
                "language": language, "groups": str(groups), "dots": str(dots), "threshold_unit": "share",
                "campaigns": str(campaign_id), "prompts": "", **extra}
        response = client.post(f"/staff/projects/{project_id}/workshops/new", data=data)
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
        workshop_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
        return Facilitator(client, workshop_id)

    return make


@pytest.fixture
def phone(app):
    def make() -> Phone:
        return Phone(app.test_client())

    return make


@pytest.fixture
def workshop_info(query):
    """(join code, [group ids in order]) of a workshop."""

    def get(workshop_id: int) -> tuple[str, list[int]]:
        def read(session):
            workshop = session.get(Workshop, workshop_id)
            groups = session.query(WorkshopGroup).filter_by(workshop_id=workshop_id).order_by(WorkshopGroup.number)
            return workshop.join_code, [g.id for g in groups]

        return query(read)

    return get
