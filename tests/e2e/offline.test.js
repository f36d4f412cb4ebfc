'use strict';
// End-to-end: the site from disk (issue 6, "From disk"). The single-file edition of a
// course answered, navigated by #fragment, Back, reloaded: progress kept across its lessons
// and the reload, under its own Content-Security-Policy with no violation, and shared with
// the multi-page site (one file:// origin in Chromium). Quizzes, assessments and case
// studies inside it. Split storage (Firefox) detected and pointed to the single file.
// Every page of the demo opened from disk with no console error or failed request.
// Ids: two lessons with the same headings keep them apart in the single file (links in the
// lesson, in quiz and case-study feedback, the resume position); axe finds no violation
// (duplicate ids included) in any section of the demo's single files.

const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { buildSite, listHtmlPages, REPO } = require('./lib/site');
const { launchBrowser, gotoReady, waitReady } = require('./lib/browser');

const PROGRESS = path.join(__dirname, 'fixtures', 'progress', 'content');
const TYPES = path.join(__dirname, 'fixtures', 'types', 'content');
const TWINS = path.join(__dirname, 'fixtures', 'offline', 'content');
const TWINS_KEY = 'morsel:v1:offline-demo:state';
const AXE_PATH = require.resolve('axe-core/axe.min.js', { paths: [REPO] });
const KEY = 'morsel:v1:progress-demo:state';
const Q = 'section[id="c/m/one"] form[data-morsel-question="q1"]';

// Collects Content-Security-Policy violations from the start of every document.
const WATCH_CSP = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
  });
};
const violations = (page) => page.evaluate(() => window.__csp);
// The sections shown, once the file has shown the one its address names: a link or Back
// changes location.hash at once, but the page hears of it in a hashchange event a moment
// later (read before that, a test saw the section of the address before).
async function visible(page) {
  await page.waitForFunction(() => {
    const sections = Array.from(document.querySelectorAll('[data-morsel-page]'));
    let id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ''; }
    const target = id && document.getElementById(id);
    const named = (target && target.closest('[data-morsel-page]')) || sections[0];
    return sections.every((s) => s.hidden === (s !== named));
  });
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-morsel-page]')).filter((s) => !s.hidden).map((s) => s.id));
}
const stored = (page, key = KEY) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
const duplicateIds = (page) => page.evaluate(() => {
  const seen = new Set();
  return Array.from(document.querySelectorAll('[id]')).map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
});
// Where the element with this id is on screen (its top, in px), or null when it is not shown.
const topOf = (page, id) => page.evaluate((i) => {
  const box = document.getElementById(i).getBoundingClientRect();
  return box.height ? Math.round(box.top) : null;
}, id);
// Waits for the element with this id to reach the top of the window (the theme scrolls
// smoothly), failing with where it is if it does not.
const assertAtTop = async (page, id) => {
  const atTop = (i) => {
    const box = document.getElementById(i).getBoundingClientRect();
    return box.height > 0 && box.top >= -1 && box.top < 120;
  };
  try {
    await page.waitForFunction(atTop, id, { timeout: 5_000 });
  } catch (e) {
    assert.fail(`${id} is not scrolled to (top ${await topOf(page, id)})`);
  }
};

