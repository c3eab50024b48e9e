"""The real embedded index (cities500 + pycountry), built once for this module into a
temporary folder: build time, size, and the places the seed article needs."""

import time

import pytest

from warta.gazetteer import Gazetteer
from warta.stages.places import Places

TEXT = (
    "Kementerian Pertahanan Azerbaijan mengatakan pasukannya membebaskan desa Talish distrik Terter, "
    "Sheybey distrik Jabrayil dan Ashagi Abdurrahmanli distrik Fizuli. Presiden Vladimir Putin mengatakan "
    "Rusia tidak wajib membela Armenia, dan Aliyev berterima kasih."
)


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    g = Gazetteer(tmp_path_factory.mktemp("real") / "gazetteer.sqlite")
    started = time.perf_counter()
    g.ensure()
    g.elapsed = time.perf_counter() - started
    yield g
    g.close()


def test_builds_within_a_minute(real):
    assert real.build_seconds is not None and real.elapsed < 60
    stats = real.stats()
    assert stats["places"] > 230_000 and stats["names"] > 500_000


def test_lookups_are_fast(real):
    names = ["Jakarta", "Bandung", "Tartar", "Alexandria", "Springfield", "Rusia"]
    started = time.perf_counter()
    for n in names:
        real.lookup(n)
    cold = (time.perf_counter() - started) / len(names)
    started = time.perf_counter()
    for _ in range(100):
        for n in names:
            real.lookup(n)
    warm = (time.perf_counter() - started) / (100 * len(names))
    assert cold < 0.01 and warm < 0.0005, (cold, warm)


def test_seed_places_on_the_real_index(real):
    places = Places(real).geoparse(TEXT, language="id")

    def at(surface):
        # A type word before a name is part of its span ("desa Talish"); the name is the place's.
        (p,) = [p for p in places if p.name == surface or any(TEXT[s:e] == surface for s, e in p.spans)]
        return p

    assert [TEXT[s:e] for s, e in at("Talish").spans] == ["desa Talish"]

    # The districts named after their towns are the towns; each village takes its stated
    # district's point at the district's precision (GeoNames holds the rayons as admin1).
    for name, town in (("Terter", 584871), ("Jabrayil", 148141), ("Fizuli", 148106)):
        assert (at(name).id, at(name).precision, at(name).feature) == (f"geonames:{town}", "exact", "PPL")
    for village, district in (
        ("Talish", "Terter"),
        ("Sheybey", "Jabrayil"),
        ("Ashagi Abdurrahmanli", "Fizuli"),
    ):
        v, d = at(village), at(district)
        assert (v.lat, v.lon, v.precision, v.admin1) == (d.lat, d.lon, "admin1", d.admin1), village
    assert at("Rusia").precision == "country" and at("Armenia").id == "geonames:174982"
    assert not [p for p in places for s, e in p.spans if TEXT[s:e] in ("Putin", "Aliyev", "Vladimir")]


def _geoparse(real, text):
    return [(p.name, p.country, p.feature, p.precision) for p in Places(real).geoparse(text, language="en")]


def test_a_name_is_read_in_its_documents_country(real):
    # "Georgia" among Georgian (US) towns is the state; beside Tbilisi, the country. Its own
    # name does not vote for the country Georgia.
    us = _geoparse(real, "Police in Macon, Valdosta and Savannah said the storm crossed Georgia on Monday.")
    assert ("Georgia", "US", "ADM1", "admin1") in us
    ge = _geoparse(real, "Russian troops left Georgia after talks in Moscow and Tbilisi.")
    assert ("Georgia", "GE", "PCLI", "country") in ge
    # Local news: "Paris" beside a Tennessee state abbreviation and Nashville is Paris, Tenn.
    tn = Places(real).geoparse("Officials from Paris, Tenn., met in Nashville.", language="en")
    paris = next(p for p in tn if p.name == "Paris")
    assert paris.country == "US" and 35 < paris.lat < 37


def test_countries_continents_and_counties_have_honest_points(real):
    places = Places(real).geoparse("Aid reached Africa, the United States and Laurel County in Kentucky.")
    by_name = {p.name: p for p in places}
    africa, us, laurel = by_name["Africa"], by_name["United States"], by_name["Laurel County"]
    assert africa.precision == "region" and africa.lat is not None
    assert us.precision == "country" and 38 < us.lat < 40.5 and -100 < us.lon < -96
    assert laurel.id == "geonames:4297480" and laurel.precision == "admin2"
    assert 36.8 < laurel.lat < 37.4 and -84.4 < laurel.lon < -83.8


