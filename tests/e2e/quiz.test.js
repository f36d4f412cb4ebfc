'use strict';
// End-to-end: a learner answers a quiz with the keyboard only, and their progress shows up
// after a reload, on the course page, on the home page and after a browser restart; a
// corrupt stored state is recovered from. Runs over http://127.0.0.1 and over file://.

const assert = require('node:assert/strict');
const { describe, test, before, after } = require('node:test');

const { buildSite, listHtmlPages } = require('./lib/site');
const { startServer } = require('./lib/server');
const { launchBrowser, gotoReady, waitReady } = require('./lib/browser');
const quiz = require('./lib/quiz');

const TEST_TIMEOUT_MS = 90_000;
const CORRUPT_STATE = '{not json';

// ---- reading what the pages show ----

// Every [data-morsel-course-progress] paragraph: the lesson ids it counts and its text.
async function courseProgress(page) {
  return page.$$eval('[data-morsel-course-progress]', (els) => els.map((el) => ({
    ids: JSON.parse(el.getAttribute('data-morsel-course-progress')),
    text: el.textContent.replace(/\s+/g, ' ').trim(),
  })));
}

// Every lesson on a course page: id, state attribute, status text and link.
async function lessonStatuses(page) {
  return page.$$eval('[data-morsel-lesson-status]', (items) => items.map((li) => {
    const label = li.querySelector('[data-morsel-status-text]');
    const link = li.querySelector('a[href]');
    return {
      id: li.getAttribute('data-morsel-lesson-status'),
      state: li.getAttribute('data-morsel-state'),
      text: label ? label.textContent.trim() : null,
      href: link ? link.href : null,
    };
  }));
}

function progressText(done, total) {
  return `${done} of ${total} lessons completed`;
}

// Asserts the course page shows `completedId` (if any) as Completed and every other lesson
// as Not started, and that its progress line counts them.
async function assertCourseStatuses(page, completedId) {
  const lessons = await lessonStatuses(page);
  assert.ok(lessons.length > 1, 'the course page should list its lessons');
  if (completedId) {
    assert.ok(lessons.some((l) => l.id === completedId), `course page should list ${completedId}`);
  }
  for (const lesson of lessons) {
    const expected = lesson.id === completedId
      ? { state: 'completed', text: 'Completed' }
      : { state: 'not_started', text: 'Not started' };
    assert.deepEqual({ id: lesson.id, state: lesson.state, text: lesson.text },
      { id: lesson.id, ...expected }, `status of ${lesson.id} on the course page`);
  }
  for (const progress of await courseProgress(page)) {
    const done = progress.ids.filter((id) => id === completedId).length;
    assert.equal(progress.text, progressText(done, progress.ids.length), 'course page progress line');
  }
}

// Asserts every progress line on the home page counts `completedId` (if it is one of its
// lessons) as the only completed lesson.
async function assertHomeProgress(page, completedId) {
  const cards = await courseProgress(page);
  assert.ok(cards.length >= 1, 'the home page should show at least one course progress line');
  if (completedId) {
    assert.ok(cards.some((c) => c.ids.includes(completedId)), `a course on the home page should hold ${completedId}`);
  }
  for (const card of cards) {
    assert.ok(card.ids.length > 0, 'a course progress line should count at least one lesson');
    const done = card.ids.includes(completedId) ? 1 : 0;
    assert.equal(card.text, progressText(done, card.ids.length), 'home page progress line');
  }
}

// Asserts that, after a reload, every question shows the correct option checked and a
// "Correct." feedback.
async function assertAnswersRestored(page, blocks) {
  for (const block of blocks) {
    for (const q of block.questions) {
      const where = `${block.blockId}/${q.id}`;
      assert.equal(await quiz.checkedIndex(page, q.id, block.blockId), q.correctIndex,
        `the answer to ${where} should still be selected`);
      const fb = await quiz.feedbackOf(page, q.id, block.blockId);
      assert.equal(fb.result, 'correct', `the result of ${where} should be shown again`);
      assert.ok(fb.visible, `the feedback of ${where} should be visible`);
      assert.ok(fb.text.startsWith('Correct.'), `feedback of ${where} should start with "Correct.", is "${fb.text}"`);
      assert.ok(fb.text.includes(q.options[q.correctIndex].feedbackText),
        `feedback of ${where} should include the option's feedback, is "${fb.text}"`);
    }
  }
}

