import csv
import gzip
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from factories import ARTICLES, DESIGN_KEYS, TEXT, sample_document

from warta.cli import main
from warta.store import Store

COMMANDS = ("process", "run", "events", "export")


def invoke(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture
def filled_db(tmp_path):
    """A database with two hand-built documents, so the query commands are tested on
    known content whatever the stages find."""
    path = tmp_path / "filled.duckdb"
    with Store(path) as store:
        store.write(
            [
                ("a", sample_document()),
                ("b", sample_document(TEXT + " Kedua.", lat=-6.2, lon=106.8, date="2021-01-01")),
            ]
        )
    return path


def test_every_command_has_help():
    result = invoke("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output
        sub = invoke(command, "--help")
        assert sub.exit_code == 0 and len(sub.output.splitlines()) > 3, command


def test_process_text_file_prints_one_full_record():
    result = invoke("process", ARTICLES / "id_banjir.txt")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert set(record) == DESIGN_KEYS
    assert record["language"] == "id" and record["published"] == {"date": "2024-03-04", "precision": "day"}
    assert "Iklan" not in record["text"]


def test_process_html_by_content_and_stdin():
    html = (ARTICLES / "en_protest.html").read_text()
    result = invoke("process", "-", "--format", "jsonl", input=html)
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["title"] == "Students protest fuel price rise in Jakarta"
    assert record["language"] == "en" and "Home" not in record["text"]


def test_process_folder_jsonl_and_missing_path(tmp_path):
    result = invoke("process", ARTICLES, "--format", "jsonl")
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == 2
    missing = invoke("process", tmp_path / "nope.txt")
    assert missing.exit_code == 1
    assert f"{tmp_path}/nope.txt: no such file or folder" in missing.output


def test_run_twice_stores_once(tmp_path):
    db = tmp_path / "w.duckdb"
    first = invoke("run", ARTICLES, "--db", db, "--quiet")
    assert first.exit_code == 0, first.output
    assert "2 new" in first.output
    with Store(db, read_only=True) as s:
        counts = s.counts()
    second = invoke("run", ARTICLES, "--db", db, "--quiet")
    assert second.exit_code == 0 and "2 skipped" in second.output and "0 new" in second.output
    with Store(db, read_only=True) as s:
        assert s.counts() == counts
    assert counts["documents"] == 2


def test_run_bad_inputs_fail_clearly_and_keep_what_is_stored(tmp_path):
    db = tmp_path / "w.duckdb"
    assert invoke("run", ARTICLES / "id_banjir.txt", "--db", db, "--quiet").exit_code == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (bad / "latin.txt").write_bytes(b"Hello \xff\xfe world \x80\x81")
    (bad / "lines.jsonl").write_text(json.dumps({"text": TEXT}) + "\n{broken\n")
    (bad / "cut.txt.gz").write_bytes(gzip.compress(TEXT.encode() * 50)[:40])
    (bad / "big.txt").write_bytes(b"x " * (10 * 1024 * 1024 + 1))
    result = invoke("run", bad, tmp_path / "missing", ARTICLES / "en_protest.html", "--db", db, "--quiet")
    assert result.exit_code == 1
    out = result.output
    for expected in (
        "empty.txt: empty file",
        "binary.txt: binary file",
        "latin.txt: invalid UTF-8",
        "lines.jsonl:2: malformed JSON line",
        "cut.txt.gz: damaged or truncated gzip",
        "big.txt: file is over 20 MB",
        "missing: no such file or folder",
    ):
        assert expected in out, expected
    assert "Traceback" not in out
    assert "7 failed" in out
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == 3  # the first run's, the JSONL line and the HTML page


def test_run_with_workers(tmp_path):
    db = tmp_path / "w.duckdb"
    result = invoke("run", ARTICLES, "--db", db, "--workers", 2, "--quiet")
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == 2


def test_events_formats_and_filters(filled_db, tmp_path):
    table = invoke("events", "--db", filled_db)
    assert table.exit_code == 0 and "2 events" in table.output and "Talish" in table.output
    rows = list(csv.DictReader(io.StringIO(invoke("events", "--db", filled_db, "--format", "csv").output)))
    assert len(rows) == 2 and rows[0]["type"] == "ASSAULT"
    lines = invoke(
        "events", "--db", filled_db, "--format", "jsonl", "--since", "2020-12-01"
    ).output.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["date"] == "2021-01-01"
    near = invoke("events", "--db", filled_db, "--format", "jsonl", "--near", "40.3,46.9,100")
    assert len(near.output.splitlines()) == 1
    assert invoke("events", "--db", filled_db, "--format", "jsonl", "--status", "denied").output == ""
    assert (
        len(
            invoke(
                "events", "--db", filled_db, "--format", "jsonl", "--country", "AZE", "--type", "ASSAULT"
            ).output.splitlines()
        )
        == 2
    )
    out = tmp_path / "e.parquet"
    assert invoke("events", "--db", filled_db, "--format", "parquet", "--out", out).exit_code == 0
    assert out.stat().st_size > 0


def test_events_bad_parameters(filled_db, tmp_path):
    assert invoke("events", "--db", filled_db, "--near", "1,2").exit_code == 2
    assert invoke("events", "--db", filled_db, "--since", "yesterday").exit_code == 2
    assert invoke("events", "--db", filled_db, "--format", "parquet").exit_code == 2
    missing = invoke("events", "--db", tmp_path / "none.duckdb")
    assert missing.exit_code == 1 and "no such database" in missing.output


def test_export_formats(filled_db, tmp_path):
    plover = tmp_path / "e.jsonl"
    assert invoke("export", "--db", filled_db, "--format", "plover", "--out", plover).exit_code == 0
    rec = json.loads(plover.read_text().splitlines()[0])
    assert rec["event"] == "ASSAULT" and rec["source"][0]["code"] == "AZE" and rec["status"] == "claimed"
    assert rec["via"] == ["VIVA", "Kabar.com"] and rec["eventText"] == "merebut"
    acled = tmp_path / "e.csv"
    assert invoke("export", "--db", filled_db, "--format", "acled", "--out", acled).exit_code == 0
    rows = list(csv.DictReader(acled.open()))
    assert rows[0]["sub_event_type"] == "Government regains territory" and rows[0]["iso"] == "31"
    assert rows[0]["country"] == "Azerbaijan" and rows[0]["inter1"] == "1" and rows[0]["geo_precision"] == "1"
    gdelt = tmp_path / "e.tsv"
    assert invoke("export", "--db", filled_db, "--format", "gdelt", "--out", gdelt).exit_code == 0
    head, first = gdelt.read_text().splitlines()[:2]
    row = dict(zip(head.split("\t"), first.split("\t"), strict=True))
    assert row["EventCode"] == "192" and row["QuadClass"] == "4" and row["ActionGeo_CountryCode"] == "AZ"
    pq = tmp_path / "pq"
    assert invoke("export", "--db", filled_db, "--format", "parquet", "--out", pq).exit_code == 0
    assert (pq / "events.parquet").exists() and (pq / "documents.parquet").exists()


def _jsonl_corpus(path, n):
    with open(path, "w") as fh:
        for i in range(n):
            fh.write(
                json.dumps(
                    {
                        "text": f"Banjir merendam desa nomor {i} di Kabupaten Bandung pada Senin, "
                        f"kata petugas. Warga ke-{i} dievakuasi ke tempat aman.",
                        "url": f"https://example.org/{i}",
                    }
                )
                + "\n"
            )


def test_killed_run_resumes_to_the_same_result(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    _jsonl_corpus(corpus, 300)
    env = {**os.environ, "WARTA_BATCH_SIZE": "2"}
    cmd = [
        sys.executable,
        "-m",
        "warta.cli",
        "run",
        str(corpus),
        "--db",
        str(tmp_path / "k.duckdb"),
        "--quiet",
        "--verbose",
    ]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
    commits = 0
    for line in proc.stderr:
        if line.startswith("committed"):
            commits += 1
            if commits == 3:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Store(tmp_path / "k.duckdb", read_only=True) as s:
        partial = s.counts()["documents"]
    assert 0 < partial < 300 and partial % 2 == 0  # whole batches only
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} skipped" in rerun.stdout
    fresh = subprocess.run(
        [*cmd[:6], str(tmp_path / "fresh.duckdb"), "--quiet"], capture_output=True, env=env
    )
    assert fresh.returncode == 0
    with (
        Store(tmp_path / "k.duckdb", read_only=True) as a,
        Store(tmp_path / "fresh.duckdb", read_only=True) as b,
    ):
        assert a.counts() == b.counts()


@pytest.fixture(scope="module")
def index_copy(tmp_path_factory):
    """A copy of the default index, so importing into it leaves the user's index alone."""
    import shutil

    from warta.gazetteer import Gazetteer

    default = Gazetteer().ensure()
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite"
    shutil.copy(default.path, path)
    default.close()
    return path


def test_gazetteer_info(index_copy):
    result = invoke("gazetteer", "info", "--index", index_copy)
    assert result.exit_code == 0
    assert f"index: {index_copy}" in result.output
    places = int(next(ln for ln in result.output.splitlines() if ln.startswith("places:")).split(": ")[1])
    assert places > 200_000


def test_gazetteer_import_and_bad_file(index_copy, tmp_path):
    from warta.gazetteer import Gazetteer

    dump = Path(__file__).parent / "gazetteer" / "fixtures" / "AZ.txt"
    bogus = tmp_path / "bogus.txt"
    bogus.write_text("not a geonames row\n")
    result = invoke("gazetteer", "import", "--index", index_copy, dump, bogus)
    assert result.exit_code == 1
    assert f"{dump}: " in result.output and "rows imported" in result.output
    assert f"error: {bogus}: no GeoNames rows in it" in result.output
    gaz = Gazetteer(index_copy)
    assert any(c.country == "AZ" for c in gaz.lookup("Shaybey"))
    gaz.close()


def test_run_drops_lines_a_publisher_repeats(tmp_path):
    site = tmp_path / "kabar"
    site.mkdir()
    template = "Kabar Lestari menyajikan berita lingkungan terpercaya setiap hari"
    for n in range(4):
        (site / f"{n}.txt").write_text(
            f"Petugas menanam {n} ribu bibit mangrove di pesisir utara pada Senin pagi, kata kepala dinas.\n\n"
            f"Penanaman ke-{n} melibatkan warga dari desa sekitar dan berlangsung selama tiga hari.\n\n{template}\n",
            encoding="utf-8",
        )
    db = tmp_path / "w.duckdb"
    assert invoke("run", site, "--db", db, "--quiet").exit_code == 0
    kept = tmp_path / "k.duckdb"
    assert invoke("run", site, "--db", kept, "--quiet", "--keep-repeated-lines").exit_code == 0
    with Store(db, read_only=True) as s:
        texts = [r[0] for r in s.con.execute("select text from documents").fetchall()]
    with Store(kept, read_only=True) as s:
        kept_texts = [r[0] for r in s.con.execute("select text from documents").fetchall()]
    assert len(texts) == 4 and all(template not in t and "bibit mangrove" in t for t in texts)
    assert all(template in t for t in kept_texts)
