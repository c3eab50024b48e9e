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