def test_a_bare_name_is_the_town_not_its_county(real):
    places = Places(real).geoparse("Flooding hit Arlington and Alexandria, Va., on Friday.", language="en")
    assert {p.feature for p in places if p.name in ("Arlington", "Alexandria")} == {"PPL"}


def test_initialisms_given_names_and_adjectives(real):
    text = "Michael said the U.S. and United Airlines flew aid. Mary, a U.K. charity worker, agreed."
    places = Places(real).geoparse(text, language="en")
    spans = {text[s:e]: p for p in places for s, e in p.spans}
    # "U.S." with its last dot, as an all-caps alias.
    assert spans["U.S."].country == "US" and spans["U.K."].country == "GB"
    # A given name alone is a person, though the Isle of Man has a sheading called Michael;
    # "United" is no short form of the United Kingdom.
    assert not {"Michael", "Mary", "United"} & spans.keys()


def test_demonyms_read_through_their_endings_on_given_spans(real):
    text = "Canadians and South Ossetian officials met Dagestani envoys."
    spans = [(0, 9), (14, 28), (43, 52)]
    by_span = {s: p for p in Places(real).geoparse(text, spans) for s in p.spans}
    assert by_span[(0, 9)].country == "CA" and by_span[(0, 9)].precision == "country"
    assert by_span[(43, 52)].country == "RU" and by_span[(43, 52)].precision == "admin1"


def test_a_town_named_like_a_country_needs_its_parent(real):
    # Beside Missouri towns, a bare "Mexico" is still the country; "Mexico, Mo." is the town.
    bare = _geoparse(real, "The plant in Sedalia, Columbia and Jefferson City ships to Mexico.")
    assert ("Mexico", "MX", "PCLI", "country") in bare
    stated = _geoparse(real, "Mexico, Mo., police met officers in Columbia and Fulton.")
    assert ("Mexico", "US", "PPL", "exact") in stated


def test_common_words_that_name_towns_somewhere_are_no_places(real):
    text = (
        "Desa ini sepi. Sama seperti tahun lalu, Liga Inggris dimulai dan Piala Dunia ditonton warga "
        "Desa Giriasih di Bandung. Partai PPP mengadu ke KIH."
    )
    spans = {text[s:e] for p in Places(real).geoparse(text, language="id") for s, e in p.spans}
    # "Desa" (Romania), "Sama" (a Japanese town's spelling), "Liga" (Riga in another tongue),
    # "Piala" and the acronyms: read only as parts of other names or as common words.
    assert not {"Desa", "Sama", "Liga", "Piala", "PPP", "KIH"} & spans
    assert {"Desa Giriasih", "Bandung"} <= spans


def test_a_lone_village_is_looked_for_in_its_languages_country_first(real):
    # "Pulo" is a town in the Philippines and many villages in Indonesia: a village cue in
    # Indonesian with nothing else to place it reads it as Indonesian; English does not.
    stage = Places(real)
    (pulo,) = stage.geoparse("Warga Kampung Pulo mengungsi ke masjid terdekat.", language="id")
    assert pulo.country == "ID"
    (pulo,) = stage.geoparse("Residents of the village of Pulo fled to the mosque.", language="en")
    assert pulo.country != "ID"
    # A stated parent or a prominent namesake still decides ("kota Paris").
    (paris,) = stage.geoparse("Ribuan orang berkumpul di kota Paris.", language="id")
    assert paris.country == "FR"


def test_a_division_named_with_its_type_word_and_a_town_stated_inside_it(real):
    stage = Places(real)
    text = "Festival itu digelar di Kota Tentena, Kabupaten Poso, pekan depan."
    places = {p.name: p for p in stage.geoparse(text, language="id")}
    # GeoNames gives Palu the alternate name "Kabupaten Poso": the type word says regency.
    assert places["Kabupaten Poso"].precision == "admin2"
    assert places["Tentena"].precision == "exact" and places["Tentena"].admin2 == "Kabupaten Poso"
    # A list is no containment: Cirebon is a town as well as a regency.
    text = "Setelah digelar di kota Pekanbaru, Cirebon dan Solo, kini giliran Medan."
    pekanbaru = next(p for p in stage.geoparse(text, language="id") if p.name == "Pekanbaru")
    assert pekanbaru.precision == "exact" and pekanbaru.admin1 == "Riau"