function assertLiveRegion(fb, where) {
  assert.equal(fb.role, 'status', `feedback of ${where} should be a status region`);
  assert.equal(fb.ariaLive, 'polite', `feedback of ${where} should be a polite live region`);
  assert.ok(fb.visible, `feedback of ${where} should be visible`);
}

// Answers every question of the lesson open in `page` correctly, by keyboard only, starting
// from the top of the page. Returns the answer key.
async function answerAllCorrectly(page) {
  const blocks = await quiz.answerKey(page);
  assert.ok(blocks.length > 0 && blocks[0].questions.length > 0, 'the lesson should have a quiz');
  for (const block of blocks) {
    for (const q of block.questions) {
      const fb = await quiz.answerByKeyboard(page, {
        block: block.blockId, question: q.id, index: q.correctIndex, optionCount: q.options.length,
      });
      assert.equal(fb.result, 'correct', `${block.blockId}/${q.id} answered correctly: "${fb.text}"`);
    }
  }
  return blocks;
}

// Opens home, then the first course, then its first lesson; checks the fresh-profile state
// on the way. Returns { courseUrl, lessonUrl, lessonId }.
async function openFirstLesson(page, recorder, homeUrl) {
  await gotoReady(page, homeUrl);
  await assertHomeProgress(page, null);
  recorder.assertClean('home page (fresh)');
  const courseUrl = await page.$eval('.morsel-card a[href]', (a) => a.href);

  await gotoReady(page, courseUrl);
  await assertCourseStatuses(page, null);
  recorder.assertClean('course page (fresh)');
  const first = (await lessonStatuses(page))[0];
  assert.ok(first.href, 'the first lesson on the course page should be a link');

  await gotoReady(page, first.href);
  recorder.assertClean('lesson page (fresh)');
  return { courseUrl, lessonUrl: first.href, lessonId: first.id };
}

// ---- the scenario, over one kind of URL ----

async function keyboardScenario(browser, homeUrl) {
  const { page, recorder } = await browser.newPage();
  const { courseUrl, lessonId } = await openFirstLesson(page, recorder, homeUrl);

  const blocks = await quiz.answerKey(page);
  assert.ok(blocks.length > 0, 'the lesson should have a quiz');
  const first = blocks[0];
  const q1 = first.questions[0];
  assert.ok(q1.wrongIndex >= 0, 'question 1 should have a wrong option to choose');
  assert.equal(await page.isVisible(`form[data-morsel-question="${q1.id}"] .morsel-check`), true,
    'the Check button should be shown once the runtime is ready');

  // 1. A wrong answer, by keyboard only.
  let fb = await quiz.answerByKeyboard(page, {
    block: first.blockId, question: q1.id, index: q1.wrongIndex, optionCount: q1.options.length,
  });
  assertLiveRegion(fb, q1.id);
  assert.equal(fb.result, 'incorrect');
  assert.ok(fb.text.startsWith('Not quite.'), `wrong answer feedback should start with "Not quite.", is "${fb.text}"`);
  assert.ok(fb.text.includes(q1.options[q1.wrongIndex].feedbackText),
    `wrong answer feedback should include the option's feedback, is "${fb.text}"`);

  // 2. Back to the options with Shift+Tab, then the correct answer.
  fb = await quiz.answerByKeyboard(page, {
    block: first.blockId, question: q1.id, index: q1.correctIndex, optionCount: q1.options.length,
    backwards: true,
  });
  assertLiveRegion(fb, q1.id);
  assert.equal(fb.result, 'correct');
  assert.ok(fb.text.startsWith('Correct.'), `right answer feedback should start with "Correct.", is "${fb.text}"`);
  assert.ok(fb.text.includes(q1.options[q1.correctIndex].feedbackText),
    `right answer feedback should include the option's feedback, is "${fb.text}"`);

  // 3. Every other question (question 2 in the demo), correctly.
  for (const block of blocks) {
    for (const q of block.questions) {
      if (block === first && q === q1) continue;
      fb = await quiz.answerByKeyboard(page, {
        block: block.blockId, question: q.id, index: q.correctIndex, optionCount: q.options.length,
      });
      assertLiveRegion(fb, q.id);
      assert.equal(fb.result, 'correct', `${block.blockId}/${q.id}: "${fb.text}"`);
      assert.ok(fb.text.startsWith('Correct.'), `feedback of ${q.id} should start with "Correct.", is "${fb.text}"`);
    }
  }
  recorder.assertClean('lesson page while answering');

  // 4. Reload: answers and results are shown again.
  await page.reload({ waitUntil: 'load' });
  await waitReady(page);
  await assertAnswersRestored(page, blocks);
  recorder.assertClean('lesson page after reload');

  // 5. The course page marks the lesson Completed and the others Not started.
  await gotoReady(page, courseUrl);
  await assertCourseStatuses(page, lessonId);
  recorder.assertClean('course page');

  // 6. The home page counts it.
  await gotoReady(page, homeUrl);
  await assertHomeProgress(page, lessonId);
  recorder.assertClean('home page');

  await page.close();
  return { courseUrl, lessonId };
}

