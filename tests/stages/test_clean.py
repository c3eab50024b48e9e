import pytest

from warta.records import Document
from warta.stages.clean import Clean

PAGE_ID = """Portal Kabar Nusantara

Banjir merendam tiga desa di Kabupaten Bandung, ribuan warga mengungsi

2.318

Dukung Kami

BANDUNG (KabarNusantara.com) – Badan Penanggulangan Bencana Daerah mengatakan pada Senin (4/3/2024) bahwa banjir merendam tiga desa di Kabupaten Bandung.

Baca juga: Jalan tol ditutup akibat longsor di Cipularang

Menurut petugas BPBD, sekitar 2.000 warga telah dievakuasi ke tempat yang lebih tinggi, seperti dilansir Kompas.com.

Foto: Dok. BPBD

“Kami terus memantau ketinggian air,” kata kepala BPBD itu.

(rina/kabarnusantara.com)

Iklan

Banner Donasi Kabar Nusantara
"""


def clean(raw: str = "", **kw) -> Document:
    return Clean()(Document(raw=raw, **kw))


def test_site_chrome_goes_with_reasons():
    doc = clean(PAGE_ID)
    removed = {r.text: r.reason for r in doc.removed}
    assert removed["Portal Kabar Nusantara"].startswith("site name, tagline")
    assert removed["2.318"].startswith("number-only")
    assert removed["Dukung Kami"] == "donation prompt"
    assert removed["Baca juga: Jalan tol ditutup akibat longsor di Cipularang"] == "related link"
    assert removed["Foto: Dok. BPBD"] == "photo credit"
    assert removed["Iklan"] == "advertisement"
    for chrome in ("Portal Kabar Nusantara", "2.318", "Dukung Kami", "Baca juga", "Iklan", "Banner Donasi"):
        assert chrome not in doc.text


def test_body_and_headline_stay_whole():
    doc = clean(PAGE_ID)
    assert doc.title == "Banjir merendam tiga desa di Kabupaten Bandung, ribuan warga mengungsi"
    assert doc.text.startswith(doc.title)
    assert doc.title_span == (0, len(doc.title))
    assert "sekitar 2.000 warga telah dievakuasi" in doc.text
    assert "“Kami terus memantau ketinggian air,” kata kepala BPBD itu." in doc.text
    assert len(doc.text.split("\n\n")) == 4


def test_dateline_publisher_byline():
    doc = clean(PAGE_ID)
    assert doc.dateline == "BANDUNG"
    assert doc.publisher == "KabarNusantara.com"
    assert doc.byline == "rina/kabarnusantara.com"


def test_cited_outlet_with_span():
    doc = clean(PAGE_ID)
    # the outlet's canonical name from the media list; the span covers the text as written
    assert [c.name for c in doc.cited_sources] == ["Kompas"]
    s, e = doc.cited_sources[0].span
    assert doc.text[s:e] == "Kompas.com"


def test_english_dateline_and_weak_cue_needs_known_outlet():
    text = (
        "Ceasefire holds in the capital\n\n"
        "KHARTOUM, April 20 (The Daily Ledger) - Fighting eased in the capital on Thursday, "
        "residents told Reuters, while the army said according to the spokesman that talks continue."
    )
    doc = clean(text)
    assert doc.dateline == "KHARTOUM"
    assert doc.publisher == "The Daily Ledger"
    names = [c.name for c in doc.cited_sources]
    assert "Reuters" in names
    assert all("spokesman" not in n for n in names)


def test_tokenised_dateline():
    doc = clean(
        "Jakarta , CNN Indonesia - - Presiden meresmikan jalan tol baru di Jawa Tengah pada Rabu pagi ."
    )
    assert doc.dateline == "Jakarta"
    assert doc.publisher == "CNN Indonesia"


def test_short_real_paragraph_is_kept():
    text = (
        "Gempa mengguncang pesisir selatan Jawa pada Selasa pagi dan merusak puluhan rumah warga.\n\n"
        "Tidak ada korban jiwa.\n\nWarga diminta tetap waspada terhadap gempa susulan dalam beberapa hari ke depan."
    )
    doc = clean(text)
    assert "Tidak ada korban jiwa." in doc.text
    assert doc.removed == []


def test_html_main_text_and_metadata():
    html = """<html><head><title>Floods close schools | The Daily Ledger</title>
    <meta property="article:published_time" content="2024-03-05T08:00:00Z">
    <meta name="author" content="Jane Roe"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Floods close schools</h1>
    <p>Floods closed more than forty schools in the province on Tuesday, officials said, after two days of rain.</p>
    <p>The education office said classes would resume once the water receded and buildings were checked.</p>
    <p>Advertisement</p>
    <p>Residents in low-lying districts were moved to shelters, according to Reuters.</p></article>
    <footer>Copyright 2024 The Daily Ledger. We use cookies to improve your experience.</footer>
    </body></html>"""
    doc = clean(html=html)
    assert doc.title == "Floods close schools"
    assert doc.published is not None and doc.published.date == "2024-03-05"
    assert doc.byline == "Jane Roe"
    assert "forty schools" in doc.text and "moved to shelters" in doc.text
    assert "Home" not in doc.text and "cookies" not in doc.text
    assert "Advertisement" not in doc.text


