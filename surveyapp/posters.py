"""Printable campaign posters: an A4 SVG with the title, a QR code, the address and a short
instruction in each of the campaign's languages; and the QR code alone for a web page.

Pure: no Flask, no database, no fonts read from the system. The caller passes the translated
strings (the web app passes its gettext translations); ``DEFAULT_TEXTS`` has Finnish, Swedish
and English so that the module can be used and tested on its own.

Layout (all lengths in millimetres, the viewBox is the A4 page):

* SVG text does not wrap, so lines are broken here, with widths estimated from the advance
  widths of DejaVu Sans (the widest of the common sans-serif fonts; Arial, Helvetica, Liberation
  and Noto Sans are narrower) for Latin letters and per-script averages a little above
  DejaVu's and Noto's for Cyrillic, Arabic and others, with a 3 % margin.
* From the top: the title (bold, centred, at most three lines), the QR code with its quiet zone
  (4 modules), the address in monospace, then one block per language: left-aligned, or
  right-aligned for right-to-left languages; in two columns when that allows a larger font.
* The QR symbol is at least 80 mm wide. The layout tries a large code and title first
  (``LAYOUT_PLANS``) and keeps the first plan that leaves the language blocks a comfortable
  font size; otherwise the code is 80 mm, the title at most 8 mm, and the blocks' font shrinks
  as far as ``MIN_BODY_MM``, so it never grows as languages are added. The code then grows
  into any height left over, and the rest is shared out as space. What cannot fit on one page
  even at the smallest sizes raises ``PosterLayoutError`` instead of running off the page.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import segno

__all__ = [
    "DEFAULT_TEXTS",
    "PosterLayoutError",
    "PosterTexts",
    "RIGHT_TO_LEFT",
    "default_texts",
    "poster_svg",
    "qr_svg",
]

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_MM = 12.0
CONTENT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
QUIET_ZONE_MODULES = 4  # what ISO/IEC 18004 asks for around a QR code
MIN_QR_MM = 80.0  # the symbol itself, without its quiet zone
MAX_QR_MM = 110.0
TITLE_SIZES_MM = (12.0, 11.0, 10.0, 9.0, 8.0, 7.0)  # 12 mm ≈ 34 pt
TITLE_MAX_LINES = 3
# (QR symbol, largest title size) in order of preference: a large code and title while the
# language blocks keep a comfortable font size, then a smaller title, then the smallest code.
# The blocks' font size never grows with more languages: the first plan gives sizes from
# MAX_BODY_MM down to COMFORTABLE_BODY_MM, a later one exactly COMFORTABLE_BODY_MM, and the
# last one, when no plan reaches that, the largest size that fits (down to MIN_BODY_MM).
LAYOUT_PLANS = ((110.0, 12.0), (100.0, 12.0), (90.0, 12.0), (90.0, 10.0), (80.0, 10.0), (MIN_QR_MM, 8.0))
URL_SIZES_MM = (7.0, 6.5, 6.0, 5.5, 5.0, 4.5, 4.2)  # 4.2 mm ≈ 12 pt
MAX_BODY_MM = 6.0  # ≈ 17 pt
COMFORTABLE_BODY_MM = 4.5  # ≈ 13 pt: a larger QR code is not worth smaller text than this
MIN_BODY_MM = 3.0  # ≈ 8.5 pt
COLUMN_GAP_MM = 10.0
GAP_AFTER_TITLE_MM = 1.0  # the QR code's quiet zone is below it
GAP_BEFORE_URL_MM = 1.0  # the QR code's quiet zone is above it
GAP_BEFORE_BLOCKS_MM = 6.0
TITLE_LINE_HEIGHT = 1.2  # in em
URL_LINE_HEIGHT = 1.3
BODY_LINE_HEIGHT = 1.25
BLOCK_GAP_EM = 0.8
# room a line of text takes above and below its baseline, in em: the font's whole ascent and
# descent (Noto Sans 1.07 and 0.29, Noto Sans Arabic 1.09 and 0.31), not only the ink
ASCENT_EM = 1.1
DESCENT_EM = 0.35
WIDTH_SAFETY = 0.97  # wrap a little before the estimated edge
MONOSPACE_ADVANCE_EM = 0.6025  # DejaVu Sans Mono, Liberation Mono, Courier New: 0.6 em

# as in surveyapp.i18n (not imported: that module needs Flask)
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})


class PosterLayoutError(ValueError):
    """The poster's texts do not fit on one A4 page even at the smallest font size."""


