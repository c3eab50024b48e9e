"""Events stage: documents are built by hand (text, sentences, actors, places, dates,
outlets) so these tests hold whatever the other stages do."""

from __future__ import annotations

import csv
import re
from importlib import resources

import pytest

from warta import lexicons
from warta.records import Actor, CitedSource, DateMention, DateValue, Document, Mention, Place
from warta.stages.event_lexicon import ACLED_TYPES, load_types
from warta.stages.event_morph import expand
from warta.stages.events import Events

STAGE = Events()

# The 25 ACLED sub-event types as ACLED spells them, written out here independently of
# the code so that a misspelling on either side fails.
ACLED_NAMES = {
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Chemical weapon"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Grenade"),
    ("Violence against civilians", "Sexual violence"),
    ("Violence against civilians", "Attack"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Protests", "Peaceful protest"),
    ("Protests", "Protest with intervention"),
    ("Protests", "Excessive force against protesters"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Strategic developments", "Agreement"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Change to group/activity"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Looting/property destruction"),
    ("Strategic developments", "Non-violent transfer of territory"),
    ("Strategic developments", "Other"),
}

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”]?\s+(?=[\"“A-Z])")


def make_doc(
    text: str,
    *,
    lang: str = "id",
    actors=(),
    places=(),
    dates=(),
    published: str | None = None,
    cited=(),
    publisher: str | None = None,
    title: str | None = None,
) -> Document:
    """actors: (id, name, kind, country, sector, [surfaces]); places: (id, name, country,
    [surfaces]); dates: (surface, YYYY-MM-DD); cited: outlet names as written."""
    body = text if title is None else f"{title}\n\n{text}"
    doc = Document(text=body, language=lang, publisher=publisher)
    if title is not None:
        doc.title_span = (0, len(title))
    doc.sentences = _sentences(body)
    taken: list[tuple[int, int]] = []

    def occurrences(surface: str):
        for m in re.finditer(r"(?<![\w#])" + re.escape(surface) + r"(?!\w)", body):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                taken.append(m.span())
                yield m.span()

    entries = [(s, ("actor", a)) for a in actors for s in a[5]] + [
        (s, ("place", p)) for p in places for s in p[3]
    ]
    found_actors: dict[str, Actor] = {}
    found_places: dict[str, Place] = {}
    for surface, (what, row) in sorted(entries, key=lambda x: -len(x[0])):
        for span in occurrences(surface):
            if what == "actor":
                aid, name, kind, country, sector, _ = row
                actor = found_actors.setdefault(aid, Actor(aid, name, kind, country, sector))
                actor.spans.append(span)
                doc.mentions.append(
                    Mention(span, body[span[0] : span[1]], "PERSON" if kind == "person" else "ORG", aid)
                )
            else:
                pid, name, country, _ = row
                place = found_places.setdefault(pid, Place(pid, name, country))
                place.spans.append(span)
                doc.mentions.append(Mention(span, body[span[0] : span[1]], "PLACE", pid))
    doc.actors = list(found_actors.values())
    doc.places = list(found_places.values())
    for surface, iso in dates:
        start = body.index(surface)
        doc.dates.append(DateMention((start, start + len(surface)), surface, DateValue(iso, "day")))
    doc.dates.sort(key=lambda d: d.span)
    doc.mentions.sort(key=lambda m: m.span)
    if published:
        doc.published = DateValue(published, "day")
    for name in cited:
        start = body.index(name)
        doc.cited_sources.append(CitedSource(name, (start, start + len(name))))
    return doc


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in SENTENCE_END.finditer(para.group()):
            end = para.start() + m.start() + (1 if para.group()[m.start()] in '"”' else 0)
            spans.append((start, end))
            start = para.start() + m.end()
        spans.append((start, para.end()))
    return [s for s in spans if s[0] < s[1]]


def run(doc: Document) -> Document:
    return STAGE(doc)


def acled(event) -> str | None:
    return event.acled.sub_event_type if event.acled else None


def events_of(doc: Document, plover: str | None = None, sub: str | None = None):
    return [
        e for e in doc.events if (plover is None or e.type == plover) and (sub is None or acled(e) == sub)
    ]


def name(doc: Document, place_id: str | None) -> str | None:
    place = doc.place(place_id)
    return place.name if place else None


UKR_ACTORS = [
    ("a1", "Kementerian Pertahanan Ukraina", "government", "UKR", "GOV", ["Kementerian Pertahanan Ukraina"]),
    ("a2", "pasukan Ukraina", "military", "UKR", "MIL", ["pasukan Ukraina"]),
    ("a3", "pasukan Rusia", "military", "RUS", "MIL", ["pasukan Rusia"]),
    ("a4", "Kyiv Independent", "media", "UKR", "MED", ["Kyiv Independent"]),
]
UKR_PLACES = [
    ("p1", "Klishchiivka", "UA", ["Klishchiivka"]),
    ("p2", "Andriivka", "UA", ["Andriivka"]),
    ("p3", "Kurdiumivka", "UA", ["Kurdiumivka"]),
    ("p4", "Bakhmut", "UA", ["Bakhmut"]),
    ("p5", "Donetsk", "UA", ["Donetsk"]),
]


# -- territory -------------------------------------------------------------------------------
def test_one_territorial_event_per_place_taken_sharing_the_claim():
    doc = run(
        make_doc(
            "Menurut Kementerian Pertahanan Ukraina, pasukan Ukraina merebut kembali desa Klishchiivka, "
            "Andriivka dan Kurdiumivka distrik Bakhmut dari pendudukan pasukan Rusia, "
            "seperti dilansir Kyiv Independent.",
            actors=UKR_ACTORS,
            places=UKR_PLACES,
            cited=["Kyiv Independent"],
            publisher="warta.example",
            published="2023-09-18",
        )
    )
    taken = events_of(doc, "COERCE", "Government regains territory")
    assert sorted(name(doc, e.place) for e in taken) == ["Andriivka", "Klishchiivka", "Kurdiumivka"]
    for e in taken:
        assert (e.cameo, e.mode, e.acled.event_type) == ("192", "seize", "Battles")
        assert (e.actor, e.recipient, e.claimant, e.status) == ("a2", "a3", "a1", "claimed")
        assert e.via == ["Kyiv Independent", "warta.example"]
        assert e.date.source == "published" and e.date.date == "2023-09-18"
    assert len(doc.events) == 3  # Bakhmut locates the villages, it is not taken


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Polisi menangkap 1.192 orang di Jakarta.", "id"), ("Police arrested 1,192 people in Jakarta.", "en")],
)
def test_a_number_with_a_separator_ends_no_clause(text, lang):
    police = [("a1", "police", "government", "IDN", "POL", ["Polisi", "Police"])]
    doc = run(make_doc(text, lang=lang, actors=police, places=[("p1", "Jakarta", "ID", ["Jakarta"])]))
    (arrest,) = events_of(doc, "COERCE", "Arrests")
    assert (arrest.actor, name(doc, arrest.place)) == ("a1", "Jakarta")


