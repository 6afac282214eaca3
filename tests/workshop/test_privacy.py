"""Nothing shared identifies a person: personal data is masked on every shared page and in every
export, comments have no authors, and only vote totals are ever shown."""
from __future__ import annotations

import io
import json
import re

import pytest

from analysis.export_reader import read_json_export

PLANTED = {
    "email": "matti.virtanen@koulu.fi",
    "phone": "040 123 4567",
    "henkilotunnus": "131052-308T",
    "name": "Matti Virtanen",
}
NOTE = (f"Kuraattori Matti Virtanen sanoi: soita {PLANTED['phone']} tai {PLANTED['email']}, "
        f"henkilötunnus {PLANTED['henkilotunnus']}.")


@pytest.fixture
def finished(facilitator, phone, workshop_info, query):
    """A closed workshop whose notes, comments, summary, proposals and canvas hold personal data."""
    f = facilitator(groups=2)
    code, groups = workshop_info(f.workshop_id)
    secretary, chair, walker = phone(), phone(), phone()
    secretary.join(code, name="Liisa")
    secretary.choose(groups[0], "secretary")
    chair.join(code)
    chair.choose(groups[0], "chair")
    walker.join(code)
    walker.choose(groups[1])
    f.move(); f.move()
    secretary.save_notes({0: NOTE, 2: f"- Call {PLANTED['name']} at {PLANTED['phone']}"})
    f.move()
    walker.post(f"gallery/{groups[0]}/comment", {"text": f"Mail {PLANTED['email']}"}, token_from="gallery")
    gallery = walker.get("gallery").get_data(as_text=True)
    chair.post("summary", {"version": "0", "base": "", "text": f"Ask {PLANTED['name']}, {PLANTED['henkilotunnus']}"})
    f.move()
    page = f.get("/proposals").get_data(as_text=True)
    keys = re.findall(r'name="candidate" value="([^"]+)"', page)
    f.post("/proposals", {"candidate": keys, "text": f"Phone {PLANTED['phone']} every week"}, page="/proposals")
    f.move()
    from surveyapp.models import Proposal

    ids = query(lambda s: [p.id for p in s.query(Proposal)])
    walker.post("vote", {f"dots-{ids[0]}": "2", f"dots-{ids[-1]}": "1"})
    chair.post("vote", {f"dots-{ids[0]}": "1"})
    f.post("/canvas", {"row_id": "", "theme": f"Contact {PLANTED['name']}", "proposal": [str(i) for i in ids],
                       "owner": f"{PLANTED['email']}", "threshold-0-value": "10",
                       "threshold-0-label": f"Call {PLANTED['phone']}", "notes": PLANTED["henkilotunnus"]}, page="/canvas")
    return f, walker, chair, gallery, groups


def _clean(text: str) -> None:
    for kind, value in PLANTED.items():
        assert value not in text, f"{kind} shown: {value}"
    assert "Virtanen" not in text


def test_shared_pages_mask_personal_data(finished):
    f, walker, _chair, gallery, _groups = finished
    _clean(gallery)
    assert "[email]" in gallery and "[phone]" in gallery and "[henkilotunnus]" in gallery
    for path in ("/outputs", "/proposals", "/results", "/canvas"):
        _clean(f.get(path).get_data(as_text=True))
    f.move()  # closed
    _clean(walker.get("results").get_data(as_text=True))


def test_the_texts_export_masks_personal_data(finished):
    f, *_ = finished
    download = f.get("/texts.json")
    _clean(download.get_data(as_text=True))
    export = read_json_export(io.BytesIO(download.data))
    assert export.data["text"].str.contains(r"\[phone\]").any()
    project_download = f.client.get(f"/staff/projects/{_project_id(f)}/workshops/texts.json")
    _clean(project_download.get_data(as_text=True))


def _project_id(f):
    html = f.get().get_data(as_text=True)
    return int(re.search(r"/staff/projects/(\d+)/workshops", html).group(1))


def test_the_canvas_document_masks_personal_data(finished, app):
    from surveyapp.extensions import db
    from surveyapp.models import Workshop
    from surveyapp.workshop.canvas import build_document

    f, *_ = finished
    with app.app_context():
        document = build_document(db.session, db.session.get(Workshop, f.workshop_id), ["Kevät"])
    _clean(repr(document))
    assert document.rows[0].proposals and all(isinstance(p.votes, int) for p in document.rows[0].proposals)


def test_results_show_totals_never_individual_votes(finished, query):
    f, walker, chair, *_ = finished
    html = f.get("/results").get_data(as_text=True)
    assert "2 people voted" in html
    # no participant is named or numbered anywhere near the results
    assert "Liisa" not in html and "participant" not in html.lower()
    state = json.loads(walker.get("state.json").data)
    assert set(state) <= {"phase", "stamp", "seconds_left", "notes", "summary"}
    # the room screen shows counts per group, no names
    room = f.get("/room").get_data(as_text=True)
    assert "Liisa" not in room and "3 people have joined" in room


def test_comments_have_no_author(finished):
    _f, walker, _chair, gallery, _groups = finished
    assert "Liisa" not in gallery
