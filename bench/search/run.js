#!/usr/bin/env node
// Morsel's search against Pagefind on the same generated site. See README.md.
// usage: node bench/search/run.js [--sizes 5000,20000] [--work /tmp/morsel-search-bench] [--reuse-site]
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const { REPO, chromium, startServer, CHROMIUM_ARGS, args, option } = require('./common');
const SIZES = option('--sizes', '5000,20000').split(',').map(Number);
const WORK = path.resolve(option('--work', '/tmp/morsel-search-bench'));
// Measure the sites an earlier run built (both indexes) again, without building them.
const REUSE = args.includes('--reuse-site');
const MORSEL = path.resolve(process.env.MORSEL_BIN || path.join(REPO, 'build', 'bin', 'morsel'));
const PAGEFIND = path.join(__dirname, 'node_modules', '.bin', 'pagefind');
const CORPUS = path.join(__dirname, '..', 'make_corpus.py');  // the corpus generator, beside the benchmarks
// The pages Pagefind indexes: all but the single-file course editions
// (<course>/<course>-offline.html), which repeat every lesson of their course; Morsel's
// index holds each course and lesson once.
const PAGEFIND_GLOB = '{*.html,search/*.html,*/index.html,*/*/*.html}';
const RESULTS = 5;      // results whose title and snippet are loaded, both tools
const QUERIES = 25;     // latency sample
const TYPED = 25;       // words typed into Morsel's field, after the latency sample's words
const KEY_DELAY_MS = 150;  // between keystrokes: a quick typist (about 80 words a minute)
const TYPED_SETTLE_MS = 300;  // after a typed word's results: what loads ahead is counted with it

function run(cmd, argv) {
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
}

function dirBytes(dir) {
  let total = 0;
  let files = 0;
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        total += fs.statSync(p).size;
        files += 1;
      }
    }
  })(dir);
  return { total, files };
}

// Query words: content words of lesson titles spread over the corpus (deterministic).
function queryWords(content, count) {
  const titles = [];
  (function walk(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.startsWith('lesson') && e.name.endsWith('.md')) {
        const m = /^title: "?(.*?)"?$/m.exec(fs.readFileSync(p, 'utf8'));
        if (m) titles.push(m[1]);
      }
    }
  })(content);
  const words = [];
  const step = Math.max(1, Math.floor(titles.length / count));
  for (let i = 0; i < titles.length && words.length < count; i += step) {
    const w = titles[i].toLowerCase().split(/[^a-z]+/).find((x) => x.length >= 5 && !words.includes(x));
    if (w) words.push(w);
  }
  return words;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// Bytes of every response the page gets while `action` runs (bodies as served, and what
// gzip -6 would make of them for a host that compresses).
async function measureBytes(page, action, only) {
  const responses = [];
  const listener = (r) => { if (only.test(new URL(r.url()).pathname)) responses.push(r); };
  page.on('response', listener);
  await action();
  page.off('response', listener);
  let raw = 0;
  let gzip = 0;
  const files = [];
  for (const r of responses) {
    const body = await r.body().catch(() => Buffer.alloc(0));
    raw += body.length;
    gzip += zlib.gzipSync(body).length;
    files.push(new URL(r.url()).pathname);
  }
  return { raw, gzip, files };
}