@dataclass(frozen=True)
class PosterTexts:
    """What a poster says in one language, below the QR code."""

    instruction: str  # e.g. "Scan the code with your phone camera, or type the address."
    anonymity: str  # e.g. "Your answers are anonymous."


def _minutes_fi(minutes: int) -> str:
    return "Vastaaminen vie noin minuutin." if minutes == 1 else f"Vastaaminen vie noin {minutes} minuuttia."


def _minutes_sv(minutes: int) -> str:
    if minutes == 1:
        return "Det tar ungefär en minut att svara."
    return f"Det tar ungefär {minutes} minuter att svara."


def _minutes_en(minutes: int) -> str:
    return "Answering takes about a minute." if minutes == 1 else f"Answering takes about {minutes} minutes."


_DEFAULT_WORDING = {
    "fi": (
        "Skannaa QR-koodi puhelimesi kameralla tai kirjoita osoite selaimeen.",
        _minutes_fi,
        "Vastauksesi ovat nimettömiä.",
    ),
    "sv": (
        "Skanna QR-koden med telefonens kamera eller skriv in adressen i webbläsaren.",
        _minutes_sv,
        "Dina svar är anonyma.",
    ),
    "en": (
        "Scan the QR code with your phone camera, or type the address into your browser.",
        _minutes_en,
        "Your answers are anonymous.",
    ),
}


def default_texts(minutes: int | None = None) -> dict[str, PosterTexts]:
    """Finnish, Swedish and English texts; with ``minutes``, also how long answering takes."""
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 1):
        raise ValueError("minutes must be a positive whole number")
    texts = {}
    for language, (instruction, how_long, anonymity) in _DEFAULT_WORDING.items():
        if minutes is not None:
            instruction = f"{instruction} {how_long(minutes)}"
        texts[language] = PosterTexts(instruction=instruction, anonymity=anonymity)
    return texts


DEFAULT_TEXTS: Mapping[str, PosterTexts] = MappingProxyType(default_texts())


# --- QR code ---------------------------------------------------------------------------------

_URL_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def _make_qr(url: str) -> segno.QRCode:
    if not isinstance(url, str) or not url:
        raise ValueError("the poster needs the campaign's address")
    if _URL_FORBIDDEN.search(url):
        raise ValueError("an address cannot contain spaces or control characters")
    # error correction M, raised by segno to Q or H when that fits in the same size
    return segno.make(url, error="m", boost_error=True, micro=False, encoding="utf-8")


def _qr_path(qr: segno.QRCode) -> str:
    """Dark modules as one path of 1-module-high runs, in module units (0, 0 is the symbol's corner)."""
    parts = []
    for y, row in enumerate(qr.matrix):
        x = 0
        width = len(row)
        while x < width:
            if row[x]:
                start = x
                while x < width and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return "".join(parts)


def qr_svg(url: str, *, scale_mm: float | None = None) -> str:
    """The QR code for ``url`` alone, as an ``<svg>`` element to put in a web page.

    The quiet zone (4 modules) is included. With ``scale_mm`` (the size of one module) the
    element has a width and height in millimetres; without, it has only a viewBox and takes the
    size its container gives it. Its ``<title>`` is the address, for screen readers.
    """
    if scale_mm is not None and (
        isinstance(scale_mm, bool)
        or not isinstance(scale_mm, (int, float))
        or not math.isfinite(scale_mm)
        or scale_mm <= 0
    ):
        raise ValueError("scale_mm must be a positive number of millimetres")
    qr = _make_qr(url)
    side = len(qr.matrix) + 2 * QUIET_ZONE_MODULES
    size = ""
    if scale_mm is not None:
        size = f' width="{_num(side * scale_mm)}mm" height="{_num(side * scale_mm)}mm"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}"{size} role="img">'
        f"<title>{_escape(url)}</title>"
        f'<rect width="{side}" height="{side}" fill="#ffffff"/>'
        f'<path transform="translate({QUIET_ZONE_MODULES} {QUIET_ZONE_MODULES})" fill="#000000"'
        f' shape-rendering="crispEdges" d="{_qr_path(qr)}"/>'
        "</svg>"
    )


