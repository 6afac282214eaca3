"""The facilitator's Present page and the canvas downloads, through the other modules' real code."""
from __future__ import annotations

import csv
import io
import json

import pytest


@pytest.fixture
def with_canvas(facilitator):
    f = facilitator()
    for _ in range(5):
        f.move()
    f.post("/proposals", {"text": "Named contact person"}, page="/proposals")
    f.post("/canvas", {"row_id": "", "theme": "Contact between school and child welfare", "actor": ["school"],
                       "owner": "Head of pupil welfare", "threshold-0-value": "10",
                       "threshold-0-label": "Teacher calls home", "threshold-0-actor": "school"}, page="/canvas")
    return f


def test_present_renders_the_deck(with_canvas):
    pytest.importorskip("surveyapp.workshop.deck")
    response = with_canvas.get("/present")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True)  # CSP: static scripts only


@pytest.mark.parametrize("fmt", ["html", "pdf", "csv", "json"])
def test_canvas_downloads(with_canvas, fmt):
    pytest.importorskip("surveyapp.workshop.canvas_writers")
    response = with_canvas.get(f"/canvas.{fmt}")
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    assert "attachment" in response.headers["Content-Disposition"]
    if fmt == "pdf":
        assert response.data.startswith(b"%PDF")
    else:
        text = response.data.decode("utf-8-sig")
        assert "Contact between school and child welfare" in text
        if fmt == "json":
            json.loads(text)
        if fmt == "csv":
            assert list(csv.reader(io.StringIO(text)))
