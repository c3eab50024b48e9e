"""The seed page (../shared/seed) through the whole pipeline on the embedded index: the places the
issue names, so that a change anywhere upstream (cleaning, sentences) or in the resolver that
moves them fails here."""

import pytest


@pytest.fixture(scope="module")
def seed_places(pipeline, seed_text):
    from warta.records import Document

    doc = pipeline(Document(raw=seed_text))
    by_surface: dict[str, list] = {}
    for p in doc.places:
        for s, e in p.spans:
            # A type word before a name is part of its span ("desa Talish"): indexed by the name.
            surface = doc.text[s:e].removeprefix("desa ")
            by_surface.setdefault(surface, []).append(p)
    return doc, by_surface


def at(seed_places, surface):
    _doc, by_surface = seed_places
    found = {id(p): p for p in by_surface.get(surface, [])}
    assert len(found) == 1, (surface, list(found.values()))
    return next(iter(found.values()))


DISTRICT_TOWNS = {"Jabrayil": 148141, "Terter": 584871, "Fizuli": 148106}


def test_the_three_districts_are_their_towns(seed_places):
    for surface, geonameid in DISTRICT_TOWNS.items():
        p = at(seed_places, surface)
        assert (p.id, p.country, p.feature, p.precision) == (f"geonames:{geonameid}", "AZ", "PPL", "exact")


@pytest.mark.parametrize(
    ("village", "district"),
    [
        ("Talish", "Terter"),
        ("Mehdili", "Jabrayil"),
        ("Chaxirli", "Jabrayil"),
        ("Ashagi Maralyan", "Jabrayil"),
        ("Sheybey", "Jabrayil"),
        ("Guyjag", "Jabrayil"),
        ("Ashagi Abdurrahmanli", "Fizuli"),
    ],
)
def test_each_village_takes_its_stated_district(seed_places, village, district):
    v, d = at(seed_places, village), at(seed_places, district)
    assert v.id.startswith("p") and v.name in (village, "Shaybey")
    # The district town's point, said as the district's precision (GeoNames: admin1 rayons).
    assert (v.lat, v.lon, v.precision, v.country, v.admin1) == (d.lat, d.lon, "admin1", "AZ", d.admin1)


def test_spellings_and_renames_are_one_place(seed_places):
    assert at(seed_places, "Shaybey") is at(seed_places, "Sheybey")
    madagiz = at(seed_places, "Madagiz")
    assert madagiz is at(seed_places, "Sugovushan")
    # Not in the embedded index and no parent stated: unresolved, never a country's point.
    assert (madagiz.lat, madagiz.precision) == (None, None)


def test_countries_and_people(seed_places):
    for surface, iso in [("Azerbaijan", "AZ"), ("Armenia", "AM"), ("Rusia", "RU")]:
        p = at(seed_places, surface)
        assert (p.country, p.precision) == (iso, "country")
    _doc, by_surface = seed_places
    assert not {"Putin", "Aliyev", "Ilham", "Pashinyan", "Harutyunyan"} & by_surface.keys()
