"""The poster in a real browser: with real fonts, every line inside the margins, right-to-left
lines right-aligned, and one A4 page when printed. Uses the suite's shared Chromium."""
from __future__ import annotations

from surveyapp import posters

from ..test_posters import NINE, SVG, make, parse, poster_qr


def test_chromium_renders_the_poster_on_one_page_within_the_margins(browser, tmp_path):
    for languages in (NINE, ["ar", "fa", "fi", "sv"], ["fi"]):
        path = tmp_path / f"poster-{len(languages)}.svg"
        path.write_text(make(languages), encoding="utf-8")
        matrix, qr_left, qr_top, module = poster_qr(parse(path.read_text(encoding="utf-8")))
        qr_side = (len(matrix) + 8) * module
        page = browser.new_page(viewport={"width": 794, "height": 1123})
        page.goto(path.as_uri())
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('text')].map(t => {
                const b = t.getBBox();
                return {text: t.textContent, x: +t.getAttribute('x'), left: b.x, right: b.x + b.width,
                        top: b.y, bottom: b.y + b.height, dir: getComputedStyle(t).direction}; })"""
        )
        assert len(boxes) == len(parse(path.read_text(encoding="utf-8")).findall(f".//{SVG}text"))
        low, high = posters.MARGIN_MM - 0.3, 210 - posters.MARGIN_MM + 0.3  # glyphs overhang a little
        for box in boxes:
            assert low <= box["left"] and box["right"] <= high, box
            assert low <= box["top"] and box["bottom"] <= 297 - low, box
            assert not (
                box["left"] < qr_left + qr_side and qr_left < box["right"]
                and box["top"] < qr_top + qr_side and qr_top < box["bottom"]
            ), f"inside the QR code's quiet zone: {box}"
            if box["dir"] == "rtl" and box["x"] != 105:
                assert abs(box["right"] - box["x"]) < 0.5, f"right-aligned: {box}"
        pdf = page.pdf(prefer_css_page_size=True)
        assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
        page.close()
