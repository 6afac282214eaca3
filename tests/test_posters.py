"""Campaign posters: a valid A4 SVG, every language's block, a QR code that is the address."""
from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest
import segno

from surveyapp import posters
from surveyapp.posters import DEFAULT_TEXTS, PosterLayoutError, PosterTexts, default_texts, poster_svg, qr_svg

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
URL = "https://example.fi/s/Ab3dEf9hIjKlMnOp"

TEXTS = {
    **default_texts(minutes=10),
    "ar": PosterTexts(
        "امسح الرمز بكاميرا هاتفك أو اكتب العنوان في المتصفح. تستغرق الإجابة نحو 10 دقائق.",
        "إجاباتك مجهولة الهوية.",
    ),
    "fa": PosterTexts(
        "کد را با دوربین گوشی خود اسکن کنید یا نشانی را در مرورگر وارد کنید. پاسخ دادن حدود ۱۰ دقیقه طول می‌کشد.",
        "پاسخ‌های شما ناشناس است.",
    ),
    "uk": PosterTexts(
        "Відскануйте код камерою телефона або введіть адресу в браузері. Відповіді займуть близько 10 хвилин.",
        "Ваші відповіді анонімні.",
    ),
    "ru": PosterTexts(
        "Отсканируйте код камерой телефона или введите адрес в браузере. Ответы займут около 10 минут.",
        "Ваши ответы анонимны.",
    ),
    "so": PosterTexts(
        "Koodka ku sawir kamarada taleefankaaga, ama cinwaanka ku qor browser-ka."
        " Ka jawaabiddu waxay qaadanaysaa ilaa 10 daqiiqo.",
        "Jawaabahaagu waa magac la'aan.",
    ),
    "et": PosterTexts(
        "Skannige kood telefoni kaameraga või sisestage aadress brauserisse. Vastamine võtab umbes 10 minutit.",
        "Teie vastused on anonüümsed.",
    ),
}
TITLE = {
    "fi": "Koulupäivä & minä – kysely huoltajille",
    "sv": "Skoldagen & jag – enkät för vårdnadshavare",
    "en": "School day & me – a survey for parents",
    "ar": "اليوم الدراسي وأنا – استبيان لأولياء الأمور",
    "fa": "روز مدرسه و من – پرسشنامه برای والدین",
    "uk": "Шкільний день і я – опитування для батьків",
    "ru": "Школьный день и я – опрос для родителей",
    "so": "Maalinta dugsiga iyo aniga – sahan waalidiinta",
    "et": "Koolipäev ja mina – küsitlus vanematele",
}
NINE = ["fi", "sv", "en", "ar", "fa", "uk", "ru", "so", "et"]


# the left and right edges of the column(s): one column, or two with a gap between them
_HALF = (210 - 2 * posters.MARGIN_MM - posters.COLUMN_GAP_MM) / 2
COLUMN_LEFTS = (posters.MARGIN_MM, posters.MARGIN_MM + _HALF + posters.COLUMN_GAP_MM)
COLUMN_RIGHTS = (210 - posters.MARGIN_MM, posters.MARGIN_MM + _HALF)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))  # bytes: the document declares its encoding


def make(languages=("fi", "sv", "en"), **kwargs) -> str:
    arguments = {"url": URL, "title": TITLE, "languages": list(languages), "texts": TEXTS, **kwargs}
    return poster_svg(**arguments)


def group(root: ET.Element, name: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == name]


def lines(element: ET.Element) -> list[str]:
    return [text.text or "" for text in element.iter(f"{SVG}text")]


def squash(text: str) -> str:
    return " ".join(text.split())


# --- the QR code as drawn ---------------------------------------------------------------------

RUN = re.compile(r"M(\d+) (\d+)h(\d+)v1h-(\d+)z")


def drawn_matrix(path: ET.Element, size: int) -> list[list[int]]:
    """The dark modules of a path made of 1-module-high runs, as rows of 0 and 1."""
    d = path.get("d")
    runs = RUN.findall(d)
    assert "".join(f"M{x} {y}h{w}v1h-{back}z" for x, y, w, back in runs) == d, "the path has only runs"
    matrix = [[0] * size for _ in range(size)]
    for x, y, width, back in runs:
        assert width == back
        for column in range(int(x), int(x) + int(width)):
            assert matrix[int(y)][column] == 0, "runs do not overlap"
            matrix[int(y)][column] = 1
    return matrix


