// The warta map page: events on a map of country outlines, a weekly timeline, filters,
// and each event's source text with its evidence highlighted.
// Every piece of data reaches the page through textContent or DOM properties, never as
// HTML, so a document that contains markup shows it as text.
"use strict";

(function () {
  const PAGE = 1000; // the API's largest page
  const MAX_EVENTS = 20000; // beyond this the map shows the first ones and says so
  const ROLE_ORDER = ["trigger", "claimant", "actor", "recipient", "place", "date"];
  const ROLE_LABEL = {
    trigger: "trigger", actor: "actor", recipient: "recipient", place: "place", date: "date", claimant: "claimant",
  };

  const form = document.getElementById("filters");
  const summary = document.getElementById("summary");
  const list = document.getElementById("event-list");
  const listView = document.getElementById("list-view");
  const detailView = document.getElementById("detail-view");
  const detail = document.getElementById("detail");
  const timeline = document.getElementById("timeline");
  const legend = document.getElementById("legend");

  let events = [];
  let loadToken = 0; // a newer load makes an older one's answers stale
  const markers = new Map(); // "doc/id" -> L.Marker
  let selectedKey = null;

  // -- small DOM helpers ------------------------------------------------------------------------
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null) continue;
      if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const typeClass = (type) => "t-" + (/^[A-Z]+$/.test(type || "") ? type : "other");
  const eventKey = (e) => e.doc_id + "/" + e.id;
  const located = (e) => e.lat !== null && e.lon !== null;

  function setStatus(text, isError) {
    summary.textContent = text;
    summary.classList.toggle("error", Boolean(isError));
  }

  async function api(path, params) {
    const query = params ? "?" + params.toString() : "";
    const response = await fetch(path + query, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let message = response.status + " " + response.statusText;
      try {
        const body = await response.json();
        if (body && body.detail) message = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
      } catch (_) { /* not JSON: keep the status line */ }
      throw new Error(path + ": " + message);
    }
    return response.json();
  }

  // -- filters ----------------------------------------------------------------------------------
  function filterParams() {
    const params = new URLSearchParams();
    for (const name of ["type", "status", "country", "since", "until", "q"]) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  function fillSelect(select, counts) {
    for (const { key, label, count } of counts) {
      if (key === null) continue;
      select.append(el("option", { value: key }, (label ? label + " · " + key : key) + " (" + count + ")"));
    }
  }

  async function loadFacets() {
    const [types, statuses, countries] = await Promise.all(
      ["type", "status", "country"].map((by) => api("/api/counts", new URLSearchParams({ by })))
    );
    fillSelect(form.elements.type, types.counts);
    fillSelect(form.elements.status, statuses.counts);
    fillSelect(form.elements.country, countries.counts);
    renderLegend(types.counts);
  }

  function renderLegend(counts) {
    legend.replaceChildren(
      ...counts.map(({ key, count }) =>
        el("span", { class: "legend-item", title: "show only " + key, dataset: { type: key } },
          el("span", { class: "swatch " + typeClass(key) }), key + " " + count)
      )
    );
  }

  // -- the map ----------------------------------------------------------------------------------
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 10, zoomSnap: 0.5 }).setView([20, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet · outlines: Natural Earth");
  const cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(cluster);
  async function loadOutlines() {
    const topo = await api("/static/countries-50m.json");
    const shapes = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(shapes, {
      interactive: false,
      style: { color: "#8d99ab", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1, className: "country-outline" },
    }).addTo(map).bringToBack();
  }

  function markerFor(e) {
    const marker = L.marker([e.lat, e.lon], {
      icon: L.divIcon({ className: "warta-marker " + typeClass(e.type), iconSize: [14, 14] }),
      title: [e.date || "undated", e.type, e.place_name].filter(Boolean).join(" · "),
      keyboard: true,
    });
    marker.on("add", () => {
      const node = marker.getElement();
      if (node) {
        node.dataset.event = eventKey(e);
        node.classList.toggle("selected", eventKey(e) === selectedKey);
      }
    });
    marker.on("click", () => openEvent(e.doc_id, e.id));
    return marker;
  }

  function renderMarkers() {
    cluster.clearLayers();
    markers.clear();
    const layers = [];
    for (const e of events) {
      if (!located(e)) continue;
      const m = markerFor(e);
      markers.set(eventKey(e), m);
      layers.push(m);
    }
    cluster.addLayers(layers);
    if (layers.length) map.fitBounds(cluster.getBounds(), { padding: [30, 30], maxZoom: 7 });
  }

  // -- the list ---------------------------------------------------------------------------------
  function renderList() {
    const items = events.map((e) =>
      el("li", {
        tabindex: "0",
        class: located(e) ? "" : "unlocated",
        dataset: { event: eventKey(e) },
        onclick: () => openEvent(e.doc_id, e.id),
        onkeydown: (ev) => { if (ev.key === "Enter") openEvent(e.doc_id, e.id); },
      },
      el("span", { class: "when" }, e.date || "undated"),
      el("span", { class: "what" },
        el("span", { class: "swatch " + typeClass(e.type) }), e.type + " ",
        el("span", { class: "badge status-" + e.status }, e.status), " ", e.trigger_text || ""),
      el("span", { class: "where" }, e.place_name || "")
      )
    );
    list.replaceChildren(...items);
  }

  // -- the timeline -----------------------------------------------------------------------------
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  const DAY = 86400000;
  const parseDay = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  const formatDay = (t) => new Date(t).toISOString().slice(0, 10);
  let weekCounts = [];

  function drawTimeline() {
    const width = timeline.clientWidth || 800;
    const height = timeline.clientHeight || 90;
    timeline.replaceChildren();
    timeline.setAttribute("viewBox", "0 0 " + width + " " + height);
    const dated = weekCounts.filter((c) => c.key);
    if (!dated.length) {
      timeline.append(svg("text", { x: 8, y: height / 2 }, "no dated events"));
      return;
    }
    const first = parseDay(dated[0].key);
    const last = parseDay(dated[dated.length - 1].key);
    const weeks = Math.round((last - first) / (7 * DAY)) + 1;
    const top = 6, bottom = height - 16, left = 28, right = width - 8;
    const slot = (right - left) / weeks;
    const max = Math.max(...dated.map((c) => c.count));
    timeline.append(svg("line", { class: "axis", x1: left, x2: right, y1: bottom, y2: bottom }));
    timeline.append(svg("text", { x: 2, y: top + 8 }, String(max)));
    let lastYear = null;
    for (let w = 0; w < weeks; w++) {
      const year = new Date(first + w * 7 * DAY).getUTCFullYear();
      if (year !== lastYear) {
        timeline.append(svg("text", { x: left + w * slot, y: height - 3 }, String(year)));
        lastYear = year;
      }
    }
    for (const c of dated) {
      const w = Math.round((parseDay(c.key) - first) / (7 * DAY));
      const h = Math.max(2, ((bottom - top) * c.count) / max);
      const bar = svg("rect", {
        class: "bar", x: left + w * slot, y: bottom - h, width: Math.max(1.5, slot - 1), height: h,
        "data-week": c.key, "data-count": c.count,
      });
      bar.append(svg("title", {}, "week of " + c.key + ": " + c.count + " event" + (c.count === 1 ? "" : "s")));
      bar.addEventListener("click", () => {
        form.elements.since.value = c.key;
        form.elements.until.value = formatDay(parseDay(c.key) + 6 * DAY);
        load();
      });
      timeline.append(bar);
    }
    timeline.setAttribute("aria-label", dated.length + " weeks with events, " + dated[0].key + " to " + dated[dated.length - 1].key);
  }

  // -- loading ----------------------------------------------------------------------------------
  async function load() {
    const token = ++loadToken;
    const params = filterParams();
    setStatus("loading…");
    try {
      const found = [];
      let total = 0, locatedCount = 0;
      for (let offset = 0; offset < MAX_EVENTS; offset += PAGE) {
        const page = new URLSearchParams(params);
        page.set("limit", PAGE);
        page.set("offset", offset);
        const answer = await api("/api/events", page);
        total = answer.total;
        locatedCount = answer.located;
        found.push(...answer.events);
        if (found.length >= total || !answer.events.length) break;
      }
      const weeks = await api("/api/counts", new URLSearchParams([...params, ["by", "week"]]));
      if (token !== loadToken) return;
      events = found;
      weekCounts = weeks.counts;
      renderMarkers();
      renderList();
      drawTimeline();
      const shown = found.length < total ? " (first " + found.length + " shown)" : "";
      setStatus(total + " events · " + locatedCount + " on the map" + shown);
      summary.dataset.total = total;
      summary.dataset.located = locatedCount;
      summary.dataset.ready = String(token);
    } catch (err) {
      if (token === loadToken) setStatus("error: " + err.message, true);
    }
  }

  // -- one event --------------------------------------------------------------------------------
  function showList() {
    detailView.hidden = true;
    listView.hidden = false;
    selectMarker(null);
  }

  function selectMarker(key) {
    const previous = selectedKey && markers.get(selectedKey);
    if (previous && previous.getElement()) previous.getElement().classList.remove("selected");
    selectedKey = key;
    const marker = key && markers.get(key);
    if (!marker) return;
    cluster.zoomToShowLayer(marker, () => {
      if (marker.getElement()) marker.getElement().classList.add("selected");
    });
  }

  async function openEvent(docId, eventId) {
    const path = encodeURIComponent(docId) + "/" + encodeURIComponent(eventId);
    try {
      const [found, doc] = await Promise.all([
        api("/api/events/" + path),
        api("/api/documents/" + encodeURIComponent(docId)),
      ]);
      renderDetail(found, doc);
      listView.hidden = true;
      detailView.hidden = false;
      selectMarker(eventKey(found.event));
      // the panel shows the event's header; the text box scrolls to the trigger
      document.getElementById("panel").scrollTop = 0;
      const box = document.getElementById("doc-text");
      const trigger = box.querySelector("mark.ev-trigger");
      if (trigger) {
        box.scrollTop = trigger.offsetTop - box.clientHeight / 3; // the box is positioned: offsets are inside it
        trigger.scrollIntoView({ block: "nearest" }); // and the panel moves only if the box is below the fold
      }
    } catch (err) {
      setStatus("error: " + err.message, true);
    }
  }

  function field(dl, name, ...value) {
    if (!value.some((v) => v !== null && v !== undefined && v !== "")) return;
    dl.append(el("dt", {}, name), el("dd", {}, ...value));
  }

  function renderDetail(found, doc) {
    const e = found.event;
    const meta = el("dl", { class: "meta" });
    field(meta, "type", el("span", { class: "swatch " + typeClass(e.type) }), e.type + (e.mode ? " / " + e.mode : ""),
      e.acled_sub_event_type ? " · ACLED: " + e.acled_event_type + " / " + e.acled_sub_event_type : "");
    field(meta, "status", el("span", { class: "badge status-" + e.status }, e.status));
    field(meta, "date", e.date ? e.date + " (" + e.date_precision + ", from the " + (e.date_source === "text" ? "text" : "publication date") + ")" : "");
    field(meta, "place", e.place_name ? [e.place_name, e.admin1, e.country].filter(Boolean).join(", ") + (e.place_precision ? " · " + e.place_precision : "") + (located(e) ? "" : " · no point") : "");
    field(meta, "actor", e.actor_name || "");
    field(meta, "recipient", e.recipient_name || "");
    field(meta, "claimant", e.claimant_name || "");
    field(meta, "via", (e.via || []).join(" ← "));
    field(meta, "confidence", e.confidence === null ? "" : e.confidence.toFixed(2));
    const source = [doc.publisher, doc.published ? doc.published.date : null, doc.language].filter(Boolean).join(" · ");
    field(meta, "source", source, doc.url ? " · " : "", doc.url ? link(doc.url) : "");

    const roles = found.evidence.filter((s) => s.role !== "sentence").map((s) => s.role);
    const keys = el("div", { class: "roles" }, "evidence:",
      ...ROLE_ORDER.filter((r) => roles.includes(r)).map((r) => el("span", { class: "key ev-" + r }, ROLE_LABEL[r])));

    detail.replaceChildren(
      el("h2", {}, doc.title || "(untitled)"),
      meta,
      keys,
      el("div", { class: "doc-text", id: "doc-text" }, ...highlighted(doc.text, found.evidence)),
      claims(found.related, e)
    );
  }

  function link(url) {
    // only web links become links: a javascript: or data: URL in a record stays text
    if (!/^https?:\/\//i.test(url)) return url;
    return el("a", { href: url, class: "source-link", target: "_blank", rel: "noopener noreferrer" }, url);
  }

  // The text cut where evidence starts and ends; offsets count code points (Python's
  // str), so the text is indexed as an array of code points, not UTF-16 units.
  function highlighted(text, spans) {
    const chars = Array.from(text);
    const cuts = new Set([0, chars.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].filter((c) => c >= 0 && c <= chars.length).sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = chars.slice(a, b).join("");
      const covering = spans.filter((s) => s.start <= a && b <= s.end).map((s) => s.role);
      const marked = ROLE_ORDER.filter((r) => covering.includes(r));
      if (marked.length) {
        out.push(el("mark", { class: "ev ev-" + marked[0], title: marked.join(", "), dataset: { roles: marked.join(" ") } }, piece));
      } else if (covering.includes("sentence")) {
        out.push(el("span", { class: "in-sentence" }, piece));
      } else {
        out.push(document.createTextNode(piece));
      }
    }
    return out;
  }

  // Events about the same place, one column per claimant: who says what, side by side.
  function claims(related, current) {
    const section = el("section", { class: "claims" });
    const where = current.place_name || "this place";
    if (!current.place_name || related.length < 2) {
      section.append(el("h3", {}, "About " + where), el("p", {}, "No other event about this place."));
      return section;
    }
    const sides = new Map();
    for (const r of related) {
      const who = r.claimant_name ? "according to " + r.claimant_name : "reported without a claimant";
      if (!sides.has(who)) sides.set(who, []);
      sides.get(who).push(r);
    }
    const docs = new Set(related.map((r) => r.doc_id)).size;
    section.append(el("h3", {}, "About " + where + ": " + related.length + " events in " + docs + " document" + (docs === 1 ? "" : "s")));
    const columns = [...sides.entries()].map(([who, items]) =>
      el("div", { class: "side" }, el("h4", {}, who),
        ...items.map((r) =>
          el("div", {
            class: "claim" + (eventKey(r) === eventKey(current) ? " current" : ""),
            tabindex: "0",
            dataset: { event: eventKey(r) },
            onclick: () => openEvent(r.doc_id, r.id),
          },
          el("span", { class: "badge status-" + r.status }, r.status), " ",
          el("span", { class: "swatch " + typeClass(r.type) }), r.type, " · ", r.date || "undated",
          el("p", {}, "“" + (r.trigger_text || "") + "” — " + truncate(r.sentence || "", 180)),
          el("p", {}, [r.publisher, r.title].filter(Boolean).join(": "))
          )
        )
      )
    );
    section.append(el("div", { class: "sides" }, ...columns));
    return section;
  }

  const truncate = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

  // -- wiring -----------------------------------------------------------------------------------
  let typing = null;
  form.addEventListener("change", () => load());
  form.addEventListener("input", (ev) => {
    if (ev.target.name !== "q") return;
    clearTimeout(typing);
    typing = setTimeout(load, 300);
  });
  form.addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  form.addEventListener("reset", () => setTimeout(load, 0));
  legend.addEventListener("click", (ev) => {
    const item = ev.target.closest(".legend-item");
    if (!item) return;
    form.elements.type.value = item.dataset.type;
    load();
  });
  document.getElementById("back").addEventListener("click", showList);
  window.addEventListener("resize", drawTimeline);

  Promise.all([loadOutlines(), loadFacets()])
    .catch((err) => setStatus("error: " + err.message, true))
    .finally(load);
})();
