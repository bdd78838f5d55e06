// Copies the pinned npm libraries the pages and the API docs (/docs) use into
// api/web/static/vendor/, so the app serves them itself: no CDN at run time (a newsroom may run
// ClaimGraph offline).
// Run by `make web` after `npm ci`; the output is generated and git-ignored.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const target = resolve(here, "..", "api", "web", "static", "vendor");

// package -> [file inside the package, name under vendor/<package>/]
const FILES = {
  cytoscape: [
    ["dist/cytoscape.min.js", "cytoscape.min.js"],
    ["LICENSE", "LICENSE"],
  ],
  "swagger-ui-dist": [
    ["swagger-ui-bundle.js", "swagger-ui-bundle.js"],
    ["swagger-ui.css", "swagger-ui.css"],
    ["LICENSE", "LICENSE"],
    ["NOTICE", "NOTICE"],
  ],
  "vis-timeline": [
    ["standalone/umd/vis-timeline-graph2d.min.js", "vis-timeline-graph2d.min.js"],
    ["styles/vis-timeline-graph2d.min.css", "vis-timeline-graph2d.min.css"],
    ["LICENSE.MIT.txt", "LICENSE.MIT.txt"],
  ],
};

function version(pkg) {
  return JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;
}

if (!existsSync(modules)) {
  console.error(`build: ${modules} is missing: run \`npm ci\` in web/ first (or \`make web\`)`);
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
const manifest = {};
for (const [pkg, files] of Object.entries(FILES)) {
  mkdirSync(join(target, pkg), { recursive: true });
  for (const [source, name] of files) {
    const from = join(modules, pkg, source);
    if (!existsSync(from)) {
      console.error(`build: ${pkg} ${version(pkg)} has no ${source}; update web/build.mjs for this version`);
      process.exit(1);
    }
    copyFileSync(from, join(target, pkg, name));
  }
  manifest[pkg] = { version: version(pkg), files: files.map(([, name]) => `${pkg}/${name}`) };
}
writeFileSync(join(target, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`build: ${Object.keys(manifest).length} libraries copied into ${target}`);
