"""Actors stage: short Indonesian and English texts written for these tests."""

from __future__ import annotations

import re

import pycountry
import pytest

from warta.lexicons import files, load
from warta.records import Document, Mention
from warta.stages.actors import ACTOR_KINDS, Actors

ID_ARTICLE = (
    "Kementerian Pertahanan Azerbaijan menyatakan pada Selasa bahwa angkatan bersenjatanya "
    "menguasai dua desa. "
    "Menurut Kementerian Pertahanan Azerbaijan, pasukan Armenia mundur dari garis depan. "
    "Presiden Azerbaijan, Ilham Aliyev, menulis di Twitter bahwa tentara Azerbaijan terus maju. "
    "Aliyev juga memuji para prajurit. "
    "Perdana Menteri Nikol Pashinyan bertemu Presiden Republik Artsakh, Arayik Harutyunyan, dan "
    "Panglima Pasukan Pertahanan Artsakh, Mayor Jenderal Jalal Harutyunyan. "
    "Harutyunyan tidak memberi keterangan. "
    "Rusia menolak ikut campur meski Armenia anggota Organisasi Perjanjian Keamanan Kolektif (CSTO). "
    "Presiden Vladimir Putin mengatakan Negeri Beruang Merah tidak wajib membantu. "
    "\u201cKami tidak berperang,\u201d ucap Putin seperti dilansir Daily Sabah. "
    "Kementerian itu juga merilis video, dilansir VIVA."
)

EN_ARTICLE = (
    "Azerbaijan's Defence Ministry said its forces had captured the village. "
    "Armenian forces denied the report, according to Reuters. "
    "Russian President Vladimir Putin said Russia had no obligation to intervene. "
    "UN Secretary-General Antonio Guterres urged a ceasefire. "
    "Hamas leader Ismail Haniyeh praised Houthi rebels. "
    '"We will hold our positions," said Shushan Stepanyan, a spokeswoman for the Armenian '
    "Ministry of Defence. "
    "The ministry later published a video. Police said protesters gathered outside the building."
)


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"[.!?](?=\s)", text):
        out.append((start, m.end()))
        start = m.end() + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def run(stage: Actors, text: str, language: str = "id", mentions: list[Mention] | None = None) -> Document:
    doc = Document(text=text, language=language, sentences=sentences(text), mentions=list(mentions or []))
    return stage(doc)


def actor_named(doc: Document, name: str):
    found = [a for a in doc.actors if a.name == name]
    assert len(found) == 1, f"{name!r}: {[(a.name, a.kind) for a in doc.actors]}"
    return found[0]


def span_texts(doc: Document, actor) -> list[str]:
    return [doc.text[s:e] for s, e in actor.spans]


def covering(doc: Document, start: int, end: int) -> list:
    return [a for a in doc.actors if any(s <= start and end <= e for s, e in a.spans)]


@pytest.fixture(scope="module")
def stage() -> Actors:
    return Actors()


@pytest.fixture(scope="module")
def rules() -> Actors:
    """The stage without its learned name tagger: what the rules alone do."""
    return Actors(use_tagger=False)


@pytest.fixture(scope="module")
def id_doc(stage: Actors) -> Document:
    return run(stage, ID_ARTICLE, "id")


@pytest.fixture(scope="module")
def en_doc(stage: Actors) -> Document:
    return run(stage, EN_ARTICLE, "en")


# ----------------------------------------------------------------------------- Indonesian


@pytest.mark.parametrize(
    ("name", "country", "sector"),
    [
        ("Ilham Aliyev", "AZE", "GOV"),
        ("Nikol Pashinyan", "ARM", "GOV"),
        ("Vladimir Putin", "RUS", "GOV"),
        # Offices of the de facto Republic of Artsakh: no ISO country, the group's sector.
        ("Arayik Harutyunyan", None, "REB"),
        ("Jalal Harutyunyan", None, "REB"),
    ],
)
def test_people_are_one_actor_each_with_country_and_sector(id_doc, name, country, sector):
    person = actor_named(id_doc, name)
    assert (person.kind, person.country, person.sector) == ("person", country, sector)