def test_a_place_span_that_includes_its_type_word_is_read_as_the_name():
    # The places stage counts "desa" and "distrik" as part of a place's span, as NER sets do.
    places = [
        ("p1", "Klishchiivka", "UA", ["desa Klishchiivka"]),
        ("p2", "Andriivka", "UA", ["desa Andriivka"]),
        ("p4", "Bakhmut", "UA", ["distrik Bakhmut"]),
    ]
    doc = run(
        make_doc(
            "Menurut Kementerian Pertahanan Ukraina, pasukan Ukraina merebut kembali desa Klishchiivka "
            "dan desa Andriivka di distrik Bakhmut.",
            actors=UKR_ACTORS,
            places=places,
        )
    )
    taken = events_of(doc, "COERCE", "Government regains territory")
    assert sorted(name(doc, e.place) for e in taken) == ["Andriivka", "Klishchiivka"]


def test_non_state_actor_overtakes_and_government_regains_by_actor_kind():
    actors = [
        ("a1", "M23", "group", None, "REB", ["M23"]),
        ("a2", "FARDC", "military", "COD", "MIL", ["FARDC"]),
    ]
    places = [("p1", "Bunagana", "CD", ["Bunagana"]), ("p2", "Rutshuru", "CD", ["Rutshuru"])]
    doc = run(
        make_doc(
            "M23 rebels seized the town of Bunagana on Monday. Days later FARDC recaptured Rutshuru.",
            lang="en",
            actors=actors,
            places=places,
        )
    )
    by_place = {name(doc, e.place): e for e in doc.events}
    assert (
        acled(by_place["Bunagana"]) == "Non-state actor overtakes territory"
        and by_place["Bunagana"].actor == "a1"
    )
    assert (
        acled(by_place["Rutshuru"]) == "Government regains territory" and by_place["Rutshuru"].actor == "a2"
    )


def test_passive_capture_takes_the_agent_after_oleh_and_the_place_before():
    doc = run(
        make_doc(
            "Desa Andriivka berhasil direbut oleh pasukan Rusia pada Selasa.",
            actors=UKR_ACTORS,
            places=UKR_PLACES,
            dates=[("Selasa", "2023-09-12")],
        )
    )
    (e,) = doc.events
    assert (name(doc, e.place), e.actor, acled(e)) == ("Andriivka", "a3", "Government regains territory")
    assert e.date.date == "2023-09-12" and e.date.source == "text"


def test_unnamed_taking_is_a_summary_of_the_named_list():
    doc = run(
        make_doc(
            "Pasukan Ukraina telah merebut sejumlah desa di wilayah Donetsk. "
            "Pasukan Ukraina merebut desa Klishchiivka dan desa Andriivka.",
            actors=UKR_ACTORS,
            places=UKR_PLACES,
        )
    )
    assert sorted(name(doc, e.place) for e in doc.events) == ["Andriivka", "Klishchiivka"]


def test_a_place_spelt_two_ways_is_one_event():
    places = [("p1", "Shaybey", "AZ", ["Shaybey"]), ("p2", "Sheybey", "AZ", ["Sheybey"])]
    actors = [("a1", "pasukan Azerbaijan", "military", "AZE", "MIL", ["pasukan Azerbaijan"])]
    doc = run(
        make_doc(
            "Pasukan Azerbaijan merebut desa Shaybey. Pasukan Azerbaijan juga membebaskan desa Sheybey.",
            places=places,
            actors=actors,
        )
    )
    assert len(doc.events) == 1


# -- arguments, status, claims --------------------------------------------------------------------
def test_consult_with_recipient_after_dengan_and_place_after_di():
    actors = [
        ("a1", "Anwar Ibrahim", "person", "MYS", "GOV", ["Anwar Ibrahim"]),
        ("a2", "Joko Widodo", "person", "IDN", "GOV", ["Joko Widodo"]),
    ]
    doc = run(
        make_doc(
            "Perdana Menteri Anwar Ibrahim bertemu dengan Presiden Joko Widodo di Bogor.",
            actors=actors,
            places=[("p1", "Bogor", "ID", ["Bogor"])],
        )
    )
    (e,) = doc.events
    assert (e.type, e.acled, e.cameo, e.actor, e.recipient, e.place) == (
        "CONSULT",
        None,
        "040",
        "a1",
        "a2",
        "p1",
    )
    assert e.status == "asserted"


def test_a_noun_referring_back_is_the_same_meeting():
    actors = [
        ("a1", "Anwar Ibrahim", "person", "MYS", "GOV", ["Anwar Ibrahim"]),
        ("a2", "Joko Widodo", "person", "IDN", "GOV", ["Joko Widodo"]),
    ]
    doc = run(
        make_doc("Anwar Ibrahim bertemu Joko Widodo. Pertemuan itu membahas perbatasan.", actors=actors)
    )
    assert [e.type for e in doc.events] == ["CONSULT"]


def test_planned_counter_attack_is_planned_not_an_assault_that_happened():
    actors = [
        ("a1", "pasukan Armenia", "military", "ARM", "MIL", ["pasukan Armenia"]),
        ("a2", "pasukan Azerbaijan", "military", "AZE", "MIL", ["pasukan Azerbaijan"]),
    ]
    doc = run(
        make_doc(
            "Para komandan pasukan Armenia menyiapkan rencana serangan balasan terhadap pasukan Azerbaijan.",
            actors=actors,
        )
    )
    (e,) = doc.events
    assert (e.type, e.status, e.recipient) == ("ASSAULT", "planned", "a2")


