import gzip
import json

from warta.records import Document
from warta.stages.ingest import InputError, InputNotice, input_key, read_paths

ARTICLE = "Banjir merendam tiga desa di Kabupaten Bandung pada Senin, kata petugas BPBD setempat.\n"


def items(*paths):
    return list(read_paths([str(p) for p in paths]))


def errors(result):
    return [str(i) for i in result if isinstance(i, InputError)]


def docs(result):
    return [i for i in result if isinstance(i, Document)]


def test_text_and_html_told_apart_by_content(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text("<!doctype html><html><body><p>" + ARTICLE + "</p></body></html>")
    got = docs(items(tmp_path / "a.txt", tmp_path / "b.txt"))
    assert got[0].raw == ARTICLE and got[0].html is None
    assert got[1].html.startswith("<!doctype html>") and got[1].raw == ""


def test_folder_recurses_and_skips_hidden_and_unknown_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / "notes.md").write_text(ARTICLE)
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>"))
    got = docs(items(tmp_path))
    assert sorted(d.source.rsplit("/", 1)[-1] for d in got) == ["a.txt", "b.html.gz"]


def test_glob(tmp_path):
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(ARTICLE + str(n))
    assert len(docs(items(tmp_path / "a*.txt"))) == 3
    assert errors(items(tmp_path / "zz*.txt")) == [f"{tmp_path}/zz*.txt: no file matches this pattern"]


def test_jsonl_fields_and_bad_lines(tmp_path):
    lines = [
        json.dumps(
            {"text": ARTICLE, "url": "https://example.org/a", "title": "Banjir", "published": "2024-03-04"}
        ),
        "{not json",
        json.dumps({"url": "https://example.org/empty"}),
        json.dumps({"html": "<html><body><p>" + ARTICLE + "</p></body></html>"}),
        json.dumps({"text": ARTICLE, "published": "kemarin"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = items(path)
    got = docs(result)
    assert len(got) == 2
    assert got[0].url == "https://example.org/a" and got[0].title == "Banjir"
    assert got[0].published.date == "2024-03-04"
    assert got[1].html and got[1].source == f"{path}:4"
    errs = errors(result)
    assert errs[0].startswith(f"{path}:2: malformed JSON line")
    assert errs[1] == f"{path}:3: no 'text' or 'html' in this record"
    assert errs[2].startswith(f"{path}:5: 'published' is not a date")


def test_bad_inputs_each_get_one_clear_line(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "bad.txt").write_bytes(b"Hello \xff\xfe world \x80\x81 text here")
    (tmp_path / "big.txt").write_bytes(b"a" * (20 * 1024 * 1024 + 1))
    full = gzip.compress(ARTICLE.encode() * 200)
    (tmp_path / "cut.txt.gz").write_bytes(full[: len(full) // 2])
    result = items(
        tmp_path / "missing.txt",
        tmp_path / "empty.txt",
        tmp_path / "binary.txt",
        tmp_path / "bad.txt",
        tmp_path / "big.txt",
        tmp_path / "cut.txt.gz",
        tmp_path / "ok.txt",
    )
    errs = errors(result)
    assert errs[0] == f"{tmp_path}/missing.txt: no such file or folder"
    assert errs[1] == f"{tmp_path}/empty.txt: empty file"
    assert "binary file" in errs[2]
    assert "invalid UTF-8 (byte 0xff at offset 6)" in errs[3]
    assert "over 20 MB" in errs[4]
    assert "truncated gzip" in errs[5]
    assert errs[6].endswith("ok.txt: no such file or folder")
    assert all("\n" not in e and "Traceback" not in e for e in errs)


def test_truncated_jsonl_gzip_keeps_the_lines_before(tmp_path):
    body = "".join(json.dumps({"text": f"{ARTICLE} nomor {n}"}) + "\n" for n in range(400)).encode()
    full = gzip.compress(body)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(full[: int(len(full) * 0.6)])
    result = items(path)
    assert 0 < len(docs(result)) < 400
    assert "truncated gzip" in errors(result)[-1]


def test_other_encoding_is_decoded_with_a_notice(tmp_path):
    text = "Café di Jakarta ditutup, kata pejabat itu. Pemerintah menyatakan “siap” membantu warga."
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1252"))
    result = items(tmp_path / "cp.txt")
    assert docs(result)[0].raw.startswith("Café di Jakarta")
    assert any(isinstance(i, InputNotice) and "not UTF-8" in str(i) for i in result)


def test_html_declared_charset(tmp_path):
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 ditutup.</p></body></html>'
    (tmp_path / "p.html").write_bytes(page.encode("latin-1"))
    assert "Café" in docs(items(tmp_path / "p.html"))[0].html


def test_rss_items(tmp_path):
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar</title>
    <item><title>Banjir</title><link>https://example.org/banjir</link><pubDate>Mon, 04 Mar 2024 08:00:00 +0700</pubDate>
    <description>&lt;p&gt;Banjir merendam tiga desa.&lt;/p&gt;</description></item>
    <item><title>Kosong</title></item></channel></rss>"""
    (tmp_path / "feed.xml").write_text(feed)
    result = items(tmp_path / "feed.xml")
    got = docs(result)
    assert got[0].url == "https://example.org/banjir" and got[0].title == "Banjir"
    assert got[0].published.date == "2024-03-04"
    assert "Banjir merendam" in got[0].html
    assert errors(result) == [f"{tmp_path}/feed.xml#item2: feed item has no content or description"]


def test_warc_responses(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        body = ("<html><body><p>" + ARTICLE + "</p></body></html>").encode()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/a", "response", payload=BytesIO(body), http_headers=headers
            )
        )
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/i.png", "response", payload=BytesIO(b"\x89PNG"), http_headers=img
            )
        )
    got = docs(items(path))
    assert [d.url for d in got] == ["https://example.org/a"]
    assert "Banjir merendam" in got[0].html


def test_input_key_is_content_based():
    a = Document(raw=ARTICLE, source="x.txt")
    b = Document(raw=ARTICLE, source="y.txt")
    assert input_key(a) == input_key(b)
    assert input_key(a) != input_key(Document(raw=ARTICLE + "!"))
