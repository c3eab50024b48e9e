// Copies the map page's third-party files from node_modules into src/warta/web/static/,
// so the wheel carries them and the page loads nothing from the network.
// Reproducible: `npm ci` installs the versions pinned in package-lock.json, then
// `node build.mjs` copies the same bytes and writes their licences next to them.
// Run both with `make web-assets`.
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "src", "warta", "web", "static");

// package -> [licence file, [[file in the package, name in static/], ...]]
const vendored = {
  leaflet: ["LICENSE", [
    ["dist/leaflet.js", "leaflet.js"],
    ["dist/leaflet.css", "leaflet.css"],
  ]],
  "leaflet.markercluster": ["MIT-LICENCE.txt", [
    ["dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
    ["dist/MarkerCluster.css", "MarkerCluster.css"],
    ["dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"],
  ]],
  "topojson-client": ["LICENSE", [["dist/topojson-client.min.js", "topojson-client.min.js"]]],
  // Natural Earth admin-0 country outlines at 1:50m (public domain), as TopoJSON
  "world-atlas": ["LICENSE", [["countries-50m.json", "countries-50m.json"]]],
};

const notices = [
  "Third-party files in this folder, copied from npm packages by webassets/build.mjs.",
  "Natural Earth data (inside countries-50m.json) is in the public domain: https://www.naturalearthdata.com/about/terms-of-use/",
  "",
];
const manifest = {};
for (const [name, [licence, files]] of Object.entries(vendored)) {
  const pkg = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
  notices.push(`== ${name} ${pkg.version} (${pkg.license}) ==`);
  for (const [src, dest] of files) {
    // read and write rather than copy: the files get ordinary modes whatever npm gave them
    const bytes = readFileSync(join(modules, name, src));
    writeFileSync(join(out, dest), bytes);
    const sha = createHash("sha256").update(bytes).digest("hex");
    manifest[dest] = { package: name, version: pkg.version, license: pkg.license, file: src, sha256: sha };
    notices.push(`  ${dest} <- ${src}`);
  }
  notices.push("", readFileSync(join(modules, name, licence), "utf8").trim(), "");
}
writeFileSync(join(out, "THIRD_PARTY_LICENSES.txt"), notices.join("\n") + "\n");
writeFileSync(join(out, "vendor.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`copied ${Object.keys(manifest).length} files into ${out}`);
