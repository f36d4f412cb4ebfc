#!/usr/bin/env node
// Where the time of a Morsel search query goes, stage by stage, in headless Chromium over
// the tests' static server. It changes nothing that ships: an init script wraps the
// globals the glue uses (the module factory MorselSearchRuntime, whose exports are timed,
// and the MorselSearch callbacks the index files call as they run), and Resource Timing
// gives each file's request and response. See README.md.
// The first word also loads the module and manifest; the median is over the others, each
// searched once on the same page (as the bench's "first time" column).
// usage: node bench/search/profile.js SITE_DIR [--words a,b,c]   (a site built by run.js)
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { REPO, chromium, startServer, CHROMIUM_ARGS, args, option } = require('./common');
const SITE = path.resolve(args[0] || '/tmp/morsel-search-bench/site-20000');
const WORDS = option('--words', 'firmware,latency,discount,delivery,checklist,throughput,update,report,shared,teams,escalate,identify').split(',');

// Runs in the page before any script: records every stage with performance.now().
function instrument() {
  const log = [];
  window.__searchLog = log;
  const now = () => performance.now();
  let factory;
  Object.defineProperty(window, 'MorselSearchRuntime', {
    configurable: true,
    get() { return factory; },
    set(f) {
      factory = function (options) {
        return f(options).then((m) => {
          for (const key of Object.keys(m)) {
            if (!key.startsWith('_morsel_search_')) continue;
            // Emscripten's export thunks replace themselves on first call: keep the
            // wrapper in front of whatever is assigned.
            let inner = m[key];
            const name = key.slice('_morsel_search_'.length);
            const wrapper = function () {
              const t0 = now();
              const out = inner.apply(this, arguments);
              log.push({ what: 'wasm ' + name, t0, t1: now() });
              return out;
            };
            Object.defineProperty(m, key, { configurable: true, get() { return wrapper; }, set(v) { inner = v; } });
          }
          return m;
        });
      };
    },
  });
  let api;
  Object.defineProperty(window, 'MorselSearch', {
    configurable: true,
    get() { return api; },
    set(value) {
      api = value;
      for (const key of ['manifest', 'shard', 'doc', 'cards']) {
        const inner = value[key];
        if (typeof inner !== 'function') continue;
        value[key] = function (name) {
          const t0 = now();
          const out = inner.apply(this, arguments);
          log.push({ what: 'eval ' + key + ' ' + String(name).slice(0, 12), t0, t1: now() });
          return out;
        };
      }
    },
  });
}

async function main() {
  const server = await startServer(SITE);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(server.url + 'index.html', { waitUntil: 'load' });
  await page.waitForSelector('body[data-morsel-ready="true"]', { state: 'attached' });
  const rows = [];
  for (let i = 0; i < WORDS.length; ++i) {
    const word = WORDS[i];
    const result = await page.evaluate(async (word) => {
      document.querySelector('#morsel-search-input').focus();
      performance.clearResourceTimings();
      window.__searchLog.length = 0;
      const t0 = performance.now();
      const found = await window.MorselSearch.query(word, 5);
      const t1 = performance.now();
      const resources = performance.getEntriesByType('resource').map((r) => ({
        name: r.name.replace(/^.*\/(search|runtime)\/(?:[0-9a-f]{10}\/)?/, '$1/'),
        start: r.startTime - t0, request: r.requestStart - t0, response: r.responseStart - t0, end: r.responseEnd - t0,
        bytes: r.encodedBodySize,
      }));
      const log = window.__searchLog.map((e) => ({ what: e.what, start: e.t0 - t0, ms: e.t1 - e.t0 }));
      return { ms: t1 - t0, results: found.results.length, resources, log };
    }, word);
    rows.push({ word, ...result });
    console.log(`\n== ${word}: ${result.ms.toFixed(1)} ms, ${result.results} results` + (i === 0 ? ' (first query: module and manifest too)' : ''));
    const events = [];
    for (const r of result.resources) {
      events.push([r.start, `fetch ${r.name} start ${r.start.toFixed(1)} req ${r.request.toFixed(1)} resp ${r.response.toFixed(1)} end ${r.end.toFixed(1)} (${r.bytes} B)`]);
    }
    for (const e of result.log) events.push([e.start, `${e.what.padEnd(22)} at ${e.start.toFixed(1)} takes ${e.ms.toFixed(2)} ms`]);
    events.sort((a, b) => a[0] - b[0]);
    for (const [, text] of events) console.log('  ' + text);
  }
  const cold = rows.slice(1).map((r) => r.ms).sort((a, b) => a - b);
  console.log(`\nmedian of ${cold.length} cold queries: ${cold[Math.floor(cold.length / 2)].toFixed(1)} ms`);
  const wasm = {};
  for (const r of rows.slice(1)) {
    for (const e of r.log) wasm[e.what.split(' ').slice(0, 2).join(' ')] = (wasm[e.what.split(' ').slice(0, 2).join(' ')] || 0) + e.ms;
  }
  console.log('total per stage over the cold queries (ms):', JSON.stringify(wasm, (k, v) => (typeof v === 'number' ? +v.toFixed(1) : v)));
  await browser.close();
  await server.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