# --- text measurement and wrapping -----------------------------------------------------------

_ASCII = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
# advance widths of DejaVu Sans and DejaVu Sans Bold, in thousandths of an em
_REGULAR = dict(zip(_ASCII, (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775,
    752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
    337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)))
_BOLD = dict(zip(_ASCII, (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821,
    837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457,
    365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
)))
_PUNCTUATION = {"\u00a0": 318, "\u2013": 500, "\u2014": 1000, "\u2018": 318, "\u2019": 318,
                "\u201c": 518, "\u201d": 518, "\u201e": 518, "\u00ab": 557, "\u00bb": 557, "\u2026": 1000}
# (first, last code point, regular, bold) for letters the tables above do not have: a little
# wider on average than DejaVu Sans and Noto Sans set them
_SCRIPTS = (
    (0x0370, 0x03FF, 700, 780),  # Greek
    (0x0400, 0x052F, 660, 740),  # Cyrillic
    (0x0590, 0x05FF, 650, 720),  # Hebrew
    (0x0600, 0x06FF, 570, 620),  # Arabic (Arabic, Persian, Urdu)
    (0x0750, 0x077F, 570, 620),
    (0xFB50, 0xFDFF, 570, 620),
    (0xFE70, 0xFEFF, 570, 620),
)
_OTHER = (760, 840)


@lru_cache(maxsize=4096)
def _char_width_em(char: str, bold: bool) -> float:
    table = _BOLD if bold else _REGULAR
    if char in table:
        return table[char] / 1000
    if char in _PUNCTUATION:
        return _PUNCTUATION[char] * (1.1 if bold else 1.0) / 1000
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0  # accents, harakat, zero-width (non-)joiners
    base = unicodedata.normalize("NFD", char)[0]
    if base in table:
        return table[base] / 1000  # ä, å, ö, õ, ü, š, ž ...
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    point = ord(char)
    for first, last, regular, heavy in _SCRIPTS:
        if first <= point <= last:
            return (heavy if bold else regular) / 1000
    return (_OTHER[1] if bold else _OTHER[0]) / 1000


def _text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width in mm of ``text`` set in a sans-serif font ``size`` mm high."""
    return sum(_char_width_em(char, bold) for char in text) * size


# every breaking space, but not the no-break spaces (U+00A0, U+2007, U+202F)
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def _words(text: str) -> list[str]:
    return [word for word in _BREAKING_SPACE.split(text) if word]


def _split_long_word(word: str, fits) -> list[str]:
    """Break a word wider than the line between characters (never inside a combining sequence)."""
    pieces = []
    while word and not fits(word):
        cut = 1
        while cut < len(word) and fits(word[: cut + 1]):
            cut += 1
        while cut < len(word) - 1 and unicodedata.combining(word[cut]):
            cut += 1
        pieces.append(word[:cut])
        word = word[cut:]
    if word:
        pieces.append(word)
    return pieces


def _wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    def fits(line: str) -> bool:
        return _text_width(line, size, bold=bold) <= width * WIDTH_SAFETY

    lines: list[str] = []
    line = ""
    for word in _words(text):
        candidate = f"{line} {word}" if line else word
        if fits(candidate):
            line = candidate
            continue
        if line:
            lines.append(line)
        *full, line = _split_long_word(word, fits)
        lines.extend(full)
    if line:
        lines.append(line)
    return lines


def _wrap_at_most(text: str, width: float, size: float, max_lines: int, *, bold: bool) -> list[str]:
    """Wrap, and end the last allowed line with an ellipsis when there is more."""
    lines = _wrap(text, width, size, bold=bold)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and _text_width(last + "…", size, bold=bold) > width * WIDTH_SAFETY:
        last = last[:-1]
    return lines[: max_lines - 1] + [last.rstrip() + "…"]


_URL_BREAK = re.compile(r"(?<=[/?&#=])(?!/)")  # after a separator, but not inside "//"


def _wrap_url(url: str, max_chars: int) -> list[str]:
    """Break a long address after /, ?, &, # or =, and only where it must inside a part."""
    lines: list[str] = []
    line = ""
    for part in _URL_BREAK.split(url):
        if len(line) + len(part) <= max_chars:
            line += part
            continue
        if line:
            lines.append(line)
        while len(part) > max_chars:
            lines.append(part[:max_chars])
            part = part[max_chars:]
        line = part
    if line:
        lines.append(line)
    return lines


