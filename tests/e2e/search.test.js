'use strict';
// Search, end to end: the header field over http://127.0.0.1 and over file://, keyboard
// only ("/" to focus, typing, arrows, Enter), the lazily loaded search module and index
// (nothing before the field is used; a first one-word query loads the manifest and that
// word's card file, nothing else; several words load shards and the fragments of the
// results shown; while a word is typed, the card files of its likeliest completions load
// ahead), the empty state, the search page (with
// ?q= and, without JavaScript, its notice), and axe-core on the open results list. Every
// visit asserts no console errors, page errors or failed requests.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { buildSite, isFingerprinted, listFiles, logicalPath, REPO } = require('./lib/site');
const { startServer } = require('./lib/server');
const { chromium } = require('playwright-core');
const { launchBrowser, gotoReady, waitReady, CHROMIUM_ARGS } = require('./lib/browser');

const AXE_PATH = require.resolve('axe-core/axe.min.js', { paths: [REPO] });
const TEST_TIMEOUT_MS = 60_000;
const INPUT = '#morsel-search-input';
const OPTION = '#morsel-search-listbox [role="option"]';

// Requests the page makes from now on, by path relative to the site root.
function trackRequests(page, base) {
  const seen = [];  // by logical name (lib/site.js logicalPath)
  const raw = [];
  const types = [];  // Playwright's resource type of each: 'script', 'xhr'…
  const listener = (request) => {
    const url = request.url();
    if (!url.startsWith(base)) return;
    raw.push(decodeURIComponent(url.slice(base.length).split('?')[0]));
    seen.push(logicalPath(raw[raw.length - 1]));
    types.push(request.resourceType());
  };
  page.on('request', listener);
  return { seen, raw, types, stop: () => page.off('request', listener) };
}

async function typeQuery(page, text) {
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id),
    'morsel-search-input', '"/" should focus the search field');
  await page.keyboard.type(text);
  // The list says which query it shows: wait for this one, not an earlier keystroke's.
  try {
    await page.waitForFunction((q) => {
      const input = document.querySelector('#morsel-search-input');
      const popup = document.querySelector('.morsel-search-popup');
      return input.getAttribute('aria-expanded') === 'true' && popup.getAttribute('data-morsel-query') === q;
    }, text);
  } catch (error) {
    const state = await page.evaluate(() => {
      const popup = document.querySelector('.morsel-search-popup');
      return { value: document.querySelector('#morsel-search-input').value, focus: document.activeElement.id,
        shown: popup && popup.getAttribute('data-morsel-query'), text: popup && popup.textContent };
    });
    throw new Error(`results for "${text}" did not appear: ${JSON.stringify(state)}`);
  }
}

async function optionTexts(page) {
  return page.$$eval(OPTION, (options) => options.map((o) => ({
    title: o.querySelector('.morsel-search-title').textContent,
    marks: Array.from(o.querySelectorAll('mark')).map((m) => m.textContent.toLowerCase()),
  })));
}

// The whole keyboard path from the home page at `base`: returns the lesson it opened.
async function keyboardSearch(page, recorder, base) {
  await gotoReady(page, base + 'index.html');
  const requests = trackRequests(page, base);
  await typeQuery(page, 'phishing');
  const options = await optionTexts(page);
  assert.ok(options.length > 0, 'a query for "phishing" should find lessons');
  assert.ok(options.length <= 6, 'the list shows at most six results');
  assert.ok(options[0].marks.includes('phishing'), `the best result should highlight the word: ${JSON.stringify(options[0])}`);
  // Down selects the first result (announced through aria-activedescendant), Enter opens it.
  await page.keyboard.press('ArrowDown');
  const active = await page.$eval(INPUT, (input) => input.getAttribute('aria-activedescendant'));
  assert.equal(active, 'morsel-search-option-0');
  assert.equal(await page.$eval('#' + active, (o) => o.getAttribute('aria-selected')), 'true');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.$eval(INPUT, (input) => input.getAttribute('aria-activedescendant')), null);
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await waitReady(page);
  requests.stop();
  recorder.assertClean('search by keyboard');
  return { url: page.url(), title: options[0].title, requests: requests.seen, raw: requests.raw, types: requests.types };
}

