"""A whole workshop through the test client: ten groups, sixty phones, every step and export."""
from __future__ import annotations

import io
import json

from analysis.export_reader import read_json_export
from surveyapp.models import Participant, Vote

GROUPS = 10
PEOPLE = 60


def test_a_workshop_of_ten_groups_and_sixty_people(facilitator, phone, workshop_info, query):
    f = facilitator(groups=GROUPS, dots=3)
    code, groups = workshop_info(f.workshop_id)
    assert len(groups) == GROUPS

    # everyone joins with the code (typed sloppily by some) and picks a group; two roles each
    phones = []
    for number in range(PEOPLE):
        p = phone()
        typed = code.lower() if number % 3 == 0 else f"{code[:3]} {code[3:]}"
        assert p.join(typed).status_code == 303
        group = groups[number % GROUPS]
        role = "secretary" if number < GROUPS else "chair" if number < 2 * GROUPS else "none"
        assert p.choose(group, role).status_code == 303, number
        phones.append(p)
    room = f.get("/room").get_data(as_text=True)
    assert f"{PEOPLE} people have joined" in room
    secretaries, chairs = phones[:GROUPS], phones[GROUPS:2 * GROUPS]

    f.move()  # present
    f.move()  # discuss
    stale = chairs[1].note_fields()  # group 2's chair opens the notes before the secretary saves
    for index, secretary in enumerate(secretaries):
        response = secretary.save_notes({
            0: f"Group {index + 1}: joint meetings with child welfare",
            1: "- Consent is unclear\n- No feedback after a notification",
            2: f"- Shared guideline for group {index + 1}\n- A named contact person in every school",
        })
        assert response.status_code == 303
    # a member cannot write notes; the chair can
    assert phones[25].save_notes({0: "member text"}, stale={0: (1, "")}).status_code == 403
    assert chairs[0].save_notes({0: "Group 1: joint meetings with child welfare\nChair adds a line"}).status_code == 303
    # group 2's chair saves on the stale version: merged, nothing of either lost
    merged = chairs[1].save_notes({1: "Teachers do not know whom to call"}, stale=stale)
    assert merged.status_code == 200 and "Both changes were kept" in merged.get_data(as_text=True)
    group_two = _note(query, groups[1], 1)
    assert "Consent is unclear" in group_two and "Teachers do not know whom to call" in group_two

    f.move(minutes=15)  # gallery
    gallery = phones[40].get("gallery").get_data(as_text=True)
    assert "Shared guideline for group 7" in gallery and "ends at" in gallery
    for number, p in enumerate(phones):
        target = groups[(number + 1) % GROUPS]
        assert p.post(f"gallery/{target}/comment", {"text": f"Good point {number}"}, token_from="gallery").status_code == 303
        assert p.post(f"gallery/{target}/plus-one", {"target": "note:2"}, token_from="gallery").status_code == 303
    for chair in chairs:
        assert chair.post("summary", {"version": "0", "base": "", "text": "We propose:\nA named contact person in every school"}).status_code == 303
    after = phones[0].get("gallery").get_data(as_text=True)
    assert "Good point 59" in after and "6 people agree" in after

    f.move()  # summaries
    proposals_page = f.get("/proposals").get_data(as_text=True)
    assert "A named contact person in every school" in proposals_page
    keys = sorted(set(__import__("re").findall(r'name="candidate" value="([^"]+)"', proposals_page)))
    response = f.post("/proposals", {"candidate": keys, "text": "Feedback to the school after every notification"},
                      page="/proposals")
    assert response.status_code == 303
    texts = {p.text: p.id for p in _proposals(query, f.workshop_id)}
    assert "A named contact person in every school" in texts  # duplicates across groups became one
    shared = [t for t in texts if t.startswith("Shared guideline")]
    assert len(shared) == GROUPS

    f.move()  # vote
    contact, feedback = texts["A named contact person in every school"], texts["Feedback to the school after every notification"]
    for number, p in enumerate(phones):
        dots = {f"dots-{contact}": "2", f"dots-{feedback}": "1"} if number % 2 else {f"dots-{texts[shared[0]]}": "3"}
        assert p.post("vote", dots).status_code == 303, number
    # change of mind with the +/- buttons (no JavaScript)
    assert phones[1].post("vote", {f"dots-{contact}": "2", f"dots-{feedback}": "1", "adjust": f"{feedback}:-1"}).status_code == 303
    # the facilitator merges a duplicate: its dots follow
    merge = f.post("/proposals/merge", {"source": str(texts[shared[1]]), "target": str(texts[shared[0]])}, page="/proposals")
    assert merge.status_code == 303
    results = f.get("/results").get_data(as_text=True)
    assert "30 people voted" not in results and "60 people voted" in results
    ranked = _totals(query, f.workshop_id)
    assert ranked[contact] == 60 and ranked[feedback] == 29 and ranked[texts[shared[0]]] == 90
    assert sum(ranked.values()) == 60 * 3 - 1
    assert results.index("Shared guideline for group 1") < results.index("A named contact person")

    # canvas: a priority theme with the top proposals and thresholds
    canvas = f.get("/canvas").get_data(as_text=True)
    response = f.post("/canvas", {
        "row_id": "", "theme": "Feedback after a notification", "actor": ["school", "child_welfare"],
        "other_actors": "Youth services", "barrier": ["No feedback after a child welfare notification"],
        "barriers_other": "Consent is unclear", "proposal": [str(contact), str(feedback)], "owner": "Head of pupil welfare",
        "threshold-0-value": "10", "threshold-0-label": "The class teacher contacts the guardians", "threshold-0-actor": "school",
        "threshold-1-value": "20 %", "threshold-1-label": "A pupil welfare meeting", "threshold-1-actor": "pupil_welfare",
        "notes": "",
    }, page="/canvas")
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    assert "Feedback after a notification" in f.get("/canvas").get_data(as_text=True)
    assert canvas

    f.move()  # closed
    assert phones[5].get("").headers["Location"].endswith("/results")
    closed_results = phones[5].get("results").get_data(as_text=True)
    assert "A named contact person in every school" in closed_results
    assert phones[5].post("vote", {f"dots-{contact}": "1"}, token_from="results").status_code == 409
    assert phones[0].join(code).status_code == 410  # a closed workshop takes nobody new

    # texts for analysis: every note, comment and summary, readable by the analysis package
    download = f.get("/texts.json")
    assert download.status_code == 200
    export = read_json_export(io.BytesIO(download.data))
    kinds = export.data["kind"].value_counts().to_dict()
    assert kinds == {"comment": PEOPLE, "note": GROUPS * 3, "summary": GROUPS}
    assert export.data["response_id"].is_unique
    tokens = query(lambda s: [p.token_hash for p in s.query(Participant)])
    assert not set(export.data["response_id"]) & set(tokens)
    assert set(export.data["group"]) == {str(n) for n in range(1, GROUPS + 1)}
    document = json.loads(download.data)
    assert document["format"] == "verkosto-export" and document["version"] == 1


