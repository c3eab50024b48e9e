from warta.records import Document
from warta.stages.clean import Clean
from warta.stages.publisher_lines import PublisherLines, publisher_key

TEMPLATE = "Kabar Lestari menyajikan berita lingkungan terpercaya setiap hari"


def article(n: int, url: str | None = None, source: str | None = None, extra: str = TEMPLATE) -> Document:
    body = (
        f"Petugas menanam {n} ribu bibit mangrove di pesisir utara pada Senin pagi, kata kepala dinas.\n\n"
        f"Penanaman ke-{n} itu melibatkan warga dari desa sekitar dan berlangsung selama tiga hari.\n\n"
        f"{extra}\n\n(ant)"
    )
    return Document(raw=body, url=url, source=source)


def test_publisher_is_the_url_host_or_the_folder():
    assert publisher_key(Document(url="https://www.kabar.example/a/1")) == "kabar.example"
    assert publisher_key(Document(source="crawl/kabar/001.txt")) == "folder:crawl/kabar"
    assert publisher_key(Document(source="dump/all.jsonl:12")) == "folder:dump"
    assert publisher_key(Document(source="<stdin>")) is None


def test_lines_repeated_by_one_publisher_are_template():
    docs = [article(n, url=f"https://kabar.example/{n}") for n in range(5)]
    lines = PublisherLines.count(docs)
    assert len(lines) >= 1
    doc = Clean(lines)(article(9, url="https://kabar.example/9"))
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons[TEMPLATE] == "repeated across the publisher's documents"
    assert TEMPLATE not in doc.text
    assert "bibit mangrove" in doc.text and "tiga hari" in doc.text
    assert doc.byline == "ant"  # a repeated byline is still read as the byline


def test_other_publishers_and_rare_lines_are_left_alone():
    docs = [article(n, url=f"https://kabar.example/{n}") for n in range(2)]
    docs += [article(n, url=f"https://lain.example/{n}") for n in range(3)]
    lines = PublisherLines.count(docs)
    # two documents of kabar.example are fewer than the three needed
    doc = Clean(lines)(article(9, url="https://kabar.example/9"))
    assert TEMPLATE in doc.text
    # a publisher without URL or folder gets nothing dropped
    assert TEMPLATE in Clean(lines)(article(9)).text


def test_share_threshold_protects_large_publishers():
    docs = [
        article(n, url=f"https://kabar.example/{n}", extra=f"Catatan unik nomor {n} untuk pembaca")
        for n in range(40)
    ]
    docs += [article(n, url=f"https://kabar.example/t{n}") for n in range(3)]
    lines = PublisherLines.count(docs, min_docs=3, min_share=0.1)
    # the template is in 3 of 43 documents: under 10%, so it stays
    assert TEMPLATE in Clean(lines)(article(99, url="https://kabar.example/99")).text


def html_article(n: int) -> Document:
    html = f"""<html><head><title>Mangrove {n}</title></head><body><article>
<h1>Penanaman mangrove tahap {n}</h1>
<p>Petugas menanam {n} ribu bibit mangrove di pesisir utara pada Senin pagi, kata kepala dinas
setempat kepada wartawan.</p>
<p>Penanaman ke-{n} itu melibatkan warga dari desa sekitar dan berlangsung selama tiga hari
berturut-turut di sepanjang pantai.</p>
<blockquote><em>Kabar&nbsp;Lestari</em> menyajikan berita lingkungan terpercaya &amp; terkini</blockquote>
<p>Bibit berasal dari persemaian kelompok tani yang dibina dinas sejak dua tahun lalu.</p>
</article></body></html>"""
    return Document(html=html, url=f"https://kabar.example/{n}")


def test_html_template_lines_are_counted_as_the_cleaner_reads_them():
    # entities and inline tags must not make the counted line differ from the cleaned one
    lines = PublisherLines.count([html_article(n) for n in range(4)])
    doc = Clean(lines)(html_article(9))
    assert "bibit mangrove" in doc.text
    assert "menyajikan berita lingkungan" not in doc.text
    assert any(r.reason == "repeated across the publisher's documents" for r in doc.removed)
