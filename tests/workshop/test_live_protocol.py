"""The save protocol live.js follows when someone keeps typing during a save that was merged:
it keeps the old version and sends what it had sent as the base, so the next save is merged
again and the other writer's lines stay (they were lost when it took the merged version)."""
from __future__ import annotations

import json

from surveyapp.models import Note


def test_typing_on_after_a_merged_autosave_keeps_the_other_writers_lines(facilitator, phone, workshop_info, query):
    f = facilitator(groups=1)
    code, groups = workshop_info(f.workshop_id)
    secretary, chair = phone(), phone()
    secretary.join(code)
    secretary.choose(groups[0], "secretary")
    chair.join(code)
    chair.choose(groups[0], "chair")
    f.move()
    f.move()  # discuss
    start = secretary.note_fields()
    chair.save_notes({0: "Tuolin rivi: palaverit kuukausittain"}, json=True)
    sent = "Sihteerin rivi"
    body = json.loads(secretary.save_notes({0: sent}, stale=start, json=True).data)["notes"]["0"]
    assert body["merged"] and "Tuolin rivi" in body["text"]
    # the secretary typed on meanwhile: live.js keeps the old version and uses what it sent as base
    old_version = start[0][0]
    secretary.save_notes({0: sent + " ja lisää"}, stale={0: (old_version, sent)}, json=True)
    text = query(lambda s: s.query(Note).filter_by(prompt_index=0).one().text)
    assert "Tuolin rivi" in text and "Sihteerin rivi ja lisää" in text