// axe-core's WCAG 2.0/2.1 A and AA rules, and its duplicate-id rules (deprecated with WCAG
// 2.2's 4.1.1, so not in those tags, but a repeated id still breaks links and labels).
// `shownOnly` leaves the hidden sections of a single file out (faster; their ids are
// checked by a run on the whole document, as duplicate-id looks at hidden elements too).
async function axeViolations(page, { shownOnly = false } = {}) {
  // Evaluated, not injected: the single file's Content-Security-Policy refuses a new script.
  if (!await page.evaluate(() => typeof window.axe === 'object')) {
    await page.evaluate(require('node:fs').readFileSync(AXE_PATH, 'utf8'));
  }
  return page.evaluate(async (only) => {
    const hidden = Array.from(document.querySelectorAll('[data-morsel-page][hidden]')).map((s) => [`[id="${s.id}"]`]);
    const results = await window.axe.run(only && hidden.length ? { exclude: hidden } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'duplicate-id': { enabled: true }, 'duplicate-id-active': { enabled: true } },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, shownOnly);
}

describe('the site from disk', { timeout: 480_000 }, () => {
  let site;
  let demo;
  let types;
  let twins;
  let browser;
  before(async () => {
    site = buildSite({ content: PROGRESS });
    demo = buildSite();
    types = buildSite({ content: TYPES });
    twins = buildSite({ content: TWINS });
    browser = await launchBrowser();
    await browser.context.addInitScript(WATCH_CSP);
  });
  after(async () => {
    if (browser) await browser.dispose();
    for (const s of [site, demo, types, twins]) if (s) s.cleanup();
  });

  test('single file: answer, hash navigation, Back, reload; progress kept and shared', async () => {
    const { page, recorder } = await browser.newPage();
    const file = site.fileUrl('c/c-offline.html');
    await gotoReady(page, file);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await visible(page), ['course-c'], 'the course page shows first');
    assert.match(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'),
      /script-src 'sha256-[^']+' .*'wasm-unsafe-eval'/);

    // Start the course: lesson one is shown by its fragment, and visited.
    await page.click('section[id="course-c"] a.morsel-button');
    assert.equal(new URL(page.url()).hash, '#c/m/one');
    assert.deepEqual(await visible(page), ['c/m/one']);
    await page.focus(`${Q} input[value="1"]`);
    await page.keyboard.press('Space');
    await page.focus(`${Q} .morsel-check`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${Q} .morsel-feedback[data-morsel-result="correct"]`);
    assert.equal((await stored(page)).lessons['c/m/one'].status, 'completed');

    // Next lesson by the pager: a visit of lesson two is recorded.
    await page.click('section[id="c/m/one"] a.morsel-next');
    assert.deepEqual(await visible(page), ['c/m/two']);
    await page.waitForFunction((key) => {
      const s = JSON.parse(localStorage.getItem(key));
      return s.lessons['c/m/two'] && s.lessons['c/m/two'].status === 'completed';
    }, KEY);

    // Back: lesson one again, its answer still shown.
    await page.goBack();
    await page.waitForFunction(() => !document.getElementById('c/m/one').hidden);
    assert.deepEqual(await visible(page), ['c/m/one']);
    assert.equal(await page.getAttribute(`${Q} .morsel-feedback`, 'data-morsel-result'), 'correct');

    // Reload: the answer is restored, the course contents show both lessons completed.
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await visible(page), ['c/m/one']);
    assert.equal(await page.getAttribute(`${Q} .morsel-feedback`, 'data-morsel-result'), 'correct');
    assert.equal(await page.isChecked(`${Q} input[value="1"]`), true);
    await page.goto(`${file}#course-c`);
    await page.waitForFunction(() => !document.getElementById('course-c').hidden);
    assert.equal(await page.getAttribute('section[id="course-c"] [data-morsel-lesson-status="c/m/one"]', 'data-morsel-state'), 'completed');
    assert.equal(await page.getAttribute('section[id="course-c"] [data-morsel-lesson-status="c/m/two"]', 'data-morsel-state'), 'completed');
    assert.match(await page.textContent('section[id="course-c"] [data-morsel-course-progress]'), /2 of 2/);
    assert.deepEqual(await violations(page), [], 'no Content-Security-Policy violation');

    // The multi-page site in the same folder shares the progress (one file:// origin).
    await gotoReady(page, site.fileUrl('c/m/one.html'));
    assert.equal(await page.getAttribute('form[data-morsel-question="q1"] .morsel-feedback', 'data-morsel-result'), 'correct');
    assert.match(await page.getAttribute('body', 'data-morsel-single-file'), /c-offline\.html$/);
    recorder.assertClean('single file');
    await page.close();
  });

  test('single file: a heading link and feedback links go to the heading of the lesson they name', async () => {
    // Both lessons have the headings "Practice" and "Summary": each page gave them the same
    // ids, which the single file keeps apart as "<lesson id>:<id>".
    const { page, recorder } = await browser.newPage();
    const file = twins.fileUrl('c/c-offline.html');
    await gotoReady(page, `${file}#c/m/one`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await duplicateIds(page), [], 'every id is unique');
    assert.deepEqual(await visible(page), ['c/m/one']);
    assert.ok(await topOf(page, 'c/m/one:summary') > 900, 'the summary starts out of sight');

    // A link in the lesson to its own heading.
    await page.click('section[id="c/m/one"] a:text("Jump to the summary")');
    await page.waitForFunction(() => location.hash === '#c/m/one:summary');
    assert.deepEqual(await visible(page), ['c/m/one']);
    await assertAtTop(page, 'c/m/one:summary');

    // A link in the feedback of the right answer (sealed with the answer key in the block
    // data) to the other lesson's heading of the same name.
    const form = 'section[id="c/m/one"] form[data-morsel-question="q1"]';
    await page.check(`${form} input[value="1"]`);
    await page.click(`${form} .morsel-check`);
    const feedback = page.locator(`${form} .morsel-feedback a`);
    await feedback.waitFor();
    assert.equal(await feedback.getAttribute('href'), '#c/m/two:summary');
    await feedback.click();
    await page.waitForFunction(() => !document.getElementById('c/m/two').hidden);
    assert.deepEqual(await visible(page), ['c/m/two']);
    await assertAtTop(page, 'c/m/two:summary');

    // A case study's feedback, back to lesson one's summary.
    await page.click('section[id="c/m/two"] .morsel-scenario .morsel-choice >> visible=true');
    const back = page.locator('section[id="c/m/two"] .morsel-scenario .morsel-feedback a');
    await back.waitFor();
    assert.equal(await back.getAttribute('href'), '#c/m/one:summary');
    await back.click();
    await page.waitForFunction(() => !document.getElementById('c/m/one').hidden);
    await assertAtTop(page, 'c/m/one:summary');
    assert.deepEqual(await duplicateIds(page), [], 'still unique with what the runtime added');
    assert.deepEqual(await violations(page), []);
    recorder.assertClean('twins single file');
    await page.close();
  });

  test('single file: the resume position keeps the heading id of the lesson page, and the file resumes there', async () => {
    const { page, recorder } = await browser.newPage();
    const file = twins.fileUrl('c/c-offline.html');
    await gotoReady(page, file);
    await page.evaluate(() => localStorage.clear());
    await page.reload(); // a glue that read the state before the clear would write it back
    await waitReady(page);
    // Read lesson two's summary for a while, the learner active (time tracking records
    // nothing under a second: real time must pass), then leave the file: the glue records
    // where the learner is as the page is hidden.
    await page.goto(`${file}#c/m/two:summary`);
    await waitReady(page);
    await assertAtTop(page, 'c/m/two:summary');
    for (let i = 0; i < 6; i++) {
      await page.mouse.move(200 + i * 20, 300);
      await page.waitForTimeout(250);
    }
    await page.goto('about:blank');

    // The state holds the lesson and the heading's id as on the lesson's own page.
    await gotoReady(page, file);
    const resume = (await stored(page, TWINS_KEY)).resume;
    assert.equal(resume.lesson, 'c/m/two');
    assert.equal(resume.anchor, 'summary');
    // The course section offers to continue there: lesson two's summary, not lesson one's.
    assert.deepEqual(await visible(page), ['course-c']);
    const start = page.locator('section[id="course-c"] a.morsel-button');
    assert.equal(await start.getAttribute('href'), '#c/m/two:summary');
    assert.equal((await start.textContent()).trim(), 'Continue: Two');
    await start.click();
    await page.waitForFunction(() => !document.getElementById('c/m/two').hidden);
    assert.deepEqual(await visible(page), ['c/m/two']);
    await assertAtTop(page, 'c/m/two:summary');

    // The multi-page site reads the same position: "My learning" continues at two.html#summary.
    await gotoReady(page, twins.fileUrl('my-learning.html'));
    const link = page.locator('[data-morsel-continue="c"] a');
    await link.waitFor();
    assert.match(await link.getAttribute('href'), /(^|\/)two\.html#summary$/);
    assert.deepEqual(await violations(page), []);
    recorder.assertClean('resume');
    await page.close();
  });

  test('single files of the demo: no accessibility violation in any section, no repeated id', { timeout: 180_000 }, async () => {
    const { page, recorder } = await browser.newPage();
    const files = listHtmlPages(demo.dir).filter((p) => p.endsWith('-offline.html'));
    assert.equal(files.length, 3);
    for (const rel of files) {
      await gotoReady(page, demo.fileUrl(rel));
      assert.deepEqual(await duplicateIds(page), [], `${rel}: every id is unique`);
      assert.deepEqual(await axeViolations(page), [], rel);
      const lessons = await page.evaluate(() =>
        Array.from(document.querySelectorAll('[data-morsel-page="lesson"]')).map((s) => s.id));
      for (const id of lessons) {
        await page.evaluate((h) => { location.hash = h; }, id);
        await page.waitForFunction((i) => !document.getElementById(i).hidden, id);
        assert.deepEqual(await axeViolations(page, { shownOnly: true }), [], `${rel}#${id}`);
      }
      recorder.assertClean(rel);
    }
    assert.deepEqual(await violations(page), []);
    await page.close();
  });

  test('the course page offers the single file for download', async () => {
    const { page, recorder } = await browser.newPage();
    await gotoReady(page, site.fileUrl('c/index.html'));
    const link = page.locator('a[download]');
    assert.equal(await link.getAttribute('href'), 'c-offline.html');
    recorder.assertClean('course page');
    await page.close();
  });

  test('single file: every question type, a case study and an assessment work inside it', async () => {
    const { page, recorder } = await browser.newPage();
    const files = listHtmlPages(types.dir).filter((p) => p.endsWith('-offline.html'));
    assert.equal(files.length, 1);
    await gotoReady(page, types.fileUrl(files[0]));
    const lessons = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-morsel-page="lesson"]')).map((s) => s.id));
    for (const id of lessons) {
      await page.evaluate((h) => { location.hash = h; }, id);
      await page.waitForFunction((i) => !document.getElementById(i).hidden, id);
      // Every quiz and case study of the shown lesson is wired (its buttons appear).
      const unwired = await page.evaluate((i) => {
        const section = document.getElementById(i);
        const quizzes = Array.from(section.querySelectorAll('.morsel-quiz:not([data-morsel-mode="assessment"]) .morsel-check'));
        const panels = Array.from(section.querySelectorAll('.morsel-assessment'));
        const choices = Array.from(section.querySelectorAll('.morsel-choice'));
        return quizzes.filter((b) => b.hidden).length + panels.filter((p) => p.hidden).length +
          (choices.length && choices.every((c) => c.hidden) ? 1 : 0);
      }, id);
      assert.equal(unwired, 0, `blocks of ${id} are wired`);
    }
    // A case study: the first choice is recorded in the state.
    const scenario = await page.evaluate(() => {
      const s = document.querySelector('.morsel-scenario');
      return s && s.closest('[data-morsel-page]').id;
    });
    if (scenario) {
      await page.evaluate((h) => { location.hash = h; }, scenario);
      const block = await page.getAttribute(`section[id="${scenario}"] .morsel-scenario`, 'data-morsel-block');
      await page.click(`section[id="${scenario}"] .morsel-scenario .morsel-choice >> visible=true`);
      await page.waitForFunction((b) => {
        const site = document.body.getAttribute('data-morsel-site');
        const s = JSON.parse(localStorage.getItem(`morsel:v1:${site}:state`));
        return Object.keys(s.questions || {}).some((k) => k.startsWith(`${b}/`));
      }, block);
    }
    assert.deepEqual(await violations(page), []);
    recorder.assertClean('types single file');
    await page.close();
  });

  test('split storage (simulated) is detected and points to the single file', async () => {
    // SIMULATED: Chromium shares one localStorage among all file:// pages, so Firefox's
    // per-file storage is imitated by an init script that gives each page path its own
    // key prefix inside the real localStorage. What is tested is the page's detection
    // and its notice, not Firefox itself.
    const context = browser.context;
    const { page, recorder } = await browser.newPage();
    await gotoReady(page, site.fileUrl('c/m/two.html'));
    await page.evaluate(() => localStorage.clear());
    await page.close();
    const split = await context.newPage();
    const { watchPage } = require('./lib/browser');
    const splitRecorder = watchPage(split);
    await split.addInitScript(() => {
      // The document's own storage at each call: a Storage object taken once, when the
      // script first runs, was at times not the document's (its writes reached no other
      // page: 1 run in 5 saw no notice).
      const getter = Object.getOwnPropertyDescriptor(window, 'localStorage').get;
      const real = {
        get length() { return getter.call(window).length; },
        key: (i) => getter.call(window).key(i),
        getItem: (k) => getter.call(window).getItem(k),
        setItem: (k, v) => getter.call(window).setItem(k, v),
        removeItem: (k) => getter.call(window).removeItem(k),
      };
      const prefix = `split:${location.pathname}:`;
      const own = () => {
        const keys = [];
        for (let i = 0; i < real.length; i++) {
          const k = real.key(i);
          if (k.startsWith(prefix)) keys.push(k.slice(prefix.length));
        }
        return keys;
      };
      const shim = {
        getItem: (k) => real.getItem(prefix + k),
        setItem: (k, v) => real.setItem(prefix + k, String(v)),
        removeItem: (k) => real.removeItem(prefix + k),
        clear: () => own().forEach((k) => real.removeItem(prefix + k)),
        key: (i) => own()[i] === undefined ? null : own()[i],
        get length() { return own().length; },
      };
      Object.defineProperty(window, 'localStorage', { value: shim, configurable: true });
    });
    await gotoReady(split, site.fileUrl('c/m/one.html'));
    await gotoReady(split, site.fileUrl('c/m/two.html'));
    assert.equal(await split.$('[data-morsel-notice="split_storage"]'), null, 'one visit per page: no verdict yet');
    await gotoReady(split, site.fileUrl('c/m/one.html'));
    await split.waitForSelector('[data-morsel-notice="split_storage"]');
    await split.click('[data-morsel-notice="split_storage"] button:first-of-type');
    await split.waitForURL(/c-offline\.html$/);
    splitRecorder.assertClean('split storage');
    await split.close();

    // With shared storage (Chromium as it is) the same visits show no notice.
    const shared = await browser.newPage();
    await gotoReady(shared.page, site.fileUrl('c/m/one.html'));
    await gotoReady(shared.page, site.fileUrl('c/m/two.html'));
    await gotoReady(shared.page, site.fileUrl('c/m/one.html'));
    assert.equal(await shared.page.$('[data-morsel-notice="split_storage"]'), null);
    shared.recorder.assertClean('shared storage');
    await shared.page.close();
    recorder.assertClean();
  });

  test('every page of the demo opened from disk: no console error or failed request', async () => {
    const { page, recorder } = await browser.newPage();
    const pages = listHtmlPages(demo.dir);
    assert.ok(pages.length > 40, `the demo has its pages (${pages.length})`);
    for (const rel of pages) {
      // 404.html loads no runtime: it is only checked for problems.
      if (rel === '404.html') await page.goto(demo.fileUrl(rel), { waitUntil: 'load' });
      else await gotoReady(page, demo.fileUrl(rel));
      recorder.assertClean(rel);
    }
    assert.deepEqual(await violations(page), []);
    await page.close();
  });
});