@pytest.mark.parametrize(
    "text,lang,status",
    [
        ("Polisi tidak menangkap tersangka itu.", "id", "negated"),
        ("Militer akan menangkap para pelaku.", "id", "planned"),
        ("Jika polisi menangkap Budi, massa akan marah.", "id", "hypothetical"),
        ("Police did not arrest the suspects.", "en", "negated"),
        ("Police will arrest the suspects.", "en", "planned"),
        ("If police arrest the suspects, there will be unrest.", "en", "hypothetical"),
        ("Police have arrested three suspects.", "en", "asserted"),
    ],
)
def test_status_cues(text, lang, status):
    actors = [
        ("a1", "Polisi", "government", "IDN", "COP", ["Polisi", "Police", "polisi"]),
        ("a2", "Militer", "military", "IDN", "MIL", ["Militer"]),
    ]
    doc = run(make_doc(text, lang=lang, actors=actors))
    arrests = events_of(doc, "COERCE", "Arrests")
    assert [e.status for e in arrests] == [status]


def test_jika_after_a_speech_verb_means_that_not_if():
    actors = [
        ("a1", "Kapolri", "person", "IDN", "COP", ["Kapolri"]),
        ("a2", "polisi", "government", "IDN", "COP", ["polisi"]),
    ]
    doc = run(make_doc("Kapolri mengungkap jika polisi menangkap dua tersangka.", actors=actors))
    (e,) = doc.events
    assert (e.status, e.claimant, e.actor) == ("claimed", "a1", "a2")


def test_denial_and_its_claimant():
    actors = [
        ("a1", "Kementerian Pertahanan Rusia", "government", "RUS", "GOV", ["Kementerian Pertahanan Rusia"])
    ]
    doc = run(
        make_doc(
            "Kementerian Pertahanan Rusia membantah bahwa pasukannya menyerang warga sipil di Bucha.",
            actors=actors,
            places=[("p1", "Bucha", "UA", ["Bucha"])],
        )
    )
    (e,) = doc.events
    assert (e.status, e.claimant, acled(e), e.place) == ("denied", "a1", "Attack", "p1")


def test_announcement_by_a_party_is_its_claim_and_pronoun_subject_is_the_claimant():
    actors = [("a1", "Hamas", "group", "PSE", "REB", ["Hamas"])]
    doc = run(
        make_doc(
            "Hamas claimed that it fired rockets at Ashkelon.",
            lang="en",
            actors=actors,
            places=[("p1", "Ashkelon", "IL", ["Ashkelon"])],
        )
    )
    (e,) = doc.events
    assert (acled(e), e.actor, e.claimant, e.status, e.place) == (
        "Shelling/artillery/missile attack",
        "a1",
        "a1",
        "claimed",
        "p1",
    )


def test_refusal_is_reject_not_a_negated_aid():
    actors = [
        ("a1", "Rusia", "state", "RUS", None, ["Rusia"]),
        ("a2", "Armenia", "state", "ARM", None, ["Armenia"]),
        ("a3", "Jepang", "state", "JPN", None, ["Jepang"]),
        ("a4", "Ukraina", "state", "UKR", None, ["Ukraina"]),
    ]
    doc = run(
        make_doc(
            "Rusia tidak memiliki kewajiban membantu Armenia. "
            "Di tempat lain, Jepang enggan memberikan dukungan militer kepada Ukraina.",
            actors=actors,
        )
    )
    rejects = events_of(doc, "REJECT")
    assert [(e.actor, e.recipient, e.mode) for e in rejects] == [
        ("a1", "a2", "assist"),
        ("a3", "a4", "assist"),
    ]
    assert all(e.status == "asserted" for e in rejects)


def test_via_is_the_nearest_cited_outlet_then_the_publisher():
    actors = [
        ("a1", "Houthi", "group", "YEM", "REB", ["Houthi"]),
        ("a2", "Reuters", "media", None, "MED", ["Reuters"]),
    ]
    doc = run(
        make_doc(
            "Kelompok Houthi menyerang kapal tanker di Laut Merah. Serangan itu dilaporkan pada malam hari. "
            "Kabar itu dilansir Reuters.",
            actors=actors,
            cited=["Reuters"],
            publisher="Warta Timur",
        )
    )
    (e,) = doc.events
    assert e.via == ["Reuters", "Warta Timur"]


def test_according_to_a_media_outlet_is_a_relay_not_a_claimant():
    actors = [
        ("a1", "Reuters", "media", None, "MED", ["Reuters"]),
        ("a2", "police", "government", "USA", "COP", ["police"]),
    ]
    doc = run(
        make_doc(
            "According to Reuters, police arrested 20 people in Portland.",
            lang="en",
            actors=actors,
            places=[("p1", "Portland", "US", ["Portland"])],
            publisher="example.org",
        )
    )
    (e,) = doc.events
    assert (e.claimant, e.status, e.via, e.actor) == (None, "asserted", ["Reuters", "example.org"], "a2")


# -- quotes -----------------------------------------------------------------------------------------
def test_quotes_with_speakers_and_events_inside_inherit_the_speaker():
    actors = [
        ("a1", "Volodymyr Zelensky", "person", "UKR", "GOV", ["Volodymyr Zelensky", "Zelensky"]),
        ("a2", "pasukan Ukraina", "military", "UKR", "MIL", ["pasukan Ukraina", "Pasukan Ukraina"]),
        ("a3", "Kyiv Independent", "media", "UKR", "MED", ["Kyiv Independent"]),
    ]
    text = (
        "Presiden Volodymyr Zelensky berbicara kepada wartawan. “Pasukan Ukraina telah membebaskan desa "
        "Andriivka,” ujar Zelensky, seperti dilansir Kyiv Independent. "
        '"Kami tidak akan berhenti sampai seluruh wilayah kami kembali," ujarnya.'
    )
    doc = run(
        make_doc(text, actors=actors, places=UKR_PLACES, cited=["Kyiv Independent"], publisher="w.example")
    )
    assert [(doc.text[q.span[0] : q.span[0] + 15], q.speaker) for q in doc.quotes] == [
        ("Pasukan Ukraina", "a1"),
        ("Kami tidak akan", "a1"),
    ]
    (e,) = doc.events
    assert (e.claimant, e.status, e.actor, name(doc, e.place)) == ("a1", "claimed", "a2", "Andriivka")
    assert e.via == ["Kyiv Independent", "w.example"]


