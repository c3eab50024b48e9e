import sys

from warta.records import Document
from warta.stages.language import Language


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in Language().split(text)]


def test_identifies_indonesian_and_english():
    lang = Language()
    assert (
        lang.identify(
            "Pemerintah menyatakan bahwa bantuan akan segera dikirim ke daerah yang terdampak banjir."
        )[0]
        == "id"
    )
    assert lang.identify("The government said aid would be sent to the areas hit by the floods.")[0] == "en"


def test_forced_language_wins():
    doc = Language()(Document(text="The minister said the talks would go on.", forced_language="id"))
    assert doc.language == "id"


def test_split_keeps_quotes_and_abbreviations():
    text = (
        "“Kami siap,” kata Dr. Budi di Jl. Sudirman. Ia menambahkan bahwa J. Smith hadir. "
        "Harga naik 3.5 persen.\nParagraf baru dimulai di sini!"
    )
    assert sentences(text) == [
        "“Kami siap,” kata Dr. Budi di Jl. Sudirman.",
        "Ia menambahkan bahwa J. Smith hadir.",
        "Harga naik 3.5 persen.",
        "Paragraf baru dimulai di sini!",
    ]


def test_split_quote_closing_after_full_stop():
    assert sentences('He said: "We will stay." Then he left.') == [
        'He said: "We will stay."',
        "Then he left.",
    ]


def test_split_tokenised_text():
    text = "Jakarta , CNN Indonesia - - Presiden tiba pada Rabu ( 8 / 11 ) . Ia disambut warga ."
    assert sentences(text) == [
        "Jakarta , CNN Indonesia - - Presiden tiba pada Rabu ( 8 / 11 ) .",
        "Ia disambut warga .",
    ]


def test_sentence_spans_index_the_text():
    doc = Language()(Document(text="Satu dua tiga. Empat lima enam.\n\nTujuh delapan."))
    assert [doc.text[s:e] for s, e in doc.sentences] == [
        "Satu dua tiga.",
        "Empat lima enam.",
        "Tujuh delapan.",
    ]


def test_identifies_many_languages():
    samples = {
        "fr": "Le gouvernement a annoncé que l'aide serait envoyée dans les régions touchées par les inondations.",
        "de": "Die Regierung kündigte an, dass die Hilfe in die von den Überschwemmungen betroffenen Gebiete gehe.",
        "es": "El gobierno anunció que la ayuda será enviada a las zonas afectadas por las inundaciones.",
        "tr": "Hükümet, yardımın sel felaketinden etkilenen bölgelere gönderileceğini açıkladı.",
        "ru": "Правительство заявило, что помощь будет направлена в районы, пострадавшие от наводнения.",
        "ar": "أعلنت الحكومة أن المساعدات سترسل إلى المناطق المتضررة من الفيضانات.",
        "ja": "政府は、洪水の被害を受けた地域に支援物資を送ると発表した。",
        "ms": "Kerajaan mengumumkan bahawa bantuan akan dihantar ke kawasan yang terjejas akibat banjir itu.",
    }
    lang = Language()
    found = {code: lang.identify(text)[0] for code, text in samples.items()}
    assert found == {code: code for code in samples}


INDONESIAN = (
    "Polisi menangkap dua orang pemuda yang diduga terlibat dalam kasus pencurian sepeda motor di kota itu."
)


def _fake_cld2(monkeypatch, reliable: bool, code: str) -> None:
    import pycld2

    def detect(text, isPlainText=False, bestEffort=False):
        return (
            reliable,
            len(text),
            (("X", code, 97, 900.0), ("Unknown", "un", 0, 0.0), ("Unknown", "un", 0, 0.0)),
        )

    monkeypatch.setattr(pycld2, "detect", detect)


def test_cld2_answers_first_when_sure(monkeypatch):
    _fake_cld2(monkeypatch, True, "en")
    assert Language().identify(INDONESIAN) == ("en", 0.97)


def test_py3langid_decides_when_cld2_is_unsure_or_names_a_relative(monkeypatch):
    _fake_cld2(monkeypatch, False, "en")
    assert Language().identify(INDONESIAN)[0] == "id"
    _fake_cld2(monkeypatch, True, "ms")  # Malay: the macrolanguage of Indonesian (lexicons/xx)
    assert Language().identify(INDONESIAN)[0] == "id"
    _fake_cld2(monkeypatch, True, "xx-Qaai")  # not an ISO 639-1 code
    assert Language().identify(INDONESIAN)[0] == "id"


def test_cld2_legacy_codes_become_iso_639_1(monkeypatch):
    _fake_cld2(monkeypatch, True, "iw")
    assert Language().identify(INDONESIAN)[0] == "he"


def test_identifies_without_pycld2(monkeypatch):
    monkeypatch.setitem(sys.modules, "pycld2", None)  # as where no wheel was installed
    lang = Language()
    assert lang.identify(INDONESIAN)[0] == "id"
    assert lang.identify("The government said aid would be sent to the areas hit by the floods.")[0] == "en"


def test_cld2_reads_text_with_characters_it_refuses():
    text = "Pemerintah mengumumkan\x00 bantuan\x1b akan dikirim ke daerah banjir \ud800 pekan ini."
    lang = Language()
    assert lang._cld2(text) is not None  # control characters and lone surrogates blanked, not an error
    assert lang.identify(text)[0] == "id"


def test_both_models_load_on_the_first_article():
    # so that a run's warm-up loads py3langid too, not the first article CLD2 leaves to it
    lang = Language()
    lang.identify("The government said aid would be sent to the areas hit by the floods.")
    assert lang._identifier is not None


def test_abbreviation_before_a_full_stop_far_into_a_sentence():
    long_start = "Kata " + "sangat " * 40
    assert sentences(long_start + "dr. Budi datang. Lalu pergi.") == [
        long_start + "dr. Budi datang.",
        "Lalu pergi.",
    ]
