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

- ``[name]``: personal names, each word of a name masked on its own ("[name] [name] soitti").
  A word is a name when the lists in ``analysis/data/names/`` hold it (given names and surnames
  common in Finland and Sweden, English ones and those of the larger immigrant languages, with
  Finnish case endings and clitics stripped: *Eetulle*, *Virtaselle*, *Laineen*, *Matillekin*,
  *Ahmedin*, and genitives *Ellas*, *Liam's*) and it is capitalised, or when its context says so
  whether or not a list holds it: after a role or kinship word (*poikani*, *opettaja*, *kuraattori*,
  *min dotter*, *läraren*, *my son*, *Mrs*, ...), after "nimeni on", "heter", "called", before a role
  word in the genitive (*Matin äiti*, *Ellas mamma*), before an age (*Leo (8v)*), or beside another
  name (*Matti Virtanen*, *Aino ja Eetu*). Names that are also words (*Toivo*/"toivon", *Usko*,
  *Anna*/"annan", *Hans*, *Will*) count only away from the start of a sentence or with context;
  names that are also places or services (*Lahti*, *Salo*, *Wilma*, *May*) only with context;
  *Kela*, *Helsinki*, *Monday* and the like never. In a text without capitals, common given names
  are found in lower case too. The lists are read once, on first use.

Digits in other scripts (Arabic-Indic, Persian, full-width, ...) are read as digits.

Names are found by list and rule, not understood: a rare name written without context ("Tänään
Zyxwv ei jaksa"), a name at the start of a sentence that is also a common word ("Toivo ei halua"),
names in scripts without capitals (Arabic, Persian) or in Cyrillic, and nicknames are missed; a
capitalised word after a role word is masked even if it is not a name. Nor are places, street
addresses, obfuscated addresses (``jussi at koulu dot fi``), numbers split by dots or slashes, other
countries' identity numbers, or anything that identifies a family only in context ("the only
Somali-speaking family in class 4B") detected. Screening lowers the risk; it does not make free
text anonymous. It errs towards masking: a list of numbers that starts with 0 and is grouped like a
phone number ("05 10 15 20") is masked as one.

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
from pathlib import Path

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

KINDS = ("email", "henkilotunnus", "personnummer", "phone", "name")


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



# Personal names. Free text names people the way parents, pupils and staff write: "Poikani Eetu",
# "opettaja Virtasen kanssa", "Matin äiti", "min dotter Ella", "Mrs Smith", "Leo (8v)". A word is a
# name when the name lists in analysis/data/names/ hold it (Finnish case endings stripped) and its
# place in the sentence says so, or when its context does (a role or kinship word before it, a role
# word after it, an age after it), whether or not a list holds it. The lists are read on first use.
_NAME_DATA = Path(__file__).resolve().parent / "data" / "names"
_GIVEN, _SURNAME, _COMMON, _PROPER, _NEVER = 1, 2, 4, 8, 16
_NAMED = _GIVEN | _SURNAME

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")

# Finnish case endings (singular and the plural of a family, "Virtaset"), Swedish and English
# genitives; clitics (-kin, -han, ...) are stripped first. Longest first.
_CLITICS = ("kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö")
_ENDINGS = tuple(sorted({
    "n", "a", "ä", "ta", "tä", "tta", "ttä", "lle", "lla", "llä", "lta", "ltä", "ssa", "ssä",
    "sta", "stä", "ksi", "na", "nä", "t", "seen", "ineen", "ten", "en", "ille", "illa", "illä",
    "ilta", "iltä", "issa", "issä", "ista", "istä", "ihin", "ien", "s",
}, key=len, reverse=True))
_VOWELS = "aeiouyäöå"
_LOWER_CASE_ENDINGS = ("", "n", "lle", "lla", "llä", "lta", "ltä")

# Role and kinship words: a word after one of them ("poikani Eetu", "läraren Lindqvist", "my son
# Jack") or, in the genitive, before one ("Matin äiti") is a name. Short Finnish stems only begin a
# word (after an optional prefix); long ones may end a compound ("luokanopettajalle").
_ROLE_PREFIX = r"(?:iso|pikku|luokka|luokan|koulu|erityis|apulais|lähi|kummi|varhais|oma)?"
_ROLE = re.compile(
    r"[a-zåäö\-]{0,16}(?:opettaj|rehtor|kuraattor|psykolog|terveydenhoitaj|sosiaalityöntekij|"
    r"työntekij|ohjaaj|avustaj|lääkär|terapeut|valmentaj|kuraattor|sosiaaliohjaaj|"
    r"sairaanhoitaj|hoitaj)[a-zåäö]{0,9}"
    rf"|{_ROLE_PREFIX}(?:poika|poja|tytär|tyttär|tyttö|tytö|lapse|lapsi|veli|velje|sisko|sisar|"
    r"äiti|äidi|isä|mummo|mummi|mummu|ukki|vaari|pappa|setä|sedä|täti|tädi|eno|serkku|serku|"
    r"kaveri|ystävä|miehe|mieh|mies|vaimo|puoliso|exä|oppilas|oppilaa|herra|rouva|neiti|"
    r"esikoi|kuopus|kuopukse|vuotia|vuotias)[a-zåäö]{0,7}"
    r"|(?:min|mitt|vår|vårt|hans|hennes)?(?:son|sonen|sonens|dotter|dottern|dotterns|barnet|bror|"
    r"brodern|brorsan|lillebror|storebror|syster|systern|syrran|lillasyster|storasyster|mamma|"
    r"mamman|pappan|mormor|farmor|morfar|farfar|maken|frun|sambon|lärare|läraren|lärarinnan|"
    r"klassläraren|mentorn|specialläraren|rektor|rektorn|kurator|kuratorn|skolkuratorn|"
    r"psykologen|skolsköterskan|sköterskan|socialsekreteraren|socialsekreterare|handläggaren|"
    r"assistenten|elevassistenten|fröken|magistern|kompis|kompisen|vännen|kamraten|eleven|"
    r"flickan|pojken|killen|tjejen|herr|åring|åringen|åriga)"
    r"|(?:step|grand|god|class|play|school|head|best)?(?:son|daughter|child|kid|boy|girl|brother|"
    r"sister|husband|wife|partner|mum|mom|mother|dad|father|grandma|grandpa|granny|uncle|aunt|"
    r"cousin|friend|mate|teacher|principal|master|counsellor|counselor|nurse|psychologist|worker|"
    r"therapist|assistant|doctor|coach|pupil|student|mr|mrs|ms|miss|dr|sir|year-old)"
)
_NAMING = frozenset({"nimeltä", "nimeltään", "heter", "hette", "kallas", "kallades", "named", "called"})
_NAME_IS = frozenset({"nimeni", "nimensä", "nimi", "name", "namn", "namnet", "name's"})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "herr", "fru", "rouva", "herra", "neiti"})
_INSTITUTION = re.compile(r"(?:koulu|lukio|skola|school|päiväkoti|kirkko|sairaala|katu|tie)", re.I)
# An age after a word: "Leo (8v)", "Hugo (9 år)", "Lilja, 11 v", "Sophie (10)"; "2 vuotta" alone is a duration.
_AGE = re.compile(r"[ \u00a0]?\([ \u00a0]?[0-9]{1,2}[ \u00a0]?(?:v\.?|vuotta|-?vuotias|år|y|yrs?|years?)?[ \u00a0]?\)"
                  r"|,?[ \u00a0][0-9]{1,2}[ \u00a0]?(?:v\.?|-?vuotias|-?åring|y/o|yo)(?![^\W\d_])", re.I)