let site;

describe('Morsel quiz, end to end', () => {
  before(() => {
    site = buildSite();
  });
  after(() => {
    if (site) site.cleanup();
  });

  describe('over http', () => {
    let server;
    const browsers = [];
    async function freshBrowser() {
      const browser = await launchBrowser();
      browsers.push(browser);
      return browser;
    }
    before(async () => {
      server = await startServer(site.dir);
    });
    after(async () => {
      for (const browser of browsers) await browser.dispose().catch(() => {});
      if (server) await server.close();
    });

    test('keyboard-only answering; reload, course page and home page show the result',
      { timeout: TEST_TIMEOUT_MS }, async () => {
        const browser = await freshBrowser();
        await keyboardScenario(browser, server.url + 'index.html');
      });

    test('a browser restart with the same profile keeps the result', { timeout: TEST_TIMEOUT_MS }, async () => {
      const browser = await freshBrowser();
      const homeUrl = server.url + 'index.html';
      let { page, recorder } = await browser.newPage();
      const { courseUrl, lessonUrl, lessonId } = await openFirstLesson(page, recorder, homeUrl);
      const blocks = await answerAllCorrectly(page);
      recorder.assertClean('lesson page before restart');

      await browser.restart();
      ({ page, recorder } = await browser.newPage());
      await gotoReady(page, lessonUrl);
      await assertAnswersRestored(page, blocks);
      recorder.assertClean('lesson page after restart');
      await gotoReady(page, courseUrl);
      await assertCourseStatuses(page, lessonId);
      recorder.assertClean('course page after restart');
      await gotoReady(page, homeUrl);
      await assertHomeProgress(page, lessonId);
      recorder.assertClean('home page after restart');
    });

    test('a corrupt stored state is backed up, a notice is shown, and the quiz still works',
      { timeout: TEST_TIMEOUT_MS }, async () => {
        const browser = await freshBrowser();
        const { page, recorder } = await browser.newPage();
        const homeUrl = server.url + 'index.html';
        const { lessonUrl } = await openFirstLesson(page, recorder, homeUrl);
        const key = await quiz.stateKey(page);
        const backupPrefix = `${key}-backup-`;

        // The learner's stored state is damaged between two visits: while no page of the
        // site is open (robots.txt shares the origin and runs no script).
        await page.goto(server.url + 'robots.txt');
        await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, CORRUPT_STATE]);
        await gotoReady(page, lessonUrl);

        // A notice says so...
        const notice = page.locator('[data-morsel-notice="storage_recovered"]');
        assert.equal(await notice.count(), 1, 'exactly one storage_recovered notice should be shown');
        assert.ok(await notice.isVisible(), 'the storage_recovered notice should be visible');
        assert.ok((await notice.innerText()).trim().length > 0, 'the notice should say something');

        // ...the damaged value is kept under one backup key...
        let entries = await quiz.localStorageEntries(page);
        let backups = Object.keys(entries).filter((k) => k.startsWith(backupPrefix));
        assert.equal(backups.length, 1, `one backup key expected, got ${JSON.stringify(Object.keys(entries))}`);
        assert.match(backups[0].slice(backupPrefix.length), /^\d+$/, 'the backup key should end with a time in ms');
        assert.equal(entries[backups[0]], CORRUPT_STATE, 'the backup should hold the corrupt text unchanged');
        const backupKey = backups[0];

        // ...and answering still works and is saved as valid state.
        const blocks = await answerAllCorrectly(page);
        entries = await quiz.localStorageEntries(page);
        assert.doesNotThrow(() => JSON.parse(entries[key]), 'the state should be valid JSON again');
        recorder.assertClean('lesson page with a recovered state');

        // A reload reads the repaired state: no new notice, no new backup, answers kept.
        await page.reload({ waitUntil: 'load' });
        await waitReady(page);
        assert.equal(await page.locator('[data-morsel-notice]').count(), 0, 'no notice after the state was repaired');
        entries = await quiz.localStorageEntries(page);
        backups = Object.keys(entries).filter((k) => k.startsWith(backupPrefix));
        assert.deepEqual(backups, [backupKey], 'no further backup after the state was repaired');
        await assertAnswersRestored(page, blocks);
        recorder.assertClean('lesson page after reload');
      });

    // An open page holds the learner's progress in memory; a value another tab (or a
    // newer Morsel) wrote that this page cannot read must not be overwritten unseen.
    test('an open page keeps a damaged stored state before it saves, and never overwrites a newer one',
      { timeout: TEST_TIMEOUT_MS }, async () => {
        const browser = await freshBrowser();
        const { page, recorder } = await browser.newPage();
        await openFirstLesson(page, recorder, server.url + 'index.html');
        const key = await quiz.stateKey(page);
        const backupPrefix = `${key}-backup-`;

        await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, CORRUPT_STATE]);
        await answerAllCorrectly(page);
        // A write that finds a value this page did not write waits for the progress module
        // (which reads it, keeps it and merges) when that has not loaded yet: the notice
        // comes with the write.
        await page.waitForSelector('[data-morsel-notice="storage_recovered"]', { state: 'attached' });
        let entries = await quiz.localStorageEntries(page);
        const backups = Object.keys(entries).filter((k) => k.startsWith(backupPrefix));
        assert.deepEqual(backups.map((k) => entries[k]), [CORRUPT_STATE], 'the damaged value is kept under one backup key');
        assert.equal(await page.locator('[data-morsel-notice="storage_recovered"]').count(), 1,
          'the page says the stored progress was damaged');
        const saved = JSON.parse(entries[key]);
        assert.ok(Object.keys(saved.lessons || {}).length > 0, 'the page saved its own progress in its place');

        const NEWER = JSON.stringify({ schema: 999, from: 'a newer Morsel' });
        await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, NEWER]);
        // A save: the first question checked again (its answer is still selected).
        await page.locator('form[data-morsel-question]:not([hidden]) [data-morsel-check]').first().click();
        await page.waitForSelector('[data-morsel-notice="storage_newer"]');
        entries = await quiz.localStorageEntries(page);
        assert.equal(entries[key], NEWER, 'a newer Morsel\'s state is left untouched');
        assert.equal(await page.locator('[data-morsel-notice="storage_newer"]').count(), 1,
          'the page says the stored progress is from a newer version');
        recorder.assertClean('lesson page after unreadable stored state');
      });
  });

  describe('site icon over http', () => {
    let server;
    let browser;
    before(async () => {
      server = await startServer(site.dir);
      browser = await launchBrowser();
    });
    after(async () => {
      if (browser) await browser.dispose();
      if (server) await server.close();
    });

    // Without a declared icon, browsers request /favicon.ico on their own, which a static
    // host answers with 404 and a console error on every page.
    test('every page declares an icon that loads, so no /favicon.ico request fails',
      { timeout: TEST_TIMEOUT_MS }, async () => {
        const { page, recorder } = await browser.newPage();
        const failures = [];
        for (const rel of listHtmlPages(site.dir)) {
          // 404.html loads no runtime, so it never becomes "ready".
          if (rel === '404.html') await page.goto(server.url + rel);
          else await gotoReady(page, server.url + rel);
          const result = await page.evaluate(async () => {
            const declared = Array.from(document.querySelectorAll('link[rel~="icon" i]')).map((l) => l.href);
            const urls = declared.length ? declared : [new URL('/favicon.ico', location.href).href];
            const out = [];
            for (const url of urls) {
              // An inline icon (the single-file edition's) needs no request.
              if (url.startsWith('data:')) continue;
              let status;
              try { status = (await fetch(url, { cache: 'no-store' })).status; } catch (e) { status = String(e); }
              out.push({ url, status });
            }
            return { declared: declared.length > 0, out };
          });
          for (const { url, status } of result.out) {
            if (status !== 200) {
              failures.push(`${rel}: ${result.declared ? 'declared icon' : 'no icon declared, so the browser asks for'}` +
                ` ${url} -> ${status}`);
            }
          }
        }
        // The fetches above log their own 404s; only other problems count here.
        recorder.take();
        assert.deepEqual(failures, [], `pages whose icon does not load:\n  ${failures.join('\n  ')}`);
      });
  });

  describe('over file://', () => {
    let browser;
    before(async () => {
      browser = await launchBrowser();
    });
    after(async () => {
      if (browser) await browser.dispose();
    });

    test('keyboard-only answering; reload, course page and home page show the result',
      { timeout: TEST_TIMEOUT_MS }, async () => {
        await keyboardScenario(browser, site.fileUrl('index.html'));
      });
  });
});
