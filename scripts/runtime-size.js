#!/usr/bin/env node
// Reports the gzip size of the runtime a lesson page loads first (glue, module loader and
// wasm), and of the modules loaded later, and checks it against
// runtime/budget.json. usage: runtime-size.js RUNTIME_DIR [--check]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const dir = process.argv[2];
const check = process.argv.includes('--check');
const budget = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'runtime', 'budget.json'), 'utf8'));

function gz(name) {
  const data = fs.readFileSync(path.join(dir, name));
  return { raw: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
}
const glue = gz('morsel.js');
const js = gz('morsel-runtime.js');
const wasm = gz('morsel-runtime.wasm');
const packed = gz('morsel-runtime.wasm.js');
const hosted = glue.gzip + js.gzip + wasm.gzip;
const file = glue.gzip + js.gzip + packed.gzip;
const kb = (n) => (n / 1000).toFixed(1) + ' KB';
console.log(`runtime a lesson page loads first (gzip -9): hosted ${kb(hosted)} = glue ${kb(glue.gzip)} + js ${kb(js.gzip)} + wasm ${kb(wasm.gzip)} (wasm raw ${kb(wasm.raw)}); ` +
            `file:// ${kb(file)} = glue + js + packed wasm ${kb(packed.gzip)}; ` +
            `budgets ${kb(budget.hosted_gzip_bytes)} / ${kb(budget.file_gzip_bytes)}`);
// The lazily loaded modules, each with its own budget for the larger of its two forms
// (loader + wasm, or + packed wasm for file://). Progress (merge, compaction, resets, My
// learning's view) loads in the background once a page is ready; search, with its own
// glue, only when a learner starts to search.
function lazy(label, name, extra, budgetBytes) {
  const parts = { js: gz(name + '.js'), wasm: gz(name + '.wasm'), packed: gz(name + '.wasm.js') };
  const glueBytes = extra ? gz(extra).gzip : 0;
  const hostedBytes = glueBytes + parts.js.gzip + parts.wasm.gzip;
  const fileBytes = glueBytes + parts.js.gzip + parts.packed.gzip;
  console.log(`${label} module (gzip -9): hosted ${kb(hostedBytes)} (wasm raw ${kb(parts.wasm.raw)}); ` +
              `file:// ${kb(fileBytes)}; budget ${kb(budgetBytes)}`);
  return { label, bytes: Math.max(hostedBytes, fileBytes), budget: budgetBytes };
}
const lazyModules = [lazy('progress', 'morsel-progress', null, budget.progress_gzip_bytes),
                     lazy('review', 'morsel-review', 'review.js', budget.review_gzip_bytes),
                     lazy('search', 'morsel-search', 'search.js', budget.search_gzip_bytes)];
if (check) {
  let failed = false;
  for (const m of lazyModules) {
    if (!(m.bytes <= m.budget)) { console.error(`${m.label} module ${m.bytes} B gzip exceeds its budget ${m.budget} B`); failed = true; }
  }
  if (hosted > budget.hosted_gzip_bytes) { console.error(`hosted runtime ${hosted} B gzip exceeds its budget ${budget.hosted_gzip_bytes} B`); failed = true; }
  if (file > budget.file_gzip_bytes) { console.error(`file:// runtime ${file} B gzip exceeds its budget ${budget.file_gzip_bytes} B`); failed = true; }
  process.exit(failed ? 1 : 0);
}