def test_surname_and_alias_mentions_join_the_full_name(id_doc):
    assert span_texts(id_doc, actor_named(id_doc, "Ilham Aliyev")) == ["Ilham Aliyev", "Aliyev"]
    assert span_texts(id_doc, actor_named(id_doc, "Vladimir Putin")) == ["Vladimir Putin", "Putin"]


def test_shared_surname_stays_unresolved(id_doc):
    bare = ID_ARTICLE.index("Harutyunyan tidak")
    assert covering(id_doc, bare, bare + len("Harutyunyan")) == []
    assert span_texts(id_doc, actor_named(id_doc, "Arayik Harutyunyan")) == ["Arayik Harutyunyan"]
    assert span_texts(id_doc, actor_named(id_doc, "Jalal Harutyunyan")) == ["Jalal Harutyunyan"]


def test_defence_ministry_is_government_and_refers_back(id_doc):
    ministry = actor_named(id_doc, "Azerbaijan defence ministry")
    assert (ministry.kind, ministry.country, ministry.sector) == ("government", "AZE", "GOV")
    assert span_texts(id_doc, ministry) == ["Kementerian Pertahanan Azerbaijan"] * 2 + ["Kementerian itu"]


def test_armed_forces_gather_every_wording_including_the_possessive(id_doc):
    forces = actor_named(id_doc, "Azerbaijan armed forces")
    assert (forces.kind, forces.country, forces.sector) == ("military", "AZE", "MIL")
    assert span_texts(id_doc, forces) == ["angkatan bersenjata", "tentara Azerbaijan"]
    armenian = actor_named(id_doc, "Armenia armed forces")
    assert (armenian.country, armenian.sector) == ("ARM", "MIL")


def test_states_groups_and_igos(id_doc):
    russia = actor_named(id_doc, "Russia")
    assert (russia.kind, russia.country, russia.sector) == ("state", "RUS", None)
    assert "Negeri Beruang Merah" in span_texts(id_doc, russia)
    csto = actor_named(id_doc, "CSTO")
    assert (csto.kind, csto.country, csto.sector) == ("organisation", None, "IGO")
    # A name and its bracketed short form are one mention.
    assert span_texts(id_doc, csto) == ["Organisasi Perjanjian Keamanan Kolektif (CSTO)"]
    artsakh = actor_named(id_doc, "Republic of Artsakh")
    assert (artsakh.kind, artsakh.country) == ("group", None)


def test_outlets_are_media(id_doc):
    for name, country in (("VIVA", "IDN"), ("Daily Sabah", "TUR")):
        outlet = actor_named(id_doc, name)
        assert (outlet.kind, outlet.country, outlet.sector) == ("media", country, "MED")


def test_mentions_point_at_actors_with_the_right_kind(id_doc):
    by_id = {a.id: a for a in id_doc.actors}
    expected = {"person": "PERSON", "group": "GROUP"}
    spans = sorted(span for a in id_doc.actors for span in a.spans)
    assert sorted(m.span for m in id_doc.mentions) == spans
    for m in id_doc.mentions:
        actor = by_id[m.ref]
        assert m.kind == expected.get(actor.kind, "ORG")
        assert m.text == id_doc.text[m.span[0] : m.span[1]]
    assert [a.id for a in id_doc.actors] == [f"a{n}" for n in range(1, len(id_doc.actors) + 1)]
    firsts = [min(a.spans) for a in id_doc.actors]
    assert firsts == sorted(firsts)
    assert all(a.kind in ACTOR_KINDS for a in id_doc.actors)


# ----------------------------------------------------------------------------- English


