#!/usr/bin/env node
// Bytes a first one-word query loads, for every word of a built site's index rather than
// the five words the browser bench samples: the search glue, the module (.js + .wasm, as
// served over http), the manifest and the word's card file; when the word is being typed
// and a longer word of the index starts with it, its head shard too; and, for comparison,
// the head shard and the five best pages' fragments (the index before card files).
// Computed from file sizes, for each term typed as itself; completions' fragments are not
// counted. See README.md.
// usage: node bench/search/every-word.js SITE_DIR
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const site = path.resolve(process.argv[2] || '/tmp/morsel-search-bench/site-20000');
const runtime = path.join(site, 'runtime');
const size = (file) => fs.statSync(file).size;
// The arguments of an index file's call, as a JSON array.
const args = (file) => {
  const text = fs.readFileSync(file, 'utf8');
  return JSON.parse('[' + text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')) + ']');
};

const fixedFiles = fs.readdirSync(runtime).filter((f) => /^(search|morsel-search)\.[0-9a-f]{10}\.(js|wasm)$/.test(f));
// search/manifest.js: the manifest and the folder of the index's other files.
const [manifest, folder] = args(path.join(site, 'search', 'manifest.js'));
const index = path.join(site, 'search', folder);
const fixed = fixedFiles.reduce((n, f) => n + size(path.join(runtime, f)), 0) + size(path.join(site, 'search', 'manifest.js'));
const firsts = manifest.split('\n').filter((l) => l.startsWith('shard ')).map((l) => l.slice(6, -2));
firsts[0] = '';
const cardFiles = Number((/\ncards (\d+)/.exec(manifest) || [])[1]);

// Byte order, as the engine compares terms (std::string).
const before = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
function shardOf(term) {
  let lo = 0;
  let hi = firsts.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (before(term, firsts[mid])) hi = mid;
    else lo = mid;
  }
  return lo;
}

const finished = [];
const typed = [];
const withFragments = [];
let completed = 0;
for (let n = 0; n < cardFiles; ++n) {
  const file = path.join(index, 'c', n + '.js');
  const [, lines, cards] = args(file);
  const next = {};
  for (const line of lines.split('\n').filter(Boolean)) {
    const parts = line.split(' ');
    next[parts[0]] = parts[4];
  }
  for (const [term, best] of Object.entries(cards)) {
    const head = size(path.join(index, `s${shardOf(term)}.js`));
    finished.push(fixed + size(file));
    const mayComplete = next[term].startsWith(term);
    completed += mayComplete ? 1 : 0;
    typed.push(fixed + size(file) + (mayComplete ? head : 0));
    withFragments.push(fixed + head + best.slice(0, 5).reduce((b, card) => b + size(path.join(index, 'd', card[0] + '.js')), 0));
  }
}

const kib = (b) => (b / 1024).toFixed(1) + ' KiB';
function report(name, list) {
  list.sort((a, b) => a - b);
  const at = (q) => list[Math.min(list.length - 1, Math.floor(q * list.length))];
  const over = list.filter((b) => b > 100 * 1024).length;
  console.log(`${name}: median ${kib(at(0.5))}, 99th percentile ${kib(at(0.99))}, largest ${kib(list[list.length - 1])}; ` +
    `above 100 KiB: ${over} of ${list.length} words`);
}
console.log(`${site}: glue + module + manifest ${kib(fixed)}, ${cardFiles} card files`);
report('finished word: card file', finished);
report(`being typed: card file, and the head shard for the ${completed} words a longer one starts with`, typed);
report('before card files: head shard + 5 fragments', withFragments);
