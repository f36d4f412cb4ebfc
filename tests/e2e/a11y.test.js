'use strict';
// Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) on every HTML page of the built demo
// site over http, once the runtime has wired the page, plus a lesson page in the states the
// runtime adds (a wrong answer shown; the storage notice shown). Zero violations allowed.

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');

const { buildSite, listHtmlPages, listLessonPages } = require('./lib/site');
const { startServer } = require('./lib/server');
const { launchBrowser, gotoReady } = require('./lib/browser');
const quiz = require('./lib/quiz');
const { axeViolations, assertNoViolations } = require('./lib/axe');

const TEST_TIMEOUT_MS = 60_000;

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  // Built when the file loads, so that there is one test per page.
  const site = buildSite();
  const pages = listHtmlPages(site.dir);
  const lessons = listLessonPages(site.dir);
  let server;
  let browser;
  let page;
  let recorder;

  before(async () => {
    server = await startServer(site.dir);
    browser = await launchBrowser();
    ({ page, recorder } = await browser.newPage());
  });
  after(async () => {
    if (browser) await browser.dispose();
    if (server) await server.close();
    site.cleanup();
  });

  test('the built site has pages to check', () => {
    assert.ok(pages.includes('index.html'), 'the site should have a home page');
    assert.ok(lessons.length > 0, 'the site should have lesson pages with quizzes');
  });

  for (const rel of pages) {
    test(`page ${rel}`, { timeout: TEST_TIMEOUT_MS }, async () => {
      recorder.take(); // what an earlier, failed test left behind is not this page's
      // 404.html loads no runtime (it may be served from any depth), so it never gets ready.
      if (rel === '404.html') await page.goto(server.url + rel);
      else await gotoReady(page, server.url + rel);
      const violations = await axeViolations(page);
      recorder.assertClean(rel);
      assertNoViolations(rel, violations);
    });
  }

  // The dark theme (the system's, prefers-color-scheme): its colours must pass as well.
  for (const rel of pages) {
    test(`page ${rel}, dark`, { timeout: TEST_TIMEOUT_MS }, async () => {
      recorder.take();
      await page.emulateMedia({ colorScheme: 'dark' });
      try {
        if (rel === '404.html') await page.goto(server.url + rel);
        else await gotoReady(page, server.url + rel);
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(20, 23, 28)');
        const violations = await axeViolations(page);
        recorder.assertClean(rel);
        assertNoViolations(`${rel} (dark)`, violations);
      } finally {
        await page.emulateMedia({ colorScheme: 'light' });
      }
    });
  }

  test('a lesson page showing a wrong answer, light and dark', { timeout: TEST_TIMEOUT_MS }, async () => {
    const rel = lessons[0];
    recorder.take();
    await gotoReady(page, server.url + rel);
    const [block] = await quiz.answerKey(page);
    const q = block.questions[0];
    const fb = await quiz.answerByKeyboard(page, {
      block: block.blockId, question: q.id, index: q.wrongIndex, optionCount: q.options.length,
    });
    assert.equal(fb.result, 'incorrect', 'the wrong answer should be graded as such');
    assert.equal(await page.$$eval('[data-morsel-answer="wrong"] [data-morsel-mark]', (m) => m.length), 1);
    const violations = await axeViolations(page);
    recorder.assertClean(rel);
    assertNoViolations(`${rel} after a wrong answer`, violations);
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      assertNoViolations(`${rel} after a wrong answer (dark)`, await axeViolations(page));
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  test('a lesson page showing the storage-recovered notice', { timeout: TEST_TIMEOUT_MS }, async () => {
    const rel = lessons[0];
    recorder.take();
    await gotoReady(page, server.url + rel);
    const key = await quiz.stateKey(page);
    await page.evaluate((k) => localStorage.setItem(k, '{not json'), key);
    await gotoReady(page, server.url + rel);
    await page.waitForSelector('[data-morsel-notice="storage_recovered"]');
    const violations = await axeViolations(page);
    recorder.assertClean(rel);
    assertNoViolations(`${rel} with the storage notice`, violations);
  });
});
