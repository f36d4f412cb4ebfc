'use strict';
// End-to-end in real Firefox (Debian's firefox-esr, headless, WebDriver BiDi through
// puppeteer-core) over file://, where offline.test.js can only imitate it in Chromium.
// What Firefox does with the storage of local files (one area per file; cookies shared),
// the multi-page site's split-storage notice on the first page after an answered lesson
// (runtime/web/morsel.js splitStorage: the shared cookie lets it decide at once), the
// single-file edition keeping progress across #fragment navigation and a reload, and every
// kind of page (the wasm from its packed script, search's module too) ready with no console
// error.
// Each test runs in a fresh user context (its own storage and cookies) of one Firefox.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { describe, test, before, after } = require('node:test');

const { buildSite, listHtmlPages } = require('./lib/site');
const { answerKey } = require('./lib/quiz');
const { launchFirefox, gotoReady, waitReady, clickReady } = require('./lib/firefox');

const COURSE = 'security-awareness';
const LESSON = `${COURSE}/phishing/spot-the-hook`;
const OFFLINE = `${COURSE}/${COURSE}-offline.html`;
const NOTICE = '[data-morsel-notice="split_storage"]';

const storedState = (page) => page.evaluate(() => {
  const text = localStorage.getItem(`morsel:v1:${document.body.getAttribute('data-morsel-site')}:state`);
  return text ? JSON.parse(text) : null;
});
const attr = (page, selector, name) => page.$eval(selector, (el, n) => el.getAttribute(n), name);

// The kind of page a site file is, by its path.
function kindOf(rel) {
  if (rel === 'index.html') return 'home';
  if (rel === '404.html') return 'not found';
  if (rel === 'my-learning.html') return 'my learning';
  if (rel === 'search/index.html') return 'search';
  if (rel.endsWith('-offline.html')) return 'single file';
  if (rel.endsWith('/index.html') && rel.split('/').length === 2) return 'course';
  return 'lesson';
}