def test_english_quote_speaker_before_and_after():
    actors = [
        ("a1", "Antony Blinken", "person", "USA", "GOV", ["Antony Blinken", "Blinken"]),
        ("a2", "Hamas", "group", "PSE", "REB", ["Hamas"]),
    ]
    text = (
        'Antony Blinken said: "We will not accept any attack on civilians." '
        '"Hamas must release the hostages now," Blinken told reporters.'
    )
    doc = run(make_doc(text, lang="en", actors=actors))
    assert [q.speaker for q in doc.quotes] == ["a1", "a1"]
    assert all(e.claimant == "a1" for e in doc.events)


def test_short_scare_quotes_without_a_speaker_are_not_quotes():
    doc = run(make_doc('Media menjuluki Rusia "Negeri Beruang Merah" sejak lama.'))
    assert doc.quotes == []


# -- types from context --------------------------------------------------------------------------------
def test_air_strike_on_a_place_absorbs_the_death_toll_and_takes_the_date():
    actors = [
        ("a1", "Israel", "state", "ISR", None, ["Israeli"]),
        ("a2", "health ministry", "government", "PSE", "GOV", ["health ministry"]),
    ]
    doc = run(
        make_doc(
            "Israeli warplanes carried out an airstrike on Gaza City on Tuesday, killing five civilians, "
            "the health ministry said.",
            lang="en",
            actors=actors,
            places=[("p1", "Gaza City", "PS", ["Gaza City"])],
            dates=[("Tuesday", "2021-05-11")],
        )
    )
    (e,) = doc.events
    assert (acled(e), e.cameo, e.place, e.date.date, e.claimant) == (
        "Air/drone strike",
        "195",
        "p1",
        "2021-05-11",
        "a2",
    )


def test_suicide_bombing_is_one_event_whatever_the_toll():
    doc = run(
        make_doc(
            "A suicide bomber blew himself up at a checkpoint in Kabul, killing 12 soldiers.",
            lang="en",
            places=[("p1", "Kabul", "AF", ["Kabul"])],
        )
    )
    assert [(acled(e), e.place) for e in doc.events] == [("Suicide bomb", "p1")]


@pytest.mark.parametrize(
    "text,sub",
    [
        ("Gunmen attacked villagers in Zamfara.", "Attack"),
        ("Militants attacked an army checkpoint in Zamfara.", "Armed clash"),
    ],
)
def test_the_target_decides_attack_on_civilians_or_armed_clash(text, sub):
    doc = run(make_doc(text, lang="en", places=[("p1", "Zamfara", "NG", ["Zamfara"])]))
    assert [acled(e) for e in doc.events] == [sub]


def test_protest_dispersed_with_tear_gas_and_arrests_is_one_protest_with_intervention():
    doc = run(
        make_doc(
            "Ribuan mahasiswa berunjuk rasa di depan gedung DPR, lalu polisi membubarkan massa dengan gas "
            "air mata dan menangkap puluhan orang.",
            places=[("p1", "DPR", "ID", ["DPR"])],
        )
    )
    assert [(e.type, acled(e)) for e in doc.events] == [("PROTEST", "Protest with intervention")]


def test_english_protesters_clashing_with_police_is_a_riot():
    doc = run(
        make_doc(
            "Protesters clashed with police and threw stones in Nairobi.",
            lang="en",
            places=[("p1", "Nairobi", "KE", ["Nairobi"])],
        )
    )
    assert [acled(e) for e in doc.events] == ["Violent demonstration"]


def test_the_headline_is_not_an_event_source():
    doc = run(
        make_doc("Warga setempat melaporkan situasi tenang.", title="Polisi menangkap dua tersangka teror")
    )
    assert doc.events == []


def test_today_is_resolved_against_publication_date():
    doc = run(
        make_doc(
            "Hari ini polisi menangkap dua tersangka.",
            published="2022-11-21",
            actors=[("a1", "polisi", "government", "IDN", "COP", ["polisi"])],
        )
    )
    (e,) = doc.events
    assert (e.date.date, e.date.source) == ("2022-11-21", "text")


def test_elaborating_sentence_dates_a_taking():
    actors = [("a1", "pasukan Ukraina", "military", "UKR", "MIL", ["pasukan Ukraina"])]
    doc = run(
        make_doc(
            "Pasukan Ukraina mengambil alih kota Andriivka. Bendera Ukraina berkibar di Andriivka, "
            "Sabtu 16 September 2023.",
            actors=actors,
            places=UKR_PLACES,
            dates=[("Sabtu 16 September 2023", "2023-09-16")],
            published="2023-09-18",
        )
    )
    (e,) = doc.events
    assert (e.date.date, e.date.source) == ("2023-09-16", "text")


def test_blocked_idioms_and_disasters_are_not_events():
    doc = run(make_doc("Pelaku bunuh diri di rumahnya. Gempa menewaskan tiga orang.", lang="id"))
    assert doc.events == []


def test_stage_survives_bare_documents():
    assert run(Document(text="")).events == []
    doc = run(Document(text="Troops shelled the town. Nothing else happened.", language=None))
    assert [acled(e) for e in doc.events] == ["Shelling/artillery/missile attack"]
    assert doc.events[0].date is None and 0 <= doc.events[0].confidence <= 1


def test_event_json_round_trip():
    doc = run(make_doc("Pasukan Ukraina merebut desa Andriivka.", actors=UKR_ACTORS, places=UKR_PLACES))
    again = Document.from_dict(doc.to_dict())
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in doc.events]