def test_non_article_page_says_so_and_invents_nothing():
    doc = clean(html="<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert doc.text == ""
    assert any("not an article" in e.error for e in doc.errors)


def test_comments_section_ends_the_article():
    text = (
        "Floods close schools\n\n"
        "Floods closed more than forty schools in the province on Tuesday, officials said.\n\n"
        "Classes will resume once the water recedes and the buildings have been checked.\n\n"
        "Leave a Reply\n\n"
        "I think the government should have acted much sooner, this happens every single year.\n\n"
        "Totally agree with you, the drainage has not been cleaned for a very long time now."
    )
    doc = clean(text)
    assert "Classes will resume" in doc.text
    assert "government should have acted" not in doc.text and "Totally agree" not in doc.text
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons["Leave a Reply"] == "comments section"
    assert (
        reasons["Totally agree with you, the drainage has not been cleaned for a very long time now."]
        == "comment"
    )


def test_comments_label_before_any_paragraph_does_not_cut():
    text = (
        "Komentar\n\nBanjir merendam tiga desa di Kabupaten Bandung pada Senin pagi, kata petugas BPBD.\n\n"
        "Sekitar dua ribu warga telah dievakuasi ke tempat yang lebih tinggi oleh petugas gabungan."
    )
    doc = clean(text)
    assert "dua ribu warga" in doc.text


def test_related_links_header_takes_its_list_with_it():
    text = (
        "Rocket test delayed\n\n"
        "The launch company delayed the test of its new rocket by a week, citing a faulty valve.\n\n"
        "Related\n\nMoon lander plans unveiled\n\nWhere the landers will touch down\n\n"
        "Engineers expect to replace the valve within days and to set a new date after that, the company said."
    )
    doc = clean(text)
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons["Related"] == "related links header"
    assert reasons["Moon lander plans unveiled"] == "related link"
    assert reasons["Where the landers will touch down"] == "related link"
    assert "Engineers expect to replace the valve" in doc.text


def test_credit_and_date_lines_go():
    text = (
        "Markets slip on trade doubts\n\n"
        "November 19, 2019 / 12:21 AM\n\n"
        "Asian shares slipped on Tuesday as doubts grew over a trade deal between the two largest economies.\n\n"
        "Reporting by Jane Roe; Editing by John Doe\n\n"
        "Keith Bradsher contributed reporting from Hong Kong."
    )
    doc = clean(text)
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons["November 19, 2019 / 12:21 AM"] == "date line"
    assert reasons["Reporting by Jane Roe; Editing by John Doe"] == "credit line"
    assert reasons["Keith Bradsher contributed reporting from Hong Kong."] == "credit line"
    assert "Asian shares slipped" in doc.text


def test_a_sentence_with_a_year_is_not_a_date_line():
    doc = clean(
        "Harga beras naik pada 2024 di seluruh provinsi menurut data resmi pemerintah pusat.\n\n"
        "The Doobie Brothers 2020 dates:"
    )
    assert "The Doobie Brothers 2020 dates:" in doc.text


def test_unspaced_scripts_count_as_paragraphs():
    html = (
        "<html><head><title>テスト記事</title></head><body><article>"
        "<p>先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで20代の男性が逮捕されたというニュースを耳にしました。</p>"
        "<p>報道によると、今回販売されたのは、いわゆる「脱獄」したiPhoneで、多くの人が関心を寄せています。</p>"
        "</article></body></html>"
    )
    doc = clean(html=html)
    assert "商標法違反" in doc.text
    assert not doc.errors


def test_html_lines_below_the_headline_stay():
    html = (
        "<html><head><title>Stock Car calendar 2018</title></head><body><article>"
        "<h1>Stock Car calendar 2018</h1><ul><li>Round 1: 10 March, Interlagos</li>"
        "<li>Round 2: 8 April, Curitiba</li><li>Round 3: 22 April, Velopark</li></ul>"
        "<p>The championship opens in Interlagos and closes in November, the organisers said on Monday.</p>"
        "</article></body></html>"
    )
    doc = clean(html=html)
    assert "Round 2: 8 April, Curitiba" in doc.text
    assert doc.text.count("Stock Car calendar 2018") == 1


@pytest.mark.parametrize(
    ("opening", "dateline", "publisher"),
    [
        ("Sukabumi , Jawa Barat ( ANTARA News ) - Petugas", "Sukabumi, Jawa Barat", "ANTARA News"),
        ("JUARA.NET , BUDAPEST - Perenang putra", "BUDAPEST", "JUARA.NET"),
        ("TERMAS DE RIO HONDO , JUARA.net - Autodromo", "TERMAS DE RIO HONDO", "JUARA.net"),
        ("Sepang , KUALA LUMPUR - - Pebalap", "Sepang, KUALA LUMPUR", None),
        ("TAIWAN – Rancangan", "TAIWAN", None),
        ("Rimanews - Badan Pusat Statistik", None, "Rimanews"),
        ("Mercedes - Benz meluncurkan", None, None),
        ("Baru - baru ini , rapper", None, None),
    ],
)
def test_dateline_forms(opening, dateline, publisher):
    doc = clean(opening + " mengatakan bahwa pekerjaan itu selesai pada pekan lalu di lokasi tersebut .")
    assert doc.dateline == dateline
    assert doc.publisher == publisher


@pytest.mark.parametrize(
    "line,reason",
    [
        ("2,315 views", "view counter"),  # suffix
        ("All rights reserved", "footer"),  # exact or suffix
        ("By Jane Doe", "byline"),  # prefix_word, short lines only
        ("Follow our reporters on Twitter", "social buttons"),  # regex
        ("Baca juga: Jalan tol ditutup akibat longsor di Cipularang", "related link"),  # prefix
        ("Iklan", "advertisement"),  # exact
    ],
)
def test_each_kind_of_chrome_cue_still_matches(line, reason):
    stage = Clean()
    stage(Document(raw="Warm-up."))  # the cues load on first use
    assert stage._chrome_reason(line) == reason
    # the same words inside a long paragraph are no chrome
    long_line = f"{line} " + "kata kepala dinas itu kepada wartawan di kantornya pada Senin pagi. " * 6
    assert stage._chrome_reason(long_line) is None
