"""Preparing free-text answers for analysis: screen, identify the language, tokenise, lemmatise.

    >>> from analysis.text import prepare
    >>> [p.lemmas for p in prepare(["Kiusaamista koulussa", "Mobbning i skolan"])]
    [('kiusaaminen', 'koulu'), ('mobbning', 'skola')]

Each answer goes through these steps, in this order, and the same input always gives the same
output:

1. Unicode NFC normalisation (``ä`` typed as ``a`` + combining diaeresis becomes one character).
2. Personal-data screening with :func:`analysis.screening.mask`, *before anything else reads the
   text*: everything downstream (tokens, lemmas, theme labels, quotes) sees only the screened
   text. The placeholders (``[email]``, ``[phone]``, ...) stay in ``screened`` for quoting but
   are not tokens.
3. Language identification among the candidate ``languages`` as ``simplemma.langdetect`` does
   it (the share of an answer's words that each language's dictionary knows; cached here). The confidence is
   the margin between the best and the second-best language, from 0 to 1. Below
   ``min_confidence`` (a one-word answer known in two languages, "ok", a number) the language
   is taken, among the languages that tied for best, from the answer's hint (e.g. the export's
   ``language`` column), else from ``default``, else from the most common confidently detected
   language in the batch; ``language_source`` says which.
4. Tokenisation (runs of letters, with inner hyphens and apostrophes: ``koulu-asiat``,
   ``don't``), lower-casing, lemmatisation with simplemma in the answer's language, and removal
   of function words (:data:`STOP_WORDS`: pronouns, auxiliaries, conjunctions, prepositions,
   particles). Domain words (``koulu``, ``skola``, ``teacher``) are kept. A word is removed when
   either its written form or its lemma is a stop word, so ``skulle`` (lemmatised to ``skola``)
   goes while ``skolan`` stays.

simplemma's dictionaries are loaded on first use (about a second per language) with its
low-memory backend by default (some 70 MB for Finnish instead of about 450 MB).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.screening import KINDS, mask, placeholder

__all__ = [
    "STOP_WORDS", "PreparedText", "detect_language", "prepare", "tokenize", "without_placeholders",
]

DEFAULT_LANGUAGES = ("fi", "sv", "en")

_PLACEHOLDERS = re.compile("|".join(re.escape(placeholder(kind)) for kind in KINDS))
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

# Function words only: no domain words (school, child, teacher, absence stay). Written forms
# and lemmas both, so the lists work whatever simplemma makes of a form.
_FI = """
minä minun minua minut minulle minulla minulta minusta minuun minussa mä mun mua mulle mulla
multa musta sinä sinun sinua sinut sinulle sinulla sinulta sinusta sä sun sua sulle sulla hän
hänen häntä hänet hänelle hänellä häneltä hänestä häneen hänessä me meidän meitä meidät meille
meillä meiltä meistä meihin meissä te teidän teitä teidät teille teillä teiltä teistä he heidän
heitä heidät heille heillä heiltä heistä heihin heissä se sen sitä siihen siinä siitä sille
sillä siltä ne niiden niitä niihin niissä niistä niille niillä niiltä tämä tämän tätä tähän
tässä tästä tälle tällä tältä nämä näiden näitä näihin näissä näistä näille näillä tuo tuon
tuota tuohon tuossa tuosta nuo noiden noita joka jonka jota johon jossa josta jolle jolla jolta
jotka joiden joita joihin joissa joista joille joilla mikä minkä mitä mihin missä mistä mille
millä miltä mitkä kuka kenen ketä kenelle kenellä keneltä kenestä ketkä itse itseään itsensä oma
oman omaa omat omia jokin jonkin jotain jotakin johonkin jossain jossakin jostain joku jonkun
jotkut mikään minkään mitään kukaan kenenkään kaikki kaiken kaikkea kaikkia kaikkien kaikille
kaikilla jokainen jokaisen jokaista muu muun muuta muut muiden muita moni monet monta monen
monia usea useat useampi kumpi kumpikin molemmat sama saman samaa samat toinen toisen toista
toiset olla olen olet on olemme olette ovat oli olin olit olimme olitte olivat olisi olisin
olisit olisimme olisitte olisivat ollut olleet ole olleen ollen olevan oleva olevat ei en et
emme ette eivät eikä enkä etkä emmekä ettekä eivätkä älä älkää voida voi voin voit voimme voitte
voivat voisi voisin voisivat voinut voineet täytyy täytyisi pitäisi kannattaa ja tai sekä mutta
vaan että jotta jos kun koska vaikka kuin eli siis joten ettei jollei mikäli kunnes myös vain
vielä jo nyt sitten niin näin noin aina usein joskus koskaan ehkä kyllä ihan aivan hyvin todella
tosi erittäin melko hieman vähän paljon enemmän vähemmän liian juuri vasta taas edes jopa lähes
melkein kuten lisäksi kuitenkin silti toki tietysti varmaan varmasti oikeastaan lähinnä yleensä
esim esimerkiksi yms jne mm ns tms mukaan kanssa ilman kautta takia vuoksi jälkeen ennen aikana
asti saakka kohti luona luota lähellä yli ali alla päällä sisällä ulkona kesken välillä vastaan
puolesta sijaan ohella osalta suhteen mielestä siten täten tällöin silloin nykyään tänään eilen
huomena heti pian kohta enää yhä jälleen mitenkään miten miksi milloin kuinka paljonko missään
mistään mihinkään täällä siellä tuolla tänne sinne tuonne täältä sieltä tuolta jotenkin muuten
muutenkin kai kait vai no joo juu ok okei niinku niinkuin tota yksi yhden yhtä kaksi kolme
""".split()

_SV = """
jag mig min mitt mina du dig din ditt dina han honom hans hon henne hennes den det dess vi oss
vår vårt våra ni er ert era de dem deras sig sin sitt sina man en ett denna detta dessa dom
vilken vilket vilka vem vems vad var vart varför hur när där här dit hit därifrån härifrån som
att och eller men utan så då nu om än för fast trots medan innan tills sedan eftersom därför
både varken antingen samt respektive dvs bl a t ex osv etc inte ej icke aldrig alltid ofta
ibland kanske nog väl ju dock ändå också även bara redan ännu fortfarande mycket lite mer mest
mindre minst väldigt väldig ganska helt jätte rätt riktigt särskilt speciellt nästan knappt just
precis alls all alla allt ingen inget inga någon något några annan annat andra samma varje
vardera själv själva sådan sådant sådana vara är varit vore blir bli blev blivit ha har hade
haft kan kunna kunde kunnat ska skall skulle skolat vill vilja ville velat måste får få fick
fått bör borde lär brukar i på av till från med mot vid hos under över efter före mellan genom
utom bland kring runt enligt inom utanför ovanför bakom framför bredvid per via åt ur emot
angående gällande beträffande förutom inklusive ja nej jo okej ok typ liksom alltså ens heller
likaså dessutom däremot således därmed härmed idag igår imorgon snart strax genast sen numera
""".split()

_EN = """
a an the and or but nor so yet if then else when while because as since though although unless
until whether of at by for with about against between into through during before after above
below to from up down in out on off over under again further once here there where why how all
any both each few more most other some such no not only own same than too very can cannot could
will would shall should may might must ought i me my mine myself we us our ours ourselves you
your yours yourself yourselves he him his himself she her hers herself it its itself they them
their theirs themselves what which who whom whose this that these those am is are was were be
been being have has had having do does did doing don't doesn't didn't isn't aren't wasn't
weren't haven't hasn't hadn't won't wouldn't can't couldn't shouldn't mustn't i'm i've i'd i'll
you're you've you'd you'll he's she's it's we're we've we'd we'll they're they've they'd they'll
that's there's what's let's also just really quite rather much many lot lots little less least
even still already always never often sometimes ever perhaps maybe probably almost around per
via etc e.g i.e eg ie yes ok okay well however therefore thus hence anyway otherwise instead
besides moreover furthermore within without upon onto toward towards across along among amongst
beside beyond despite except inside outside near next throughout unto whereas wherever whenever
whatever whoever whichever anybody anyone anything anywhere everybody everyone everything
everywhere nobody none nothing nowhere somebody someone something somewhere one ones another
every either neither several enough now today yesterday tomorrow soon
""".split()

STOP_WORDS: dict[str, frozenset[str]] = {
    "fi": frozenset(_FI), "sv": frozenset(_SV), "en": frozenset(_EN),
}
"""Function words per language, removed from ``lemmas``; extend by passing ``stop_words``."""


@dataclass(frozen=True, slots=True)
class PreparedText:
    """One answer, ready for analysis. ``original`` may hold personal data: never show it."""

    original: str = field(repr=False)
    screened: str
    """The NFC-normalised text with personal data masked: the only text to quote."""
    language: str
    confidence: float
    """Margin of the best language over the second best (0 to 1) in the detection."""
    tokens: tuple[str, ...]
    """Lower-cased words of the screened text, in order, function words included."""
    lemmas: tuple[str, ...]
    """Lower-cased lemmas of the content words, in order (function words removed)."""
    language_source: str = "detected"
    """``detected``, or the fallback that decided: ``hint``, ``default`` or ``batch``."""


def without_placeholders(text: str) -> str:
    """``text`` with the screening placeholders (``[email]``, ``[phone]``, ...) made spaces."""
    return _PLACEHOLDERS.sub(" ", text)


def tokenize(text: str) -> list[str]:
    """Lower-cased words of ``text``, without numbers, punctuation or screening placeholders."""
    return [match.group().lower() for match in _WORD.finditer(without_placeholders(text))]


def detect_language(text: str, languages: Sequence[str] = DEFAULT_LANGUAGES, *,
                    low_memory: bool = True) -> tuple[list[str], float]:
    """The best languages for ``text`` (several on a tie, none if no word is known), and the
    margin of the best over the second best (0 to 1).

    The same as ``simplemma.langdetect`` (the share of sampled words each language's dictionary
    and rules know; a tie is broken with a relaxed sampler), but word look-ups are cached across
    answers, which makes a batch several times faster with the low-memory dictionaries.
    """
    scores: dict[str, float] = {}
    for detector in _detectors(tuple(languages), low_memory):
        scores = detector.proportion_in_each_language(text)
        ranked = sorted((score for language, score in scores.items() if language != "unk"),
                        reverse=True)
        if len(ranked) < 2 or ranked[0] != ranked[1]:
            break
    ranked = sorted((scores.get(language, 0.0) for language in languages), reverse=True)
    best = ranked[0]
    if best <= 0:
        return [], 0.0
    second = ranked[1] if len(ranked) > 1 else 0.0
    return [language for language in languages if scores.get(language, 0.0) == best], best - second


@lru_cache(maxsize=8)
def _detectors(languages: tuple[str, ...], low_memory: bool) -> tuple:
    """simplemma's language detectors (strict, then relaxed sampling) sharing a cached strategy."""
    from simplemma import LanguageDetector, MostCommonTokenSampler, RelaxedMostCommonTokenSampler
    from simplemma.strategies import DefaultStrategy, LemmatizationStrategy

    cached = lru_cache(maxsize=500_000)(DefaultStrategy(low_memory=low_memory).get_lemma)

    class CachedStrategy(LemmatizationStrategy):
        def get_lemma(self, token: str, lang: str) -> str | None:
            return cached(token, lang)

    strategy = CachedStrategy()
    return (LanguageDetector(languages, MostCommonTokenSampler(), strategy),
            LanguageDetector(languages, RelaxedMostCommonTokenSampler(), strategy))