@pytest.mark.parametrize(
    ("name", "kind", "country", "sector"),
    [
        ("Azerbaijan defence ministry", "government", "AZE", "GOV"),
        ("Azerbaijan armed forces", "military", "AZE", "MIL"),
        ("Armenia armed forces", "military", "ARM", "MIL"),
        ("Vladimir Putin", "person", "RUS", "GOV"),
        ("António Guterres", "person", None, "IGO"),
        ("Ismail Haniyeh", "person", "PSE", "REB"),
        ("Houthis", "group", "YEM", "REB"),
        ("Shushan Stepanyan", "person", "ARM", "GOV"),
        ("Armenia defence ministry", "government", "ARM", "GOV"),
        ("police", "government", None, "POL"),
        ("protesters", "group", None, "CVL"),
        ("Reuters", "media", "GBR", "MED"),
        ("Russia", "state", "RUS", None),
        ("United Nations", "organisation", None, "IGO"),
    ],
)
def test_english_actors(en_doc, name, kind, country, sector):
    actor = actor_named(en_doc, name)
    assert (actor.kind, actor.country, actor.sector) == (kind, country, sector)


def test_english_possessive_and_back_reference(en_doc):
    assert span_texts(en_doc, actor_named(en_doc, "Azerbaijan armed forces")) == ["forces"]
    # "The ministry" is the ministry named last, the Armenian one.
    assert span_texts(en_doc, actor_named(en_doc, "Armenia defence ministry")) == [
        "Armenian Ministry of Defence",
        "The ministry",
    ]
    assert span_texts(en_doc, actor_named(en_doc, "Houthis")) == ["Houthi rebels"]


# ----------------------------------------------------------------------------- general rules


def test_titles_give_country_and_sector_to_unlisted_people(stage):
    doc = run(
        stage,
        "Menteri Luar Negeri Rusia, Ivan Sokolov, bertemu Kapolri Jenderal Budi Santoso. "
        "Sokolov lalu kembali ke Moskow.",
        "id",
    )
    sokolov = actor_named(doc, "Ivan Sokolov")
    assert (sokolov.country, sokolov.sector) == ("RUS", "GOV")
    assert span_texts(doc, sokolov) == ["Ivan Sokolov", "Sokolov"]
    police_chief = actor_named(doc, "Budi Santoso")
    assert (police_chief.country, police_chief.sector) == ("IDN", "POL")


def test_a_name_part_inside_a_longer_proper_phrase_is_not_the_person(stage):
    doc = run(
        stage,
        "Presiden Prancis Georges Beuchat tiba kemarin. Beuchat lalu bertemu wartawan. "
        "Produk Beuchat International dijual di desa Beuchat dan di Beuchat-Stadt.",
        "id",
    )
    beuchat = actor_named(doc, "Georges Beuchat")
    assert span_texts(doc, beuchat) == ["Georges Beuchat", "Beuchat"]


def test_office_holder_named_later_is_the_same_actor(stage):
    doc = run(
        stage,
        "Presiden Ukraina menolak tawaran itu. Presiden Ukraina, Oleksandr Hrytsenko, "
        "lalu berbicara di depan parlemen.",
        "id",
    )
    people = [a for a in doc.actors if a.kind == "person"]
    assert len(people) == 1
    assert people[0].name == "Oleksandr Hrytsenko"
    assert (people[0].country, people[0].sector) == ("UKR", "GOV")
    assert span_texts(doc, people[0]) == ["Presiden", "Oleksandr Hrytsenko"]


def test_appositive_title_describes_the_name_before_it(stage):
    doc = run(stage, "Budi Hartono, juru bicara Kementerian Luar Negeri Indonesia, mengatakan hal itu.", "id")
    person = actor_named(doc, "Budi Hartono")
    assert (person.country, person.sector) == ("IDN", "GOV")
    assert actor_named(doc, "Indonesia foreign ministry").kind == "government"


def test_english_title_before_and_after_the_owner(stage):
    doc = run(stage, "Foreign Minister of Turkey Ahmet Kaya met Egyptian Defence Minister Omar Farouk.", "en")
    assert (actor_named(doc, "Ahmet Kaya").country, actor_named(doc, "Ahmet Kaya").sector) == ("TUR", "GOV")
    assert actor_named(doc, "Omar Farouk").country == "EGY"


