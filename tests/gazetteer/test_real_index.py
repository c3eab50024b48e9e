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
        (p,) = [p for p in places if any(TEXT[s:e] == surface for s, e in p.spans)]
        return p

    for name in ("Terter", "Jabrayil", "Fizuli"):
        assert at(name).country == "AZ" and at(name).lat is not None
    assert at("Talish").lat == at("Terter").lat
    assert at("Sheybey").lat == at("Jabrayil").lat
    assert at("Ashagi Abdurrahmanli").precision in ("admin1", "admin2")
    assert at("Rusia").precision == "country" and at("Armenia").id == "geonames:174982"
    assert not [p for p in places for s, e in p.spans if TEXT[s:e] in ("Putin", "Aliyev", "Vladimir")]
