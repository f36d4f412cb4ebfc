'use strict';
// End-to-end: gamification (issue 15) with an injected clock, in New York's time zone
// across the start of daylight saving time (8 March 2026). The fixture
// (fixtures/gamification) has two courses, Basics (a check, then a lesson to read) and
// Extras (one check), and site.yml badges for completing Basics, a 2-day streak and
// everything, with a reward at level 2 (60 XP).

const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { startClockedSite } = require('./lib/clocked');

const FIXTURE = path.join(__dirname, 'fixtures', 'gamification', 'content');
// 10:00 on Saturday 7 March in New York (EST), and 11:00 the next day (EDT).
const DAY1 = new Date('2026-03-07T15:00:00Z');
const DAY2 = new Date('2026-03-08T15:00:00Z');

describe('gamification', { timeout: 180_000 }, () => {
  let site;
  let server;
  let browser;
  before(async () => {
    site = await startClockedSite(FIXTURE, { timezoneId: 'America/New_York' }, DAY1);
    ({ server, browser } = site);
  });
  after(async () => {
    if (site) await site.close();
  });

  const open = (page, rel) => site.open(page, rel);
  const answer = (page, question, option) => site.answer(page, question, option, 'correct');
  const chip = (page) => page.locator('[data-morsel-xp]');

  test('XP, a level, a badge and a reward are earned once, celebrated, and listed with their dates', async () => {
    const { page, recorder } = await browser.newPage();
    await open(page, 'basics/start/check.html');
    await page.waitForFunction(() => /Level 1 · 0 XP/.test(document.querySelector('[data-morsel-xp]').textContent));

    // A right first answer completes the check: 5 + 10 XP, shown in the header only.
    await answer(page, 'colour', 1);
    await page.waitForFunction(() => /15 XP/.test(document.querySelector('[data-morsel-xp]').textContent));
    assert.equal(await page.locator('[data-morsel-celebration]').count(), 0, 'XP alone is not a celebration');
    // Answering again earns nothing more.
    await page.locator('form[data-morsel-question="colour"] .morsel-check').click();
    await page.waitForTimeout(300);
    assert.match(await chip(page).textContent(), /Level 1 · 15 XP/);

    // Reading the last lesson completes and passes the course: +10 +50 = 75 XP, level 2,
    // the Basics badge and the level's reward, in one card announced politely.
    await open(page, 'basics/start/read.html');
    const card = page.locator('[data-morsel-celebrations] [data-morsel-celebration]');
    await card.filter({ hasText: 'Level 2 reached!' }).waitFor();
    const region = page.locator('[data-morsel-celebrations]');
    assert.equal(await region.getAttribute('role'), 'status');
    assert.equal(await region.getAttribute('aria-live'), 'polite');
    const said = await card.textContent();
    assert.match(said, /Badge earned: Basics done/);
    assert.match(said, /ask the training team for your sticker/);
    assert.match(await chip(page).textContent(), /Level 2 · 75 XP/);
    // It moves only when motion is welcome.
    assert.equal(await card.evaluate((el) => getComputedStyle(el).animationName), 'morsel-pop');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    assert.equal(await card.evaluate((el) => getComputedStyle(el).animationName), 'none');
    // A reward's card stays until the learner closes it; Escape closes it.
    await page.waitForTimeout(300);
    assert.equal(await card.count(), 1);
    await page.keyboard.press('Escape');
    assert.equal(await card.count(), 0);

    // The achievements page: level, streak, the earned badge with its date, locked ones
    // with their rule and progress, the reward, the XP table.
    await open(page, 'badges.html');
    const achievements = page.locator('[data-morsel-achievements]:not([hidden])');
    await achievements.waitFor();
    assert.match(await achievements.locator('[data-morsel-level]').textContent(), /Level 2: 75 XP/);
    assert.match(await achievements.locator('[data-morsel-streak]').textContent(), /1-day streak/);
    const basics = achievements.locator('[data-morsel-badge="basics-done"]');
    assert.match(await basics.getAttribute('class'), /morsel-badge-earned/);
    assert.match(await basics.textContent(), /Earned on March 7, 2026/);
    assert.equal(await basics.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), true);
    const streak = achievements.locator('[data-morsel-badge="two-days"]');
    assert.match(await streak.textContent(), /Learn on 2 days in a row\..*Not earned yet · 1 of 2/s);
    assert.match(await achievements.locator('[data-morsel-badge="everything"]').textContent(), /1 of 2/);
    assert.match(await achievements.locator('[data-morsel-reward="level-2"]').textContent(), /sticker/);
    assert.deepEqual(await achievements.locator('[data-morsel-xp-table] tbody tr').allTextContents(),
      ['Lessons completed220', 'Questions right first time15', 'Reviews done00', 'Courses passed150', 'Total75']);
    recorder.assertClean();
    await page.close();
  });

  test('the next local day, across the change to summer time, continues the streak', async () => {
    await browser.context.clock.setSystemTime(DAY2);
    const { page, recorder } = await browser.newPage();
    await open(page, 'extras/more/second.html');
    await answer(page, 'two', 0);
    const card = page.locator('[data-morsel-celebrations] [data-morsel-celebration]');
    await card.filter({ hasText: 'Everything' }).waitFor();
    assert.match(await card.textContent(), /Badge earned: Two days running/);
    assert.match(await chip(page).textContent(), /Level 2 · 140 XP · 2-day streak/);
    // Not a reward: the card can be closed with its button, and focus stays on the page.
    await card.locator('button').click();
    assert.equal(await card.count(), 0);

    await open(page, 'my-learning.html');
    const summary = page.locator('[data-morsel-achievements-summary]:not([hidden])');
    await summary.waitFor();
    assert.match(await summary.textContent(), /Level 2 · 140 XP · 3 of 3 badges/);
    assert.match(await summary.textContent(), /2-day streak \(longest 2\)/);
    await open(page, 'badges.html');
    await page.locator('[data-morsel-achievements]:not([hidden])').waitFor();
    assert.match(await page.locator('[data-morsel-badge="two-days"]').textContent(), /Earned on March 8, 2026/);
    recorder.assertClean();
    await page.close();
  });

  test('a lesson links to its discussion and shares its address', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const { page, recorder } = await browser.newPage();
    await open(page, 'basics/start/read.html');
    assert.equal(await page.locator('a.morsel-discuss').getAttribute('href'),
      'https://chat.example.com/new?topic=Read%20me&ref=basics%2Fstart%2Fread');
    const share = page.locator('[data-morsel-share]');
    await share.waitFor();
    // Headless Chromium has no share sheet: the copy is what is tested here.
    assert.equal(await page.evaluate(() => typeof navigator.share), 'undefined');
    await share.click();
    await page.waitForFunction(() => document.querySelector('[data-morsel-share]').textContent === 'Link copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), server.url + 'basics/start/read.html');
    recorder.assertClean();
    await page.close();
  });
});
