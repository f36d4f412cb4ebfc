'use strict';
// End-to-end: the learner's progress is never lost (issue 5). Two tabs merging, a schema
// migration, storage that is disabled or full, export → clear → import, progress codes,
// host events, and content edits rebuilt under the learner: re-worded text keeps answers,
// a changed right answer marks them stale. Over file://, as a downloaded course is used.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, test, before, after, afterEach } = require('node:test');

const { buildSite } = require('./lib/site');
const { launchBrowser, gotoReady } = require('./lib/browser');

const FIXTURE = path.join(__dirname, 'fixtures', 'progress', 'content');
const KEY = 'morsel:v1:progress-demo:state';
const Q = 'form[data-morsel-question="q1"]';

const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), KEY);

// Fills the origin's quota (shared by every file:// site) with someone else's data.
function fillStorage(page) {
  return page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; ; i++) {
      try { localStorage.setItem('other-site-' + i, chunk); } catch (e) { break; }
    }
    for (let size = 128 * 1024; size >= 16; size = Math.floor(size / 2)) {
      try { localStorage.setItem('other-site-tail-' + size, 'x'.repeat(size)); } catch (e) { /* smaller */ }
    }
  });
}
const attempts = (state) => state.questions['c/m/one:check/q1'].attempts;

// Chooses option `value` of q1 and presses Check, by keyboard.
async function answer(page, value) {
  await page.focus(`${Q} input[value="${value}"]`);
  await page.keyboard.press('Space');
  await page.focus(`${Q} .morsel-check`);
  await page.keyboard.press('Enter');
}

function copyFixture() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-progress-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

// Waits until the host page's listeners (window.heard) have heard `n` events, or 10 s.
async function heardAtLeast(page, n) {
  await page.waitForFunction((n) => window.heard.length >= n, n, { timeout: 10_000 }).catch(() => {});
}

