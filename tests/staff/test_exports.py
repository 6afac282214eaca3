"""Researchers export; staff read free text masked; facilitators see neither. Every export is audited."""
from __future__ import annotations

import io
import zipfile

import pyreadstat
import pytest
from sqlalchemy import select

from analysis.export_reader import read_export
from surveyapp.models import AuditEvent

from ..respondent import Respondent

NASTY = '=HYPERLINK("http://evil.example","click") <script>alert(1)</script> soita 040 123 4567'


@pytest.fixture
def answered(app, campaign_in):
    campaign_id, slug = campaign_in("Project A")
    for text in (NASTY, "Opettaja soitti heti.", "+1 minulta"):
        respondent = Respondent(app.test_client(), slug)
        respondent.start("fi")
        respondent.answer({"absence_band": "under_10", "reasons": ["illness"]})
        respondent.follow(respondent.last)
        respondent.answer({"coop.heard": "1", "coop.informed": "3", "change": text})
        review = respondent.follow(respondent.last)
        respondent.post("submit", {"submit_key": review.value("submit_key")}, csrf=review.csrf)
    return campaign_id


def test_researcher_exports_csv_with_codebook_and_neutralised_formulas(signed_in, staff, answered, query, tmp_path):
    client = signed_in(staff.researcher_a)
    response = client.get(f"/staff/campaigns/{answered}/export.csv")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = sorted(archive.namelist())
    assert len(names) == 2 and names[0].endswith(".codebook.csv") and names[1].endswith(".csv")
    data = archive.read(names[1])
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so Excel reads UTF-8"
    assert b"'=HYPERLINK" in data and b",=HYPERLINK" not in data
    archive.extractall(tmp_path)
    export = read_export(tmp_path / names[1])
    assert sorted(export.data["change"]) == sorted([NASTY, "Opettaja soitti heti.", "+1 minulta"])
    events = query(lambda s: [(e.action, e.detail, e.user_email) for e in s.scalars(select(AuditEvent))])
    assert events == [("export", {"format": "csv", "responses": 3}, staff.researcher_a)]


def test_sav_opens_with_its_labels(signed_in, staff, answered, tmp_path):
    response = signed_in(staff.admin).get(f"/staff/campaigns/{answered}/export.sav?labels=en")
    path = tmp_path / "x.sav"
    path.write_bytes(response.data)
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 3
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert any(label and "How much absence?" in label for label in labels.values())
    assert meta.variable_value_labels, "coded variables carry value labels"


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_other_formats_round_trip(signed_in, staff, answered, tmp_path, fmt):
    response = signed_in(staff.researcher_a).get(f"/staff/campaigns/{answered}/export.{fmt}")
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(response.data)
    assert sorted(read_export(path).data["change"]) == sorted([NASTY, "Opettaja soitti heti.", "+1 minulta"])


@pytest.mark.parametrize("who", ["staff_a", "facilitator_a", "staff_b"])
def test_only_researchers_and_administrators_export(signed_in, staff, answered, query, who):
    status = signed_in(getattr(staff, who)).get(f"/staff/campaigns/{answered}/export.csv").status_code
    assert status == (404 if who == "staff_b" else 403)
    assert query(lambda s: s.scalars(select(AuditEvent)).all()) == []


def test_free_text_is_masked_for_staff_and_escaped_for_everyone(signed_in, staff, answered):
    masked = signed_in(staff.staff_a).get(f"/staff/campaigns/{answered}/answers/change").get_data(as_text=True)
    assert "040 123 4567" not in masked and "[phone]" in masked
    assert "<script>alert(1)</script>" not in masked and "&lt;script&gt;" in masked
    unmasked = signed_in(staff.researcher_a).get(f"/staff/campaigns/{answered}/answers/change").get_data(as_text=True)
    assert "040 123 4567" in unmasked and "<script>alert(1)</script>" not in unmasked
    assert signed_in(staff.facilitator_a).get(f"/staff/campaigns/{answered}/answers/change").status_code == 403
