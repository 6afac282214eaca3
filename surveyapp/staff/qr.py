"""QR codes for the staff pages (segno): a data: URI that the page shows as an image."""
from __future__ import annotations

import segno


def qr_data_uri(text: str, scale: int = 4) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=scale, border=4, dark="#000", light="#fff")