# -- morphology and lexicons -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "form,affixes,lang,expected",
    [
        ("rebut", "meN- di-", "id", {"merebut", "direbut"}),
        ("kuasa", "meN-i di-i peN-an", "id", {"menguasai", "dikuasai", "penguasaan"}),
        ("ambil_alih", "meN- di- peN-an", "id", {"mengambil alih", "diambil alih", "pengambilalihan"}),
        ("serang", "meN- -an peN-an", "id", {"menyerang", "serangan", "penyerangan"}),
        ("tangkap", "meN- ter-", "id", {"menangkap", "tertangkap"}),
        ("bom", "meN-", "id", {"mengebom"}),
        ("protes", "meN-", "id", {"memprotes"}),
        ("temu", "ber- per-an", "id", {"bertemu", "pertemuan"}),
        ("kerja sama", "ber-", "id", {"bekerja sama"}),
        ("runding", "ber-", "id", {"berunding"}),
        ("capture", "V", "en", {"capture", "captures", "captured", "capturing"}),
        ("nab", "V+", "en", {"nab", "nabs", "nabbed", "nabbing"}),
        ("agree", "V", "en", {"agree", "agrees", "agreed", "agreeing"}),
        ("seize", "V", "en", {"seize", "seizes", "seized", "seizing"}),
        ("take/took control", "0", "en", {"take control", "took control"}),
    ],
)
def test_trigger_morphology(form, affixes, lang, expected):
    assert {s.text for s in expand(form, affixes, lang)} == expected


def _event_lexicon_files():
    return [(lang, name) for lang, name in lexicons.files() if name.startswith("event_")]


def test_every_event_lexicon_has_source_and_note_columns():
    files = _event_lexicon_files()
    assert (
        ("xx", "event_types") in files
        and ("id", "event_triggers") in files
        and ("en", "event_triggers") in files
    )
    for lang, name in files:
        path = resources.files("warta.lexicons") / lang / f"{name}.tsv"
        with path.open(encoding="utf-8") as fh:
            header = next(csv.reader(fh, delimiter="\t"))
        assert "source" in header and "note" in header, (lang, name)
        assert lexicons.load(lang, name), (lang, name)


def test_acled_names_are_acled_spelling_and_triggers_agree_with_the_crosswalk():
    assert {(t, s) for t, subs in ACLED_TYPES.items() for s in subs} == ACLED_NAMES
    types = load_types()
    assert {t.acled for t in types.values() if t.acled} <= ACLED_NAMES
    territorial = [t for t in types.values() if t.family == "territory"]
    assert {t.cameo for t in territorial} == {"192"} and len(territorial) == 3
    for lang in ("id", "en"):
        for row in lexicons.load(lang, "event_triggers"):
            if row["key"] == "-":
                continue
            t = types[row["key"]]
            assert row["plover"] == t.plover and row["cameo"] == (t.cameo or ""), row
            acled_pair = (row["acled_event_type"], row["acled_sub_event_type"])
            assert acled_pair == (t.acled or ("", "")), row
            assert acled_pair == ("", "") or acled_pair in ACLED_NAMES


def test_crosswalk_agrees_with_cameo2plover_on_plover_type():
    """Each CAMEO code's PLOVER type is the one the CAMEO2PLOVER-2021 table gives."""
    path = resources.files("warta.lexicons") / "xx" / "event_types.tsv"
    assert path.is_file()
    known = {  # from CAMEO2PLOVER-2021.txt, the codes the crosswalk uses
        "040": "CONSULT",
        "041": "CONSULT",
        "042": "CONSULT",
        "045": "CONSULT",
        "046": "CONSULT",
        "030": "AGREE",
        "051": "SUPPORT",
        "052": "SUPPORT",
        "054": "SUPPORT",
        "057": "SUPPORT",
        "060": "COOPERATE",
        "062": "COOPERATE",
        "063": "COOPERATE",
        "196": "ASSAULT",
        "070": "AID",
        "075": "AID",
        "072": "AID",
        "073": "AID",
        "080": "CONCEDE",
        "081": "CONCEDE",
        "0813": "RETREAT",
        "0814": "RETREAT",
        "085": "RETREAT",
        "0831": "CONCEDE",
        "0841": "RETREAT",
        "0871": "RETREAT",
        "0872": "RETREAT",
        "055": "SUPPORT",
        "056": "SUPPORT",
        "064": "COOPERATE",
        "0874": "RETREAT",
        "090": "ACCUSE",
        "111": "ACCUSE",
        "112": "ACCUSE",
        "115": "ACCUSE",
        "116": "ACCUSE",
        "100": "REQUEST",
        "103": "REQUEST",
        "106": "REQUEST",
        "120": "REJECT",
        "121": "REJECT",
        "122": "REJECT",
        "124": "REJECT",
        "125": "REJECT",
        "127": "REJECT",
        "129": "REJECT",
        "130": "THREATEN",
        "138": "THREATEN",
        "139": "THREATEN",
        "141": "PROTEST",
        "142": "PROTEST",
        "143": "PROTEST",
        "144": "PROTEST",
        "145": "PROTEST",
        "152": "MOBILIZE",
        "153": "MOBILIZE",
        "154": "MOBILIZE",
        "161": "SANCTION",
        "162": "SANCTION",
        "1622": "SANCTION",
        "1623": "SANCTION",
        "165": "SANCTION",
        "163": "COERCE",
        "164": "SANCTION",
        "166": "SANCTION",
        "170": "COERCE",
        "1711": "COERCE",
        "1712": "ASSAULT",
        "1722": "COERCE",
        "1723": "COERCE",
        "1724": "COERCE",
        "173": "COERCE",
        "174": "COERCE",
        "175": "ASSAULT",
        "180": "ASSAULT",
        "181": "ASSAULT",
        "182": "ASSAULT",
        "1821": "ASSAULT",
        "1822": "ASSAULT",
        "183": "ASSAULT",
        "1831": "ASSAULT",
        "1833": "ASSAULT",
        "186": "ASSAULT",
        "190": "ASSAULT",
        "191": "COERCE",
        "192": "COERCE",
        "193": "ASSAULT",
        "194": "ASSAULT",
        "195": "ASSAULT",
        "202": "ASSAULT",
        "203": "ASSAULT",
        "2041": "ASSAULT",
    }
    for t in load_types().values():
        assert known[t.cameo] == t.plover, t.key


