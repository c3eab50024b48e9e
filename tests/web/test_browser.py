"""The map page in a real browser: Playwright driving Debian's Chromium (never a browser
Playwright downloads itself). One server and one browser serve the whole module.
Screenshots go to $WARTA_TEST_ARTIFACTS, or tests/web/artifacts/ (not tracked)."""

import os
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from conftest import HOSTILE_TEXT, HOSTILE_TITLE
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from warta.web.app import create_app

CHROMIUM = Path(os.environ.get("WARTA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("WARTA_TEST_ARTIFACTS", Path(__file__).parent / "artifacts"))
TIMEOUT_MS = 20_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(web_db):
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail(f"the server did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: the browser tests need Debian's Chromium "
            "(`apt-get install -y chromium`, which .ci/run does) or WARTA_CHROMIUM set to a Chromium binary"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh page on the map, loaded; fails the test if the page errs or asks any other host."""
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )

    def only_this_server(route):
        if route.request.url.startswith(base_url + "/"):
            route.continue_()
        else:
            problems.append(f"request to another host: {route.request.url}")
            route.abort()

    page.route("**/*", only_this_server)
    page.goto(base_url + "/")
    wait_until_loaded(page)
    yield page
    context.close()
    assert not problems, problems


def wait_until_loaded(page, after: str | None = None):
    """Until the page has drawn the answer to its latest load (a newer one than `after`)."""
    page.wait_for_function(
        "([after]) => { const s = document.querySelector('#summary');"
        " return s.dataset.ready && s.dataset.ready !== after && !s.textContent.startsWith('loading'); }",
        arg=[after],
    )
    page.wait_for_timeout(300)  # the cluster layer animates its markers into place


COUNT_MARKERS = """() => {
    const single = document.querySelectorAll('#map .warta-marker').length;
    const clustered = [...document.querySelectorAll('#map .marker-cluster')]
        .reduce((sum, c) => sum + (parseInt(c.textContent, 10) || 0), 0);
    return single + clustered;
}"""


def markers_on_map(page, expected: int) -> int:
    """Markers shown one by one plus the events inside each cluster's count, once the
    cluster layer's animation has settled on `expected` (or, failing that, after 10 s)."""
    try:
        page.wait_for_function(f"(n) => ({COUNT_MARKERS})() === n", arg=expected, timeout=10_000)
    except PlaywrightTimeout:
        pass  # the assertion that follows reports what the map shows
    return page.evaluate(COUNT_MARKERS)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000, f"{path} is nearly empty"
    return path


def test_page_shows_one_marker_per_located_event(page, db_rows):
    total, located = db_rows("SELECT count(*), count(lat) FROM event_details")[0]
    assert located > 1
    summary = page.locator("#summary")
    assert (summary.get_attribute("data-total"), summary.get_attribute("data-located")) == (
        str(total),
        str(located),
    )
    assert markers_on_map(page, located) == located
    assert page.locator("#event-list li").count() == total
    # the basemap: country outlines from the packaged Natural Earth data, no tiles
    assert page.locator("#map path.country-outline").count() > 200
    assert page.locator("#map img.leaflet-tile").count() == 0
    assert page.locator("#timeline rect.bar").count() == len(
        db_rows("SELECT DISTINCT date_trunc('week', date) FROM events WHERE date IS NOT NULL")
    )
    screenshot(page, "map.png")


def test_clicking_a_marker_shows_its_evidence(page, base_url):
    # a marker no cluster icon or map control covers
    key = page.evaluate(
        """() => [...document.querySelectorAll('#map .warta-marker')].map((m) => {
             const r = m.getBoundingClientRect();
             return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === m ? m.dataset.event : null;
           }).find(Boolean)"""
    )
    assert key, "no marker can be clicked"
    page.click(f'#map .warta-marker[data-event="{key}"]')
    trigger = page.locator("#doc-text mark.ev-trigger")
    trigger.wait_for()
    detail = page.request.get(f"{base_url}/api/events/{key}").json()
    assert trigger.inner_text() == detail["event"]["trigger_text"]
    for span in detail["evidence"]:
        if span["role"] != "sentence":
            marks = page.locator(f"#doc-text mark[data-roles~={span['role']}]").all_inner_texts()
            assert span["text"] in "".join(marks), span
    assert (
        page.locator("#detail h2").inner_text()
        == page.request.get(f"{base_url}/api/documents/{key.split('/')[0]}").json()["title"]
    )
    assert page.locator(f'#map .warta-marker.selected[data-event="{key}"]').count() == 1
    screenshot(page, "event.png")
    page.click("#back")
    assert page.locator("#event-list").is_visible()


def test_filters_change_the_count(page, db_rows):
    total, located = db_rows("SELECT count(*), count(lat) FROM event_details")[0]
    assault, assault_located = db_rows(
        "SELECT count(*), count(lat) FROM event_details WHERE type = 'ASSAULT'"
    )[0]
    assert 0 < assault < total
    before = page.locator("#summary").get_attribute("data-ready")
    page.select_option("select[name=type]", "ASSAULT")
    wait_until_loaded(page, before)
    assert (
        page.locator("#summary").inner_text().startswith(f"{assault} events · {assault_located} on the map")
    )
    assert markers_on_map(page, assault_located) == assault_located
    assert page.locator("#event-list li").count() == assault

    before = page.locator("#summary").get_attribute("data-ready")
    page.fill("input[name=q]", "Talish")
    wait_until_loaded(page, before)
    talish = db_rows(
        "SELECT count(*) FROM event_details WHERE type = 'ASSAULT' AND (sentence ILIKE '%talish%' "
        "OR title ILIKE '%talish%' OR place_name ILIKE '%talish%' OR actor_name ILIKE '%talish%' "
        "OR recipient_name ILIKE '%talish%' OR claimant_name ILIKE '%talish%')"
    )[0][0]
    assert page.locator("#summary").get_attribute("data-total") == str(talish)

    before = page.locator("#summary").get_attribute("data-ready")
    page.click("button[type=reset]")
    wait_until_loaded(page, before)
    assert page.locator("#summary").get_attribute("data-total") == str(total)
    assert markers_on_map(page, located) == located

    before = page.locator("#summary").get_attribute("data-ready")
    page.fill("input[name=since]", "2021-01-01")
    page.dispatch_event("input[name=since]", "change")
    wait_until_loaded(page, before)
    since = db_rows("SELECT count(*) FROM events WHERE date >= DATE '2021-01-01'")[0][0]
    assert page.locator("#summary").get_attribute("data-total") == str(since)


def test_markup_in_a_document_is_shown_as_text(page):
    item = page.locator("#event-list li", has_text="merebut").filter(has_text="claimed")
    item.filter(has=page.locator(".where", has_text="Talish")).first.click()
    page.locator("#doc-text mark.ev-trigger").wait_for()
    assert page.locator("#doc-text").inner_text() == HOSTILE_TEXT
    assert page.locator("#detail h2").inner_text() == HOSTILE_TITLE
    # offsets count code points: the emoji before the trigger does not shift the highlight
    assert page.locator("#doc-text mark.ev-trigger").inner_text() == "merebut"
    assert page.locator("#doc-text mark.ev-claimant").inner_text() == "Ilham Aliyev"
    assert page.locator("#detail script, #detail img, #detail b").count() == 0
    # the record's javascript: URL is shown, never made a link
    assert page.locator("#detail a").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    screenshot(page, "markup-as-text.png")


def test_claims_and_denials_side_by_side(page):
    page.locator("#event-list li", has_text="merebut").filter(
        has=page.locator(".where", has_text="Talish")
    ).first.click()
    sides = page.locator("#detail .sides .side")
    sides.first.wait_for()
    headings = sorted(sides.locator("h4").all_inner_texts())
    assert headings == ["according to Ilham Aliyev", "according to Kementerian Pertahanan Armenia"]
    statuses = {
        side.locator("h4").inner_text(): side.locator(".badge").all_inner_texts() for side in sides.all()
    }
    assert statuses == {
        "according to Ilham Aliyev": ["claimed"],
        "according to Kementerian Pertahanan Armenia": ["denied"],
    }
    # the other side's claim opens its own document
    titles = {"claimed": HOSTILE_TITLE, "denied": "Armenia membantah"}
    shown = page.locator("#detail .meta .badge").inner_text()
    assert page.locator("#detail h2").inner_text() == titles[shown]
    page.locator("#detail .claim:not(.current)").click()
    other = ({"claimed", "denied"} - {shown}).pop()
    page.wait_for_function(
        "(title) => document.querySelector('#detail h2').textContent === title", arg=titles[other]
    )
    assert page.locator("#detail .meta .badge").inner_text() == other


def test_timeline_and_legend_filter_too(page, db_rows):
    bar = page.locator("#timeline rect.bar").last
    week, count = bar.get_attribute("data-week"), bar.get_attribute("data-count")
    before = page.locator("#summary").get_attribute("data-ready")
    bar.click()
    wait_until_loaded(page, before)
    assert page.input_value("input[name=since]") == week
    assert page.locator("#summary").get_attribute("data-total") == count

    before = page.locator("#summary").get_attribute("data-ready")
    page.click("button[type=reset]")
    wait_until_loaded(page, before)
    kind, n = db_rows("SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) ASC, type LIMIT 1")[
        0
    ]
    before = page.locator("#summary").get_attribute("data-ready")
    page.click(f'#legend .legend-item[data-type="{kind}"]')
    wait_until_loaded(page, before)
    assert page.input_value("select[name=type]") == kind
    assert page.locator("#summary").get_attribute("data-total") == str(n)
