"""Screening of free-text answers for personal data, before anyone but the data controller sees them.

This is the one implementation: the web app (when it stores or shows free text) and the analysis
package (when it exports, codes or quotes answers) both call it. It imports only the standard
library, so either side can import it cheaply.

Detected, each replaced in the masked text by an ASCII placeholder ``[kind]``:

- ``[email]``: e-mail addresses, including sub-domains and ``+`` tags (``jussi+kysely@mail.koulu.fi``).
  A mention such as ``@school`` or ``a@b`` without a dotted domain is not an address.
- ``[henkilotunnus]``: Finnish personal identity codes ``DDMMYYCZZZQ`` with a real date, a valid
  century sign (``+``; ``-`` or ``Y X W V U``; ``A B C D E F``) and the check character validated.
  Lower-case century letters and check characters are accepted too, as are typographic dashes
  (``–``) in place of ``-``: they still identify the person.
- ``[personnummer]``: Swedish personnummer and samordningsnummer (day + 60) written
  ``YYMMDD-NNNN``, ``YYMMDD+NNNN``, ``YYMMDDNNNN``, ``YYYYMMDDNNNN`` or ``YYYYMMDD-NNNN``, with a
  real date and the Luhn check digit validated.
- ``[phone]``: telephone numbers as written in Finland and Sweden: national numbers starting with
  0 (``040 123 4567``, ``050-123 45 67``, ``09 310 1234``, ``(09) 310 1234``, ``08-123 456 78``),
  and international ones (``+358 40 1234567``, ``00358 40 123 4567``, ``+46 70 123 45 67``,
  ``+358 (0)40 ...``; any ``+`` country code). At least 7 digits (8 with a country code) in a
  phone-like grouping; years, dates, times, percentages, prices, postal codes and hours are not
  numbers of that shape.

Digits in other scripts (Arabic-Indic, Persian, full-width, ...) are read as digits.

Names are not detected yet: "Matti Virtanen" or "Aino's teacher Liisa" pass through unmasked.
Nor are places, street addresses, obfuscated addresses (``jussi at koulu dot fi``), numbers split
by dots or slashes, other countries' identity numbers, or anything that identifies a family only in
context ("the only Somali-speaking family in class 4B"). Screening lowers the risk; it does not make
free text anonymous. It errs towards masking: a list of numbers that starts with 0 and is grouped
like a phone number ("05 10 15 20") is masked as one.

A finding records only its kind and its offsets in the original text, never the matched data. A
new kind is a new detector (a function from text to findings) appended to ``DETECTORS``; detectors
see the text with its digits in ASCII (same length, so offsets hold). Where findings overlap they
are merged into one and the earlier detector's kind wins. Placeholders are ASCII so that callers can
translate them (``[phone]`` -> ``[puhelinnumero]``), or build their own from the offsets.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

__all__ = [
    "DETECTORS",
    "KINDS",
    "Detector",
    "Finding",
    "Screened",
    "contains_personal_data",
    "mask",
    "placeholder",
    "screen",
]

KINDS = ("email", "henkilotunnus", "personnummer", "phone")


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: its kind and where it is in the original text (``text[start:end]``)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Screened:
    """The masked text and what was found; the original text is not kept."""

    text: str
    findings: tuple[Finding, ...]

    @property
    def flagged(self) -> bool:
        return bool(self.findings)


Detector = Callable[[str], Iterable[Finding]]


def placeholder(kind: str) -> str:
    """The token that replaces a finding of ``kind`` in masked text, e.g. ``[phone]``."""
    return f"[{kind}]"


# Shared pieces. Detectors see text whose digits are all ASCII (see _ascii_digits), and every
# quantifier is bounded or unambiguous, so a search costs time linear in the text's length.
_SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphen-minus first: literal in a class
_SPACE = f"[{_SPACES}]"
_DASH = f"[{_DASHES}]"
_SEP = f"(?:{_SPACE}?{_DASH}{_SPACE}?|{_SPACE})"


def _findings(kind: str, pattern: re.Pattern[str], text: str,
              accept: Callable[[re.Match[str]], int | None]) -> Iterator[Finding]:
    """Findings for the matches that ``accept`` takes: it returns where the finding ends, or None.

    After a rejected match the search resumes one character later, so a valid candidate that
    begins inside a rejected one is still found.
    """
    position = 0
    while (match := pattern.search(text, position)) is not None:
        end = accept(match)
        if end is None:
            position = match.start() + 1
        else:
            yield Finding(kind, match.start(), end)
            position = end


# E-mail. The look-behind lets a local part start only where a run of local-part characters
# starts, so a long run without "@" is scanned once, not once per character. A run glued to the
# address ("-----jussi@koulu.fi") is masked with it.
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@(?:[\w-]{1,63}\.){1,8}[^\W\d_]{2,63}")


def find_emails(text: str) -> Iterator[Finding]:
    return _findings("email", _EMAIL, text, lambda match: match.end())


# Finnish henkilötunnus: DDMMYY, century sign, individual number ZZZ, check character Q.
_HETU = re.compile(
    rf"(?<![0-9])([0-9]{{6}})([-+A-FU-Ya-fu-y]|{_DASH})([0-9]{{3}})([0-9A-Ya-y])(?![0-9])"
)
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_HETU_CENTURY = {"+": 1800, **dict.fromkeys(_DASHES + "YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _hetu_end(match: re.Match[str]) -> int | None:
    birth, sign, individual, check = match.groups()
    century = _HETU_CENTURY.get(sign.upper())
    if century is None or not _is_date(century + int(birth[4:]), int(birth[2:4]), int(birth[:2])):
        return None
    if _HETU_CHECK[int(birth + individual) % 31] != check.upper():
        return None
    return match.end()


def find_henkilotunnus(text: str) -> Iterator[Finding]:
    return _findings("henkilotunnus", _HETU, text, _hetu_end)


# Swedish personnummer and samordningsnummer: [CC]YYMMDD, separator, NNNN (Luhn over 10 digits).
_PERSONNUMMER = re.compile(
    rf"(?<![0-9])(1[89]|20)?([0-9]{{2}})([0-9]{{2}})([0-9]{{2}})({_DASH}|\+)?([0-9]{{4}})(?![0-9])"
)


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _personnummer_end(match: re.Match[str]) -> int | None:
    century, year, month, day, separator, serial = match.groups()
    if century and separator == "+":
        return None
    birth_day = int(day) - 60 if int(day) > 60 else int(day)  # samordningsnummer: day + 60
    centuries = [int(century)] if century else [18, 19, 20]
    if not any(_is_date(c * 100 + int(year), int(month), birth_day) for c in centuries):
        return None
    return match.end() if _luhn_valid(year + month + day + serial) else None


def find_personnummer(text: str) -> Iterator[Finding]:
    return _findings("personnummer", _PERSONNUMMER, text, _personnummer_end)


# Telephone numbers. A candidate never starts inside a number ("2024-040..." or "3.0401234") and
# never ends just before more digits; _phone_end then checks the digit count and the guards.
_TRUNK = rf"(?:{_SPACE}?\(0\){_SPACE}?|{_SEP})"  # "+358 (0)40" or a plain separator
_PHONE = re.compile(
    rf"""
    (?<![0-9+])(?<![0-9]{_DASH})(?<![0-9][.,])
    (?:
        (?:\+[0-9]{{1,15}}|00(?:358|46)[0-9]{{0,12}})(?:{_TRUNK}[0-9]{{1,8}}){{0,5}}   # international
      | 0[1-9][0-9]{{5,10}}                                                          # 0401234567
      | (?:\(0[1-9][0-9]{{0,2}}\){_SPACE}?|0[1-9][0-9]{{0,2}}{_SEP})                 # area code
        [0-9]{{2,8}}(?:{_SEP}[0-9]{{2,8}}){{0,3}}                                     # subscriber
    )
    (?![0-9])(?!{_DASH}[0-9])
    """,
    re.VERBOSE,
)
_DIGIT_GROUP = re.compile("[0-9]+")


def _looks_like_date(groups: list[str]) -> bool:
    """01-03-2024 or 01 03 2024: day, month, four-digit year."""
    if len(groups) < 3:
        return False
    day, month, year = groups[:3]
    return (len(day) <= 2 and len(month) <= 2 and len(year) == 4 and 1 <= int(day) <= 31
            and 1 <= int(month) <= 12 and year[:2] in ("19", "20"))


def _phone_end(match: re.Match[str]) -> int | None:
    text, start, candidate = match.string, match.start(), match.group()
    international = candidate[0] == "+" or candidate.startswith("00")
    groups = [(group.end(), group.group()) for group in _DIGIT_GROUP.finditer(candidate)
              if not (international and candidate[group.start() - 1:group.end() + 1] == "(0)")]
    digits = [group for _, group in groups]
    if not international:
        if _looks_like_date(digits):
            return None
        after_number = start >= 2 and text[start - 2] in "0123456789" and text[start - 1] in _SPACES
        if after_number and all(len(group) == 3 for group in digits):  # 1 050 000 000: thousands
            return None
    low, high = (8, 15) if international else (7, 12)
    prefix = 2 if candidate.startswith("00") else 0
    for count in range(len(groups), 0, -1):  # the longest run of groups that is a valid number
        length = sum(len(group) for group in digits[:count]) - prefix
        if low <= length <= high:
            return start + groups[count - 1][0]
    return None


def find_phones(text: str) -> Iterator[Finding]:
    return _findings("phone", _PHONE, text, _phone_end)


DETECTORS: tuple[Detector, ...] = (find_emails, find_henkilotunnus, find_personnummer, find_phones)

_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")


def _ascii_digits(text: str) -> str:
    """The text with every decimal digit in ASCII; one character for one, so offsets still hold."""
    if text.isascii():
        return text
    return _NON_ASCII_DIGIT.sub(lambda match: str(int(match.group())), text)


def _merge(ranked: list[tuple[int, Finding]]) -> list[Finding]:
    """Overlapping findings become one, spanning them all, of the earliest detector's kind."""
    merged: list[tuple[int, Finding]] = []
    for rank, finding in sorted(ranked, key=lambda item: (item[1].start, -item[1].end, item[0])):
        if merged and finding.start < merged[-1][1].end:
            last_rank, last = merged[-1]
            best_rank, kind = min((last_rank, last.kind), (rank, finding.kind))
            merged[-1] = (best_rank, Finding(kind, last.start, max(last.end, finding.end)))
        else:
            merged.append((rank, finding))
    return [finding for _, finding in merged]


def screen(text: str, *, detectors: Sequence[Detector] = DETECTORS) -> Screened:
    """Find personal data in ``text`` and mask each finding with its placeholder."""
    if not isinstance(text, str):
        raise TypeError(f"screen() needs a str, not {type(text).__name__}")
    normalised = _ascii_digits(text)
    findings = _merge([(rank, finding) for rank, detector in enumerate(detectors)
                       for finding in detector(normalised)])
    parts, position = [], 0
    for finding in findings:
        parts += [text[position:finding.start], placeholder(finding.kind)]
        position = finding.end
    parts.append(text[position:])
    return Screened("".join(parts), tuple(findings))


def mask(text: str) -> str:
    """``text`` with every finding replaced by its placeholder."""
    return screen(text).text


def contains_personal_data(text: str) -> bool:
    return screen(text).flagged