_SENTENCE_END = ".!?…:;\n\r\u2029"
_OPENING = "\"'“”‘’«»([{-–—•*>"
_AND = frozenset({"ja", "sekä", "tai", "och", "eller", "and", "or", "&"})


class _Lexicon:
    """The name lists as stems with flags, and a cache of what each word turned out to be."""

    def __init__(self) -> None:
        self.stems: dict[str, int] = {}
        self.flags: dict[str, int] = {}
        for file, flag in (("given.txt", _GIVEN), ("surnames.txt", _SURNAME), ("common.txt", _COMMON),
                           ("proper.txt", _PROPER), ("never.txt", _NEVER)):
            for line in (_NAME_DATA / file).read_text(encoding="utf-8").splitlines():
                name = line.strip()
                if name and not name.startswith("#"):
                    self.flags[name] = self.flags.get(name, 0) | flag
        for name, flag in self.flags.items():
            if flag & (_COMMON | _PROPER) and not flag & _NAMED:   # listed there as names
                self.flags[name] = flag = flag | _GIVEN
            if flag & _NEVER and flag & _NAMED:                    # Järvenpää: a town and a surname
                self.flags[name] = flag = flag | _PROPER
            if flag & (_NAMED | _NEVER):                           # "Kelan", "Helsingissä" too
                for stem in _stems(name, surname_only=not flag & _GIVEN):
                    self.stems[stem] = self.stems.get(stem, 0) | flag
        self.cache: dict[str, tuple[int, str]] = {}

    def lookup(self, word: str) -> tuple[int, str]:
        """The flags of a lower-case word and the ending stripped to find it ("" for none).

        (0, "") for a word that is no name. A clitic stripped shows as "+", after the ending.
        """
        found = self.cache.get(word)
        if found is None:
            found = self._lookup(word)
            if len(self.cache) > 100_000:
                self.cache.clear()
            self.cache[word] = found
        return found

    def _lookup(self, word: str) -> tuple[int, str]:
        flags = self.flags.get(word, 0)
        if flags & _NAMED or flags & _NEVER:
            return flags, ""
        for quote in ("'s", "\u2019s", "'", "\u2019"):
            if word.endswith(quote):
                flags = self.flags.get(word[:-len(quote)], 0)
                return (flags, "s") if flags & _NAMED else (0, "")
        forms = [(word, "")] + [(word[:-len(c)], "+") for c in _CLITICS
                                if word.endswith(c) and len(word) - len(c) >= 3]
        for form, clitic in forms:
            if clitic and form in self.stems:
                return self.stems[form], clitic
            for ending in _ENDINGS:
                if form.endswith(ending) and len(form) - len(ending) >= 3:
                    flags = self.stems.get(form[:-len(ending)], 0)
                    if flags:
                        return flags, ending + clitic
            # illative: Eetuun, Mattiin, Virtaseen, Ahmediin
            if len(form) >= 6 and form[-1] == "n" and form[-2] == form[-3] and form[-2] in _VOWELS:
                flags = self.stems.get(form[:-2], 0)
                if flags:
                    return flags, form[-2:] + clitic
        return 0, ""


