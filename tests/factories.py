"""Documents built by hand, with every list filled, for tests of the store, the exports
and the CLI that must not depend on what the stages find."""

from pathlib import Path

from warta.records import (
    AcledType,
    Actor,
    CitedSource,
    DateValue,
    Document,
    Event,
    EventDate,
    Evidence,
    Mention,
    Place,
    Quote,
    Removed,
)

# small articles kept as inputs of the CLI and runner tests
ARTICLES = Path(__file__).parent / "fixtures" / "articles"

DESIGN_KEYS = {
    "id",
    "url",
    "publisher",
    "title",
    "byline",
    "dateline",
    "language",
    "text",
    "published",
    "removed",
    "cited_sources",
    "mentions",
    "places",
    "actors",
    "quotes",
    "events",
}  # DESIGN.md's record

TEXT = (
    "Pasukan Azerbaijan merebut desa Talish di distrik Terter, kata Kementerian Pertahanan.\n\n"
    "“Kami menang,” ujar Ilham Aliyev, seperti dilansir VIVA."
)


def sample_document(
    text: str = TEXT, *, lat: float = 40.34, lon: float = 46.93, date: str = "2020-10-07"
) -> Document:
    doc = Document(
        raw=text,
        text=text,
        url="https://example.org/talish",
        publisher="Kabar.com",
        title="Talish",
        byline="rina",
        dateline="BAKU",
        language="id",
        published=DateValue(date, "day"),
    )
    doc.removed = [Removed("Iklan", "advertisement")]
    doc.cited_sources = [CitedSource("VIVA", (text.index("VIVA"), text.index("VIVA") + 4))]
    doc.places = [
        Place(
            "geonames:1",
            "Talish",
            "AZ",
            "Tartar",
            None,
            lat,
            lon,
            "PPL",
            "exact",
            [(text.index("Talish"), text.index("Talish") + 6)],
        )
    ]
    doc.actors = [
        Actor("a1", "Azerbaijani armed forces", "military", "AZE", "MIL", [(0, 18)]),
        Actor(
            "a2", "Ilham Aliyev", "person", "AZE", "GOV", [(text.index("Ilham"), text.index("Ilham") + 12)]
        ),
    ]
    doc.mentions = [
        Mention((0, 18), text[0:18], "ORG", "a1"),
        Mention(doc.places[0].spans[0], "Talish", "PLACE", "geonames:1"),
    ]
    doc.quotes = [Quote((text.index("“"), text.index("”") + 1), "a2")]
    trig = text.index("merebut")
    doc.events = [
        Event(
            "e1",
            "ASSAULT",
            Evidence((0, text.index("\n")), (trig, trig + 7)),
            mode="occupy",
            acled=AcledType("Battles", "Government regains territory"),
            cameo="192",
            actor="a1",
            place="geonames:1",
            date=EventDate(date, "day", "published"),
            status="claimed",
            claimant="a2",
            via=["VIVA", "Kabar.com"],
            confidence=0.8,
        )
    ]
    return doc
