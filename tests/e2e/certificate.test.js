'use strict';
// End-to-end: certificates and recertification (issue 15), with an injected clock in
// Berlin's time zone. The fixture (fixtures/certificate) has one course, Annual compliance
// (a lesson to read and a check of two questions, pass mark 80, `certificate: true`,
// `recertify_after: 12 months`), site.yml's organisation and logo, and a badge for passing.
// A learner passes it, sees the certificate (their name typed once and kept), prints it to
// exactly one page on A4 and Letter, is told a year later that it is due, takes the course
// again and keeps their badge and XP.

const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { startClockedSite } = require('./lib/clocked');

const FIXTURE = path.join(__dirname, 'fixtures', 'certificate', 'content');
// 10:00 on 10 March 2026 in Berlin, and a year later.
const PASS1 = new Date('2026-03-10T09:00:00Z');
const YEAR_LATER = new Date('2027-03-10T09:00:00Z');

// The number of pages of a PDF that Chromium wrote: its page objects.
function pdfPages(buffer) {
  return (buffer.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
}

describe('certificates and recertification', { timeout: 240_000 }, () => {
  let site;
  let browser;
  before(async () => {
    site = await startClockedSite(FIXTURE, { timezoneId: 'Europe/Berlin', locale: 'en-US' }, PASS1);
    ({ browser } = site);
  });
  after(async () => {
    if (site) await site.close();
  });

  const open = (page, rel) => site.open(page, rel);
  const answer = (page, question, option) => site.answer(page, question, option);
  async function passCourse(page) {
    await open(page, 'compliance/start/read.html');
    await open(page, 'compliance/start/check.html');
    await answer(page, 'screen', 1);
    await answer(page, 'badge', 1);
  }
  const status = (page) => page.locator('[data-morsel-certificate-status]');
  const sheet = (page) => page.locator('[data-morsel-certificate-sheet]');

  test('a passed course offers a certificate with the name typed once, printed on one page', async () => {
    const { page, recorder } = await browser.newPage();
    // Before a pass: the certificate page says what to do, and shows no certificate.
    await open(page, 'compliance/certificate.html');
    await page.locator('[data-morsel-certificate-pending]').waitFor({ state: 'visible' });
    assert.equal(await sheet(page).isHidden(), true);
    assert.equal(await page.getAttribute('meta[name="robots"]', 'content'), 'noindex');
    await open(page, 'compliance/index.html');
    await page.waitForTimeout(300);
    assert.equal(await status(page).isHidden(), true, 'nothing to say before a pass');

    // The pass is said on the lesson where it happens, with the way to the certificate.
    await passCourse(page);
    await status(page).waitFor({ state: 'visible' });
    assert.match(await status(page).textContent(), /^Passed on March 10, 2026 with 100 %\. Due again on March 10, 2027\. View your certificate$/);
    assert.equal(await status(page).locator('a').getAttribute('href'), '../certificate.html');

    await open(page, 'compliance/index.html');
    await status(page).waitFor({ state: 'visible' });
    assert.match(await status(page).textContent(), /Due again on March 10, 2027\./);

    await status(page).locator('a').click();
    await page.locator('body[data-morsel-ready="true"]').waitFor({ state: 'attached' });
    await sheet(page).waitFor({ state: 'visible' });
    assert.equal(await page.textContent('[data-morsel-certificate-name]'), '(type your name above)');
    // The name, typed once, is kept in the learner's state.
    await page.fill('[data-morsel-learner-name]', '  Ada Lovelace ');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.querySelector('[data-morsel-certificate-name]').textContent === 'Ada Lovelace');
    assert.match(await page.textContent('[data-morsel-name-status]'), /Saved in this browser: Ada Lovelace\./);
    await open(page, 'compliance/certificate.html');
    await sheet(page).waitFor({ state: 'visible' });
    assert.equal(await page.textContent('[data-morsel-certificate-name]'), 'Ada Lovelace');
    assert.equal(await page.inputValue('[data-morsel-learner-name]'), 'Ada Lovelace');
    const text = (await sheet(page).textContent()).replace(/\s+/g, ' ');
    for (const expected of ['Example Corp Compliance', 'Certificate of completion', 'Annual compliance', 'Score 100 %',
      'March 10, 2026', 'Valid until March 10, 2027', 'Certificate fixture']) {
      assert.ok(text.includes(expected), `the certificate says "${expected}":\n${text}`);
    }
    assert.match(await page.textContent('[data-morsel-certificate-number]'), /^Certificate [0-9A-F]{4}-[0-9A-F]{4}$/);
    assert.ok(await page.$eval('.morsel-certificate-logo', (img) => img.complete && img.naturalWidth > 0), 'the logo loads');

    // Printed: the certificate alone, on exactly one page, A4 or Letter, either way round.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.morsel-header').isVisible(), false, 'no site header in print');
    assert.equal(await page.locator('[data-morsel-certificate-tools]').isVisible(), false, 'no name field in print');
    // (page.pdf prints with the emulated media: print, as a browser's Print does.)
    for (const format of ['A4', 'Letter']) {
      for (const landscape of [false, true]) {
        const pdf = await page.pdf({ format, landscape, printBackground: true });
        assert.equal(pdfPages(pdf), 1, `${format}${landscape ? ' landscape' : ''} prints on one page`);
      }
    }
    await page.emulateMedia({ media: null });
    // My learning has the same name, for receipts too.
    await open(page, 'my-learning.html');
    await page.waitForFunction(() => document.querySelector('[data-morsel-learner-name]').value === 'Ada Lovelace');
    recorder.assertClean();
    await page.close();
  });

  test('a year later the course is due: My learning lists it, a new round keeps the badge and XP', async () => {
    await browser.context.clock.setSystemTime(YEAR_LATER);
    const { page, recorder } = await browser.newPage();
    await open(page, 'my-learning.html');
    const due = page.locator('[data-morsel-due-list]');
    await due.waitFor({ state: 'visible' });
    assert.match(await due.innerText(), /Due again\s+Annual compliance due since March 10, 2027/);
    const card = page.locator('[data-morsel-dashboard-course="compliance"]');
    await card.locator('[data-morsel-certificate-status]').waitFor({ state: 'visible' });
    assert.match(await card.locator('[data-morsel-certificate-status]').textContent(), /^Due again since March 10, 2027: take the course again/);
    await page.waitForFunction(() => /XP/.test(document.querySelector('[data-morsel-xp]').textContent));
    const xpBefore = await page.textContent('[data-morsel-xp]');

    // Starting again asks first, then the lessons start afresh.
    page.once('dialog', (dialog) => dialog.accept());
    await card.locator('[data-morsel-recertify="compliance"]').click();
    await page.waitForFunction(() => /started again/.test(document.querySelector('[data-morsel-dashboard-course="compliance"] [data-morsel-certificate-status]').textContent));
    await page.waitForFunction(() => /0 of 2/.test(document.querySelector('[data-morsel-dashboard-course="compliance"] [data-morsel-course-progress]').textContent));
    assert.equal(await page.textContent('[data-morsel-xp]'), xpBefore, 'XP is kept');

    // The old certificate still shows, due again.
    await open(page, 'compliance/certificate.html');
    await sheet(page).waitFor({ state: 'visible' });
    assert.match(await sheet(page).innerText(), /Due again since March 10, 2027/);
    await open(page, 'badges.html');
    await page.locator('.morsel-badge-earned').first().waitFor({ state: 'attached' });

    // Passing again renews it: due a year later again.
    await passCourse(page);
    await status(page).waitFor({ state: 'visible' });
    await page.waitForFunction(() => /Passed on March 10, 2027/.test(document.querySelector('[data-morsel-certificate-status]').textContent));
    assert.match(await status(page).textContent(), /Due again on March 10, 2028\./);
    const state = await page.evaluate(() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => /state$/.test(k)))));
    assert.equal(state.courses.compliance.history.length, 1);
    assert.equal(state.courses.compliance.passed_on, '2027-03-10');
    await open(page, 'my-learning.html');
    await page.waitForTimeout(500);
    assert.equal(await page.locator('[data-morsel-due-list]').isHidden(), true, 'nothing is due after the new pass');
    recorder.assertClean();
    await page.close();
  });
});