def _weak(stem: str) -> set[str]:
    """Weak grades of a Finnish stem ending in a vowel: Matti > Mati-, Jukka > Juka-, Satu > Sadu-."""
    forms = set()
    if len(stem) >= 4 and stem[-1] in _VOWELS:
        body, last = stem[:-1], stem[-1]
        if body[-2:] in ("kk", "pp", "tt"):
            forms.add(body[:-1] + last)
        elif body.endswith("nk"):
            forms.add(body[:-2] + "ng" + last)
        elif body.endswith("ht") or (body[-1] == "t" and body[-2] in _VOWELS):
            forms.add(body[:-1] + "d" + last)
        elif body[-2:] in ("nt", "lt", "rt"):
            forms.add(body[:-1] + body[-2] + last)
    return forms


def _stems(name: str, *, surname_only: bool) -> set[str]:
    """The stems the Finnish case endings attach to: Virtanen > Virtase-, Virtas-; Laine > Lainee-."""
    stems = {name}
    if len(name) < 3:
        return stems
    if name.endswith("nen"):
        base = name[:-3]
        stems |= {base + "se", base + "s", base + "si"}
    elif name[-1] in _VOWELS:
        stems |= _weak(name)
        if name[-1] == "e":
            stems.add(name + "e")                                  # Laineen, Laineelle
            if name.endswith(("nne", "lle", "rre")):
                stems.add(name[:-3] + name[-3] + "tee")            # Rinne > Rinteen
        elif name[-1] == "i" and surname_only:                      # Niemi > Niemen, Lahti > Lahden
            stems |= {name[:-1] + "e"} | _weak(name[:-1] + "e")
            if name[-2] == "k" and name[-3] in _VOWELS:
                stems.add(name[:-2] + "e")                         # Mäki > Mäen
    else:
        stems.add(name + "i")                                      # Ahmedin, Johanssonille
        if name[-1] == "s" and name[-2] in _VOWELS:
            stems.add(name[:-1] + "kse")                           # Eliaksen, Markukselle
    return stems


_lexicon: _Lexicon | None = None


def _load_names() -> _Lexicon:
    global _lexicon
    if _lexicon is None:
        _lexicon = _Lexicon()
    return _lexicon


_ROLE_CACHE: dict[str, bool] = {}


def _is_role(word: str) -> bool:
    found = _ROLE_CACHE.get(word)
    if found is None:
        found = _ROLE.fullmatch(word) is not None
        if len(_ROLE_CACHE) > 100_000:
            _ROLE_CACHE.clear()
        _ROLE_CACHE[word] = found
    return found