def format_level(matrix: list[list[int]]) -> str:
    """Error correction level read from both copies of the format information (ISO/IEC 18004 7.9)."""
    size = len(matrix)
    first = [matrix[i][8] for i in range(6)] + [matrix[7][8], matrix[8][8], matrix[8][7]]
    first += [matrix[8][14 - i] for i in range(9, 15)]
    second = [matrix[8][size - 1 - i] for i in range(8)] + [matrix[size - 15 + i][8] for i in range(8, 15)]
    assert first == second, "the two copies of the format information agree"
    read = sum(bit << i for i, bit in enumerate(first))
    for level, bits in {"L": 1, "M": 0, "Q": 3, "H": 2}.items():
        for mask in range(8):
            data = bits << 3 | mask
            remainder = data
            for _ in range(10):
                remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
            if (data << 10 | remainder) ^ 0x5412 == read:
                return level
    raise AssertionError("no valid format information")


def expected_matrix(url: str) -> list[list[int]]:
    qr = segno.make(url, error="m", micro=False, encoding="utf-8")
    return [list(row) for row in qr.matrix]


def poster_qr(root: ET.Element) -> tuple[list[list[int]], float, float, float]:
    """The drawn matrix, the page position (left, top) of its quiet zone and the module size in mm."""
    (qr,) = group(root, "poster-qr")
    match = re.fullmatch(r"translate\(([\d.]+) ([\d.]+)\) scale\(([\d.]+)\)", qr.get("transform"))
    left, top, module = map(float, match.groups())
    quiet = qr.find(f"{SVG}rect")
    path = qr.find(f"{SVG}path")
    side = int(quiet.get("width"))
    assert quiet.get("height") == quiet.get("width") and quiet.get("fill") == "#ffffff"
    assert path.get("transform") == "translate(4 4)" and path.get("fill") == "#000000"
    return drawn_matrix(path, side - 8), left, top, module


def test_the_poster_is_an_a4_svg_document():
    svg = make()
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("210mm", "297mm", "0 0 210 297")
    assert root.get("font-family") == "sans-serif"


def test_the_poster_has_the_title_and_the_whole_address():
    root = parse(make())
    (title,) = group(root, "poster-title")
    assert title.get(XML_LANG) == "fi"
    assert squash(" ".join(lines(title))) == TITLE["fi"]
    assert root.find(f"{SVG}title").text == TITLE["fi"]
    (url,) = group(root, "poster-url")
    assert url.get("font-family") == "monospace" and url.get("direction") == "ltr"
    assert "".join(lines(url)) == URL


def test_one_block_per_language_with_its_language_and_direction():
    root = parse(make(NINE))
    blocks = group(root, "poster-language")
    assert [block.get(XML_LANG) for block in blocks] == NINE
    for block in blocks:
        language = block.get(XML_LANG)
        rtl = language in ("ar", "fa")
        assert block.get("direction") == ("rtl" if rtl else "ltr")
        texts = list(block.iter(f"{SVG}text"))
        assert texts and all(t.get("direction") == block.get("direction") for t in texts)
        # with direction="rtl", text-anchor="start" is the right-hand end: right-aligned
        assert {t.get("text-anchor") for t in texts} == {"start"}
        (x,) = {float(t.get("x")) for t in texts}
        assert x in (COLUMN_RIGHTS if rtl else COLUMN_LEFTS)
        # the words are all there, in order: the title (but not the heading's again), then the texts
        expected = [TEXTS[language].instruction, TEXTS[language].anonymity]
        if language != "fi":
            expected.insert(0, TITLE[language])
        assert squash(" ".join(lines(block))) == squash(" ".join(expected))


def test_right_to_left_blocks_are_right_aligned_in_their_column():
    root = parse(make(["ar", "fi"]))
    ar, fi = group(root, "poster-language")
    assert (ar.get("direction"), fi.get("direction")) == ("rtl", "ltr")
    ar_x = {float(t.get("x")) for t in ar.iter(f"{SVG}text")}
    fi_x = {float(t.get("x")) for t in fi.iter(f"{SVG}text")}
    (right,), (left,) = ar_x, fi_x
    assert right in COLUMN_RIGHTS and left in COLUMN_LEFTS and right > left
    # the heading is in the first language, right-to-left too
    (title,) = group(root, "poster-title")
    assert title.get(XML_LANG) == "ar" and title.get("direction") == "rtl"
    assert title.get("text-anchor") == "middle"


