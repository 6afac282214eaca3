"""Two people edit one group's notes at once: nothing either typed is lost."""
from __future__ import annotations

import json
import threading

import pytest

from surveyapp.models import Note


@pytest.fixture
def pair(facilitator, phone, workshop_info):
    """The secretary and the chair of group 1 on two phones, discussion open."""
    f = facilitator(groups=2)
    code, groups = workshop_info(f.workshop_id)
    secretary, chair = phone(), phone()
    for p, role in ((secretary, "secretary"), (chair, "chair")):
        assert p.join(code).status_code == 303
        assert p.choose(groups[0], role).status_code == 303
    f.move(); f.move()
    return f, secretary, chair, groups[0]


def note_text(query, group_id, index=0):
    return query(lambda s: s.query(Note).filter_by(group_id=group_id, prompt_index=index).one().text)


def test_a_stale_save_is_merged_not_overwritten(pair, query):
    _f, secretary, chair, group = pair
    secretary.save_notes({0: "Weekly meetings\nShared guideline"})
    both_loaded = secretary.note_fields()  # both phones now show version 1
    assert both_loaded[0][0] == 1
    # the secretary edits line 1, the chair (on the same version) edits line 2
    assert secretary.save_notes({0: "Weekly meetings with child welfare\nShared guideline"}, stale=both_loaded).status_code == 303
    response = chair.save_notes({0: "Weekly meetings\nShared guideline for all schools"}, stale=both_loaded)
    assert response.status_code == 200  # shown again with the merged text and a notice
    assert "Both changes were kept" in response.get_data(as_text=True)
    assert note_text(query, group) == "Weekly meetings with child welfare\nShared guideline for all schools"


def test_both_changing_the_same_line_keeps_both_texts(pair, query):
    _f, secretary, chair, group = pair
    loaded = secretary.note_fields()
    secretary.save_notes({0: "Consent is unclear"}, stale=loaded)
    response = chair.save_notes({0: "Nobody tells the school anything"}, stale=loaded, json=True)
    body = json.loads(response.data)
    assert body["notes"]["0"]["merged"] is True
    text = note_text(query, group)
    assert "Consent is unclear" in text and "Nobody tells the school anything" in text


def test_autosave_answers_with_the_new_version(pair):
    _f, secretary, _chair, _group = pair
    response = secretary.save_notes({1: "typed so far"}, json=True)
    assert response.status_code == 200
    assert json.loads(response.data)["notes"]["1"] == {"text": "typed so far", "version": 1, "merged": False}
    state = json.loads(secretary.get("state.json").data)
    assert state["notes"]["1"] == {"text": "typed so far", "version": 1}


def test_simultaneous_saves_from_two_threads_lose_nothing(pair, query, app):
    """Real concurrency: many saves of one note from two clients at the same moment."""
    _f, secretary, chair, group = pair
    loaded = secretary.note_fields()
    barrier = threading.Barrier(2)
    errors = []

    def write(phone, word):
        try:
            barrier.wait()
            for n in range(5):
                phone.save_notes({0: f"{word} {n}"}, stale=loaded)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(p, w)) for p, w in ((secretary, "alpha"), (chair, "beta"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    text = note_text(query, group)
    assert "alpha 4" in text and "beta 4" in text