def _box_height(lines: int, size: float, line_height: float) -> float:
    """From the top of the first line's ascenders to the bottom of the last line's descenders."""
    if lines == 0:
        return 0.0
    return size * (ASCENT_EM + DESCENT_EM) + (lines - 1) * size * line_height


# --- layout ----------------------------------------------------------------------------------

_INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    """One line of text: characters XML cannot carry dropped, white space collapsed."""
    return " ".join(_words(_INVALID_XML.sub("", text)))


@dataclass(frozen=True)
class _Paragraph:
    lines: tuple[str, ...]
    bold: bool


@dataclass(frozen=True)
class _Block:
    language: str
    rtl: bool
    paragraphs: tuple[_Paragraph, ...]

    @property
    def line_count(self) -> int:
        return sum(len(paragraph.lines) for paragraph in self.paragraphs)


@dataclass(frozen=True)
class _Body:
    size: float
    columns: int
    column_width: float
    blocks: tuple[_Block, ...]
    height: float


def _body(sources: Sequence[tuple[str, tuple[tuple[str, bool], ...]]], size: float, columns: int) -> _Body:
    column_width = (CONTENT_WIDTH_MM - (columns - 1) * COLUMN_GAP_MM) / columns
    blocks = []
    for language, paragraphs in sources:
        wrapped = tuple(
            _Paragraph(tuple(_wrap(text, column_width, size, bold=bold)), bold) for text, bold in paragraphs
        )
        blocks.append(_Block(language, language.split("-")[0] in RIGHT_TO_LEFT, wrapped))
    rows = [blocks[i : i + columns] for i in range(0, len(blocks), columns)]
    row_heights = [max(_box_height(b.line_count, size, BODY_LINE_HEIGHT) for b in row) for row in rows]
    height = sum(row_heights) + (len(rows) - 1) * size * BLOCK_GAP_EM
    return _Body(size, columns, column_width, tuple(blocks), height)


def _largest_body(sources, room: float, largest: float) -> _Body | None:
    """The largest font size up to ``largest`` (in 1 or 2 columns) at which the blocks fit in
    ``room`` mm; one column when both fit at the same size."""
    best = None
    for columns in (1, 2) if len(sources) > 1 else (1,):
        steps = round((largest - MIN_BODY_MM) * 10)
        for step in range(steps + 1):
            size = round(largest - step / 10, 1)
            if best is not None and size <= best.size:
                break
            body = _body(sources, size, columns)
            if body.height <= room:
                best = body
                break
    return best


def _fit_title(text: str, largest: float) -> tuple[float, list[str]]:
    """The largest size up to ``largest`` at which the title takes at most three lines."""
    sizes = [size for size in TITLE_SIZES_MM if size <= largest] or [TITLE_SIZES_MM[-1]]
    widest_word = max((_text_width(word, 1.0, bold=True) for word in _words(text)), default=0.0)
    for whole_words in (True, False):  # rather a smaller title than a word broken in two
        for size in sizes:
            if whole_words and widest_word * size > CONTENT_WIDTH_MM * WIDTH_SAFETY:
                continue
            lines = _wrap(text, CONTENT_WIDTH_MM, size, bold=True)
            if len(lines) <= TITLE_MAX_LINES:
                return size, lines
    size = sizes[-1]
    return size, _wrap_at_most(text, CONTENT_WIDTH_MM, size, TITLE_MAX_LINES, bold=True)


def _fit_url(url: str) -> tuple[float, list[str]]:
    """Fewest lines first, then the largest size for that many lines."""
    options = []
    for size in URL_SIZES_MM:
        max_chars = max(1, int(CONTENT_WIDTH_MM * WIDTH_SAFETY / (size * MONOSPACE_ADVANCE_EM)))
        options.append((size, _wrap_url(url, max_chars)))
    return min(options, key=lambda option: (len(option[1]), -option[0]))