@pytest.mark.parametrize("url", [URL, "https://kysely.example.fi/s/" + "x" * 40 + "?lang=sv&from=poster"])
def test_the_qr_code_is_segnos_code_for_the_address(url):
    root = parse(make(url=url))
    matrix, _left, _top, module = poster_qr(root)
    assert matrix == expected_matrix(url)
    assert format_level(matrix) in ("M", "Q", "H")
    assert module * len(matrix) >= 80 - 1e-6, "the symbol is at least 80 mm wide"
    assert "".join(lines(group(root, "poster-url")[0])) == url


def test_the_qr_code_decodes_to_the_address():
    """Optional: a real decoder (zxing-cpp's wheel needs no system libraries) reads the drawing."""
    zxingcpp = pytest.importorskip("zxingcpp", reason="pip install zxing-cpp to decode the QR code")
    np = pytest.importorskip("numpy")
    for url in (URL, "https://example.fi/s/Zz_-09aAbBcCdDeE?lang=fi", "https://kyselyt.example.fi/s/" + "Ab3dEf9h" * 8):
        matrix, *_ = poster_qr(parse(make(url=url)))
        image = np.pad(np.array(matrix, dtype=np.uint8), 4)  # the quiet zone
        image = np.where(image == 1, 0, 255).astype(np.uint8).repeat(6, axis=0).repeat(6, axis=1)
        (result,) = zxingcpp.read_barcodes(image)
        assert result.text == url and result.format == zxingcpp.BarcodeFormat.QRCode


# what the letters themselves take above and below the baseline, in em (accented capitals,
# descenders); the module reserves more (the font's whole ascent and descent)
INK_ASCENT = 0.95
INK_DESCENT = 0.25