def test_speech_cues_find_untitled_speakers(stage):
    doc = run(stage, "\u201cKami siap,\u201d kata Rudi Gunawan. Wulan Sari mengatakan hal yang sama.", "id")
    assert {a.name for a in doc.actors if a.kind == "person"} == {"Rudi Gunawan", "Wulan Sari"}
    doc = run(stage, 'He said Moscow had no obligation. "No," said Anna Berg.', "en")
    assert [a.name for a in doc.actors if a.kind == "person"] == ["Anna Berg"]


def test_named_organisations_and_bracketed_acronyms(rules):
    doc = run(
        rules,
        "Partai Kebangkitan Bangsa (PKB) dan Universitas Gadjah Mada menggelar diskusi. "
        "Survei LSI menunjukkan PKB unggul.",
        "id",
    )
    pkb = actor_named(doc, "PKB")
    # The name with its short form in brackets is one mention (as NER annotators mark it);
    # the short form alone later is the same actor.
    assert span_texts(doc, pkb) == ["Partai Kebangkitan Bangsa (PKB)", "PKB"]
    assert [m.text for m in doc.mentions if m.ref == pkb.id] == ["Partai Kebangkitan Bangsa (PKB)", "PKB"]
    ugm = actor_named(doc, "Universitas Gadjah Mada")
    assert (ugm.kind, ugm.sector) == ("organisation", "EDU")
    assert actor_named(doc, "LSI").kind == "organisation"


def test_case_and_word_boundaries(stage):
    doc = run(stage, "Dalam tempo singkat, Tempo melaporkan bahwa AS dan Aston Villa bertanding.", "id")
    assert [a.name for a in doc.actors if a.kind == "media"] == ["Tempo"]
    assert span_texts(doc, actor_named(doc, "United States")) == ["AS"]
    doc = run(stage, "He spoke as a witness.", "en")
    assert doc.actors == []


def test_language_names_and_ambiguous_country_names(stage):
    doc = run(stage, "Ia fasih berbahasa Inggris dan bahasa Arab.", "id")
    assert doc.actors == []
    doc = run(stage, "Michael Jordan scored. Jordan closed its border.", "en")
    jordan = actor_named(doc, "Jordan")
    assert span_texts(doc, jordan) == ["Jordan"]
    assert jordan.spans[0][0] == doc.text.index("Jordan closed")


@pytest.mark.parametrize("with_tagger", [False, True])
def test_earlier_place_and_date_mentions_are_respected(stage, rules, with_tagger):
    stage = stage if with_tagger else rules
    text = "Kemarin Santa Maria dilanda banjir besar."
    if not with_tagger:  # the bare capitalised-name rule; the tagger reads this as no person
        assert [a.name for a in run(stage, text).actors] == ["Santa Maria"]
    place = Mention((8, 19), "Santa Maria", "PLACE", "p1")
    doc = run(stage, text, mentions=[place])
    assert doc.actors == []
    assert doc.mentions == [place]
    doc = run(stage, "Presiden Bima Arya Senin mengatakan hal itu.", "id")
    assert [a.name for a in doc.actors] == ["Bima Arya"]


def test_any_language_gets_country_names_from_pycountry(stage):
    doc = run(stage, "La Russie et l'OTAN discutent.", "fr")
    assert actor_named(doc, "Russia").country == "RUS"
    assert actor_named(doc, "NATO").sector == "IGO"


def test_rerun_replaces_own_output_and_keeps_other_mentions(stage):
    date = Mention((0, 5), "Rabu,", "DATE", "2020-10-07")
    doc = run(stage, "Rabu, pasukan Armenia mundur.", mentions=[date])
    first = [m.to_dict() for m in doc.mentions]
    stage(doc)
    assert [m.to_dict() for m in doc.mentions] == first
    assert first[0]["kind"] == "DATE"
    assert [a.name for a in doc.actors] == ["Armenia armed forces"]


