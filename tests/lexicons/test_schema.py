import csv

from warta import lexicons


def test_every_lexicon_file_has_a_header_with_source_and_note():
    files = lexicons.files()
    assert files, "no lexicon files shipped"
    for lang, name in files:
        rows = lexicons.load(lang, name)
        assert rows, f"lexicons/{lang}/{name}.tsv is empty"
        for col in lexicons.REQUIRED_COLUMNS:
            assert col in rows[0], f"lexicons/{lang}/{name}.tsv lacks {col}"


def test_every_row_has_every_column(tmp_path, monkeypatch):
    for lang, name in lexicons.files():
        path = lexicons._folder() / lang / f"{name}.tsv"
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader)
            for n, row in enumerate(reader, start=2):
                assert len(row) == len(header), f"lexicons/{lang}/{name}.tsv line {n}: {len(row)} columns"


def test_language_folders():
    assert {"id", "en"} <= set(lexicons.languages())