def text_boxes(root: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """(text, left, top, right, bottom) of every line, from the module's width estimate."""
    parents = {child: parent for parent in root.iter() for child in parent}

    def inherited(element, name):
        while element is not None:
            if element.get(name) is not None:
                return element.get(name)
            element = parents.get(element)
        return None

    boxes = []
    for text in root.iter(f"{SVG}text"):
        size = float(inherited(text, "font-size"))
        x, y = float(text.get("x")), float(text.get("y"))
        if inherited(text, "font-family") == "monospace":
            width = len(text.text) * posters.MONOSPACE_ADVANCE_EM * size
        else:
            width = posters._text_width(text.text, size, bold=inherited(text, "font-weight") == "bold")
        anchor, direction = inherited(text, "text-anchor"), inherited(text, "direction")
        if anchor == "middle":
            left = x - width / 2
        elif (anchor == "start") == (direction == "rtl"):
            left = x - width
        else:
            left = x
        top, bottom = y - INK_ASCENT * size, y + INK_DESCENT * size
        boxes.append((text.text, left, top, left + width, bottom))
    return boxes


@pytest.mark.parametrize("count", [1, 3, 9])
def test_everything_stays_on_the_page_and_out_of_the_quiet_zone(count):
    root = parse(make(NINE[:count]))
    matrix, left, top, module = poster_qr(root)
    side = (len(matrix) + 8) * module
    assert posters.MARGIN_MM - 1e-6 <= top and top + side <= 297
    assert 0 <= left and left + side <= 210
    margin = posters.MARGIN_MM - 0.01
    for text, x0, y0, x1, y1 in text_boxes(root):
        assert margin <= x0 and x1 <= 210 - margin, text
        assert margin <= y0 and y1 <= 297 - margin, text
        overlaps = x0 < left + side and left < x1 and y0 < top + side and top < y1
        assert not overlaps, f"{text!r} is inside the QR code's quiet zone"


def block_font_size(root: ET.Element) -> float:
    return float(group(root, "poster-language")[0].get("font-size"))


def test_the_font_shrinks_as_languages_are_added():
    sizes = [block_font_size(parse(make(NINE[:count]))) for count in range(1, 10)]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    assert sizes[-1] >= posters.MIN_BODY_MM
    assert sizes[0] <= posters.MAX_BODY_MM


def test_xml_special_characters_are_escaped():
    title = {"fi": 'Koulu <script>alert("x")</script> & "koti" \'23 ]]> \x0b'}
    svg = poster_svg(url=URL + "?a=1&b=<2>", title=title, languages=["fi"])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp;" in svg
    root = parse(svg)
    (heading,) = group(root, "poster-title")
    expected = 'Koulu <script>alert("x")</script> & "koti" \'23 ]]>'
    assert squash(" ".join(lines(heading))) == expected
    assert root.find(f"{SVG}title").text == expected
    assert "".join(lines(group(root, "poster-url")[0])) == URL + "?a=1&b=<2>"


def test_a_long_title_is_kept_to_three_lines():
    svg = poster_svg(url=URL, title={"en": "A very long campaign title " * 12}, languages=["en"])
    (heading,) = group(parse(svg), "poster-title")
    title_lines = lines(heading)
    assert len(title_lines) == posters.TITLE_MAX_LINES and title_lines[-1].endswith("…")


def test_a_long_address_breaks_after_slashes_and_stays_whole():
    url = "https://kyselyt.opetus.example.fi/kampanjat/koulupaivat-2026/s/Ab3dEf9hIjKlMnOp?lang=fi&source=poster"
    root = parse(make(url=url))
    url_lines = lines(group(root, "poster-url")[0])
    assert len(url_lines) == 2 and "".join(url_lines) == url
    assert url_lines[0].endswith("/") and url_lines[0].startswith("https://")
    unbroken = "https://example.fi/s/" + "A" * 150
    assert "".join(lines(group(parse(make(url=unbroken)), "poster-url")[0])) == unbroken


def test_texts_that_cannot_fit_raise_instead_of_running_off_the_page():
    wordy = {lang: PosterTexts("Lorem ipsum dolor sit amet. " * 25, "Anonymous.") for lang in NINE}
    with pytest.raises(PosterLayoutError):
        poster_svg(url=URL, title=TITLE, languages=NINE, texts=wordy)


def test_defaults_and_missing_input():
    assert set(DEFAULT_TEXTS) == {"fi", "sv", "en"}
    assert DEFAULT_TEXTS["fi"].anonymity == "Vastauksesi ovat nimettömiä."
    assert DEFAULT_TEXTS["sv"].anonymity == "Dina svar är anonyma."
    assert "10 minuuttia" in default_texts(minutes=10)["fi"].instruction
    assert "en minut" in default_texts(minutes=1)["sv"].instruction
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_TEXTS["en"].instruction = "x"  # type: ignore[misc]
    # texts default to DEFAULT_TEXTS, and a language missing from texts falls back to them
    root = parse(poster_svg(url=URL, title={"sv": "Enkät"}, languages=["sv", "en"], texts={}))
    assert [b.get(XML_LANG) for b in group(root, "poster-language")] == ["sv", "en"]
    root = parse(poster_svg(url=URL, title={"en": "Survey"}, languages=["en", "en"]))
    assert len(group(root, "poster-language")) == 1
    with pytest.raises(ValueError, match="'so'"):
        poster_svg(url=URL, title={"fi": "Kysely"}, languages=["fi", "so"])
    with pytest.raises(ValueError):
        poster_svg(url=URL, title={"fi": "Kysely"}, languages=[])
    with pytest.raises(ValueError):
        poster_svg(url=URL, title={"fi": "  "}, languages=["fi"])
    with pytest.raises(ValueError):
        poster_svg(url="https://example.fi/s/a b", title={"fi": "Kysely"}, languages=["fi"])
    with pytest.raises(ValueError):
        default_texts(minutes=0)


def test_only_generic_fonts_and_nothing_fetched():
    svg = make(NINE)
    families = set(re.findall(r'font-family="([^"]*)"', svg))
    assert families == {"sans-serif", "monospace"}
    for outside in ("@import", "@font-face", "url(", "href", "<image", "<script"):
        assert outside not in svg


def test_qr_svg_alone():
    root = parse(qr_svg(URL))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == URL
    assert root.get("width") is None  # sized by its container
    matrix = drawn_matrix(root.find(f"{SVG}path"), len(expected_matrix(URL)))
    assert matrix == expected_matrix(URL)
    side = len(matrix) + 8
    assert root.get("viewBox") == f"0 0 {side} {side}"
    sized = parse(qr_svg(URL, scale_mm=0.5))
    assert (sized.get("width"), sized.get("height")) == (f"{side * 0.5:g}mm", f"{side * 0.5:g}mm")
    assert parse(qr_svg("https://example.fi/?a=<b>&c")).find(f"{SVG}title").text == "https://example.fi/?a=<b>&c"
    with pytest.raises(ValueError):
        qr_svg(URL, scale_mm=0)


# --- in a real browser -----------------------------------------------------------------------