def _direction(language: str) -> str:
    return "rtl" if language.split("-")[0] in RIGHT_TO_LEFT else "ltr"


def poster_svg(
    *,
    url: str,
    title: Mapping[str, str],
    languages: Sequence[str],
    texts: Mapping[str, PosterTexts] = DEFAULT_TEXTS,
) -> str:
    """A printable A4 poster for a campaign, as a standalone SVG document.

    ``title`` is the campaign title by language: the first of ``languages`` that has one is the
    poster's heading, and each language's block starts with the title in that language when it
    differs. ``texts`` gives each language's instruction and anonymity line; a language missing
    from it falls back to ``DEFAULT_TEXTS`` (fi, sv, en), and otherwise is an error.
    Raises ``ValueError`` for missing input and ``PosterLayoutError`` if the texts cannot fit.
    """
    qr = _make_qr(url)
    languages = list(dict.fromkeys(languages))  # each once, in the order given
    if not languages:
        raise ValueError("a poster needs at least one language")
    titles = {
        language: _clean(text) for language, text in title.items() if isinstance(text, str) and _clean(text)
    }
    heading_language = next((lang for lang in languages if lang in titles), next(iter(titles), None))
    if heading_language is None:
        raise ValueError("the poster needs the campaign's title")
    heading = titles[heading_language]

    sources = []
    for language in languages:
        chosen = texts.get(language) or DEFAULT_TEXTS.get(language)
        if chosen is None:
            raise ValueError(f"no poster texts for language {language!r}")
        paragraphs: list[tuple[str, bool]] = []
        if language in titles and titles[language] != heading:
            paragraphs.append((titles[language], True))
        for text in (chosen.instruction, chosen.anonymity):
            if _clean(text):
                paragraphs.append((_clean(text), False))
        if not paragraphs:
            raise ValueError(f"the poster texts for {language!r} are empty")
        sources.append((language, tuple(paragraphs)))

    # vertical budget: the first plan whose language blocks get a comfortable font size wins,
    # else the last (smallest) plan with the largest font size that fits
    url_size, url_lines = _fit_url(url)
    modules = len(qr.matrix)
    quiet_ratio = (modules + 2 * QUIET_ZONE_MODULES) / modules  # whole region / symbol
    for plan, (symbol, largest_title) in enumerate(LAYOUT_PLANS):
        title_size, title_lines = _fit_title(heading, largest_title)
        fixed = (
            2 * MARGIN_MM
            + _box_height(len(title_lines), title_size, TITLE_LINE_HEIGHT)
            + GAP_AFTER_TITLE_MM
            + GAP_BEFORE_URL_MM
            + _box_height(len(url_lines), url_size, URL_LINE_HEIGHT)
            + GAP_BEFORE_BLOCKS_MM
        )
        # only the first plan may make the text larger than comfortable: a later plan is there
        # because of many languages, and its text must not be larger than with fewer
        largest_body = MAX_BODY_MM if plan == 0 else COMFORTABLE_BODY_MM
        body = _largest_body(sources, PAGE_HEIGHT_MM - fixed - symbol * quiet_ratio, largest_body)
        if body is not None and body.size >= COMFORTABLE_BODY_MM:
            break
    if body is None:
        raise PosterLayoutError(
            f"the texts in {len(languages)} languages do not fit on one A4 page beside"
            f" a {MIN_QR_MM:g} mm QR code, even at {MIN_BODY_MM:g} mm"
        )
    # the code takes what the text leaves, up to the largest size; what is left over is shared
    room = PAGE_HEIGHT_MM - fixed - body.height
    symbol = min(MAX_QR_MM, room / quiet_ratio)
    spare = (room - symbol * quiet_ratio) / 3
    module = math.ceil(symbol / modules * 1e6) / 1e6  # as written below, never under the symbol size

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_num(PAGE_WIDTH_MM)}mm"'
        f' height="{_num(PAGE_HEIGHT_MM)}mm" viewBox="0 0 {_num(PAGE_WIDTH_MM)} {_num(PAGE_HEIGHT_MM)}"'
        ' font-family="sans-serif">\n',
        f'<title xml:lang="{_escape(heading_language)}">{_escape(heading)}</title>\n',
        "<style>@page { size: A4 portrait; margin: 0 }</style>\n",
        f'<rect width="{_num(PAGE_WIDTH_MM)}" height="{_num(PAGE_HEIGHT_MM)}" fill="#ffffff"/>\n',
    ]

    # title
    y = MARGIN_MM
    direction = _direction(heading_language)
    out.append(
        f'<g class="poster-title" xml:lang="{_escape(heading_language)}" direction="{direction}"'
        f' font-weight="bold" font-size="{_num(title_size)}" text-anchor="middle" fill="#000000">\n'
    )
    for index, line in enumerate(title_lines):
        baseline = y + title_size * (ASCENT_EM + index * TITLE_LINE_HEIGHT)
        out.append(
            f'<text x="{_num(PAGE_WIDTH_MM / 2)}" y="{_num(baseline)}" direction="{direction}">{_escape(line)}</text>\n'
        )
    out.append("</g>\n")
    y += _box_height(len(title_lines), title_size, TITLE_LINE_HEIGHT) + GAP_AFTER_TITLE_MM + spare

    # QR code: white quiet zone, then the dark modules scaled from module units to mm
    region = module * (modules + 2 * QUIET_ZONE_MODULES)
    left = (PAGE_WIDTH_MM - region) / 2
    side = modules + 2 * QUIET_ZONE_MODULES
    out.append(
        f'<g class="poster-qr" transform="translate({_num(left, 4)} {_num(y, 4)}) scale({_num(module, 6)})">\n'
        f'<rect width="{side}" height="{side}" fill="#ffffff"/>\n'
        f'<path transform="translate({QUIET_ZONE_MODULES} {QUIET_ZONE_MODULES})" fill="#000000"'
        f' shape-rendering="crispEdges" d="{_qr_path(qr)}"/>\n'
        "</g>\n"
    )
    y += region + GAP_BEFORE_URL_MM

    # the address, to type by hand
    out.append(
        f'<g class="poster-url" direction="ltr" font-family="monospace" font-size="{_num(url_size)}"'
        ' text-anchor="middle" fill="#000000">\n'
    )
    for index, line in enumerate(url_lines):
        baseline = y + url_size * (ASCENT_EM + index * URL_LINE_HEIGHT)
        out.append(f'<text x="{_num(PAGE_WIDTH_MM / 2)}" y="{_num(baseline)}" direction="ltr">{_escape(line)}</text>\n')
    out.append("</g>\n")
    y += _box_height(len(url_lines), url_size, URL_LINE_HEIGHT) + GAP_BEFORE_BLOCKS_MM + spare

    # one block per language, row by row
    size = body.size
    for row_start in range(0, len(body.blocks), body.columns):
        row = body.blocks[row_start : row_start + body.columns]
        for column, block in enumerate(row):
            column_left = MARGIN_MM + column * (body.column_width + COLUMN_GAP_MM)
            direction = "rtl" if block.rtl else "ltr"
            # with direction="rtl", text-anchor="start" is the right-hand end of the line
            x = column_left + body.column_width if block.rtl else column_left
            out.append(
                f'<g class="poster-language" xml:lang="{_escape(block.language)}" direction="{direction}"'
                f' text-anchor="start" font-size="{_num(size)}" fill="#000000">\n'
            )
            index = 0
            for paragraph in block.paragraphs:
                weight = ' font-weight="bold"' if paragraph.bold else ""
                for line in paragraph.lines:
                    baseline = y + size * (ASCENT_EM + index * BODY_LINE_HEIGHT)
                    out.append(
                        f'<text x="{_num(x)}" y="{_num(baseline)}" direction="{direction}"'
                        f' text-anchor="start"{weight}>{_escape(line)}</text>\n'
                    )
                    index += 1
            out.append("</g>\n")
        y += max(_box_height(b.line_count, size, BODY_LINE_HEIGHT) for b in row) + size * BLOCK_GAP_EM
    out.append("</svg>\n")
    return "".join(out)


# --- output helpers --------------------------------------------------------------------------


def _escape(text: str) -> str:
    """Text for XML character data and double-quoted attributes."""
    text = _INVALID_XML.sub("", text)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;")):
        text = text.replace(char, entity)
    return text


def _num(value: float, places: int = 2) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
