'use strict';
// End-to-end (issue 17): a whole course by keyboard alone, from the home page's Start to the
// course's completion, through every kind of block (text, a callout, highlighted code, a
// quiz, an audio player's own controls and its transcript, flashcards, a case study). Every
// stop that Tab reaches shows a visible focus indicator, and results are announced through
// live regions. The fixture (fixtures/walk) is copied and given a tone made at run time.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { buildSite } = require('./lib/site');
const { launchBrowser, gotoReady, waitReady, delayModule } = require('./lib/browser');
const { toneWav } = require('./lib/media');
const { axeViolations, assertNoViolations } = require('./lib/axe');

const FIXTURE = path.join(__dirname, 'fixtures', 'walk', 'content');
const MAX_TABS = 150;
const squash = (s) => s.replace(/\s+/g, ' ').trim();

// The focused element, and whether it shows a focus indicator: an outline of at least 2 px
// that is not transparent, or a box shadow.
function focusedStop() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 &&
    !/rgba\(.*, 0\)$|transparent/.test(style.outlineColor);
  const label = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') +
    (el.id ? '#' + el.id : '');
  return { label, visible: outline || style.boxShadow !== 'none' };
}

describe('a whole course, keyboard only', { timeout: 180_000 }, () => {
  let site;
  let browser;
  before(async () => {
    const content = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-walk-'));
    fs.cpSync(FIXTURE, content, { recursive: true });
    fs.writeFileSync(path.join(content, 'c', '01-m', 'tone.wav'), toneWav(1));
    site = buildSite({ content, removeContent: true });
    browser = await launchBrowser();
  });
  after(async () => {
    if (browser) await browser.dispose();
    if (site) site.cleanup();
  });

  test('from Start to the course completed, every focus visible, results announced', async () => {
    const { page, recorder } = await browser.newPage();
    const stops = [];
    // Presses Tab until the focused element matches `selector`, checking every stop on the way.
    const tabTo = async (selector) => {
      for (let i = 0; i < MAX_TABS; i++) {
        if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
        await page.keyboard.press('Tab');
        const stop = await page.evaluate(focusedStop);
        if (stop) stops.push({ page: page.url().split('/').pop(), ...stop });
      }
      assert.fail(`focus never reached ${selector} after ${MAX_TABS} Tab presses`);
    };
    // From the top of the page (the skip link first), so that every stop is passed.
    const fromTop = async () => {
      await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'morsel-skip', 'the skip link comes first');
    };
    const follow = async (selector) => {
      await tabTo(selector);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await page.waitForSelector('body[data-morsel-ready="true"]', { state: 'attached' });
      // The page's own script (path.js) adds the course outline's summary: wait for it, so
      // the stops are the page's whole set.
      await page.waitForSelector('body[data-morsel-path]', { state: 'attached' });
    };
    const check = async (form) => {
      await tabTo(`${form} .morsel-check`);
      await page.keyboard.press('Enter');
      assert.equal(await page.getAttribute(`${form} .morsel-feedback`, 'role'), 'status');
      return squash(await page.textContent(`${form} .morsel-feedback`));
    };
    const done = async (kind) => {
      const region = `[data-morsel-done][data-morsel-done-kind="${kind}"]`;
      await page.waitForSelector(region, { state: 'attached' });
      assert.equal(await page.getAttribute(region, 'role'), 'status', `the ${kind}'s moment is announced`);
      return squash(await page.textContent(region));
    };

    // Home: the course's card, Start.
    await gotoReady(page, site.fileUrl('index.html'));
    await page.waitForSelector('body[data-morsel-path]', { state: 'attached' });
    await fromTop();
    await follow('.morsel-continue a');
    assert.match(page.url(), /c\/m\/read\.html$/);

    // 1. Reading: text, a callout, code; completed by being read. On to the next lesson.
    await fromTop();
    assert.ok(await page.$('pre code .morsel-code-comment'), 'the code is highlighted');
    // Its colours read on the code's background, light and dark.
    for (const colorScheme of ['dark', 'light']) {
      await page.emulateMedia({ colorScheme });
      assertNoViolations(`read.html, ${colorScheme}`, await axeViolations(page));
    }
    await follow('a.morsel-next');

    // 2. A quiz, each question answered and checked from the keyboard.
    await fromTop();
    const q = (id) => `form[data-morsel-question="${id}"]`;
    await tabTo(`${q('pick')} input[type="radio"]`);
    await page.keyboard.press('Space');
    for (let n = 0; n < 2 && !(await page.$eval(`${q('pick')} input[value="1"]`, (i) => i.checked)); n++) {
      await page.keyboard.press('ArrowDown');
    }
    assert.match(await check(q('pick')), /^Correct\./);
    await tabTo(`${q('fill')} .morsel-blank`);
    await page.keyboard.type('24 hours');
    assert.match(await check(q('fill')), /^Correct\./);
    await tabTo(`${q('drop')} select`);
    await page.keyboard.press('Home');
    while ((await page.$eval(`${q('drop')} select`, (s) => s.options[s.selectedIndex].textContent.trim())) !== 'every time') {
      await page.keyboard.press('ArrowDown');
    }
    assert.match(await check(q('drop')), /^Correct\./);
    assert.match(await done('lesson'), /^Lesson completed\./);
    await follow('[data-morsel-done] a');

    // 3. An audio block: the player's own controls play it; the transcript opens.
    await fromTop();
    await tabTo('figure.morsel-media audio');
    const audio = 'figure.morsel-media audio';
    await page.waitForFunction((sel) => document.querySelector(sel).readyState >= 1, audio);
    // Tab lands on the player's play button (its own controls); Space presses it.
    await page.keyboard.press('Space');
    await page.waitForFunction((sel) => !document.querySelector(sel).paused, audio, { timeout: 5_000 });
    await page.keyboard.press('Space');
    assert.equal(await page.$eval(audio, (a) => a.paused), true, 'paused again from the keyboard');
    await tabTo('.morsel-transcript > summary');
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval('details.morsel-transcript', (d) => d.open), true);
    await follow('a.morsel-next');

    // 4. Flashcards turned, and a case study played to a good ending: the course is done.
    await fromTop();
    await tabTo('.morsel-flashcard-front');
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval('.morsel-flashcard-card', (d) => d.open), true, 'the card shows its back');
    const section = 'section.morsel-scenario';
    await tabTo(`${section} [data-morsel-node]:not([hidden]) .morsel-choice[data-morsel-choice="1"]`);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.morselNode), 'checked',
      'focus moves to the new situation');
    assert.equal(await page.getAttribute(`${section} .morsel-feedback`, 'role'), 'status');
    assert.match(await done('course'), /^Course completed\. Well done!/);
    await follow('[data-morsel-done] a');

    // The course page: every lesson completed.
    assert.match(page.url(), /c\/index\.html$/);
    assert.equal(squash(await page.textContent('[data-morsel-course-progress]')), '4 of 4 lessons completed');

    const hidden = stops.filter((s) => !s.visible);
    assert.deepEqual(hidden, [], `every focused element shows it (${stops.length} stops)`);
    assert.ok(stops.length > 40, `a whole course's stops: ${stops.length}`);
    recorder.assertClean('walkthrough');
  });

  // On a slow phone the page shows a second or more before the core is ready: its questions
  // take answers at once. Here the core arrives 2 s late, in a profile of its own.
  test('before the page is ready: Check is there, a Check pressed is answered, a choice is kept', async () => {
    const own = await launchBrowser();
    try {
      const { page, recorder } = await own.newPage();
      await page.addInitScript(delayModule, ['morsel-runtime', 2000]);
      await page.goto(site.fileUrl('c/m/check.html'), { waitUntil: 'domcontentloaded' });
      const q = (id) => `form[data-morsel-question="${id}"]`;
      await page.waitForSelector(`${q('pick')} .morsel-check`, { state: 'visible' });
      await page.check(`${q('pick')} input[value="1"]`);
      await page.click(`${q('pick')} .morsel-check`);
      await page.fill(`${q('fill')} .morsel-blank`, '24 hours');
      assert.equal(await page.getAttribute('body', 'data-morsel-ready'), null, 'all of that before the page was ready');
      await waitReady(page);
      await page.waitForSelector(`${q('pick')} .morsel-feedback[data-morsel-result]`);
      assert.match(squash(await page.textContent(`${q('pick')} .morsel-feedback`)), /^Correct\./, 'the early Check answered');
      assert.equal(await page.$eval(`${q('pick')} input[value="1"]`, (i) => i.checked), true);
      assert.equal(await page.inputValue(`${q('fill')} .morsel-blank`), '24 hours', 'the typed answer is kept');
      await page.click(`${q('fill')} .morsel-check`);
      assert.match(squash(await page.textContent(`${q('fill')} .morsel-feedback`)), /^Correct\./);
      recorder.assertClean('early answers');
    } finally {
      await own.dispose();
    }
  });
});
