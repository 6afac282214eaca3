"""Building export files for a campaign from the database (the formats are in ``exports``)."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..exports import WRITERS, CampaignInfo, ExportInput, ResponseRecord
from ..models import Campaign, Project, Response
from ..questionnaire.model import Questionnaire

FORMATS = {
    # format: (file suffix, media type)
    "csv": ("zip", "application/zip"),  # the data and its codebook, together
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("json", "application/json"),
    "sav": ("sav", "application/x-spss-sav"),
}


@dataclass(frozen=True)
class Download:
    filename: str
    media_type: str
    content: bytes
    responses: int


def export_input(session: Session, campaign: Campaign, questionnaire: Questionnaire, label_language: str) -> ExportInput:
    project = session.get(Project, campaign.project_id)
    rows = session.scalars(
        select(Response).where(Response.campaign_id == campaign.id).order_by(Response.submitted_on, Response.id)
    ).all()
    return ExportInput(
        questionnaire=questionnaire,
        campaign=CampaignInfo(
            name=campaign.name, slug=campaign.slug, project=project.name if project else "",
            area=campaign.area, schools=tuple(campaign.schools or ()),
        ),
        responses=[
            ResponseRecord(r.id, r.language, r.submitted_on, r.questionnaire_version_id, dict(r.answers))
            for r in rows
        ],
        label_language=label_language,
        questionnaire_version=campaign.questionnaire_version_id,
    )


def build_download(export: ExportInput, fmt: str, basename: str) -> Download:
    suffix, media_type = FORMATS[fmt]
    buffer = io.BytesIO()
    if fmt == "csv":
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for part in ("csv", "codebook.csv"):
                data = io.BytesIO()
                WRITERS[part](export, data)
                archive.writestr(f"{basename}.{part}", data.getvalue())
    else:
        WRITERS[fmt](export, buffer)
    return Download(f"{basename}.{suffix}", media_type, buffer.getvalue(), len(export.responses))
