"""The learned name tagger of the Actors stage: tokens, features, BIO decoding, the shipped
Indonesian model, and how the stage combines it with its rules. Sentences written for these tests."""

from __future__ import annotations

import pytest

from warta.records import Document, Mention
from warta.stages.actor_lexicon import Lexicon
from warta.stages.actor_tagger import (
    NameTagger,
    TaggedName,
    lexicon_marks,
    sentence_features,
    spans_from_tags,
    tokenize,
)
from warta.stages.actors import Actors


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon("id")


@pytest.fixture(scope="module")
def tagger() -> NameTagger:
    return NameTagger("id")


def words(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_tokens_of_running_and_tokenised_text_are_the_same_words():
    running = "Jakarta, CNN Indonesia--Jokowi-Kalla (Ma'ruf) menang."
    tokenised = "Jakarta , CNN Indonesia - - Jokowi-Kalla ( Ma'ruf ) menang ."
    assert words(running, tokenize(running)) == words(tokenised, tokenize(tokenised))
    assert "Jokowi-Kalla" in words(running, tokenize(running))
    text = "a. Budi b."
    assert words(text, tokenize(text, 3, 7)) == ["Budi"]


def test_bio_tags_become_name_spans():
    text = "kata Joko Widodo di Partai Golkar"
    tokens = tokenize(text)
    tags = ["O", "B-PER", "I-PER", "O", "B-ORG", "I-ORG"]
    assert spans_from_tags(tokens, tags) == [TaggedName(5, 16, "PER"), TaggedName(20, 33, "ORG")]
    # A stray I- starts a name; a change of label ends one.
    assert spans_from_tags(tokens, ["I-PER", "I-ORG", "O", "O", "O", "B-LOC"]) == [
        TaggedName(0, 4, "PER"),
        TaggedName(5, 9, "ORG"),
        TaggedName(27, 33, "LOC"),
    ]


def test_features_carry_the_actor_lexicon(lex):
    text = "Presiden Azerbaijan Ilham Aliyev bertemu wartawan Reuters pada Senin"
    tokens = tokenize(text)
    marks = lexicon_marks(text, tokens, lex.scan(text), lex)
    by_word = dict(zip(words(text, tokens), marks, strict=True))
    assert by_word["Presiden"] == "B-title.office"
    assert by_word["Azerbaijan"] == "B-state"
    assert by_word["Reuters"] == "B-media"
    assert by_word["Senin"] == "nonname"
    assert by_word["bertemu"] == ""
    feats = sentence_features(text, tokens, marks)
    assert len(feats) == len(tokens)
    assert {"w=ilham", "sh=Xx", "cap", "w-1=azerbaijan", "lx-1=B-state"} <= set(feats[2])
    assert "first" in feats[0] and "first" not in feats[1]


def test_the_model_opens_on_first_use_only(tagger, lex):
    fresh = NameTagger("id")
    assert fresh._tagger is None
    fresh.tag("Budi pergi.", [], lex.scan("Budi pergi."), lex)
    assert fresh._tagger is not None
    assert NameTagger.available("id")
    assert not NameTagger.available("zz")
    assert NameTagger("zz").tag("Budi pergi.", [], [], lex).names == []


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Ketua umum partai itu , Sutrisno Wibowo , membantah tuduhan tersebut .", "Sutrisno Wibowo", "PER"),
        (
            "Hal itu disampaikan Bambang Sulistyo kepada wartawan di Jakarta, Selasa.",
            "Bambang Sulistyo",
            "PER",
        ),
        ("Partai Amanat Nasional menolak usulan itu dalam rapat kemarin.", "Partai Amanat Nasional", "ORG"),
    ],
)
def test_the_shipped_model_finds_names(tagger, lex, text, name, label):
    first = text.index(name)
    tagging = tagger.tag(text, [(0, len(text))], lex.scan(text), lex, [first])
    assert (name, label) in {(text[n.start : n.end], n.label) for n in tagging.names}
    assert list(tagging.person) == [first]
    assert (tagging.person[first] > 0.5) == (label == "PER")


def run(stage: Actors, text: str, mentions: list[Mention] | None = None) -> Document:
    return stage(Document(text=text, language="id", sentences=[(0, len(text))], mentions=mentions or []))


def test_stage_takes_untitled_names_from_the_tagger_and_drops_unexplained_acronyms():
    text = "Menurut Sutrisno Wibowo , rapat KUKM tahun ini membahas RUU itu ."
    tagged = run(Actors(), text)
    assert [(a.name, a.kind) for a in tagged.actors] == [("Sutrisno Wibowo", "person")]
    rules = run(Actors(use_tagger=False), text)
    assert {a.name for a in rules.actors} >= {"KUKM", "RUU"}  # the bare-acronym rule


def test_tagger_cuts_a_run_of_capitals_where_a_person_starts():
    # The rules read one organisation "Fraksi Partai Demokrat Saan Mustopa"; the tagger
    # separates the party from the person.
    text = "Anggota Komisi III dari Fraksi Partai Demokrat Saan Mustopa mengatakan hal itu ."
    names = {(a.name, a.kind) for a in run(Actors(), text).actors}
    assert ("Saan Mustopa", "person") in names
    assert not any("Mustopa" in n and k != "person" for n, k in names)


def test_a_place_read_from_context_is_never_a_tagged_person():
    text = "Pasukan itu merebut desa Chaxirli dan Mehdili pada pagi hari ."
    at = text.index("Chaxirli")
    place = Mention((at, at + 8), "Chaxirli", "PLACE", "p1")
    doc = run(Actors(), text, [place])
    assert not [a for a in doc.actors if a.kind == "person" and "Chaxirli" in a.name]