def _sentence_initial(text: str, start: int) -> bool:
    position = start - 1
    while position >= 0 and (text[position] in " \t\u00a0" or text[position] in _OPENING):
        position -= 1
    return position < 0 or text[position] in _SENTENCE_END


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def find_names(text: str) -> Iterator[Finding]:
    lexicon = _load_names()
    tokens = [(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]
    if not tokens:
        return
    lower_case_text = text == text.lower()
    # Hyphenated words: "Anna-Maija" is one name, "Eetu-poika" a name and a role word.
    words: list[tuple[int, int, str, str]] = []   # start, end, word, lower-case word
    for start, end, word in tokens:
        if "-" in word and _capitalised(word):
            parts = word.split("-")
            if len(parts) == 2 and parts[1].islower() and _is_role(parts[1]):
                words.append((start, start + len(parts[0]), parts[0], parts[0].lower()))
                words.append((start + len(parts[0]) + 1, end, parts[1], parts[1]))
                continue
        words.append((start, end, word, word.lower()))

    count = len(words)
    info = []
    for start, end, word, lower in words:
        if "-" in lower:
            flags, ending = 0, ""
            for part in lower.split("-") if word.istitle() else ():   # not "Satu-tuokio"
                part_flags, part_ending = lexicon.lookup(part)
                if part_flags & _NAMED:
                    flags |= part_flags & (_NAMED | _PROPER)
                    ending = part_ending
                elif part_flags & _NEVER and not flags:
                    flags |= _NEVER
        else:
            flags, ending = lexicon.lookup(lower)
        info.append((flags, ending))

    def gap(left: int, right: int) -> str:
        return text[words[left][1]:words[right][0]]

    def after_role(i: int) -> bool:
        if i == 0:
            return False
        between, previous = gap(i - 1, i), words[i - 1][3]
        if previous in _TITLES and between.strip() in ("", "."):
            return True
        if between.strip() not in ("", ",", ":") or "\n" in between:
            return False
        if previous in _NAMING or _is_role(previous):
            return True
        return (previous in ("on", "is", "är") and i >= 2 and words[i - 2][3] in _NAME_IS
                and not gap(i - 2, i - 1).strip())

    def before_role(i: int) -> bool:
        return (i + 1 < count and not gap(i, i + 1).strip() and words[i + 1][3] == words[i + 1][2]
                and words[i + 1][3] not in _TITLES and _is_role(words[i + 1][3]))

    names = [False] * count
    for i, (start, end, word, lower) in enumerate(words):
        flags, ending = info[i]
        if flags & _NEVER and not flags & _NAMED:
            continue
        if not _capitalised(word):
            # In lower case only a given name that is no common word, after a role word ("poikani
            # eetu") or anywhere in a text without capitals; nominative or with a common ending.
            if (flags & _GIVEN and not flags & (_COMMON | _PROPER | _NEVER)
                    and ending in _LOWER_CASE_ENDINGS
                    and (after_role(i) or lower_case_text and len(lower) >= 4)):
                names[i] = True
            continue
        if len(lower) < 2:
            continue
        if after_role(i) or _AGE.match(text, end):
            names[i] = len(lower) >= 3 or bool(flags & _NAMED)
            continue
        if not flags & _NAMED:
            continue
        if flags & _PROPER:
            continue                           # only beside another name (below)
        if before_role(i) and not (flags & _COMMON and _sentence_initial(text, start)) and ending in ("", "n", "s"):
            names[i] = True
            continue
        institution = (i + 1 < count and gap(i, i + 1) in (" ", "\u00a0") and words[i + 1][3] == words[i + 1][2]
                       and _INSTITUTION.match(words[i + 1][3]) is not None)
        if institution and not flags & _GIVEN or institution and flags & _COMMON:
            continue                           # "Saaren koulu", "Niemen koulussa": a place
        if not flags & _COMMON or not _sentence_initial(text, start):
            names[i] = True

    # Beside a name: "Matti Virtanen", "Toivo Laine", "Anna-Maija Koskinen", "Aino ja Eetu".
    changed = True
    while changed:
        changed = False
        for i in range(count):
            if names[i] or not _capitalised(words[i][2]) or len(words[i][3]) < 3:
                continue
            flags = info[i][0]
            if flags & _NEVER and not flags & _NAMED:
                continue
            left = i > 0 and names[i - 1] and gap(i - 1, i) in (" ", "\u00a0")
            right = i + 1 < count and names[i + 1] and gap(i, i + 1) in (" ", "\u00a0")
            if left and (flags & _NAMED or not _sentence_initial(text, words[i][0]) and info[i - 1][0] & _GIVEN):
                names[i] = changed = True
            elif right and flags & _NAMED:
                names[i] = changed = True
            elif (flags & _NAMED and i + 2 < count and names[i + 2] and words[i + 1][3] in _AND
                  and not flags & _PROPER):
                names[i] = changed = True
    for i in range(count):
        if names[i]:
            yield Finding("name", words[i][0], words[i][1])


DETECTORS: tuple[Detector, ...] = (find_emails, find_henkilotunnus, find_personnummer, find_phones,
                                   find_names)

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