describe('search', () => {
  let site;
  let server;
  let browser;
  let page;
  let recorder;

  before(async () => {
    site = buildSite();
    server = await startServer(site.dir);
    browser = await launchBrowser();
    ({ page, recorder } = await browser.newPage());
  });
  after(async () => {
    if (browser) await browser.dispose();
    if (server) await server.close();
    if (site) site.cleanup();
  });

  test('the index is written: manifest, shards, fragments, search page, module', () => {
    const files = listFiles(site.dir);
    const logical = files.map(logicalPath);
    for (const rel of ['search/manifest.js', 'search/s0.js', 'search/c/0.js', 'search/d/0.js', 'search/index.html',
      'runtime/search.js', 'runtime/morsel-search.js', 'runtime/morsel-search.wasm', 'runtime/morsel-search.wasm.js']) {
      assert.equal(logical.filter((l) => l === rel).length, 1, `${rel} should be in the site once`);
    }
    // Under fingerprinted names, all but the page and the manifest, which names the index's
    // folder (so that pages stay as they are when only the index changes).
    assert.deepEqual(files.filter((f) => /^(search|runtime)\//.test(f) && !isFingerprinted(f)),
      ['search/index.html', 'search/manifest.js']);
    const manifest = fs.readFileSync(path.join(site.dir, 'search/manifest.js'), 'utf8');
    const folder = /,"([0-9a-f]{10})"\);\s*$/.exec(manifest);
    assert.ok(folder && fs.existsSync(path.join(site.dir, 'search', folder[1], 's0.js')), manifest.slice(-40));
  });

  test('over http: nothing loads before the field is used; keyboard-only search opens a lesson', { timeout: TEST_TIMEOUT_MS }, async () => {
    const requests = trackRequests(page, server.url);
    await gotoReady(page, server.url + 'index.html');
    requests.stop();
    assert.deepEqual(requests.seen.filter((r) => /search\/|morsel-search/.test(r)), [],
      'no search module or index before the field is used');
    // The manifest keeps its name from build to build: it is revalidated with the server.
    const manifestRequest = page.waitForRequest((r) => r.url().endsWith('/search/manifest.js'));
    const opened = await keyboardSearch(page, recorder, server.url);
    assert.equal((await (await manifestRequest).allHeaders())['cache-control'], 'max-age=0');
    assert.match(opened.url, /\.html$/);
    assert.equal(await page.title().then((t) => t.startsWith(opened.title)), true,
      `Enter should open "${opened.title}", opened ${opened.url}`);
    assert.ok(opened.requests.includes('search/manifest.js'));
    assert.ok(opened.requests.includes('runtime/morsel-search.wasm'), 'over http the .wasm is fetched');
    // (The site's logo, assets/logo.svg, is the author's image, published under its own name.)
    const plain = opened.raw.filter((r) => /^(runtime|search|assets)\//.test(r) && !/\.(html|svg|png|jpe?g|webp)$/.test(r) &&
      !isFingerprinted(r));
    assert.deepEqual(plain, ['search/manifest.js'],
      'every script, module and index file but the manifest is loaded by its fingerprinted name');
    // A first one-word query (typing may make several, timing-dependent): the manifest and
    // the word's card file, which ranks it and holds the results shown: no shard, no
    // fragment. Then two words: shards, and the results from their fragments.
    await gotoReady(page, server.url + 'index.html');
    const first = trackRequests(page, server.url);
    const found = await page.evaluate(() => window.MorselSearch.query('phishing ', 6));
    first.stop();
    assert.ok(found.results.length > 0);
    assert.ok(found.results.every((r) => r.title && r.url.endsWith('.html') && r.snippet.includes('\x01')),
      JSON.stringify(found.results));
    const index = first.seen.filter((r) => r.startsWith('search/'));
    assert.equal(index.length, 2, index.join(' '));
    // Over http the index files are read as data (XMLHttpRequest), not run as scripts.
    assert.deepEqual(first.types.filter((t, i) => first.seen[i].startsWith('search/')), ['xhr', 'xhr']);
    assert.equal(index[0], 'search/manifest.js');
    assert.match(index[1], /^search\/c\/\d+\.js$/);
    const second = trackRequests(page, server.url);
    const both = await page.evaluate(() => window.MorselSearch.query('phishing email ', 6));
    second.stop();
    assert.ok(both.results.length > 0);
    assert.ok(both.results.every((r) => r.title && r.snippet), JSON.stringify(both.results));
    assert.ok(second.seen.some((r) => /^search\/s\d+\.js$/.test(r)), second.seen.join(' '));
    assert.ok(second.seen.some((r) => r.startsWith('search/d/')), second.seen.join(' '));
  });

  test('over file://: the same search works from disk', { timeout: TEST_TIMEOUT_MS }, async () => {
    const base = site.fileUrl('index.html').replace(/index\.html$/, '');
    const opened = await keyboardSearch(page, recorder, base);
    assert.ok(opened.url.startsWith('file://'));
    assert.ok(opened.requests.includes('runtime/morsel-search.wasm.js'), 'from disk the packed module is loaded');
    assert.ok(!opened.requests.includes('runtime/morsel-search.wasm'), opened.requests.join(' '));
    // From disk, where XMLHttpRequest cannot read files, the index files load as scripts.
    assert.ok(opened.requests.includes('search/manifest.js'), opened.requests.join(' '));
    const types = opened.types.filter((t, i) => opened.requests[i].startsWith('search/'));
    assert.ok(types.length > 0 && types.every((t) => t === 'script'), types.join(' '));
  });

  test('results as you type, prefix of the last word, empty state, Escape', { timeout: TEST_TIMEOUT_MS }, async () => {
    await gotoReady(page, server.url + 'index.html');
    await typeQuery(page, 'passw');
    const options = await optionTexts(page);
    assert.ok(options.length > 0, 'an unfinished word should match as a prefix');
    assert.ok(options.some((o) => o.marks.some((m) => m.startsWith('passw'))), JSON.stringify(options));
    await page.fill(INPUT, '');
    await page.keyboard.type('qqzzxxvv ');
    await page.waitForFunction(() => document.querySelector('.morsel-search-popup').getAttribute('data-morsel-query') === 'qqzzxxvv ');
    assert.match(await page.textContent('.morsel-search-status'), /No results/);
    assert.equal(await page.$$eval(OPTION, (o) => o.length), 0);
    await page.keyboard.press('Escape');
    assert.equal(await page.$eval(INPUT, (i) => i.getAttribute('aria-expanded')), 'false');
    recorder.assertClean('typing');
  });

  test('while a word is typed, its likeliest completion loads ahead: the finished word needs no script', { timeout: TEST_TIMEOUT_MS }, async () => {
    // The card file that holds "password" (the only term of the demo that starts "passw").
    const index = listFiles(site.dir).filter((f) => /^search\/[0-9a-f]+\/c\/\d+\.js$/.test(f));
    const holder = index.filter((f) => fs.readFileSync(path.join(site.dir, f), 'utf8').includes('"password":['));
    assert.equal(holder.length, 1, holder.join(' '));
    await gotoReady(page, server.url + 'index.html');
    const ahead = page.waitForResponse((r) => decodeURIComponent(r.url()).endsWith('/' + holder[0]));
    await typeQuery(page, 'passw');
    await ahead;  // requested before the word is finished: nothing asked for it but loading ahead
    const rest = trackRequests(page, server.url);
    await page.keyboard.type('ord');
    await page.waitForFunction(() => document.querySelector('.morsel-search-popup').getAttribute('data-morsel-query') === 'password');
    rest.stop();
    assert.ok(!rest.raw.includes(holder[0]), `loaded twice: ${rest.raw.join(' ')}`);
    const options = await optionTexts(page);
    assert.ok(options.length > 0 && options[0].marks.includes('password'), JSON.stringify(options));
    recorder.assertClean('typing ahead');
  });

  test('"/" is typed, not taken, while focus is in a text field', { timeout: TEST_TIMEOUT_MS }, async () => {
    await gotoReady(page, server.url + 'index.html');
    await page.focus(INPUT);
    await page.keyboard.type('a/b');
    assert.equal(await page.$eval(INPUT, (i) => i.value), 'a/b');
    await page.waitForLoadState('networkidle');  // the search module, loading since focus
    recorder.assertClean('slash');
  });

  test('the search page lists results for ?q= over http and file://', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const url of [server.url + 'search/index.html?q=password', site.fileUrl('search/index.html') + '?q=password']) {
      await gotoReady(page, url);
      await page.waitForSelector('.morsel-search-page-results a');
      const links = await page.$$eval('.morsel-search-page-results a', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.length > 1, `${url}: several results`);
      assert.ok(links.every((href) => href.startsWith('../') && href.endsWith('.html')), links.join(' '));
      assert.equal(await page.$$eval('.morsel-search-nojs', (n) => n.length), 0, 'the no-JS notice is gone');
      assert.equal(await page.$eval(INPUT, (i) => i.value), 'password');
      recorder.assertClean(url);
    }
  });

  test('a pasted megabyte searches as its first 256 characters, in the field and on the search page', { timeout: TEST_TIMEOUT_MS }, async () => {
    let words = 'password ';
    for (let i = 0; words.length < 1000000; i++) words += 'w' + i + ' ';
    await gotoReady(page, server.url + 'index.html');
    await page.fill(INPUT, words);  // as a paste would: the field's maxlength does not apply
    await page.waitForSelector(OPTION);
    assert.ok((await optionTexts(page)).some((o) => o.marks.some((m) => /^password/i.test(m))));
    await gotoReady(page, server.url + 'search/index.html?q=' + encodeURIComponent(words.slice(0, 4000)));
    await page.waitForSelector('.morsel-search-page-results a');
    assert.equal((await page.$eval(INPUT, (i) => i.value)).length, 256);
    assert.equal(await page.$eval(INPUT, (i) => i.maxLength), 256);
    recorder.assertClean('a pasted megabyte');
  });

  test('without JavaScript the form opens the search page, which says so', { timeout: TEST_TIMEOUT_MS }, async () => {
    const noJs = await chromium.launch({ executablePath: process.env.MORSEL_CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const context = await noJs.newContext({ javaScriptEnabled: false });
      const plain = await context.newPage();
      await plain.goto(server.url + 'index.html');
      await plain.focus(INPUT);
      await plain.keyboard.type('password');
      await Promise.all([plain.waitForNavigation(), plain.keyboard.press('Enter')]);
      assert.equal(new URL(plain.url()).pathname, '/search/index.html');
      assert.match(await plain.textContent('main'), /Searching this site needs JavaScript/);
    } finally {
      await noJs.close();
    }
  });

  test('axe-core: no violations with the results list open', { timeout: TEST_TIMEOUT_MS }, async () => {
    await gotoReady(page, server.url + 'index.html');
    await typeQuery(page, 'phishing');
    await page.keyboard.press('ArrowDown');
    // Evaluated through the DevTools protocol rather than added as a <script>: the pages'
    // Content-Security-Policy (on by default) rightly refuses an injected script.
    await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'));
    const violations = await page.evaluate(async () => {
      const results = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);
    recorder.assertClean('axe');
  });
});