const TOOLS = {
  morsel: {
    page: 'index.html',
    // The search glue, published under a fingerprinted name (generator/assets.h).
    pageBytes: /^search\.[0-9a-f]{10}\.js$/,
    files: /\/(search\/|runtime\/morsel-search)/,
    // Card files of a median size (bytes 1.5-3 KB), as URLs relative to the page.
    floorFiles(siteDir) {
      const search = path.join(siteDir, 'search');
      const folder = fs.readdirSync(search).find((f) => /^[0-9a-f]{10}$/.test(f));
      const cards = path.join(search, folder, 'c');
      return fs.readdirSync(cards).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
        .filter((f) => { const size = fs.statSync(path.join(cards, f)).size; return size >= 1500 && size <= 3000; })
        .map((f) => `search/${folder}/c/${f}`);
    },
    // Focus the field (which starts loading, as a learner does), then run the query.
    async query(page, word) {
      return page.evaluate(async ({ word, n }) => {
        document.querySelector('#morsel-search-input').focus();
        const t0 = performance.now();
        const found = await window.MorselSearch.query(word, n);
        return { ms: performance.now() - t0, count: found.results.length, top: found.results.map((r) => r.url) };
      }, { word, n: RESULTS });
    },
    // A learner at the field: "/" focuses it, the word is typed key by key, and the time
    // runs from the last keystroke's input event until the list shows that word's results.
    async typed(page, word) {
      await page.evaluate((word) => {
        const input = document.querySelector('#morsel-search-input');
        input.blur();
        input.value = '';
        window.__word = word;
        window.__lastKey = 0;
        window.__shown = 0;
        if (!window.__watching) {
          window.__watching = true;
          input.addEventListener('input', () => { window.__lastKey = performance.now(); }, true);
          const popup = document.querySelector('.morsel-search-popup');
          new MutationObserver(() => {
            if (popup.getAttribute('data-morsel-query') === window.__word && !window.__shown) window.__shown = performance.now();
          }).observe(popup, { attributes: true, attributeFilter: ['data-morsel-query'] });
        }
      }, word);
      await page.keyboard.press('/');
      await page.keyboard.type(word, { delay: KEY_DELAY_MS });
      await page.waitForFunction((w) => window.__shown && document.querySelector('.morsel-search-popup').getAttribute('data-morsel-query') === w &&
        document.querySelectorAll('#morsel-search-listbox [role="option"]').length > 0, word);
      const ms = await page.evaluate(() => window.__shown - window.__lastKey);
      await page.keyboard.press('Escape');
      return ms;
    },
  },
  pagefind: {
    page: 'index.html',
    // Pagefind's own UI is not on these pages: the API calls are measured, not typing.
    typed: null,
    files: /\/pagefind\//,
    async query(page, word) {
      return page.evaluate(async ({ word, n }) => {
        if (!window.pf) {
          window.pf = await import('./pagefind/pagefind.js');
          await window.pf.init();
        }
        const t0 = performance.now();
        const search = await window.pf.search(word);
        const data = await Promise.all(search.results.slice(0, n).map((r) => r.data()));
        return { ms: performance.now() - t0, count: data.length, top: data.map((d) => d.url) };
      }, { word, n: RESULTS });
    },
  },
};

