#!/usr/bin/env node
// Reports the gzip size of the runtime as shipped and checks it against
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
console.log(`runtime size (gzip -9): hosted ${kb(hosted)} = glue ${kb(glue.gzip)} + js ${kb(js.gzip)} + wasm ${kb(wasm.gzip)} (wasm raw ${kb(wasm.raw)}); ` +
            `file:// ${kb(file)} = glue + js + packed wasm ${kb(packed.gzip)}; ` +
            `budgets ${kb(budget.hosted_gzip_bytes)} / ${kb(budget.file_gzip_bytes)}`);
// The search module loads only when a learner starts to search: its own budget, for the
// larger of its two forms (glue + loader + wasm, or + packed wasm for file://).
const search = {
  glue: gz('search.js'), js: gz('morsel-search.js'), wasm: gz('morsel-search.wasm'), packed: gz('morsel-search.wasm.js'),
};
const searchHosted = search.glue.gzip + search.js.gzip + search.wasm.gzip;
const searchFile = search.glue.gzip + search.js.gzip + search.packed.gzip;
console.log(`search module (gzip -9): hosted ${kb(searchHosted)} (wasm raw ${kb(search.wasm.raw)}); ` +
            `file:// ${kb(searchFile)}; budget ${kb(budget.search_gzip_bytes)}`);
if (check) {
  let failed = false;
  if (Math.max(searchHosted, searchFile) > budget.search_gzip_bytes) {
    console.error(`search module ${Math.max(searchHosted, searchFile)} B gzip exceeds its budget ${budget.search_gzip_bytes} B`);
    failed = true;
  }
  if (hosted > budget.hosted_gzip_bytes) { console.error(`hosted runtime ${hosted} B gzip exceeds its budget ${budget.hosted_gzip_bytes} B`); failed = true; }
  if (file > budget.file_gzip_bytes) { console.error(`file:// runtime ${file} B gzip exceeds its budget ${budget.file_gzip_bytes} B`); failed = true; }
  process.exit(failed ? 1 : 0);
}