def _note(query, group_id, index):
    from surveyapp.models import Note

    return query(lambda s: s.query(Note).filter_by(group_id=group_id, prompt_index=index).one().text)


def _proposals(query, workshop_id):
    from surveyapp.models import Proposal

    return query(lambda s: s.query(Proposal).filter_by(workshop_id=workshop_id, merged_into_id=None).all())


def _totals(query, workshop_id):
    from surveyapp.models import Proposal

    def read(session):
        totals = {}
        for vote in session.query(Vote).join(Proposal, Proposal.id == Vote.proposal_id).filter(Proposal.workshop_id == workshop_id):
            totals[vote.proposal_id] = totals.get(vote.proposal_id, 0) + vote.dots
        return totals

    return query(read)


def test_the_texts_can_be_themed(facilitator, phone, workshop_info):
    """The export feeds analysis.themes like survey answers do."""
    from analysis.themes import ThemeClusterer, ThemePipeline

    f = facilitator(groups=2)
    code, groups = workshop_info(f.workshop_id)
    writers = []
    for group in groups:
        p = phone()
        p.join(code)
        p.choose(group, "secretary")
        writers.append(p)
    f.move(); f.move()
    writers[0].save_notes({0: "Yhteiset palaverit lastensuojelun kanssa\nTieto ei kulje", 1: "Lupa puuttuu usein",
                           2: "Selkeä ohje kaikille kouluille"})
    writers[1].save_notes({0: "Verkostotyö on sujunut", 1: "Ei palautetta ilmoituksen jälkeen",
                           2: "Nimetty yhteyshenkilö jokaiseen kouluun"})
    export = read_json_export(io.BytesIO(f.get("/texts.json").data))
    result = ThemePipeline(languages=("fi",), clusterer=ThemeClusterer(n_themes=2, random_state=0)).fit(
        export.data["text"].tolist())
    assert len(result.to_frame()) >= 1