async function browse(siteDir, words, typedWords) {
  const server = await startServer(siteDir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const out = {};
  try {
    for (const [name, tool] of Object.entries(TOOLS)) {
      // First one-word query in a fresh browser context (empty cache): every byte it loads.
      const firsts = [];
      for (const word of words.slice(0, 5)) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(server.url + tool.page, { waitUntil: 'load' });
        // The page's own runtime (quizzes, progress) is not search: let it finish first.
        await page.waitForSelector('body[data-morsel-ready="true"]', { state: 'attached' });
        const bytes = await measureBytes(page, () => tool.query(page, word), tool.files);
        if (tool.pageBytes) {
          // Loaded with the page, but only for search: counted (Pagefind's loader is too).
          const name = fs.readdirSync(path.join(siteDir, 'runtime')).find((f) => tool.pageBytes.test(f));
          const glue = fs.readFileSync(path.join(siteDir, 'runtime', name));
          bytes.raw += glue.length;
          bytes.gzip += zlib.gzipSync(glue).length;
        }
        firsts.push(bytes);
        await context.close();
      }
      // Latency: one page, every query word in turn (each loads what it needs), then again.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url + tool.page, { waitUntil: 'load' });
      await page.waitForSelector('body[data-morsel-ready="true"]', { state: 'attached' });
      await tool.query(page, words[0]);
      // The floor of a word's first time: one card-file-sized index file read from the same
      // server by the same page as the glue reads it over http (XMLHttpRequest, text), and
      // nothing else: no parsing, no query. Morsel's own card files, under a query string
      // the server ignores, so each is a new request.
      const floor = [];
      if (tool.floorFiles) {
        const files = tool.floorFiles(siteDir).slice(0, words.length - 1);
        for (let i = 0; i < files.length; i++) {
          floor.push(await page.evaluate((src) => new Promise((resolve, reject) => {
            const request = new XMLHttpRequest();
            const t0 = performance.now();
            request.onload = () => resolve(performance.now() - t0);
            request.onerror = reject;
            request.open('GET', src);
            request.send();
          }), files[i] + '?floor=' + i));
        }
      }
      const cold = [];
      for (const word of words.slice(1)) cold.push((await tool.query(page, word)).ms);
      const warm = [];
      for (const word of words.slice(1)) warm.push((await tool.query(page, word)).ms);
      await context.close();
      // Typing: a fresh page, words not searched before on it (the field starts the module
      // when "/" focuses it, while the first word is being typed).
      const typed = [];
      const typedBytes = [];  // index files per typed word, with what loads ahead after it
      if (tool.typed) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(server.url + tool.page, { waitUntil: 'load' });
        await page.waitForSelector('body[data-morsel-ready="true"]', { state: 'attached' });
        for (const word of typedWords) {
          const bytes = await measureBytes(page, async () => {
            typed.push(await tool.typed(page, word));
            await page.waitForTimeout(TYPED_SETTLE_MS);
          }, /\/search\/[0-9a-f]+\//);
          typedBytes.push(bytes.raw);
        }
        await context.close();
      }
      out[name] = {
        firstRaw: median(firsts.map((b) => b.raw)),
        firstGzip: median(firsts.map((b) => b.gzip)),
        firstMaxRaw: Math.max(...firsts.map((b) => b.raw)),
        firstFiles: median(firsts.map((b) => b.files.length)),
        coldMs: median(cold),
        floorMs: floor.length ? median(floor) : NaN,
        warmMs: median(warm),
        // The first typed word also waits for the module: the median is over the rest.
        typedMs: typed.length ? median(typed.slice(1)) : NaN,
        typedFirstMs: typed.length ? typed[0] : NaN,
        typedBytes: typedBytes.length ? median(typedBytes.slice(1)) : NaN,
        typedMaxBytes: typedBytes.length ? Math.max(...typedBytes.slice(1)) : NaN,
        cold,
        typed,
      };
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

async function main() {
  fs.mkdirSync(WORK, { recursive: true });
  const rows = [];
  for (const n of SIZES) {
    const corpus = path.join(WORK, `corpus-${n}`);
    if (!fs.existsSync(path.join(corpus, 'content', 'site.yml'))) {
      console.error(`generating ${n} lessons…`);
      run('python3', [CORPUS, '--out', corpus, '-n', String(n), '--flavor', 'morsel', '--force']);
    }
    const site = path.join(WORK, `site-${n}`);
    let morselBuild = NaN;
    let pagefindBuild = NaN;
    if (!REUSE) {
      fs.rmSync(site, { recursive: true, force: true });
      let t0 = Date.now();
      run(MORSEL, ['build', path.join(corpus, 'content'), '--out', site]);
      morselBuild = (Date.now() - t0) / 1000;
      t0 = Date.now();
      run(PAGEFIND, ['--site', site, '--output-subdir', 'pagefind', '--glob', PAGEFIND_GLOB, '--quiet']);
      pagefindBuild = (Date.now() - t0) / 1000;
    }
    const all = queryWords(path.join(corpus, 'content'), QUERIES + TYPED);
    const words = all.slice(0, QUERIES);
    const typedWords = all.slice(QUERIES);
    const index = { morsel: dirBytes(path.join(site, 'search')), pagefind: dirBytes(path.join(site, 'pagefind')) };
    const browserRuns = await browse(site, words, typedWords);
    rows.push({ n, index, browser: browserRuns, morselBuild, pagefindBuild, words, typedWords });
    console.error(JSON.stringify(rows[rows.length - 1]));
  }
  const kib = (b) => (b / 1024).toFixed(1) + ' KiB';
  const mb = (b) => (b / 1e6).toFixed(1) + ' MB';
  const ratio = (a, b) => (a / b).toFixed(2);
  console.log('| lessons | measure | Morsel | Pagefind 1.6.0 | Morsel / Pagefind |');
  console.log('| ---: | --- | ---: | ---: | ---: |');
  for (const r of rows) {
    const m = r.browser.morsel;
    const p = r.browser.pagefind;
    const line = (what, a, b, f) => console.log(`| ${r.n} | ${what} | ${f(a)} | ${f(b)} | ${ratio(a, b)} |`);
    line(`index on disk (files: ${r.index.morsel.files} / ${r.index.pagefind.files})`, r.index.morsel.total, r.index.pagefind.total, mb);
    line('first one-word query, bytes loaded (as served, median of 5 words)', m.firstRaw, p.firstRaw, kib);
    line('same, if the host gzips', m.firstGzip, p.firstGzip, kib);
    line('first one-word query, worst of the 5 words (as served)', m.firstMaxRaw, p.firstMaxRaw, kib);
    line(`median query latency, each word's first time (${r.words.length - 1} words)`, m.coldMs, p.coldMs, (x) => x.toFixed(1) + ' ms');
    line('median query latency, again', m.warmMs, p.warmMs, (x) => x.toFixed(1) + ' ms');
    console.log(`| ${r.n} | the floor of a first time: reading one 1.5-3 KB index file (median of ${r.words.length - 1}) | ${m.floorMs.toFixed(1)} ms | — | — |`);
    console.log(`| ${r.n} | typed into the field: last keystroke to results listed (median of ${r.typedWords.length - 1} words; first word ${m.typedFirstMs.toFixed(1)} ms) | ${m.typedMs.toFixed(1)} ms | — | — |`);
    console.log(`| ${r.n} | typed into the field: index bytes loaded per word, with what loads ahead (median; worst) | ${kib(m.typedBytes)}; ${kib(m.typedMaxBytes)} | — | — |`);
    if (!REUSE) line('build: whole site (Morsel), index only (Pagefind)', r.morselBuild, r.pagefindBuild, (x) => x.toFixed(1) + ' s');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