# -- more context rules ---------------------------------------------------------------------------
def test_first_of_coordinated_subjects_is_the_actor():
    actors = [
        ("a1", "Armenia", "state", "ARM", None, ["Armenia"]),
        ("a2", "Azerbaijan", "state", "AZE", None, ["Azerbaijan"]),
        ("a3", "Rusia", "state", "RUS", None, ["Rusia"]),
    ]
    doc = run(
        make_doc("Armenia, Azerbaijan, dan Rusia menandatangani perjanjian damai di Moskow.", actors=actors)
    )
    (e,) = doc.events
    assert (e.actor, acled(e)) == ("a1", "Agreement")


def test_weapons_found_are_disrupted_weapons_use_not_a_bombing():
    doc = run(
        make_doc(
            "Two grenades and an improvised explosive device were found near the market in Kismayo.",
            lang="en",
            places=[("p1", "Kismayo", "SO", ["Kismayo"])],
        )
    )
    assert [acled(e) for e in doc.events] == ["Disrupted weapons use"]


def test_a_mob_beating_is_mob_violence():
    doc = run(
        make_doc(
            "Seorang pencuri motor dipukuli massa di Bekasi.", places=[("p1", "Bekasi", "ID", ["Bekasi"])]
        )
    )
    assert [(acled(e), e.place) for e in doc.events] == [("Mob violence", "p1")]


def test_a_trigger_word_inside_an_actor_name_is_no_event():
    actors = [("a1", "Rapid Support Forces", "group", "SDN", "REB", ["Rapid Support Forces"])]
    doc = run(make_doc("The Rapid Support Forces remained in Khartoum.", lang="en", actors=actors))
    assert doc.events == []


def test_a_demonstrative_noun_refers_back_however_far():
    actors = [
        ("a1", "Israel", "state", "ISR", None, ["Israel"]),
        ("a2", "Hamas", "group", "PSE", "REB", ["Hamas"]),
    ]
    text = (
        "Israel dan Hamas menyepakati gencatan senjata pada Jumat. Warga Gaza merayakan di jalan-jalan. "
        "Toko-toko kembali buka. Sekolah masih tutup. Rumah sakit penuh. Gencatan senjata itu rapuh."
    )
    doc = run(make_doc(text, actors=actors))
    assert [(e.type, acled(e)) for e in doc.events] == [("RETREAT", "Agreement")]


def test_governed_complements_are_the_content_not_events_of_their_own():
    actors = [
        ("a1", "Iran", "state", "IRN", None, ["Iran"]),
        ("a2", "Israel", "state", "ISR", None, ["Israel"]),
    ]
    threat = run(make_doc("Iran threatened to attack Israel.", lang="en", actors=actors))
    assert [(e.type, e.actor) for e in threat.events] == [("THREATEN", "a1")]
    truce = run(make_doc("Iran and Israel agreed to a ceasefire.", lang="en", actors=actors))
    assert [(e.type, acled(e)) for e in truce.events] == [("RETREAT", "Agreement")]
    resign = run(make_doc("Iran agreed to release the hostages.", lang="en", actors=actors))
    assert [e.type for e in resign.events] == ["AGREE"]


@pytest.mark.parametrize(
    "text,actor",
    [("Israel raids Gaza every night.", "a1"), ("Dozens were detained in pre-dawn raids by Israel.", "a1")],
)
def test_a_word_that_is_a_verb_or_a_plural_noun_is_read_from_its_context(text, actor):
    actors = [("a1", "Israel", "state", "ISR", None, ["Israel"])]
    doc = run(make_doc(text, lang="en", actors=actors, places=[("p1", "Gaza", "PS", ["Gaza"])]))
    assert actor in {e.actor for e in doc.events}


# -- claims told twice, outlets, counter-claims --------------------------------------------
AZ_ACTORS = [
    (
        "a1",
        "Kementerian Pertahanan Azerbaijan",
        "government",
        "AZE",
        "GOV",
        ["Kementerian Pertahanan Azerbaijan"],
    ),
    ("a2", "pasukan Azerbaijan", "military", "AZE", "MIL", ["pasukan Azerbaijan"]),
    ("a3", "Kementerian Pertahanan Armenia", "government", "ARM", "GOV", ["Kementerian Pertahanan Armenia"]),
    ("a4", "Ilham Aliyev", "person", "AZE", "GOV", ["Ilham Aliyev", "Aliyev"]),
]
AZ_PLACES = [("p1", "Talish", "AZ", ["Talish"]), ("p2", "Mehdili", "AZ", ["Mehdili"])]


def test_a_claim_retold_later_keeps_its_first_claimant_and_outlets():
    text = (
        "Menurut Kementerian Pertahanan Azerbaijan, pasukan Azerbaijan merebut desa Talish.\n\n"
        "Aliyev menulis bahwa pasukan Azerbaijan telah membebaskan desa Talish dan Mehdili, seperti dilansir VIVA."
    )
    doc = run(make_doc(text, actors=AZ_ACTORS, places=AZ_PLACES, cited=["VIVA"], publisher="Kabar.com"))
    talish = [e for e in doc.events if e.place == "p1"]
    mehdili = [e for e in doc.events if e.place == "p2"]
    assert len(talish) == 1 and len(mehdili) == 1
    assert (talish[0].claimant, talish[0].via) == ("a1", ["Kabar.com"])
    assert doc.text[slice(*talish[0].evidence.trigger)] == "merebut"
    assert (mehdili[0].claimant, mehdili[0].via) == ("a4", ["VIVA", "Kabar.com"])


def test_an_outlet_cited_in_another_paragraph_relays_another_statement():
    text = (
        "Menurut Kementerian Pertahanan Azerbaijan, pasukan Azerbaijan merebut desa Talish.\n\n"
        "Pertemuan itu berlangsung singkat.\n\n"
        "Aliyev menulis bahwa pasukan Azerbaijan membebaskan desa Mehdili, seperti dilansir VIVA."
    )
    doc = run(make_doc(text, actors=AZ_ACTORS, places=AZ_PLACES, cited=["VIVA"], publisher="Kabar.com"))
    (talish,) = [e for e in doc.events if e.place == "p1"]
    (mehdili,) = [e for e in doc.events if e.place == "p2"]
    assert talish.via == ["Kabar.com"]
    assert mehdili.via == ["VIVA", "Kabar.com"]


