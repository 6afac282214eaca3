"""The workshop services on their own: no request, only a database session."""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from analysis.export_reader import read_json_export
from surveyapp.launching import project_named
from surveyapp.models import Vote
from surveyapp.workshop import gallery, notes, participants, voting
from surveyapp.workshop.canvas import RowInput, ThresholdInput, build_document, save_row
from surveyapp.workshop.errors import Forbidden, Invalid, NotFound, WrongPhase
from surveyapp.workshop.merge import MARKER, merge
from surveyapp.workshop.text_export import export_json
from surveyapp.workshop.workshops import (
    WorkshopSettings,
    configure_workshop,
    create_workshop,
    groups_of,
    move_phase,
    normalise_join_code,
)

PROMPTS = ["What kind of cooperation?", "What challenges?", "What should change?"]


# -- merging ------------------------------------------------------------------------------------
@pytest.mark.parametrize("base, mine, theirs, expected, conflict", [
    ("a\nb\nc", "a\nB\nc", "a\nb\nC", "a\nB\nC", False),  # different lines: both
    ("a", "a\nmine", "a\ntheirs", "a\ntheirs\nmine", False),  # both appended: theirs first, then mine
    ("a\nb", "a\nb", "a\nB", "a\nB", False),  # only they changed
    ("a\nb", "a\nB", "a\nb", "a\nB", False),  # only I changed
    ("x", "same", "same", "same", False),
    ("a\nb", "X\nb", "Y\nb", f"Y\nb\n{MARKER}\nX", True),  # the same line: theirs, then mine under a marker
    ("", "mine", "theirs", f"theirs\n{MARKER}\nmine", True),
])
def test_merge_keeps_every_line(base, mine, theirs, expected, conflict):
    result = merge(base, mine, theirs)
    assert (result.text, result.conflict) == (expected, conflict)
    for line in (mine + "\n" + theirs).split("\n"):
        if line and line not in base.split("\n"):
            assert line in result.text


def test_join_codes_are_typed_loosely_but_checked():
    assert normalise_join_code("k7m 4qx") == "K7M4QX"
    assert normalise_join_code("K7M-4QX") == "K7M4QX"
    assert normalise_join_code("K7M4Q0") is None  # 0 is not in the alphabet
    assert normalise_join_code("K7M4Q") is None


# -- a workshop in the database ------------------------------------------------------------------
@pytest.fixture
def session(app):
    from surveyapp.extensions import db

    with app.app_context():
        yield db.session


@pytest.fixture
def workshop(session):
    project = project_named(session, "Project W")
    session.flush()
    settings = WorkshopSettings(name="Spring", language="fi", campaign_ids=[], families=[], prompts=PROMPTS, groups=3)
    workshop = create_workshop(session, project.id, settings)
    session.commit()
    return workshop


def people(session, workshop, n):
    return [participants.join(session, workshop)[0] for _ in range(n)]


def test_creating_and_configuring(session, workshop):
    groups = groups_of(session, workshop)
    assert [g.number for g in groups] == [1, 2, 3] and workshop.phase == "draft"
    assert len(workshop.join_code) == 6
    settings = WorkshopSettings(name="Spring", language="fi", campaign_ids=[], families=[], prompts=PROMPTS, groups=5)
    configure_workshop(session, workshop, settings)
    assert len(groups_of(session, workshop)) == 5
    member = people(session, workshop, 1)[0]
    participants.choose(session, workshop, member, groups_of(session, workshop)[4].id, "none")
    with pytest.raises(Invalid):  # a group with people in it cannot be removed
        configure_workshop(session, workshop, WorkshopSettings(**{**settings.__dict__, "groups": 4}))
    session.rollback()
    with pytest.raises(NotFound):  # a campaign of another project
        configure_workshop(session, workshop, WorkshopSettings(**{**settings.__dict__, "campaign_ids": [424242]}))


def test_roles_are_unique_per_group(session, workshop):
    a, b = people(session, workshop, 2)
    group = groups_of(session, workshop)[0]
    participants.choose(session, workshop, a, group.id, "secretary")
    with pytest.raises(Invalid):
        participants.choose(session, workshop, b, group.id, "secretary")
    participants.choose(session, workshop, b, group.id, "chair")
    assert participants.roles_taken(session, workshop) == {group.id: {"secretary", "chair"}}


def test_a_participant_token_is_not_stored(session, workshop):
    participant, token = participants.join(session, workshop)
    assert token not in participant.token_hash
    assert participants.find_participant(session, workshop.id, token) is participant
    assert participants.find_participant(session, workshop.id + 1, token) is None


def test_notes_merge_on_a_stale_version(session, workshop):
    a, b = people(session, workshop, 2)
    group = groups_of(session, workshop)[0]
    participants.choose(session, workshop, a, group.id, "secretary")
    participants.choose(session, workshop, b, group.id, "chair")
    with pytest.raises(WrongPhase):
        notes.save_note(session, workshop, a, 0, 0, "", "too early")
    move_phase(workshop, "forward", dt.datetime(2026, 1, 1))
    move_phase(workshop, "forward", dt.datetime(2026, 1, 1))
    first = notes.save_note(session, workshop, a, 0, 0, "", "one")
    assert (first.version, first.merged) == (1, False)
    second = notes.save_note(session, workshop, b, 0, 0, "", "two")  # b had not seen "one"
    assert second.merged and "one" in second.text and "two" in second.text and second.version == 2
    c = people(session, workshop, 1)[0]
    participants.choose(session, workshop, c, group.id, "none")
    with pytest.raises(Forbidden):
        notes.save_note(session, workshop, c, 0, 2, second.text, "member")
    with pytest.raises(NotFound):
        notes.save_note(session, workshop, a, 9, 0, "", "no such prompt")