describe('progress that is never lost', { timeout: 180_000 }, () => {
  let site;
  let browser;
  before(async () => {
    site = buildSite({ content: FIXTURE });
    browser = await launchBrowser();
  });
  after(async () => {
    if (browser) await browser.dispose();
    if (site) site.cleanup();
  });
  // A page a test left open (it failed before closing it) would still save its state every
  // 15 s, undoing the next test's empty store.
  afterEach(async () => {
    for (const page of browser.context.pages()) await page.close();
  });

  // Sets what is stored (`text` for the state, null for nothing) from 404.html, which runs no
  // runtime. A lesson page saves its state again as it is left (the time spent on it, once
  // that is a second or more, which it is on a busy machine), so a store cleared or set from
  // it would have its old state back by the time the next page reads it.
  async function setStored(page, text) {
    await page.goto(site.fileUrl('404.html'));
    await page.evaluate(([key, value]) => {
      localStorage.clear();
      if (value !== null) localStorage.setItem(key, value);
    }, [KEY, text]);
  }

  // A new page at `url` (lesson one by default), over `text` stored first if given.
  async function freshPage(url, text) {
    const { page, recorder } = await browser.newPage();
    if (text !== undefined) await setStored(page, text);
    await gotoReady(page, url || site.fileUrl('c/m/one.html'));
    return { page, recorder };
  }

  test('two tabs alternate 20 answers each: the store and a new tab hold all 40', async () => {
    const a = await freshPage(undefined, null);
    const b = await freshPage();
    for (let i = 0; i < 20; i++) {
      await answer(a.page, i % 2 === 0 ? '0' : '2');
      await answer(b.page, '1');
    }
    const count = async (page) => attempts(await stored(page)).length;
    await a.page.waitForFunction((key) => JSON.parse(localStorage.getItem(key))
      .questions['c/m/one:check/q1'].attempts.length === 40, KEY);
    assert.equal(await count(b.page), 40);
    const c = await freshPage();
    assert.equal(await count(c.page), 40, 'a newly opened tab sees all 40');
    assert.equal((await stored(c.page)).lessons['c/m/one'].status, 'completed');
    // Tab A, which never answered right itself, shows the lesson completed by tab B.
    await gotoReady(a.page, site.fileUrl('c/index.html'));
    assert.equal(await a.page.getAttribute('[data-morsel-lesson-status="c/m/one"]', 'data-morsel-state'), 'completed');
    for (const tab of [a, b, c]) {
      tab.recorder.assertClean('two tabs');
      await tab.page.close();
    }
  });

  test('a schema 1 state migrates on load; the old text is kept as a backup', async () => {
    const old = {
      schema: 1, learner: 'old', created: 5,
      lessons: { 'c/m/one': { status: 'completed', first_visit: 5, last_visit: 6, completed_at: 6 } },
      questions: { 'c/m/one:check/q1': { attempts: [{ response: { choice: 1 }, correct: true, score: 1, max_score: 1, at: 6 }] } },
    };
    const { page, recorder } = await freshPage(undefined, JSON.stringify(old));
    const state = await stored(page);
    assert.equal(state.schema, 2);
    assert.equal(state.learner, 'old');
    assert.equal(attempts(state).length, 1);
    assert.match((await page.textContent(`${Q} .morsel-feedback`)).trim(), /^Correct\./, 'the old answer is shown');
    const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('state-backup-')));
    assert.equal(backups.length, 1);
    recorder.assertClean('migration');
    await page.close();
  });

  test('a corrupt stored value is kept, never overwritten, and offered as a file', async () => {
    const { page, recorder } = await freshPage(undefined, '{"schema": 2, "learn');
    const notice = '[data-morsel-notice="storage_recovered"]';
    assert.match(await page.textContent(notice), /could not be read/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${notice} button:first-of-type`)]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-backup-')), 'backup.json');
    await download.saveAs(file);
    assert.equal(fs.readFileSync(file, 'utf8'), '{"schema": 2, "learn', 'the file holds the value exactly as it was');
    const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('state-backup-'))
      .map((k) => localStorage.getItem(k)));
    assert.deepEqual(backups, ['{"schema": 2, "learn']);
    await answer(page, '1');
    assert.equal((await stored(page)).lessons['c/m/one'].status, 'completed', 'a fresh start that saves');
    recorder.assertClean('corrupt value');
    await page.close();
  });

  test('storage disabled: the visit works and says so once', async () => {
    const { page, recorder } = await browser.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
    });
    await gotoReady(page, site.fileUrl('c/m/one.html'));
    await answer(page, '0');
    await answer(page, '1');
    assert.match((await page.textContent(`${Q} .morsel-feedback`)).trim(), /^Correct\./);
    assert.equal(await page.$$eval('[data-morsel-notice="storage_unavailable"]', (n) => n.length), 1);
    recorder.assertClean('storage disabled');
    await page.close();
  });

  test('storage full: the learner is told, nothing newer is dropped, and it saves once there is room', async () => {
    const { page, recorder } = await freshPage(undefined, null);
    await answer(page, '0');
    await fillStorage(page);
    await answer(page, '1');
    await page.waitForSelector('[data-morsel-notice="storage_full"]');
    assert.match((await page.textContent(`${Q} .morsel-feedback`)).trim(), /^Correct\./, 'the answer still counts on the page');
    assert.equal(attempts(await stored(page)).length, 1, 'the stored value is the last one that fitted, not a broken one');
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('other-site-')).forEach((k) => localStorage.removeItem(k)));
    await answer(page, '2');
    assert.equal(attempts(await stored(page)).length, 3, 'with room again, every answer is saved');
    recorder.assertClean('storage full');
    await page.close();
  });

  test('storage already full when a page opens: progress is shown, "full" is said, an unreadable value is left untouched', async () => {
    const { page, recorder } = await freshPage(undefined, null);
    await answer(page, '1');
    await page.waitForFunction((key) => localStorage.getItem(key) !== null, KEY);
    await fillStorage(page);
    await gotoReady(page, site.fileUrl('c/m/one.html'));
    assert.match((await page.textContent(`${Q} .morsel-feedback`)).trim(), /^Correct\./, 'the stored answer is shown');
    await answer(page, '2');
    await page.waitForSelector('[data-morsel-notice="storage_full"]');
    assert.equal(await page.locator('[data-morsel-notice="storage_unavailable"]').count(), 0, 'full is not unavailable');

    // A damaged value with no room left for its backup stays where it is.
    await page.goto(site.fileUrl('404.html'));
    await page.evaluate((key) => localStorage.setItem(key, '{"schema": 2, "learn'), KEY);
    await fillStorage(page);  // what the shorter value freed
    await gotoReady(page, site.fileUrl('c/m/one.html'));
    await page.waitForSelector('[data-morsel-notice="storage_unreadable_full"]');
    await answer(page, '1');
    await page.goto(site.fileUrl('404.html'));
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), KEY), '{"schema": 2, "learn', 'never overwritten');
    recorder.assertClean('storage already full');
    await page.close();
  });

  test('export, clear, import: the progress comes back, with a summary; a progress code does the same', async () => {
    const { page, recorder } = await freshPage(undefined, null);
    await answer(page, '1');
    await gotoReady(page, site.fileUrl('my-learning.html'));
    await page.waitForSelector('[data-morsel-dashboard]:not([hidden])');
    const card = '[data-morsel-dashboard-course="c"]';
    assert.match(await page.textContent(`${card} [data-morsel-course-progress]`), /^1 of 2 lessons completed/);
    assert.match(await page.textContent(`${card} [data-morsel-course-activity]`), /^Time spent: \d+ min · Last activity: /);
    assert.equal((await page.textContent(`${card} [data-morsel-continue] a`)).trim(), 'Continue: Two');
    assert.equal(await page.getAttribute(`${card} progress`, 'value'), '1');
    assert.match(await page.getAttribute('[data-morsel-activity] svg', 'aria-label'), /^Last 30 days: \d+ min of learning · answers given: 1 ·/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-morsel-export]')]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-export-')), 'progress.json');
    await download.saveAs(file);
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(exported.site, 'progress-demo');

    // A code made now, for the second half.
    await page.click('.morsel-code summary');
    await page.click('[data-morsel-code-make]');
    await page.waitForFunction(() => document.querySelector('[data-morsel-code]').value.length > 10);
    const code = await page.inputValue('[data-morsel-code]');
    assert.match(code, /^M[01]\./);

    await setStored(page, null);
    await gotoReady(page, site.fileUrl('my-learning.html'));
    await page.waitForSelector('[data-morsel-dashboard]:not([hidden])');
    assert.match(await page.textContent('[data-morsel-dashboard-course="c"] [data-morsel-course-progress]'), /^0 of 2/);
    await page.setInputFiles('[data-morsel-import]', file);
    await page.waitForFunction(() => /Progress loaded/.test(document.querySelector('[data-morsel-tools-status]').textContent));
    assert.equal((await page.textContent('[data-morsel-tools-status]')).trim(),
      'Progress loaded: 1 new lessons, 1 newly completed, 1 answers added.');
    assert.match(await page.textContent('[data-morsel-dashboard-course="c"] [data-morsel-course-progress]'), /^1 of 2/);
    assert.equal((await stored(page)).lessons['c/m/one'].status, 'completed');

    // A file of another kind is refused with a reason, and nothing changes.
    const bad = path.join(path.dirname(file), 'bad.json');
    fs.writeFileSync(bad, '{"schema": 1, "learner": 5}');
    await page.setInputFiles('[data-morsel-import]', bad);
    await page.waitForFunction(() => /could not be loaded/.test(document.querySelector('[data-morsel-tools-status]').textContent));
    assert.equal((await stored(page)).lessons['c/m/one'].status, 'completed');

    // So is one far over the storage budget (50,000 made-up lessons, 4.8 MB): nothing is stored.
    const huge = path.join(path.dirname(file), 'huge.json');
    const lessons = {};
    for (let i = 0; i < 50000; i++) lessons['c/m/made-up-' + i] = { status: 'completed', first_visit: 1, last_visit: 2, completed_at: 2 };
    fs.writeFileSync(huge, JSON.stringify({ morsel_progress: 1, site: 'progress-demo', state: { ...exported.state, lessons } }));
    const before = JSON.stringify(await stored(page));
    await page.setInputFiles('[data-morsel-import]', huge);
    await page.waitForFunction(() => /too large/.test(document.querySelector('[data-morsel-tools-status]').textContent));
    assert.equal(JSON.stringify(await stored(page)), before);

    // Resetting the course asks first; dismissed, nothing happens; accepted, it is gone.
    page.once('dialog', (dialog) => dialog.dismiss());
    await page.click(`${card} [data-morsel-reset-course]`);
    assert.equal((await stored(page)).lessons['c/m/one'].status, 'completed');
    page.once('dialog', (dialog) => dialog.accept());
    await page.click(`${card} [data-morsel-reset-course]`);
    await page.waitForFunction(() => /^0 of 2/.test(document.querySelector('[data-morsel-dashboard-course="c"] [data-morsel-course-progress]').textContent));
    assert.equal((await stored(page)).questions['c/m/one:check/q1'], undefined);
    await page.setInputFiles('[data-morsel-import]', file);
    await page.waitForFunction(() => /^1 of 2/.test(document.querySelector('[data-morsel-dashboard-course="c"] [data-morsel-course-progress]').textContent));

    // The code, after a reset of everything (confirmed).
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('[data-morsel-reset-all]');
    await page.waitForFunction(() => /reset/.test(document.querySelector('[data-morsel-tools-status]').textContent));
    assert.deepEqual((await stored(page)).lessons, {});
    await page.click('.morsel-code summary');
    await page.fill('[data-morsel-code]', code);
    await page.click('[data-morsel-code-use]');
    await page.waitForFunction(() => /Progress loaded/.test(document.querySelector('[data-morsel-tools-status]').textContent));
    assert.equal((await stored(page)).lessons['c/m/one'].status, 'completed');
    recorder.assertClean('export and import');
    await page.close();
  });

  test('a reset on My learning sticks while a lesson tab still holds the old progress', async () => {
    const lesson = await freshPage(undefined, null);
    await answer(lesson.page, '1');  // right: lesson one completed
    const board = await freshPage(site.fileUrl('my-learning.html'));
    await board.page.waitForSelector('[data-morsel-dashboard]:not([hidden])');
    const card = '[data-morsel-dashboard-course="c"]';
    assert.match(await board.page.textContent(`${card} [data-morsel-course-progress]`), /^1 of 2/);
    // The course, then everything: each time the lesson tab answers again (wrong) afterwards,
    // and the store keeps that answer alone, not the progress from before the reset.
    for (const [button, what] of [[`${card} [data-morsel-reset-course]`, 'the course'], ['[data-morsel-reset-all]', 'everything']]) {
      board.page.once('dialog', (dialog) => dialog.accept());
      await board.page.click(button);
      await board.page.waitForFunction(() => /^0 of 2/.test(document.querySelector('[data-morsel-dashboard-course="c"] [data-morsel-course-progress]').textContent));
      await answer(lesson.page, '0');
      await lesson.page.waitForFunction((key) => {
        const q = JSON.parse(localStorage.getItem(key)).questions['c/m/one:check/q1'];
        return q && q.attempts.length >= 1;
      }, KEY);
      const after = await stored(lesson.page);
      assert.equal(attempts(after).length, 1, `after resetting ${what}: ${JSON.stringify(attempts(after))}`);
      assert.notEqual(after.lessons['c/m/one'].status, 'completed', `after resetting ${what}`);
      assert.equal(await lesson.page.getAttribute('[data-morsel-lesson-status="c/m/one"]', 'data-morsel-state'), 'in_progress');
      // The lesson tab answers right again, for the next round.
      await answer(lesson.page, '1');
      await board.page.waitForFunction(() => /^1 of 2/.test(document.querySelector('[data-morsel-dashboard-course="c"] [data-morsel-course-progress]').textContent));
    }
    lesson.recorder.assertClean('lesson tab');
    board.recorder.assertClean('My learning tab');
  });

  // Merging another tab's progress needs the progress module, which a page loads in the
  // background once it is ready. A page left while its write waits for it keeps its state
  // under an "unmerged-" key; the next page merges that in, unless a reset came since.
  test('a page left while its write waits for the progress module loses nothing; a reset since drops the stash', async () => {
    const stashes = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unmerged-')));
    // A lesson page whose progress module never loads, with another tab's save to merge
    // before it may write: its answer waits in memory, and the page is left.
    async function leaveWaiting() {
      const { page, recorder } = await browser.newPage();
      await page.addInitScript(() => {
        const append = Node.prototype.appendChild;
        Node.prototype.appendChild = function (child) {
          if (child && child.tagName === 'SCRIPT' && /morsel-progress/.test(child.src || '')) return child;
          return append.call(this, child);
        };
      });
      await gotoReady(page, site.fileUrl('c/m/one.html'));
      await page.evaluate((key) => {
        const other = JSON.parse(localStorage.getItem(key));
        other.updated += 1;
        localStorage.setItem(key, JSON.stringify(other));
      }, KEY);
      await answer(page, '1');
      assert.match((await page.textContent(`${Q} .morsel-feedback`)).trim(), /^Correct\./);
      assert.equal((await stored(page)).questions['c/m/one:check/q1'], undefined, 'the write waits for the module');
      await page.goto(site.fileUrl('404.html'));
      assert.equal((await stashes(page)).length, 1, 'the page kept its state as it left');
      recorder.assertClean('a page left while its write waited');
      await page.close();
    }

    const setup = await freshPage(undefined, null);
    await setup.page.close();
    await leaveWaiting();
    const next = await freshPage();
    await next.page.waitForFunction((key) => {
      const state = JSON.parse(localStorage.getItem(key));
      return state.questions['c/m/one:check/q1'] && !Object.keys(localStorage).some((k) => k.includes(':unmerged-'));
    }, KEY);
    assert.equal(attempts(await stored(next.page)).length, 1, 'the next page merged the answer in');
    next.recorder.assertClean('merging a stash');
    await next.page.close();

    // The same, then My learning resets the course before any page merges the stash.
    const reset = await freshPage(undefined, null);
    await reset.page.close();
    await leaveWaiting();
    const dashboard = await browser.newPage();
    await dashboard.page.goto(site.fileUrl('404.html'));
    await dashboard.page.evaluate((key) => {
      localStorage.removeItem(key);
      localStorage.setItem(key.replace(/state$/, 'reset'), JSON.stringify({ at: Date.now(), lessons: ['c/m/one', 'c/m/two'], course: 'c' }));
    }, KEY);
    await gotoReady(dashboard.page, site.fileUrl('c/m/one.html'));
    await dashboard.page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.includes(':unmerged-')));
    assert.equal((await stored(dashboard.page)).questions['c/m/one:check/q1'], undefined,
      'the reset progress does not come back');
    dashboard.recorder.assertClean('a stash from before a reset');
    await dashboard.page.close();
  });

  test('the host page hears morsel:answer, morsel:lesson-completed and morsel:course-completed', async () => {
    const { page, recorder } = await browser.newPage();
    await page.addInitScript(() => {
      window.heard = [];
      for (const name of ['morsel:answer', 'morsel:lesson-completed', 'morsel:course-completed', 'morsel:course-passed']) {
        document.addEventListener(name, (e) => window.heard.push([name, e.detail.lesson || e.detail.course || '']));
      }
    });
    await setStored(page, null);
    await gotoReady(page, site.fileUrl('c/m/two.html'));
    await gotoReady(page, site.fileUrl('c/m/one.html'));
    await answer(page, '1');
    // The course is judged by the progress module, which may still be loading.
    await heardAtLeast(page, 4);
    assert.deepEqual(await page.evaluate(() => window.heard), [
      ['morsel:answer', 'c/m/one'],
      ['morsel:lesson-completed', 'c/m/one'],
      ['morsel:course-completed', 'c'],
      ['morsel:course-passed', 'c'],
    ]);
    recorder.assertClean('events');

    // The other order: the reading-only lesson, opened last, completes the course by the visit.
    await setStored(page, null);
    await gotoReady(page, site.fileUrl('c/m/one.html'));
    await answer(page, '1');
    assert.deepEqual(await page.evaluate(() => window.heard), [
      ['morsel:answer', 'c/m/one'],
      ['morsel:lesson-completed', 'c/m/one'],
    ]);
    await gotoReady(page, site.fileUrl('c/m/two.html'));
    await heardAtLeast(page, 3);
    assert.deepEqual(await page.evaluate(() => window.heard), [
      ['morsel:lesson-completed', 'c/m/two'],
      ['morsel:course-completed', 'c'],
      ['morsel:course-passed', 'c'],
    ]);
    const courses = (await stored(page)).courses;
    assert.equal(typeof courses.c.completed_at, 'number', JSON.stringify(courses));
    assert.equal(typeof courses.c.passed_at, 'number', JSON.stringify(courses));
    recorder.assertClean('a reading-only lesson completes the course');
    await page.close();
  });

  test('rebuilt content: re-worded text keeps answers; a changed right answer asks again', async () => {
    const content = copyFixture();
    const first = buildSite({ content });
    const { page, recorder } = await freshPage(first.fileUrl('c/m/one.html'), null);
    await answer(page, '1');
    const lesson = path.join(content, 'c', 'm', 'one.md');
    fs.writeFileSync(lesson, fs.readFileSync(lesson, 'utf8')
      .replace('Some text to read.', 'Some re-worded text to read, longer than before.')
      .replace('"Pick B"', '"Pick the letter B"'));
    const reworded = buildSite({ content });
    await gotoReady(page, reworded.fileUrl('c/m/one.html'));
    assert.match((await page.textContent(`${Q} .morsel-feedback`)).trim(), /^Correct\./, 'the answer is kept');
    assert.equal(await page.$eval(`${Q} input[value="1"]`, (i) => i.checked), true);

    fs.writeFileSync(lesson, fs.readFileSync(lesson, 'utf8')
      .replace('{ text: "B", correct: true }, { text: "C" }', '{ text: "B" }, { text: "C", correct: true }'));
    const checked = spawnSync(path.join(__dirname, '..', '..', 'build', 'bin', 'morsel'), ['check', content], { encoding: 'utf8' });
    assert.match(checked.stderr + checked.stdout, /answer-changed/, 'morsel check warns the author first');
    const changed = buildSite({ content });
    await gotoReady(page, changed.fileUrl('c/m/one.html'));
    assert.equal((await page.textContent(`${Q} .morsel-feedback`)).trim(),
      'This question changed since you answered it. Please answer it again.');
    assert.equal(await page.$eval(`${Q} input[value="1"]`, (i) => i.checked), false, 'the old answer is not shown as current');
    const state = await stored(page);
    assert.equal(attempts(state)[0].stale, true);
    assert.equal(state.lessons['c/m/one'].status, 'completed', 'a changed quiz answer does not reopen the lesson');
    recorder.assertClean('rebuilt content');
    await page.close();
    for (const s of [first, reworded, changed]) s.cleanup();
    fs.rmSync(content, { recursive: true, force: true });
  });
});