def test_a_speaker_told_on_in_the_next_paragraph_keeps_the_outlet():
    text = (
        "Aliyev menulis bahwa pasukan Azerbaijan membebaskan desa Talish, seperti dilansir VIVA.\n\n"
        "Aliyev juga mengumumkan pasukan Azerbaijan telah merebut desa Mehdili."
    )
    doc = run(make_doc(text, actors=AZ_ACTORS, places=AZ_PLACES, cited=["VIVA"], publisher="Kabar.com"))
    (mehdili,) = [e for e in doc.events if e.place == "p2"]
    assert (mehdili.claimant, mehdili.via) == ("a4", ["VIVA", "Kabar.com"])


def test_a_denial_of_the_other_sides_claim_is_a_counter_claim_per_event():
    text = (
        "Menurut Kementerian Pertahanan Azerbaijan, pasukan Azerbaijan merebut desa Talish dan Mehdili.\n\n"
        "Kementerian Pertahanan Armenia membantah klaim tersebut."
    )
    doc = run(make_doc(text, actors=AZ_ACTORS, places=AZ_PLACES, publisher="Kabar.com"))
    claims = [e for e in doc.events if e.status == "claimed"]
    counters = [e for e in doc.events if e.status == "denied"]
    assert sorted(e.place for e in claims) == sorted(e.place for e in counters) == ["p1", "p2"]
    for claim in claims:
        (counter,) = [e for e in counters if e.place == claim.place]
        assert (counter.type, counter.acled, counter.actor) == (claim.type, claim.acled, claim.actor)
        assert (claim.claimant, counter.claimant) == ("a1", "a3")
        assert doc.text[slice(*counter.evidence.trigger)] == "membantah"
        assert counter.confidence < claim.confidence
        assert (counter.answers, claim.answers) == (claim.id, None)  # the link, as data


def test_an_english_denial_and_a_denial_that_names_its_own_event():
    actors = [
        ("a1", "Russian Defence Ministry", "government", "RUS", "GOV", ["Russian Defence Ministry"]),
        ("a2", "Ukrainian army", "military", "UKR", "MIL", ["Ukrainian army"]),
    ]
    places = [("p1", "Klishchiivka", "UA", ["Klishchiivka"])]
    claim = "The Russian Defence Ministry said its forces captured the village of Klishchiivka."
    doc = run(
        make_doc(claim + "\n\nThe Ukrainian army denied the claim.", lang="en", actors=actors, places=places)
    )
    assert [(e.status, e.claimant, e.place, e.answers) for e in doc.events] == [
        ("claimed", "a1", "p1", None),
        ("denied", "a2", "p1", "e1"),
    ]
    # a denial that is about something else entirely is no counter-claim
    doc = run(
        make_doc(
            claim + "\n\nThe Ukrainian army denied entry to reporters.",
            lang="en",
            actors=actors,
            places=places,
        )
    )
    assert [e.status for e in doc.events] == ["claimed"]


def test_a_denial_that_tells_its_own_event_answers_the_other_sides_claim():
    actors = [
        (
            "a1",
            "Kementerian Pertahanan Azerbaijan",
            "government",
            "AZE",
            "GOV",
            ["Kementerian Pertahanan Azerbaijan"],
        ),
        ("a2", "pasukan Armenia", "military", "ARM", "MIL", ["pasukan Armenia", "pasukannya"]),
        (
            "a3",
            "Kementerian Pertahanan Armenia",
            "government",
            "ARM",
            "GOV",
            ["Kementerian Pertahanan Armenia"],
        ),
    ]
    places = [("p1", "Tartar", "AZ", ["Tartar"]), ("p2", "Ganja", "AZ", ["Ganja"])]
    claim = "Kementerian Pertahanan Azerbaijan mengatakan pasukan Armenia menyerang kota Tartar pada Senin."
    denial = "Kementerian Pertahanan Armenia membantah bahwa pasukannya menyerang kota {}."
    doc = run(make_doc(f"{claim}\n\n{denial.format('Tartar')}", actors=actors, places=places))
    claimed = [e for e in doc.events if e.status == "claimed"]
    denied = [e for e in doc.events if e.status == "denied"]
    assert len(claimed) == len(denied) == 1
    assert (denied[0].claimant, denied[0].place, denied[0].answers) == ("a3", "p1", claimed[0].id)
    # a denial about another place answers nothing
    doc = run(make_doc(f"{claim}\n\n{denial.format('Ganja')}", actors=actors, places=places))
    (other,) = [e for e in doc.events if e.status == "denied"]
    assert (other.place, other.answers) == ("p2", None)


# -- ranking and ACLED codebook rules (English) ----------------------------------------------
def top(doc: Document):
    return max(doc.events, key=lambda e: e.confidence)


def test_an_act_on_the_ground_outranks_words_about_it_and_plans():
    doc = run(
        make_doc("Rights groups condemned the attack on the market, which killed five people.", lang="en")
    )
    assert top(doc).type == "ASSAULT"
    doc = run(
        make_doc("Villagers protested in the square. The minister is set to meet their leaders.", lang="en")
    )
    assert acled(top(doc)) == "Peaceful protest"


def test_a_protest_is_one_episode_of_its_most_severe_kind():
    text = "Thousands of protesters marched through the capital. Later some of them threw stones at police."
    assert {acled(e) for e in run(make_doc(text, lang="en")).events} == {"Violent demonstration"}
    text = "Thousands of protesters marched through the capital. Police fired tear gas to disperse them."
    assert acled(top(run(make_doc(text, lang="en")))) == "Protest with intervention"


def test_weapons_destroyed_or_found_are_disrupted_weapons_use():
    doc = run(
        make_doc("Special forces destroyed dozens of machine guns, rockets and IEDs in a raid.", lang="en")
    )
    assert acled(top(doc)) == "Disrupted weapons use"
    doc = run(make_doc("Mortars, IEDs and heavy machine guns were found near the village.", lang="en"))
    assert acled(top(doc)) == "Disrupted weapons use"


def test_air_and_chemical_cues_retype_a_strike():
    doc = run(make_doc("Jets fired missiles at a water well, killing three people.", lang="en"))
    assert acled(top(doc)) == "Air/drone strike"
    doc = run(make_doc("Militants fired mortar rounds containing chlorine at the army.", lang="en"))
    assert acled(top(doc)) == "Chemical weapon"


