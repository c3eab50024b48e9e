import pytest

from warta.records import DateValue, Document
from warta.stages.dates import Dates


def run(text: str, language: str = "id", published: DateValue | None = None) -> Document:
    return Dates()(Document(text=text, language=language, published=published))


def values(doc: Document) -> dict[str, str]:
    return {d.text: d.value.date for d in doc.dates}


def test_weekday_numeric_date_is_day_first_in_indonesian():
    doc = run("JAKARTA (Kabar) – Menteri mengumumkan pada Rabu (7/10/2020) bahwa jalan dibuka.")
    assert values(doc) == {"Rabu (7/10/2020)": "2020-10-07"}
    assert doc.published == DateValue("2020-10-07", "day")


def test_yearless_tokenised_date_takes_year_from_publication():
    doc = run(
        "Jakarta , CNN Indonesia - - Presiden tiba pada Rabu ( 8 / 11 ) .",
        published=DateValue("2017-11-08", "day"),
    )
    assert values(doc) == {"Rabu ( 8 / 11 )": "2017-11-08"}


def test_month_names_and_relative_words():
    doc = run(
        "Pasukan tiba pada Sabtu 3 Oktober 2020. Kemarin, rapat digelar di Oktober 2020.",
        published=DateValue("2020-10-07", "day"),
    )
    got = {d.text: (d.value.date, d.value.precision, d.relative) for d in doc.dates}
    assert got["Sabtu 3 Oktober 2020"] == ("2020-10-03", "day", False)
    assert got["Kemarin"] == ("2020-10-06", "day", True)
    assert got["Oktober 2020"] == ("2020-10-01", "month", False)


def test_bare_weekday_is_the_most_recent_one():
    doc = run("Video dirilis pada hari Senin.", published=DateValue("2020-10-07", "day"))  # a Wednesday
    assert values(doc) == {"Senin": "2020-10-05"}


def test_english_month_day_order_and_unambiguous_day_first():
    doc = run("On March 5, 2023 talks began; by 25/12/2023 and 12/11/2023 they had ended.", language="en")
    assert values(doc) == {
        "March 5, 2023": "2023-03-05",
        "25/12/2023": "2023-12-25",
        "12/11/2023": "2023-12-11",
    }


def test_date_mentions_recorded():
    doc = run("Serangan terjadi pada 24 Februari 2022.")
    assert [(m.kind, m.text, m.ref) for m in doc.mentions] == [("DATE", "24 Februari 2022", "2022-02-24")]


@pytest.mark.parametrize(
    "text", ["Harga naik 1.497 persen.", "Skor akhir 3-1 untuk tuan rumah.", "Versi 2.10.3 dirilis."]
)
def test_numbers_are_not_dates(text):
    assert run(text).dates == []


def test_impossible_dates_are_dropped():
    assert run("Pada 31/2/2020 tidak ada apa-apa.").dates == []