@lru_cache(maxsize=200_000)
def _lemma(token: str, language: str, low_memory: bool) -> str:
    from simplemma import lemmatize

    return lemmatize(token, lang=language, low_memory=low_memory).lower()


def _content_lemmas(tokens: Iterable[str], language: str, stop_words: frozenset[str],
                    low_memory: bool) -> tuple[str, ...]:
    lemmas = []
    for token in tokens:
        if token in stop_words or len(token) < 2:
            continue
        lemma = _lemma(token, language, low_memory)
        if lemma not in stop_words and len(lemma) >= 2:
            lemmas.append(lemma)
    return tuple(lemmas)


def prepare(texts: Iterable[str], languages: Sequence[str] = DEFAULT_LANGUAGES, *,
            hints: Sequence[str | None] | None = None, default: str | None = None,
            min_confidence: float = 0.2, stop_words: dict[str, Iterable[str]] | None = None,
            low_memory: bool = True) -> list[PreparedText]:
    """Screen, identify the language of, tokenise and lemmatise each answer (see the module doc).

    ``languages`` are the candidates (simplemma codes; the first is the last resort). ``hints``
    gives one language (or None) per answer, e.g. the language the respondent chose in the
    survey; ``default`` applies to every answer. ``stop_words`` adds words per language.
    """
    texts = list(texts)
    languages = tuple(languages)
    if not languages:
        raise ValueError("prepare() needs at least one candidate language")
    if hints is not None and len(hints) != len(texts):
        raise ValueError(f"{len(hints)} hints for {len(texts)} texts")
    if default is not None and default not in languages:
        raise ValueError(f"default language {default!r} is not among {languages}")
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"prepare() needs str answers, not {type(text).__name__}")
    extra = stop_words or {}
    stops = {language: STOP_WORDS.get(language, frozenset()) | frozenset(extra.get(language, ()))
             for language in languages}

    screened = [mask(unicodedata.normalize("NFC", text)) for text in texts]
    detections = [detect_language(without_placeholders(text), languages, low_memory=low_memory)
                  for text in screened]
    confident = Counter(best[0] for best, confidence in detections
                        if len(best) == 1 and confidence >= min_confidence)
    batch_order = sorted(languages, key=lambda lang: (-confident[lang], languages.index(lang)))

    prepared = []
    for index, (text, clean, (best, confidence)) in enumerate(zip(texts, screened, detections)):
        if len(best) == 1 and confidence >= min_confidence:
            language, source = best[0], "detected"
        else:
            candidates = best or list(languages)
            hint = hints[index] if hints is not None else None
            if hint in candidates:
                language, source = hint, "hint"
            elif default in candidates:
                language, source = default, "default"
            else:
                language, source = next(lang for lang in batch_order if lang in candidates), "batch"
        tokens = tuple(tokenize(clean))
        prepared.append(PreparedText(
            original=text, screened=clean, language=language, confidence=round(confidence, 4),
            tokens=tokens, lemmas=_content_lemmas(tokens, language, stops[language], low_memory),
            language_source=source,
        ))
    return prepared