def test_ground_left_without_a_fight_is_a_non_violent_transfer():
    places = [("p1", "Kirkuk", "IQ", ["Kirkuk"]), ("p2", "Afrin", "SY", ["Afrin"])]
    doc = run(
        make_doc(
            "Kurdish forces decided to withdraw from the disputed city of Kirkuk.", lang="en", places=places
        )
    )
    assert acled(top(doc)) == "Non-violent transfer of territory"
    doc = run(
        make_doc(
            "Rebel fighters entered the town of Afrin after Kurdish forces pulled out.",
            lang="en",
            places=places,
        )
    )
    assert acled(top(doc)) == "Non-violent transfer of territory"
    doc = run(
        make_doc("Rebel fighters entered the town of Afrin after heavy shelling.", lang="en", places=places)
    )
    assert "Non-violent transfer of territory" not in {acled(e) for e in doc.events}


def test_a_backer_named_in_a_hyphenated_word_is_not_the_doer():
    actors = [("a1", "Turkey", "state", "TUR", None, ["Turkish"])]
    places = [("p1", "Dabiq", "SY", ["Dabiq"])]
    doc = run(
        make_doc(
            "Turkish-backed rebel fighters seized the town of Dabiq.", lang="en", actors=actors, places=places
        )
    )
    assert acled(top(doc)) == "Non-state actor overtakes territory"
    assert top(doc).actor is None


# -- the sentence's main event ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,lang,cameo,plover",
    [
        ("Japan halted economic aid to Serbia.", "en", "162", "SANCTION"),
        ("Jepang menghentikan bantuan ekonomi untuk Serbia.", "id", "162", "SANCTION"),
        ("The Red Cross suspended part of its humanitarian aid program.", "en", "1623", "SANCTION"),
        ("Officers ended mediation efforts between the militias.", "en", "165", "SANCTION"),
        ("Serbia lifted the curfew in Montenegro.", "en", "0813", "RETREAT"),
        ("Pemerintah mencabut jam malam di kota itu.", "id", "0813", "RETREAT"),
        ("The army lifted a day-old blockade on the crossing.", "en", "0872", "RETREAT"),
    ],
)
def test_an_act_stopped_or_eased_is_its_reversal(text, lang, cameo, plover):
    doc = run(make_doc(text, lang=lang))
    assert [(e.cameo, e.type) for e in doc.events] == [(cameo, plover)]


def test_an_aid_noun_without_a_halting_verb_stays_aid():
    doc = run(make_doc("Japan sent economic aid to Serbia after the floods.", lang="en"))
    assert [e.type for e in doc.events] == ["AID"]


@pytest.mark.parametrize(
    "text,lang,background",
    [
        ("Police arrested two men after the clashes at the market.", "en", "clashes"),
        ("Police arrested two men following the clashes at the market.", "en", "clashes"),
        ("Polisi menangkap dua pria setelah bentrokan di pasar.", "id", "bentrokan"),
        ("Polisi menangkap dua pria pasca bentrokan di pasar.", "id", "bentrokan"),
        ("Police arrested two men in the town where the clashes took place.", "en", "clashes"),
    ],
)
def test_an_event_in_a_phrase_of_time_or_a_relative_clause_is_background(text, lang, background):
    doc = run(make_doc(text, lang=lang))
    first = top(doc)
    assert doc.text[slice(*first.evidence.trigger)] != background
    behind = [e for e in doc.events if doc.text[slice(*e.evidence.trigger)] == background]
    assert behind and behind[0].confidence < first.confidence


def test_the_same_event_noun_in_the_main_clause_is_not_background():
    lead = run(make_doc("Police arrested two men after the clashes at the market.", lang="en"))
    main = run(make_doc("The clashes at the market ended after police arrested two men.", lang="en"))
    lead_clash = next(e for e in lead.events if e.type == "ASSAULT")
    main_clash = next(e for e in main.events if e.type == "ASSAULT")
    assert main_clash.confidence > lead_clash.confidence


def test_a_threat_governs_its_complement_across_a_longer_phrase():
    actors = [("a1", "Iran", "state", "IRN", None, ["Iran"])]
    doc = run(make_doc("Iran threatened to launch a new military offensive.", lang="en", actors=actors))
    assert [e.type for e in doc.events] == ["THREATEN"]
    # a condition is another clause: the threat does not swallow what the condition names
    doc = run(make_doc("Iran threatened to retaliate if the attacks continue.", lang="en", actors=actors))
    assert "ASSAULT" in {e.type for e in doc.events}


@pytest.mark.parametrize(
    "text,cameo",
    [
        ("The vice-president declined to resign despite the pressure.", "124"),
        ("Ukraine ratified the agreement with the European Union.", "057"),
        ("Sri Lanka established diplomatic ties with Iran.", "054"),
        ("Israeli officials shared intelligence with their allies.", "064"),
        ("Argentina apologized to Brazil for the incident.", "055"),
    ],
)
def test_cameo_codebook_verbs(text, cameo):
    doc = run(make_doc(text, lang="en"))
    assert top(doc).cameo == cameo


@pytest.mark.parametrize(
    "text,status",
    [
        ("Palestinian leaders said they would boycott the talks.", "planned"),
        ("The farmers would blockade the capital.", "hypothetical"),
        ("The farmers said they would blockade the capital if prices fall.", "hypothetical"),
    ],
)
def test_would_after_a_speech_verb_is_a_plan(text, status):
    doc = run(make_doc(text, lang="en"))
    assert top(doc).status == status


def test_a_demand_noun_governs_its_complement():
    doc = run(make_doc("The government rejected the rebels' demands to release the prisoners.", lang="en"))
    assert "RETREAT" not in {e.type for e in doc.events}


def test_shooting_at_again_and_again_is_still_shooting():
    # meN-i / di-i: 'menembaki', 'ditembaki' (fire at, repeatedly)
    for text in ("Pasukan menembaki kota Tartar pada Senin.", "Kota Tartar ditembaki pasukan pada Senin."):
        doc = run(make_doc(text, places=[("p1", "Tartar", "AZ", ["Tartar"])]))
        assert [(e.type, e.place) for e in doc.events] == [("ASSAULT", "p1")], text
