"""The learned name tagger of the Actors stage: tokens, features, BIO decoding, the shipped
Indonesian model, and how the stage combines it with its rules. Sentences written for these tests."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest

from warta.records import Document, Mention, Place
from warta.stages.actor_document import DocumentActors, Patterns
from warta.stages.actor_lexicon import Lexicon
from warta.stages.actor_tagger import (
    NameTagger,
    PlaceNames,
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


# Sentences as news prints them: a dateline, quotes, brackets, hyphenated pairs, acronyms,
# numbers, a place, a one-word and a two-word sentence.
REAL_LOOKING = [
    'JAKARTA , KOMPAS.com - Ketua DPR Bambang Soesatyo mengatakan , "kami menolak" usulan itu .',
    "Pasangan Jokowi-Ma'ruf unggul di Jawa Tengah (Jateng) dengan 77 persen suara pada 17 April 2019 .",
    "Partai Persatuan Pembangunan (PPP) dan PKB bertemu di Surabaya , Senin ( 4/2 ) .",
    "Presiden Azerbaijan, Ilham Aliyev, menolak tawaran Rusia: 'tidak ada perundingan'.",
    "Namun dia tidak datang .",
    "Ya",
    "Kata Budi",
]


@pytest.fixture(scope="module")
def places() -> PlaceNames:
    return PlaceNames()


def crfsuite_reading(tagger, lex, places, text):
    """What CRFsuite itself makes of the whole text as one sentence, from the reference
    features: the best tags and the marginal probability of each label at each token."""
    import pycrfsuite

    tokens = tokenize(text)
    marks = lexicon_marks(text, tokens, lex.scan(text), lex)
    crf = pycrfsuite.Tagger()
    crf.open(str(resources.files("warta.models").joinpath("names-id.crfsuite")))
    tags = crf.tag(sentence_features(text, tokens, marks, places.marks(text, tokens)))
    marginals = [{label: crf.marginal(label, i) for label in crf.labels()} for i in range(len(tokens))]
    return tokens, tags, marginals


def whole_sentence_tagger() -> NameTagger:
    whole = NameTagger("id")
    whole.WINDOW_MARGIN = 10_000
    return whole


def test_the_tagger_reads_what_crfsuite_reads(lex, places):
    # The summed weights, the batched Viterbi and forward-backward give CRFsuite's own
    # tags and probabilities, token by token, whatever the sentence looks like.
    tagger = whole_sentence_tagger()
    for text in REAL_LOOKING:
        tokens, tags, marginals = crfsuite_reading(tagger, lex, places, text)
        got = tagger.tag(text, [(0, len(text))], lex.scan(text), lex, [s for s, _ in tokens])
        assert got.names == spans_from_tags(tokens, tags), text
        for (s, _), probs in zip(tokens, marginals, strict=True):
            assert got.person[s] == pytest.approx(probs["B-PER"] + probs["I-PER"], abs=1e-4), text


def test_sentences_are_tagged_apart(lex):
    tagger = whole_sentence_tagger()
    one, two = REAL_LOOKING[0], REAL_LOOKING[2]
    text = one + " " + two
    both = tagger.tag(text, [(0, len(one)), (len(one) + 1, len(text))], lex.scan(text), lex).names
    first = tagger.tag(one, [(0, len(one))], lex.scan(one), lex).names
    second = tagger.tag(two, [(0, len(two))], lex.scan(two), lex).names
    shift = len(one) + 1
    assert both == first + [TaggedName(n.start + shift, n.end + shift, n.label) for n in second]


def test_the_word_table_is_bounded(lex):
    tagger = NameTagger("id")
    text = REAL_LOOKING[2]
    expected = tagger.tag(text, [], lex.scan(text), lex).names
    tagger._scores.MAX_WORDS = 12
    for other in REAL_LOOKING:
        tagger.tag(other, [], lex.scan(other), lex)
        assert len(tagger._scores.word_ids) <= 12 + len(tokenize(other))
    assert tagger.tag(text, [], lex.scan(text), lex).names == expected


def test_only_the_words_around_capitalised_words_are_tagged(tagger, lex):
    def windows(text, wanted=()):
        tokens = tokenize(text)
        tagger.tag("Budi pergi .", [], [], lex)  # opens the model
        doc = tagger._scores.document(text, [(0, len(text))], lex.scan(text), lex)
        chosen = np.zeros(len(tokens), dtype=bool)
        chosen[list(wanted)] = True
        lo, hi = tagger.windows(doc, chosen)
        return [" ".join(words(text, tokens[a:b])) for a, b in zip(lo, hi, strict=True)]

    assert tagger.WINDOW_MARGIN == 4
    assert windows("Namun dia tidak datang .") == []  # a function word starting a sentence
    assert windows("ketika itu hujan turun .") == []
    assert windows("ketika itu hujan turun .", wanted=[2]) == ["ketika itu hujan turun ."]
    assert windows("Fahri mengatakan hal itu .") == ["Fahri mengatakan hal itu ."]  # a name may start one
    text = "Namun dia bertemu Budi di rumah yang besar dan indah sekali sebelum pergi ke Bandung ."
    assert windows(text) == [
        "Namun dia bertemu Budi di rumah yang besar",
        "sekali sebelum pergi ke Bandung .",
    ]
    # Windows that touch are one.
    assert windows("a b c Budi d e f g h i Ani j") == ["a b c Budi d e f g h i Ani j"]


def test_a_window_reads_the_same_names_as_its_whole_sentence(tagger, lex):
    text = (
        "Hal itu disampaikan oleh warga yang tinggal di pinggir kota sejak lama kepada Bambang "
        "Sulistyo dan Partai Amanat Nasional dalam rapat yang digelar pada pagi hari itu ."
    )
    found = tagger.tag(text, [(0, len(text))], lex.scan(text), lex).names
    whole = whole_sentence_tagger()
    assert found == whole.tag(text, [(0, len(text))], lex.scan(text), lex).names
    assert {text[n.start : n.end] for n in found} >= {"Bambang Sulistyo", "Partai Amanat Nasional"}


def test_the_model_opens_on_first_use_only(tagger, lex):
    fresh = NameTagger("id")
    assert fresh._scores is None
    fresh.tag("Budi pergi.", [], lex.scan("Budi pergi."), lex)
    assert fresh._scores is not None
    assert NameTagger.available("id")
    assert not NameTagger.available("zz")
    assert NameTagger("zz").tag("Budi pergi.", [], [], lex).names == []


def test_the_stage_can_read_another_model_file(tmp_path):
    shipped = str(resources.files("warta.models").joinpath("names-id.crfsuite"))
    text = "Hal itu disampaikan Bambang Sulistyo kepada wartawan ."
    given = run(Actors(tagger_models={"id": shipped}), text)
    assert [a.name for a in given.actors] == [a.name for a in run(Actors(), text).actors]
    missing = tmp_path / "none.crfsuite"
    with pytest.raises(ValueError, match="none.crfsuite"):
        Actors(tagger_models={"id": str(missing)})


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


def test_a_name_joined_to_another_by_a_hyphen_stays_an_actor_inside_a_tagged_place():
    # The tagger reads "Armenia-Artsakh" as one place; Artsakh is still the group (the
    # seed's planned counter-attack has it as its actor), as it is without the hyphen.
    text = (
        "Pihak Armenia mengklaim , rapat tertutup antara pejabat tinggi politik dan militer "
        "Armenia-Artsakh adalah untuk menyiapkan rencana serangan balasan terhadap pasukan Azerbaijan ."
    )
    at = text.index("Artsakh")
    doc = run(Actors(), text)
    artsakh = [a for a in doc.actors if (at, at + 7) in a.spans]
    assert [(a.name, a.kind) for a in artsakh] == [("Republic of Artsakh", "group")]
    assert any(m.span == (at, at + 7) and m.kind == "GROUP" for m in doc.mentions)
    # A dictionary name inside a longer place name still names the place, not an actor.
    text = "Massa berkumpul di depan Gedung DPR pada Selasa ."
    at = text.index("DPR")
    assert not [a for a in run(Actors(), text).actors if (at, at + 3) in a.spans]


def test_an_organisation_and_its_bracketed_short_form_are_one_mention_a_persons_are_two():
    text = "Dana itu dibantu Badan Usaha Milik Negara (BUMN) atau swasta , kata Joko Widodo (Jokowi) ."
    doc = run(Actors(), text)
    org = [m.text for m in doc.mentions if m.kind == "ORG"]
    assert org == ["Badan Usaha Milik Negara (BUMN)"]
    people = [a for a in doc.actors if a.kind == "person"]
    assert [(a.name, [text[s:e] for s, e in a.spans]) for a in people] == [
        ("Joko Widodo", ["Joko Widodo", "Jokowi"])
    ]


def test_tagged_names_keep_their_brackets_paired():
    # The tagger stops before the closing bracket; the name takes it.
    text = "Sekolah Menengah Tinggi Negeri ( SMT Negeri ) dibuka tahun itu ."
    names = [m.text for m in run(Actors(), text).mentions if m.kind == "ORG"]
    assert names
    assert all(n.count("(") == n.count(")") for n in names)


def place(text: str, word: str, ref: str) -> tuple[Mention, Place]:
    at = text.index(word)
    span = (at, at + len(word))
    return Mention(span, word, "PLACE", ref), Place(ref, word, spans=[span])


def test_a_place_inside_a_persons_name_is_no_place():
    # The places stage found a village "Made" (a gazetteer name) inside a person's name the
    # title reads; the person stays, the place mention and its span go, and a place left
    # without spans goes. A place elsewhere in the text is untouched.
    text = "Ketua DPD Partai Demokrat Bali I Made Mudharta tiba di Denpasar ."
    made, made_place = place(text, "Made", "geonames:1")
    denpasar, denpasar_place = place(text, "Denpasar", "geonames:2")
    doc = Document(
        text=text,
        language="id",
        sentences=[(0, len(text))],
        mentions=[made, denpasar],
        places=[made_place, denpasar_place],
    )
    doc = Actors()(doc)
    assert any(m.kind == "PERSON" and "Made" in m.text for m in doc.mentions)
    assert [m.text for m in doc.mentions if m.kind == "PLACE"] == ["Denpasar"]
    assert [p.id for p in doc.places] == ["geonames:2"]


def test_a_place_inside_an_organisations_name_is_no_place_but_a_states_body_keeps_it():
    # "Century" (a town) inside the bank's name and "Hamas" read as a place go; "Armenia" in
    # "pasukan Armenia" (a description of the state's forces) stays a place.
    text = "Saham Bank Century turun setelah serangan militan Hamas , kata juru bicara pasukan Armenia ."
    found = [place(text, word, f"geonames:{k}") for k, word in enumerate(("Century", "Hamas", "Armenia"))]
    doc = Document(
        text=text,
        language="id",
        sentences=[(0, len(text))],
        mentions=[m for m, _ in found],
        places=[p for _, p in found],
    )
    doc = Actors()(doc)
    orgs = {m.text for m in doc.mentions if m.kind == "ORG"}
    assert "Bank Century" in orgs
    assert any(m.kind == "GROUP" and "Hamas" in m.text for m in doc.mentions)
    assert [m.text for m in doc.mentions if m.kind == "PLACE"] == ["Armenia"]
    assert [p.name for p in doc.places] == ["Armenia"]


def test_a_country_inside_a_tagged_organisations_name_is_no_state():
    text = "Menurut laporan Indonesia Corruption Watch , kasus itu merugikan negara ."
    doc = run(Actors(), text)
    assert [(a.name, a.kind) for a in doc.actors] == [("Indonesia Corruption Watch", "organisation")]
    rules = run(Actors(use_tagger=False), text)
    assert ("Indonesia", "state") in {(a.name, a.kind) for a in rules.actors}


def test_a_title_before_a_lone_known_place_names_no_person():
    text = "Ia pernah menjadi wali kota Antananarivo ( 2007 - 2009 ) sebelum pindah ."
    mention, found = place(text, "Antananarivo", "geonames:3")
    doc = Actors()(
        Document(text=text, language="id", sentences=[(0, len(text))], mentions=[mention], places=[found])
    )
    assert not [a for a in doc.actors if a.kind == "person" and a.name == "Antananarivo"]
    assert [p.id for p in doc.places] == ["geonames:3"]


def reading(text: str, lex: Lexicon, mentions: list[Mention] | None = None) -> DocumentActors:
    """The Actors stage's work on one Indonesian sentence, without a tagger (its parts are
    tested with names given by hand)."""
    doc = Document(text=text, language="id", sentences=[(0, len(text))], mentions=mentions or [])
    return DocumentActors(doc, lex, Patterns(), None)


def test_a_lower_case_word_inside_a_tagged_name_ends_it(lex):
    text = (
        "Kementerian Koperasi dan UKM menggandeng Organisation for Economic Co-operation and "
        "Development untuk menyusun rencana induk ."
    )
    work = reading(text, lex)
    end = text.index(" untuk")
    names = work._trimmed([TaggedName(0, end, "ORG")])
    assert [text[n.start : n.end] for n in names] == [
        "Kementerian Koperasi dan UKM",
        "Organisation for Economic Co-operation and Development",
    ]
    # Places keep their lower-case words ("komplek DPR"); so do names joined by connectors.
    text = "di komplek DPR , Bank of America dan Himpunan Mahasiswa Islam"
    work = reading(text, lex)
    at = text.index("Bank")
    assert work._trimmed([TaggedName(3, 14, "LOC"), TaggedName(at, len(text), "ORG")]) == [
        TaggedName(3, 14, "LOC"),
        TaggedName(at, len(text), "ORG"),
    ]


def test_a_title_before_a_tagged_persons_name_is_not_part_of_it(lex):
    text = "Hal itu disampaikan Ny Herawati Boediono dan Jenderal Pol Badrodin Haiti kemarin ."
    work = reading(text, lex)
    first, second = text.index("Ny"), text.index("Jenderal")
    names = [
        TaggedName(first, text.index(" dan"), "PER"),
        TaggedName(second, text.index(" kemarin"), "PER"),
        TaggedName(second, text.index(" kemarin"), "ORG"),  # only persons lose their titles
    ]
    assert [(text[n.start : n.end], n.label) for n in work._trimmed(names)] == [
        ("Herawati Boediono", "PER"),
        ("Badrodin Haiti", "PER"),
        ("Jenderal Pol Badrodin Haiti", "ORG"),
    ]


def test_persons_keep_lower_case_name_words_and_organisations_their_article(lex):
    text = "Istrinya , Mery Susanna br Sitepu , menonton The Dance Company menggandeng Bank Dunia ."
    work = reading(text, lex)
    person, group = text.index("Mery"), text.index("The")
    names = [
        TaggedName(person, text.index(" ,", person), "PER"),
        TaggedName(group, text.index(" ."), "ORG"),
        TaggedName(group, text.index(" Company"), "PER"),  # a person's name never starts with it
    ]
    assert [(text[n.start : n.end], n.label) for n in work._trimmed(names)] == [
        ("Mery Susanna br Sitepu", "PER"),
        ("The Dance Company", "ORG"),
        ("Bank Dunia", "ORG"),
        ("Dance", "PER"),
    ]


def test_tagged_places_the_gazetteer_lacks_become_places_without_a_point():
    # Cikini and Kalibata (Jakarta) are in no gazetteer the package ships: the tagger reads
    # them as places; each is a place of the document with no point and a PLACE mention.
    text = "Polisi menutup jalan di sekitar Kalibata dan Cikini sejak pagi ."
    doc = run(Actors(), text)
    places = {p.name: p for p in doc.places}
    assert set(places) == {"Kalibata", "Cikini"}
    assert all(p.lat is None and p.lon is None and p.precision is None for p in places.values())
    mentions = {m.text: m.ref for m in doc.mentions if m.kind == "PLACE"}
    assert mentions == {name: p.id for name, p in places.items()}
    assert len({p.id for p in places.values()}) == 2


def test_a_tagged_place_needs_a_name_and_no_other_reading(lex):
    text = "Mereka naik ke Gunung lalu tiba di Kalibata pada Selasa ."
    date_at = text.index("Selasa")
    work = reading(text, lex, [Mention((date_at, date_at + 6), "Selasa", "DATE", "2020-10-06")])
    gunung, kalibata = text.index("Gunung"), text.index("Kalibata")
    work._tagged_places = [
        (gunung, gunung + 6),  # a type word alone
        (kalibata, kalibata + 8),
        (date_at, date_at + 6),  # an earlier stage's date
        (text.index("lalu"), text.index("lalu") + 4),  # no capital
    ]
    assert [text[s:e] for s, e in work.tagged_places()] == ["Kalibata"]


def test_named_places_keep_one_place_per_name_and_never_overlap_a_mention():
    from warta.stages.places import add_named_places

    text = "Cikini ramai . Warga Cikini dan Menteng berkumpul di Jakarta ."
    first, second = text.index("Cikini"), text.index("Cikini", 1)
    menteng, jakarta = text.index("Menteng"), text.index("Jakarta")
    doc = Document(
        text=text,
        mentions=[Mention((jakarta, jakarta + 7), "Jakarta", "PLACE", "p1")],
        places=[
            Place("p1", "Jakarta", lat=-6.2, lon=106.8, precision="exact", spans=[(jakarta, jakarta + 7)])
        ],
    )
    add_named_places(
        doc, [(first, first + 6), (second, second + 6), (menteng, menteng + 7), (jakarta, jakarta + 7)]
    )
    assert [(p.id, p.name, p.spans) for p in doc.places[1:]] == [
        ("p2", "Cikini", [(first, first + 6), (second, second + 6)]),
        ("p3", "Menteng", [(menteng, menteng + 7)]),
    ]
    assert [(m.text, m.ref) for m in doc.mentions] == [
        ("Jakarta", "p1"),
        ("Cikini", "p2"),
        ("Cikini", "p2"),
        ("Menteng", "p3"),
    ]
