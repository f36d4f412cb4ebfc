'use strict';
// End-to-end: a completion receipt (issue 15). A learner completes and passes the fixture's
// course (fixtures/receipt: a reading lesson and a check quiz of two questions, pass mark
// 80), My learning offers "Download completion receipt", and the file it downloads is a
// valid pass for `morsel verify` against the same source. Served over http from 127.0.0.1.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { buildSite, morselBin } = require('./lib/site');
const { launchBrowser } = require('./lib/browser');
const { startServer, stopServer } = require('./lib/server');

const FIXTURE = path.join(__dirname, 'fixtures', 'receipt', 'content');

describe('completion receipts', { timeout: 180_000 }, () => {
  let site;
  let server;
  let browser;
  let dir;
  before(async () => {
    site = buildSite({ content: FIXTURE });
    server = await startServer(site.dir);
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-receipt-'));
  });
  after(async () => {
    if (server) await stopServer(server);
    if (browser) await browser.dispose();
    if (site) site.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(page, rel) {
    await page.goto(server.url + rel);
    await page.locator('body[data-morsel-ready="true"]').waitFor({ state: 'attached' });
  }

  // Chooses option `value` of `question` and presses Check; waits for the verdict.
  async function answer(page, question, value) {
    const form = page.locator(`form[data-morsel-question="${question}"]`);
    await form.locator(`input[value="${value}"]`).check();
    await form.locator('.morsel-check').click();
    await form.locator('[data-morsel-feedback][data-morsel-result]').waitFor();
  }

  async function dashboard(page) {
    await open(page, 'my-learning.html');
    await page.waitForSelector('[data-morsel-dashboard]:not([hidden])');
    await page.locator('[data-morsel-dashboard-course="basics"] progress').waitFor({ state: 'attached' });
  }

  test('My learning downloads a receipt of a passed course, and morsel verify accepts it', async () => {
    const { page, recorder } = await browser.newPage();
    const row = page.locator('[data-morsel-receipt-row="basics"]');
    // Nothing to prove before the course is finished.
    await dashboard(page);
    assert.equal(await row.isHidden(), true, 'no receipt before the course is completed');

    await open(page, 'basics/start/read.html');
    await open(page, 'basics/start/check.html');
    await answer(page, 'screen', '1');
    await answer(page, 'badge', '1');

    await dashboard(page);
    await row.waitFor({ state: 'visible' });
    await page.fill('[data-morsel-receipt-name]', 'Grace Hopper');
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('button').click()]);
    assert.match(download.suggestedFilename(), /^receipt-fixture-basics-receipt-\d{4}-\d\d-\d\d\.json$/);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    assert.match(await page.textContent('[data-morsel-tools-status]'), /^Completion receipt saved to receipt-fixture-basics-receipt-/);

    const receipt = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(receipt.format, 'morsel-receipt');
    assert.equal(receipt.learner.name, 'Grace Hopper');
    assert.equal(Object.keys(receipt.questions).length, 2);
    assert.match(receipt.checksum, /^sha256:[0-9a-f]{64}$/);

    const verified = spawnSync(morselBin(), ['verify', file, '--source', FIXTURE], { encoding: 'utf8' });
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout,
      /: Grace Hopper, basics: PASSED 100% \(pass mark 80%\), content [0-9a-f]+ matches, checksum ok\n$/);

    // The same file edited by hand: no longer a valid pass.
    receipt.progress.percent = 90;
    const edited = path.join(dir, 'edited.json');
    fs.writeFileSync(edited, JSON.stringify(receipt));
    const refused = spawnSync(morselBin(), ['verify', file, edited, '--source', FIXTURE], { encoding: 'utf8' });
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /edited\.json: Grace Hopper, basics: PASSED 100% .*checksum FAILED — not valid: its checksum does not match/);
    recorder.assertClean();
    await page.close();
  });
});
