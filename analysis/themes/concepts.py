"""A small Finnish-Swedish-English glossary of school-attendance concepts: a lexical bridge.

Words in different languages share no letters, so a purely lexical representation of pooled
fi/sv/en answers groups them by language: "kiusaaminen", "mobbning" and "bullying" are three
unrelated features. The glossary maps each to one shared concept (``bullying``), which the
lexical representation adds as a feature of its own. It covers the starting codebooks of the
domain brief (reasons for absence, barriers to cooperation) and the everyday words around them;
it translates nothing else, and it is no substitute for multilingual embeddings.

Patterns are matched against an answer's lemmas and written forms, lower-cased, whole word:
``kiusaa*`` is a prefix, ``*särky`` a compound head (``päänsärky``), ``*mobb*`` anywhere in the
word (``skolmobbning``, ``mobbad``), and a pattern without ``*`` the exact word. A word
may belong to several concepts. Extend it with :func:`merge`, or pass a mapping of your own in the
same shape (concept -> language -> patterns) as ``LexicalRepresentation(concepts=...)``.

The project's codebooks (``analysis/codebooks``, with ``analysis.codebook``'s coder) can serve as
the bridge instead: ``concepts="codebooks"`` makes every theme the coder finds in an answer a
concept. They hold more terms per theme and are the reviewed vocabulary, but the coder is much
slower (docs/benchmarks.md); this glossary stays the fast default.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from analysis.text import PreparedText

__all__ = [
    "ATTENDANCE", "CodebookConcepts", "Concepts", "GlossaryConcepts", "compile_concepts",
    "concept_source", "concepts_of", "merge",
]

Concepts = Mapping[str, Mapping[str, Iterable[str]]]
Compiled = dict[str, list[tuple[str, re.Pattern[str]]]]


def _g(fi: str, sv: str, en: str) -> dict[str, tuple[str, ...]]:
    return {"fi": tuple(fi.split()), "sv": tuple(sv.split()), "en": tuple(en.split())}


ATTENDANCE: dict[str, dict[str, tuple[str, ...]]] = {
    # Reasons for absence, and the words around them (school, child, teacher, absence).
    "bullying": _g(
        "kiusaa* kiusat* kiusas* *kiusaami* *kiusaaja* syrji* mobbau* nimittel* pilkka* pilkata "
        "haukku* haukkua tönii* yksinäi*",
        "*mobb* *kränk* utfrys* frysa trakass* reta retas retade retar retad ensam*",
        "bully bullying bullied bullies harass* tease teased teasing exclude excluded exclusion "
        "mock mocked mocking lonely loneliness",
    ),
    "illness": _g(
        "*sairau* *sairas* sairast* *kipu *kipe* *särky *särkyä kuume* flunssa *oire* "
        "pahoinvoi* oksen* lääkäri* *sairaala* *tauti migreeni vatsa yskä nuha",
        "*sjuk* *värk ont ond magont feber* förkyl* illamå* kräk* symtom* läkar* migrän mage "
        "hosta snuva",
        "ill illness* sick sickness* *ache aches pain pains painful fever* flu influenza "
        "symptom* nause* vomit* doctor* hospital hospitals hospitali* migraine* stomach* cough* "
        "disease*",
    ),
    "mental_health": _g(
        "ahdist* masenn* mieliala* *jännit* pelko pelot pelätä *paniik* mielenterv* *stressi* "
        "uupu* psyyk*",
        "ångest* oro oroa orolig* nedstämd* depress* *rädsl* rädd panik* psyk* *stress* "
        "utbränd* utmatt*",
        "anxi* depress* worry worried worries fear* afraid scared panic* mental* stress* mood "
        "burnout exhaust*",
    ),
    "learning": _g(
        "oppimisvaike* *oppimi* lukivaike* paine paineet *paineet koulupaine* suorituspaine* "
        "koe kokeet *läksy* kotitehtä* arvosan* tukiopetus erityisopet* keskitty* adhd",
        "inlärning* dyslexi* press pressa prov läxa* läxor betyg* stödundervisning "
        "specialpedagog* koncentr* adhd",
        "learning dyslexi* pressure* exam exams examination* homework* concentrat* adhd",
    ),
    "teacher": _g(
        "*opettaja* rehtori* ilmapiiri*",
        "*lärare* rektor* klimat skolklimat* *klimatet",
        "teacher* principal* atmosphere* climate",
    ),
    "family": _g(
        "*perhe* avioero* erota vanhemp* *huoltaja* toimeentulo* raha* sisaru* yksinhuolta*",
        "*familj* skilsmäss* skilja *förälder* föräldr* *vårdnadshavar* ekonomi* pengar "
        "syskon*",
        "family famil* divorc* separation separated parent* guardian* money financ* sibling*",
    ),
    "sleep_gaming": _g(
        "uni unet *unirytmi yöuni* univaike* nukku* nukahta* väsy* *rytmi pelaa* pelata peli* "
        "videopeli* tietokonepeli* mobiilipeli* ruutuaika* *puhelin* kännykkä* some",
        "sömn* sova sover *trött* dygnsrytm* spel spela spelar *spelande dataspel* tv-spel* "
        "mobilspel* spelberoende* *skärm* mobil* telefon*",
        "sleep* tired tire tiredness gaming game games gamer screen screens screentime phone* "
        "awake",
    ),
    "substances": _g(
        "päihde* *päihte* alkoholi* *huume* tupak* nuuska* kannabi*",
        "*drog* alkohol* narkotik* *snus* cannabis rök*",
        "drug* alcohol* substance* smok* cannabis vape vaping",
    ),
    "travel": _g(
        "koulumatka* *kuljetu* bussi* *taksi*",
        "skolskjuts* *buss *bussen *resväg*",
        "bus buses busses transport* commute* commuting",
    ),
    "holidays": _g(
        "loma lomamatka* lomailla lomailu* hiihtoloma* syysloma* kesäloma* talviloma* "
        "joululoma* matkustaa matkustaminen",
        "semester* *lov ledighet* resa",
        "holiday* vacation* trip trips",
    ),
    "absence": _g(
        "poissaol* *lintsa* pinnaa*",
        "frånvar* skolk*",
        "absen* truan* skipping",
    ),
    "school": _g(
        "*koulu*",
        "*skola *skolan skol*",
        "school*",
    ),
    "child": _g(
        "lapsi *lapse* oppila* nuori",
        "barn *barnet elev* ungdom*",
        "child* kid kids pupil* student* youth",
    ),
    # Barriers to cooperation.
    "guidelines": _g(
        "ohje *ohje ohjeet *ohjeet ohjeistu* toimintaohje* *toimintamalli* *käytäntö *linjau*",
        "*riktlinje* *anvisning* *rutin* *instruktion* *policy*",
        "guideline* instruction* procedure* protocol* policy policies",
    ),
    "unclear": _g(
        "epäselv* sekav* ristiriita* ristiriitai* *epämääräi*",
        "oklar* otydlig* motstrid* vag vaga vagt",
        "unclear inconsistent* vague* confusing contradictory",
    ),
    "finding": _g(
        "löytä* löytyä",
        "hitta* hittar",
        "find finding found",
    ),
    "confidentiality": _g(
        "salassapi* vaitiolo* *suostumu* lupa *tietosuoj* *salassa*",
        "sekretess* samtyck* tystnadsplikt* *integritet*",
        "confidential* consent* permission* privacy",
    ),
    "feedback": _g(
        "*palaute* *ilmoitu* *ilmoitus* ilmoittaa",
        "återkoppl* *anmäl*",
        "feedback* notification* notify notified report*",
    ),
    "welfare": _g(
        "*lastensuojelu* sosiaalityö* sosiaalitoimi* sosiaalipalvelu* perhetyö*",
        "*socialtjänst* socialsekreterare* socialarbetare* socialen socialförvaltning* "
        "barnavård*",
        "welfare",
    ),
    "cooperation": _g(
        "*yhteistyö* yhteisty*",
        "*samarbet* samverk*",
        "cooperat* co-operat* collaborat*",
    ),
    "individuals": _g(
        "henkilö henkilöt henkilöön *henkilösidonnai* yksittäi*",
        "person* enskild*",
        "individual* person*",
    ),
    "roles": _g(
        "*rooli* *odotu* *vastuu* vastuullinen",
        "roll roller förväntning* *ansvar*",
        "role roles expectation* expect* responsib*",
    ),
    "resources": _g(
        "kiire* *resurssi* henkilökun* *pula",
        "*resurs* tidsbrist *brist personal*",
        "resource* staff* shortage* busy understaffed",
    ),
    "communication": _g(
        "yhteydenot* yhteyttä yhteydenpito* tavoitta* soitt* *viestin* tulkk*",
        "kontakt* nå ringa ringer kommunik* tolk*",
        "contact* reach* call calls calling communicat* interpret*",
    ),
    "trust": _g(
        "luottamu* luotta* epäluottamu*",
        "förtroend* misstro* lita litar",
        "trust* distrust* mistrust*",
    ),
}
"""Concept -> language -> word patterns, from the starting codebooks of the domain brief."""


def merge(*glossaries: Concepts) -> dict[str, dict[str, tuple[str, ...]]]:
    """One glossary from several: the patterns of a concept in a language are joined."""
    merged: dict[str, dict[str, tuple[str, ...]]] = {}
    for glossary in glossaries:
        for concept, by_language in glossary.items():
            target = merged.setdefault(concept, {})
            for language, patterns in by_language.items():
                target[language] = tuple(dict.fromkeys((*target.get(language, ()), *patterns)))
    return merged


def compile_concepts(glossary: Concepts) -> Compiled:
    """Language -> [(concept, one regular expression for all its patterns)]."""
    compiled: Compiled = {}
    for concept, by_language in glossary.items():
        for language, patterns in by_language.items():
            parts = [".*".join(re.escape(piece) for piece in pattern.lower().split("*"))
                     for pattern in patterns]
            if parts:
                compiled.setdefault(language, []).append((concept, re.compile("|".join(parts))))
    return compiled


@lru_cache(maxsize=8)
def _compiled_attendance() -> Compiled:
    return compile_concepts(ATTENDANCE)


def concepts_of(words: Iterable[str], language: str,
                compiled: Compiled | None = None) -> list[str]:
    """The concepts that ``words`` (lemmas and forms of one answer) mention, in glossary order."""
    patterns = (compiled if compiled is not None else _compiled_attendance()).get(language, [])
    words = set(words)
    return [concept for concept, pattern in patterns
            if any(pattern.fullmatch(word) for word in words)]


class GlossaryConcepts:
    """Concepts of prepared answers from a glossary (concept -> language -> patterns)."""

    def __init__(self, glossary: Concepts) -> None:
        self.compiled = compile_concepts(glossary)

    def __call__(self, documents: Sequence[PreparedText]) -> list[list[str]]:
        return [concepts_of((*document.lemmas, *document.tokens), document.language,
                            self.compiled) for document in documents]


class CodebookConcepts:
    """Concepts of prepared answers from codebooks (:mod:`analysis.codebook`): each theme a
    codebook's :class:`~analysis.codebook.CodebookCoder` finds in an answer is a concept
    (``codebook_id:theme_id``). The coder reads the screened text in the answer's language."""

    def __init__(self, codebooks: Sequence[str]) -> None:
        import pandas as pd

        from analysis.codebook import CodebookCoder

        empty = pd.DataFrame({"text": pd.Series([], dtype=object),
                              "language": pd.Series([], dtype=object)})
        self.coders = [CodebookCoder(codebook=codebook, text_column="text",
                                     language_column="language").fit(empty)
                       for codebook in codebooks]

    def __call__(self, documents: Sequence[PreparedText]) -> list[list[str]]:
        import pandas as pd

        frame = pd.DataFrame({"text": [document.screened for document in documents],
                              "language": [document.language for document in documents]},
                             dtype=object)
        concepts: list[list[str]] = [[] for _ in documents]
        for coder in self.coders:
            codes = coder.transform(frame).to_numpy()
            names = [f"{coder.codebook_.id}:{theme}" for theme in coder.codebook_.theme_ids]
            for row, coded in zip(concepts, codes):
                row.extend(name for name, hit in zip(names, coded) if hit)
        return concepts


def concept_source(spec: str | Concepts | Sequence[str] | None):
    """What ``LexicalRepresentation(concepts=spec)`` uses: None, or a callable from prepared
    answers to their concepts. ``"attendance"``: :data:`ATTENDANCE`; ``"codebooks"``: every
    shipped codebook; a sequence of codebook names or paths; or a glossary mapping."""
    if spec is None:
        return None
    if spec == "attendance":
        return GlossaryConcepts(ATTENDANCE)
    if isinstance(spec, Mapping):
        return GlossaryConcepts(spec)
    if spec == "codebooks":
        from analysis.codebook import available_codebooks

        return CodebookConcepts(available_codebooks())
    if isinstance(spec, Sequence) and not isinstance(spec, str) and spec:
        return CodebookConcepts(list(spec))
    raise ValueError("concepts must be 'attendance', 'codebooks', codebook names, a glossary "
                     f"mapping or None, not {spec!r}")
