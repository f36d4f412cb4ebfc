'use strict';
// End-to-end: locked paths (issue 15). The fixture (fixtures/paths) has a sequential module
// (Welcome → A first check → Wrap-up), a lesson whose prerequisite is the check (Tools),
// and a course that requires the first one (Advanced). Served over http from 127.0.0.1;
// the single file is opened from disk.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { describe, test, before, after } = require('node:test');

const { morselBin } = require('./lib/site');
const { launchBrowser, delayModule } = require('./lib/browser');
const { startServer, stopServer } = require('./lib/server');

const FIXTURE = path.join(__dirname, 'fixtures', 'paths', 'content');

function build(out, extra) {
  execFileSync(morselBin(), ['build', FIXTURE, '--out', out].concat(extra || []), { encoding: 'utf8', stdio: 'pipe' });
}

describe('locked paths', { timeout: 180_000 }, () => {
  let dir;
  let server;
  let browser;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-paths-'));
    build(path.join(dir, 'site'));
    server = await startServer(path.join(dir, 'site'));
    browser = await launchBrowser();
  });
  after(async () => {
    if (server) await stopServer(server);
    if (browser) await browser.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(page, rel) {
    await page.goto(server.url + rel);
    await page.locator('body[data-morsel-ready="true"]').waitFor({ state: 'attached' });
  }
  // The lock panel of the page's lesson, once the progress module has judged it.
  async function lockOf(page) {
    const panel = page.locator('[data-morsel-lock][data-morsel-judged]');
    await panel.waitFor({ state: 'attached' });
    const content = page.locator('[data-morsel-lesson-body]');
    assert.notEqual(await panel.isHidden(), await content.isHidden(), 'the lock or the content');
    if (await panel.isHidden()) return null;
    return panel.locator('li:not([hidden])').allTextContents();
  }

  test('a sequential module and prerequisites lock lessons until what they need is completed', async () => {
    const { page, recorder } = await browser.newPage();
    // The check comes after Welcome: locked, and says what opens it.
    await open(page, 'onboarding/start/check.html');
    assert.deepEqual(await lockOf(page), ['Welcome']);
    assert.equal(await page.locator('form[data-morsel-question="badge"]').isVisible(), false);
    await page.locator('[data-morsel-lock] a', { hasText: 'Welcome' }).click();
    await page.locator('body[data-morsel-ready="true"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('[data-morsel-lock]').count(), 0, 'Welcome has nothing before it');

    // Welcome read: the check opens. Tools needs the check; Wrap-up the check too.
    await open(page, 'onboarding/start/check.html');
    assert.equal(await lockOf(page), null);
    await open(page, 'onboarding/more/tools.html');
    assert.deepEqual(await lockOf(page), ['A first check']);
    // The course page says which lessons are locked.
    await open(page, 'onboarding/');
    const wrap = page.locator('[data-morsel-lesson-status="onboarding/start/wrap"]');
    await page.waitForFunction(() => document.querySelector('[data-morsel-lesson-status="onboarding/start/wrap"]').getAttribute('data-morsel-state') === 'locked');
    assert.match(await wrap.textContent(), /Locked/);

    await open(page, 'onboarding/start/check.html');
    const form = page.locator('form[data-morsel-question="badge"]');
    await form.locator('input[value="1"]').check();
    await form.locator('.morsel-check').click();
    await form.locator('[data-morsel-feedback][data-morsel-result="correct"]').waitFor();
    await open(page, 'onboarding/more/tools.html');
    assert.equal(await lockOf(page), null);

    // The second course needs the first completed: Wrap-up and Tools still to do.
    await open(page, 'advanced/deep/dive.html');
    assert.deepEqual(await lockOf(page), ['Onboarding']);
    await open(page, 'onboarding/start/wrap.html');
    assert.equal(await lockOf(page), null);
    await open(page, 'advanced/deep/dive.html');
    assert.equal(await lockOf(page), null);
    recorder.assertClean();
    await page.close();
  });

  // The lock is judged by the progress module, which loads after the page is ready (on a
  // phone, seconds later): the lesson's question works before, and keeps what was chosen.
  test('a question in a lesson that can be locked works before the lock is judged', async () => {
    const own = await launchBrowser();
    try {
      const { page, recorder } = await own.newPage();
      await open(page, 'onboarding/start/welcome.html');
      await page.addInitScript(delayModule, ['morsel-progress', 3000]);
      await open(page, 'onboarding/start/check.html');
      assert.equal(await page.locator('[data-morsel-lock][data-morsel-judged]').count(), 0, 'not judged yet');
      const form = page.locator('form[data-morsel-question="badge"]');
      assert.equal(await form.locator('.morsel-check').isVisible(), true, 'Check is there at once');
      await form.locator('input[value="1"]').check();
      assert.equal(await lockOf(page), null, 'judged open');
      assert.equal(await form.locator('input[value="1"]').isChecked(), true, 'the choice is kept');
      await form.locator('.morsel-check').click();
      await form.locator('[data-morsel-feedback][data-morsel-result="correct"]').waitFor();
      recorder.assertClean();
    } finally {
      await own.dispose();
    }
  });

  test('the single file locks the same way; --unlock-all leaves every lesson open', async () => {
    const { page, recorder } = await browser.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'site', 'onboarding', 'onboarding-offline.html')).href + '#onboarding/start/wrap');
    await page.locator('body[data-morsel-ready="true"]').waitFor({ state: 'attached' });
    const panel = page.locator('[data-morsel-lock="onboarding/start/wrap"]');
    await panel.waitFor({ state: 'visible' });
    assert.deepEqual(await panel.locator('li:not([hidden])').allTextContents(), ['A first check']);
    recorder.assertClean();
    await page.close();

    build(path.join(dir, 'open'), ['--unlock-all']);
    const html = fs.readFileSync(path.join(dir, 'open', 'onboarding', 'start', 'check.html'), 'utf8');
    assert.ok(!html.includes('data-morsel-lock='), 'no lock panel');
    const course = fs.readdirSync(path.join(dir, 'open', 'runtime')).filter((f) => f.startsWith('course.'))
      .map((f) => fs.readFileSync(path.join(dir, 'open', 'runtime', f), 'utf8')).join('');
    assert.ok(!course.includes('"requires"'), 'nothing required');
  });
});