def test_empty_document(stage):
    doc = stage(Document(text="", language="id"))
    assert doc.actors == [] and doc.mentions == []


def test_cited_outlet_unknown_to_the_media_list_is_still_media(stage):
    from warta.records import CitedSource

    text = "Pasukan Armenia mundur, dilansir Kabar Lokal."
    start = text.index("Kabar Lokal")
    doc = Document(
        text=text,
        language="id",
        sentences=[(0, len(text))],
        cited_sources=[CitedSource("Kabar Lokal", (start, start + len("Kabar Lokal")))],
    )
    stage(doc)
    outlet = actor_named(doc, "Kabar Lokal")
    assert (outlet.kind, outlet.sector) == ("media", "MED")


# ----------------------------------------------------------------------------- lexicon data

MY_FILES = [
    (lang, name) for lang, name in files() if name.startswith("actor_") or (lang, name) == ("xx", "media")
]
ISO3 = {c.alpha_3 for c in pycountry.countries}


def test_actor_lexicons_exist_for_both_first_languages():
    names = {name for _, name in MY_FILES}
    assert {"actor_countries", "actor_orgs", "actor_sectors", "actor_titles", "actor_cues"} <= names
    assert {lang for lang, _ in MY_FILES} == {"id", "en", "xx"}


@pytest.mark.parametrize(("lang", "name"), MY_FILES)
def test_actor_lexicon_files_have_header_source_and_note(lang, name):
    rows = load(lang, name)
    assert rows, f"{lang}/{name}.tsv is empty"
    for row in rows:
        assert {"source", "note"} <= row.keys()
        assert row["source"].strip(), f"{lang}/{name}.tsv: a row without a source: {row}"
        first = next(iter(row.values()))
        assert first.strip() == first and first, f"{lang}/{name}.tsv: blank or padded entry {row}"
        if row.get("country"):
            assert row["country"] in ISO3, f"{lang}/{name}.tsv: {row['country']} is not ISO 3166-1 alpha-3"
        if row.get("kind") and name != "actor_cues":
            assert row["kind"] in ACTOR_KINDS
        if row.get("sector"):
            assert re.fullmatch(r"[A-Z]{3}", row["sector"]), row


@pytest.mark.parametrize(
    ("text", "language", "name", "kind", "country", "sector"),
    [
        # An office of a state whose title names no sector is the state's government.
        ("The Libyan leader Omar Saleh rejected the plan.", "en", "Omar Saleh", "person", "LBY", "GOV"),
        ("Russian negotiators left the talks.", "en", "Russia negotiators", "government", "RUS", "GOV"),
        ("Afghan rebel commanders met in secret.", "en", "Afghanistan rebels", "group", "AFG", "REB"),
        ("British nationals were evacuated.", "en", "United Kingdom civilians", "group", "GBR", "CVL"),
        ("Kapal perang Mesir berlayar ke utara.", "id", "Egypt navy", "military", "EGY", "MIL"),
    ],
)
def test_sector_words_and_untyped_offices_of_states(rules, text, language, name, kind, country, sector):
    actor = actor_named(run(rules, text, language), name)
    assert (actor.kind, actor.country, actor.sector) == (kind, country, sector)


@pytest.mark.parametrize("with_tagger", [False, True])
def test_shorter_names_join_the_one_longer_name_holding_their_words(stage, rules, with_tagger):
    text = (
        "Presiden Andi Redani Putribangsa berpidato di depan wartawan. "
        "Menurut Andi Redani, anggaran itu cukup. Hal itu cukup jelas, kata Andi."
    )
    doc = run(stage if with_tagger else rules, text)
    person = actor_named(doc, "Andi Redani Putribangsa")
    assert span_texts(doc, person) == ["Andi Redani Putribangsa", "Andi Redani", "Andi"]
    assert [a.name for a in doc.actors if a.kind == "person"] == ["Andi Redani Putribangsa"]
