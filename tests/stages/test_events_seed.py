"""The seed page (../shared/seed) through the whole pipeline: the events its reader sees, as
issue 6 lists them. The places test beside this one pins where the villages are; this one pins
what happened there and who says so, so that a change in any stage (a place's span, an
actor's name, a cue) that loses an event fails here."""

import pytest

TERRITORY = "Government regains territory"
# The seven villages Aliyev listed (each in its stated district) and Madagiz, which he named
# on 3 October; Shaybey is the defence ministry's.
ALIYEV_PLACES = {
    "Talish",
    "Mehdili",
    "Chaxirli",
    "Ashagi Maralyan",
    "Guyjag",
    "Ashagi Abdurrahmanli",
    "Madagiz",
}


@pytest.fixture(scope="module")
def seed(pipeline, seed_text):
    from warta.records import Document

    doc = pipeline(Document(raw=seed_text))
    assert not doc.errors
    actors = {a.id: a for a in doc.actors}
    places = {p.id: p for p in doc.places}

    def name(actor_id):
        return actors[actor_id].name if actor_id in actors else None

    rows = [
        {
            "type": e.type,
            "sub": e.acled.sub_event_type if e.acled else None,
            "cameo": e.cameo,
            "status": e.status,
            "actor": name(e.actor),
            "place": places[e.place].name if e.place in places else None,
            "date": (e.date.date, e.date.source) if e.date else None,
            "claimant": name(e.claimant),
            "via": list(e.via),
        }
        for e in doc.events
    ]
    return doc, rows, name


def test_eight_territorial_events_each_at_its_own_place(seed):
    _doc, rows, _name = seed
    taken = [r for r in rows if r["sub"] == TERRITORY]
    assert sorted(r["place"] for r in taken) == sorted(ALIYEV_PLACES | {"Shaybey"})
    for r in taken:
        assert (r["type"], r["cameo"], r["status"], r["actor"]) == (
            "COERCE",
            "192",
            "claimed",
            "Azerbaijan armed forces",
        )


def test_the_claims_are_aliyevs_via_viva_and_the_ministrys(seed):
    _doc, rows, _name = seed
    by_place = {r["place"]: r for r in rows if r["sub"] == TERRITORY}
    for place in ALIYEV_PLACES:
        assert (by_place[place]["claimant"], by_place[place]["via"]) == (
            "Ilham Aliyev",
            ["VIVA", "Arrahmah.com"],
        ), place
    assert by_place["Shaybey"]["claimant"] == "Azerbaijan defence ministry"
    assert by_place["Shaybey"]["via"][-1] == "Arrahmah.com"
    assert by_place["Madagiz"]["date"] == ("2020-10-03", "text")


def test_the_armenian_claim_at_jabrayil_is_kept_as_theirs(seed):
    _doc, rows, _name = seed
    (r,) = [r for r in rows if r["place"] == "Jabrayil"]
    assert (r["type"], r["status"], r["actor"], r["claimant"]) == (
        "ASSAULT",
        "claimed",
        "Armenia armed forces",
        "Armenia armed forces",
    )


def test_meeting_plan_and_refusal(seed):
    _doc, rows, _name = seed
    assert [r["actor"] for r in rows if r["type"] == "CONSULT"] == ["Nikol Pashinyan"]
    # the counter-attack is planned, not an assault that happened
    assert [r["status"] for r in rows if r["type"] == "ASSAULT" and r["place"] != "Jabrayil"] == ["planned"]
    (reject,) = [r for r in rows if r["type"] == "REJECT"]
    assert (reject["actor"], reject["claimant"], reject["via"]) == (
        "Russia",
        "Vladimir Putin",
        ["Daily Sabah", "Arrahmah.com"],
    )


def test_two_quotes_with_their_speakers(seed):
    doc, _rows, name = seed
    assert [name(q.speaker) for q in doc.quotes] == ["Ilham Aliyev", "Vladimir Putin"]