// Answers every question of the quiz blocks inside `scope` (a CSS selector) rightly, by
// keyboard: focus the correct option, Space, focus Check, Enter; waits for "correct".
async function answerRight(page, scope) {
  const inScope = await page.$$eval(`${scope} section.morsel-quiz`,
    (sections) => sections.map((s) => s.getAttribute('data-morsel-block')));
  const blocks = (await answerKey(page)).filter((b) => inScope.includes(b.blockId));
  assert.ok(blocks.length > 0, `a quiz in ${scope}`);
  for (const block of blocks) {
    for (const q of block.questions) {
      assert.equal(q.type, 'single', `${block.blockId}/${q.id} is a single-choice question`);
      const form = `${scope} section.morsel-quiz[data-morsel-block="${block.blockId}"] form[data-morsel-question="${q.id}"]`;
      await page.focus(`${form} input[value="${q.correctIndex}"]`);
      await page.keyboard.press(' ');
      await page.focus(`${form} .morsel-check`);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${form} .morsel-feedback[data-morsel-result="correct"]`);
    }
  }
  return blocks;
}

describe('Firefox over file://', { timeout: 180_000 }, () => {
  let site;
  let firefox;
  before(async () => {
    site = buildSite();
    firefox = await launchFirefox();
  });
  after(async () => {
    if (firefox) await firefox.dispose();
    if (site) site.cleanup();
  });

  test('Firefox keeps one storage area per local file, and shares cookies among them', async () => {
    // Plain pages beside the site: this is about the browser, not the runtime.
    const probe = path.join(path.dirname(site.dir), 'probe');
    for (const rel of ['a/one.html', 'a/two.html', 'b/three.html']) {
      fs.mkdirSync(path.join(probe, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(probe, rel), '<!doctype html><title>probe</title>');
    }
    const url = (rel) => pathToFileURL(path.join(probe, rel)).href;
    const { context, newPage } = await firefox.newContext();
    const { page, recorder } = await newPage();
    const visit = async (rel) => {
      await page.goto(url(rel), { waitUntil: 'load' });
      return page.evaluate((name) => {
        localStorage.setItem(`written-by-${name}`, '1');
        document.cookie = `written-by-${name}=1; path=/; SameSite=Strict`;
        return { origin: location.origin, storage: Object.keys(localStorage).sort(), cookies: document.cookie.split('; ').sort() };
      }, rel.replace(/\W/g, '-'));
    };
    const one = await visit('a/one.html');
    assert.deepEqual(one, { origin: 'null', storage: ['written-by-a-one-html'], cookies: ['written-by-a-one-html=1'] });
    // Same folder: its own storage, yet the cookie of the first file.
    assert.deepEqual(await visit('a/two.html'), {
      origin: 'null', storage: ['written-by-a-two-html'],
      cookies: ['written-by-a-one-html=1', 'written-by-a-two-html=1'],
    });
    // Another folder: the same.
    assert.deepEqual((await visit('b/three.html')).storage, ['written-by-b-three-html']);
    // Back to the first file: its own storage is still there (kept per file, not lost).
    assert.deepEqual((await visit('a/one.html')).storage, ['written-by-a-one-html']);
    await recorder.assertClean('probe pages');
    await context.close();
  });

  test('multi-page site: a lesson answered, the course page says storage is split', async () => {
    const { context, newPage } = await firefox.newContext();
    const { page, recorder } = await newPage();
    await gotoReady(page, recorder, site.fileUrl(`${LESSON}.html`));
    // The wasm came from its packed script (file:// cannot fetch a .wasm).
    assert.equal(await page.evaluate(() => typeof window.MorselWasm), 'string');
    assert.equal(await page.$(NOTICE), null, 'the first page seen has nothing to compare with');
    const [block] = await answerRight(page, 'main');
    const state = await storedState(page);
    assert.equal(state.lessons[LESSON].status, 'completed');
    assert.ok(state.questions[`${block.blockId}/q1`], 'the answer is stored');
    await recorder.assertClean('lesson');

    // The course page, by the lesson's breadcrumb: its storage is not the lesson's.
    await clickReady(page, recorder, 'nav.morsel-breadcrumb a[href="../index.html"]');
    assert.equal(page.url(), site.fileUrl(`${COURSE}/index.html`));
    const seen = await storedState(page);
    assert.ok(!(seen && seen.lessons && seen.lessons[LESSON]), 'the course page does not see the lesson\'s progress');
    assert.notEqual(await attr(page, `[data-morsel-lesson-status="${LESSON}"]`, 'data-morsel-state'), 'completed');
    // ...and says so at once, offering the single file.
    await page.waitForSelector(NOTICE);
    assert.equal(await attr(page, 'body', 'data-morsel-split-storage'), 'true');
    assert.match(await page.$eval(NOTICE, (n) => n.textContent), /single-file edition/);
    await recorder.assertClean('course page');

    // The lesson again: its own storage kept its answers; the notice shows there too.
    await clickReady(page, recorder, `a[href="${LESSON.slice(COURSE.length + 1)}.html"]`);
    assert.equal(await attr(page, 'form[data-morsel-question="q1"] .morsel-feedback', 'data-morsel-result'), 'correct');
    await page.waitForSelector(NOTICE);

    // The notice's button opens the course's single file.
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`${NOTICE} button`)]);
    await waitReady(page, recorder);
    assert.equal(page.url(), site.fileUrl(OFFLINE));
    assert.equal(await page.$(NOTICE), null, 'no notice in the single file');
    await recorder.assertClean('notice to the single file');
    await context.close();
  });

  test('single file: answered, #fragment to another lesson, reload: progress kept', async () => {
    const { context, newPage } = await firefox.newContext();
    const { page, recorder } = await newPage();
    const file = site.fileUrl(OFFLINE);
    const shown = () => page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-morsel-page]')).filter((s) => !s.hidden).map((s) => s.id));
    const showSection = async (id) => {
      await page.evaluate((h) => { location.hash = h; }, id);
      await page.waitForFunction((i) => !document.getElementById(i).hidden, {}, id);
      assert.deepEqual(await shown(), [id]);
    };
    await gotoReady(page, recorder, file);
    assert.deepEqual(await shown(), [`course-${COURSE}`], 'the course shows first');

    await showSection(LESSON);
    const [key] = await answerRight(page, `section[id="${LESSON}"]`);
    const lessons = await page.$$eval('[data-morsel-page="lesson"]', (s) => s.map((e) => e.id));
    const other = lessons.find((id) => id !== LESSON);
    await showSection(other);
    const state = await storedState(page);
    assert.equal(state.lessons[LESSON].status, 'completed');
    assert.ok(state.lessons[other], 'showing a lesson records a visit');

    await page.reload({ waitUntil: 'load' });
    await waitReady(page, recorder);
    assert.deepEqual(await shown(), [other], 'the reload keeps the section');
    await showSection(LESSON);
    const q1 = `section[id="${LESSON}"] form[data-morsel-question="q1"]`;
    assert.equal(await attr(page, `${q1} .morsel-feedback`, 'data-morsel-result'), 'correct');
    assert.equal(await page.$eval(`${q1} input[value="${key.questions[0].correctIndex}"]`, (i) => i.checked), true);

    // The course section shows the lesson completed and counts it.
    await showSection(`course-${COURSE}`);
    const course = `section[id="course-${COURSE}"]`;
    assert.equal(await attr(page, `${course} [data-morsel-lesson-status="${LESSON}"]`, 'data-morsel-state'), 'completed');
    assert.match(await page.$eval(`${course} [data-morsel-course-progress]`, (p) => p.textContent), /\b1 of \d+/);
    assert.equal(await page.$(NOTICE), null);
    await recorder.assertClean('single file');
    await context.close();
  });

  test('every page of the demo is ready from disk with no console error', async () => {
    const { context, newPage } = await firefox.newContext();
    const { page, recorder } = await newPage();
    // One page of each kind (every page takes about a second in Firefox: a minute for the
    // demo; offline.test.js visits them all in Chromium).
    const byKind = new Map();
    for (const rel of listHtmlPages(site.dir)) if (!byKind.has(kindOf(rel))) byKind.set(kindOf(rel), rel);
    assert.deepEqual([...byKind.keys()].sort(), ['course', 'home', 'lesson', 'my learning', 'not found', 'search', 'single file']);
    for (const [kind, rel] of byKind) {
      // 404.html loads no runtime: it is only checked for problems.
      if (kind === 'not found') await page.goto(site.fileUrl(rel), { waitUntil: 'load' });
      else await gotoReady(page, recorder, site.fileUrl(rel));
      // The dashboard's own script, loaded by the glue once ready.
      if (kind === 'my learning') await page.waitForSelector('[data-morsel-dashboard]:not([hidden])');
      // Every page after the first says storage is split (see above); no other notice.
      assert.deepEqual(await page.$$eval('[data-morsel-notice]', (n) => n.map((e) => e.getAttribute('data-morsel-notice'))
        .filter((k) => k !== 'split_storage')), [], `${rel}: no notice but split storage`);
      await recorder.assertClean(rel);
    }

    // Search loads its own wasm module, also packed, on first use.
    await gotoReady(page, recorder, site.fileUrl('index.html'));
    await page.focus('#morsel-search-input');
    await page.keyboard.type('phishing');
    await page.waitForSelector('#morsel-search-listbox [role="option"]');
    await recorder.assertClean('search');
    await context.close();
  });
});
