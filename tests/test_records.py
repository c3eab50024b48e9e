import json

from factories import DESIGN_KEYS, TEXT, sample_document

from warta.records import Document


def test_to_dict_has_exactly_the_design_keys():
    d = sample_document().to_dict()
    assert set(d) == DESIGN_KEYS
    assert set(d["places"][0]) == {
        "id",
        "name",
        "country",
        "admin1",
        "admin2",
        "lat",
        "lon",
        "feature",
        "precision",
        "spans",
    }
    assert set(d["actors"][0]) == {"id", "name", "kind", "country", "sector", "spans"}
    assert set(d["events"][0]) == {
        "id",
        "type",
        "mode",
        "context",
        "acled",
        "cameo",
        "actor",
        "recipient",
        "place",
        "date",
        "status",
        "claimant",
        "via",
        "evidence",
        "confidence",
        "answers",  # beyond DESIGN.md: the claim a counter-claim disputes (an event id or null)
    }
    assert set(d["events"][0]["date"]) == {"date", "precision", "source"}
    json.dumps(d)


def test_round_trip():
    doc = sample_document()
    back = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert back.to_dict() == doc.to_dict()


def test_id_is_a_hash_of_the_cleaned_text():
    a, b = sample_document(), sample_document()
    b.url = "https://elsewhere.example/other"
    assert a.id == b.id
    assert a.id != sample_document(TEXT + " Teks lain.").id


def test_errors_key_only_when_a_stage_failed():
    from warta.records import StageError

    doc = sample_document()
    doc.errors.append(StageError("places", "ValueError: boom"))
    assert doc.to_dict()["errors"] == [{"stage": "places", "error": "ValueError: boom"}]


def test_iso_dates_with_their_precision():
    from warta.records import DateValue

    assert DateValue.from_iso("2020-10-07T08:00:00+07:00") == DateValue("2020-10-07", "day")
    assert DateValue.from_iso("2020-10") == DateValue("2020-10-01", "month")
    assert DateValue.from_iso("2020") == DateValue("2020-01-01", "year")
    assert DateValue.from_iso("2020-02-30") is None
    assert DateValue.from_iso("kemarin") is None
