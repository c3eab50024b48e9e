"""One database for the web tests: the bundled examples run through the real pipeline
(the `warta run` code path), plus two documents built by hand about one village: a claim
whose text carries markup and a character outside the BMP, and the other side's denial."""

from pathlib import Path

import pytest

from warta.records import Actor, DateValue, Document, Event, EventDate, Evidence, Place
from warta.runner import run
from warta.store import Store

EXAMPLES = Path(__file__).parents[2] / "examples"

# the emoji comes before the trigger: offsets count code points, a browser's strings UTF-16 units
HOSTILE_TEXT = (
    "Pasukan Azerbaijan 🙂 <script>window.__pwned = 1</script> merebut desa Talish "
    '<img src=x onerror="window.__pwned = 2"> di distrik Terter, kata Ilham Aliyev.'
)
HOSTILE_TITLE = "<b>Talish</b> <script>window.__pwned = 3</script>"
DENIAL_TEXT = "Kementerian Pertahanan Armenia membantah bahwa pasukan Azerbaijan merebut desa Talish."
TALISH = ("geonames:1", "Talish", "AZ", 40.34, 46.93)


def claim_document(
    text: str, *, trigger: str, status: str, claimant: str, claimant_kind: str, title: str, url: str
) -> Document:
    """A document with one event about Talish, its claimant named in the text."""
    doc = Document(raw=text, text=text, url=url, publisher="Kabar.com", title=title, language="id")
    doc.published = DateValue("2020-10-07", "day")
    at = text.index("Talish")
    place_id, name, country, lat, lon = TALISH
    doc.places = [Place(place_id, name, country, None, None, lat, lon, "PPL", "exact", [(at, at + 6)])]
    army = (
        text.index("pasukan Azerbaijan") if "pasukan Azerbaijan" in text else text.index("Pasukan Azerbaijan")
    )
    who = text.index(claimant)
    doc.actors = [
        Actor("a1", "Azerbaijan armed forces", "military", "AZE", "MIL", [(army, army + 18)]),
        Actor("a2", claimant, claimant_kind, None, None, [(who, who + len(claimant))]),
    ]
    t = text.index(trigger)
    doc.events = [
        Event(
            "e1",
            "COERCE",
            Evidence((0, len(text)), (t, t + len(trigger))),
            mode="seize",
            actor="a1",
            place=place_id,
            date=EventDate("2020-10-07", "day", "published"),
            status=status,
            claimant="a2",
            via=["Kabar.com"],
            confidence=0.7,
        )
    ]
    return doc


def hostile_document() -> Document:
    return claim_document(
        HOSTILE_TEXT,
        trigger="merebut",
        status="claimed",
        claimant="Ilham Aliyev",
        claimant_kind="person",
        title=HOSTILE_TITLE,
        url="javascript:window.__pwned = 4",
    )


def denial_document() -> Document:
    return claim_document(
        DENIAL_TEXT,
        trigger="merebut",
        status="denied",
        claimant="Kementerian Pertahanan Armenia",
        claimant_kind="government",
        title="Armenia membantah",
        url="https://example.org/bantah",
    )


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, pipeline) -> Path:
    path = tmp_path_factory.mktemp("web") / "examples.duckdb"
    messages: list[str] = []
    with Store(path) as store:
        summary = run([str(EXAMPLES)], store, pipeline=pipeline, on_message=messages.append)
        assert not summary.failed, messages
        assert summary.events > 0, "the examples gave no events: nothing to put on a map"
        store.write([("hostile", hostile_document()), ("denial", denial_document())])
    return path


@pytest.fixture(scope="session")
def db_rows(web_db):
    """Ask the database directly, to check what the API and the page show."""
    import duckdb

    con = duckdb.connect(str(web_db), read_only=True)

    def rows(sql: str, params=()):
        return con.execute(sql, list(params)).fetchall()

    yield rows
    con.close()