def test_gallery_comments_and_plus_ones(session, workshop):
    move_phase(workshop, "forward", dt.datetime(2026, 1, 1))
    a = people(session, workshop, 1)[0]
    group = groups_of(session, workshop)[1]
    with pytest.raises(WrongPhase):
        gallery.add_comment(session, workshop, a, group.id, "early")
    workshop.phase = "gallery"
    gallery.add_comment(session, workshop, a, group.id, "Call 040 123 4567")
    assert gallery.toggle_plus_one(session, workshop, a, group.id, "summary") is True
    assert gallery.toggle_plus_one(session, workshop, a, group.id, "summary") is False
    gallery.toggle_plus_one(session, workshop, a, group.id, "note:1")
    outputs = gallery.outputs(session, workshop, a.id)
    shown = outputs[1]
    assert shown.comments == ["Call [phone]"]
    assert [(p.target, p.plus_ones, p.mine) for p in shown.parts if p.plus_ones] == [("note:1", 1, True)]
    with pytest.raises(NotFound):
        gallery.toggle_plus_one(session, workshop, a, group.id, "note:7")


def test_votes_merges_and_results(session, workshop):
    voters = people(session, workshop, 4)
    one = voting.add_proposal(session, workshop, "Named contact person")
    two = voting.add_proposal(session, workshop, "A contact person, named")
    three = voting.add_proposal(session, workshop, "Shared guideline")
    with pytest.raises(WrongPhase):
        voting.set_votes(session, workshop, voters[0], {one.id: 1})
    workshop.phase = "vote"
    with pytest.raises(Invalid):
        voting.set_votes(session, workshop, voters[0], {one.id: 2, two.id: 2})  # 4 > 3 dots
    voting.set_votes(session, workshop, voters[0], {one.id: 2, two.id: 1})
    voting.set_votes(session, workshop, voters[1], {two.id: 3})
    voting.set_votes(session, workshop, voters[2], {three.id: 3})
    voting.set_votes(session, workshop, voters[3], {three.id: 1, one.id: 1})
    voting.set_votes(session, workshop, voters[3], {three.id: 2})  # a change of mind replaces the dots
    voting.merge_proposals(session, workshop, two.id, one.id)
    ranked = voting.results(session, workshop)
    assert [(r.text, r.total, r.rank) for r in ranked] == [("Named contact person", 6, 1), ("Shared guideline", 5, 2)]
    assert session.query(Vote).filter_by(participant_id=voters[0].id).one().dots == 3  # 2 + 1 merged
    assert voting.voters(session, workshop) == 4
    # dots for a proposal merged away (a form loaded before the merge) go to its target
    assert voting.set_votes(session, workshop, voters[0], {two.id: 1}) is True
    assert voting.my_votes(session, voters[0]) == {one.id: 1}
    assert voting.set_votes(session, workshop, voters[0], {one.id: 3}) is False
    with pytest.raises(Invalid):
        voting.merge_proposals(session, workshop, one.id, one.id)


def test_the_canvas_document(session, workshop):
    workshop.phase = "vote"
    voter = people(session, workshop, 1)[0]
    proposal = voting.add_proposal(session, workshop, "Named contact person")
    voting.set_votes(session, workshop, voter, {proposal.id: 3})
    save_row(session, workshop, RowInput(
        theme="Feedback after a notification", actors=["school", "child_welfare"], barriers=["No feedback"],
        proposal_ids=[proposal.id], owner="Matti Virtanen",
        thresholds=[ThresholdInput(10, "Teacher calls home", "school"), ThresholdInput(None, "")],
    ))
    with pytest.raises(Invalid):
        save_row(session, workshop, RowInput(theme="x", actors=["nobody"]))
    with pytest.raises(NotFound):
        save_row(session, workshop, RowInput(theme="x", proposal_ids=[999999]))
    document = build_document(session, workshop, ["Spring survey"])
    row = document.rows[0]
    assert row.proposals[0].votes == 3 and row.actors == ("school", "child_welfare")
    assert row.thresholds[0].share == 10 and row.thresholds[0].actor == "school" and len(row.thresholds) == 1
    assert "Virtanen" not in row.owner
    assert document.language == "fi" and document.threshold_unit == "share"


def test_texts_export_in_the_analysis_format(session, workshop):
    a = people(session, workshop, 1)[0]
    group = groups_of(session, workshop)[0]
    participants.choose(session, workshop, a, group.id, "secretary")
    workshop.phase = "discuss"
    notes.save_note(session, workshop, a, 2, 0, "", "Shared guideline\nmatti@koulu.fi")
    session.commit()
    document = json.loads(export_json(session, [workshop], b"key"))
    export = read_json_export(io.BytesIO(json.dumps(document).encode()))
    row = export.data.iloc[0]
    assert (row["kind"], row["prompt"], row["group"], row["language"]) == ("note", PROMPTS[2], "1", "fi")
    assert row["text"] == "Shared guideline\n[email]"
    again = json.loads(export_json(session, [workshop], b"key"))
    assert again["responses"][0]["response_id"] == document["responses"][0]["response_id"]  # stable
    assert json.loads(export_json(session, [workshop], b"other"))["responses"][0]["response_id"] != row["response_id"]
