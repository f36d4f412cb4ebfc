'use strict';
// End-to-end: the learner's path never leaves them guessing (issue 17). With
// fixtures/path (a course with a pass mark: a check with a single- and a multiple-choice
// question, an attestation, an assessment with no limit of attempts): no score before an
// answer, a score "so far" of what was answered rather than of everything, the option
// chosen wrongly marked in words, "Confirmed." once, no "Try again" after a pass, the
// moment a lesson and the course are completed, and Start → Continue → done on the course
// and home pages. With the demo: no page scrolls sideways at 320 px (WCAG 1.4.10), the "/"
// hint only where there is a keyboard, and course overviews that count their lessons right.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const os = require('node:os');
const { buildSite, listHtmlPages, REPO } = require('./lib/site');
const { chromium } = require('playwright-core');
const { launchBrowser, gotoReady, CHROMIUM_ARGS } = require('./lib/browser');
const { startServer } = require('./lib/server');

const FIXTURE = path.join(__dirname, 'fixtures', 'path', 'content');
const squash = (s) => s.replace(/\s+/g, ' ').trim();

// axe-core (WCAG 2.0/2.1 A and AA) on the page as it is: no violations.
async function assertAxeClean(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js', { paths: [REPO] }), 'utf8'));
  }
  const violations = await page.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'],
  })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, [], label);
}

// The page's own scripts (data-morsel-script="path") start after the progress module loads.
async function gotoPath(page, url) {
  await gotoReady(page, url);
  await page.waitForSelector('body[data-morsel-path]', { state: 'attached' });
}

// Checks `values` of question `id` (radios or checkboxes, nothing else) and presses Check.
async function answer(page, id, values) {
  const form = `form[data-morsel-question="${id}"]`;
  for (const input of await page.$$(`${form} input[type="checkbox"]`)) await input.uncheck();
  for (const value of values) await page.check(`${form} input[value="${value}"]`);
  await page.click(`${form} .morsel-check`);
  await page.waitForSelector(`${form} [data-morsel-feedback][data-morsel-result]`);
  return squash(await page.textContent(`${form} [data-morsel-feedback]`));
}

const marked = (page, id) => page.$$eval(`form[data-morsel-question="${id}"] [data-morsel-answer]`,
  (options) => options.map((o) => [o.querySelector('input').value, o.getAttribute('data-morsel-answer'),
    o.querySelector('[data-morsel-mark]').textContent]));

async function coursePage(page, site) {
  await gotoPath(page, site.fileUrl('c/index.html'));
  return {
    score: squash(await page.textContent('[data-morsel-course-score]')),
    modules: await page.$$eval('[data-morsel-module-score]', (ms) => ms.map((m) => m.textContent)),
    next: squash(await page.textContent('.morsel-continue')),
    href: await page.getAttribute('.morsel-continue a', 'href'),
  };
}

describe('the learner\'s path', { timeout: 180_000 }, () => {
  let site;
  let demo;
  let browser;
  before(async () => {
    site = buildSite({ content: FIXTURE });
    demo = buildSite();
    browser = await launchBrowser();
  });
  after(async () => {
    if (browser) await browser.dispose();
    if (site) site.cleanup();
    if (demo) demo.cleanup();
  });

  test('scores, marks, messages, the moment of completion, Continue', async () => {
    const { page, recorder } = await browser.newPage();

    // Nothing answered: no "Score: 0 %", and the way in is the first lesson.
    let course = await coursePage(page, site);
    assert.equal(course.score, '', 'no score before an answer');
    assert.equal(await page.$eval('[data-morsel-course-score]', (p) => getComputedStyle(p).display), 'none');
    assert.deepEqual(course.modules, ['', '']);
    assert.deepEqual([course.next, course.href], ['Start the course', 'm/one.html']);

    // A wrong answer marks the option chosen, in words; the right one clears it.
    await gotoPath(page, site.fileUrl('c/m/one.html'));
    assert.match(await answer(page, 'q1', [0]), /^Not quite\./);
    assert.deepEqual(await marked(page, 'q1'), [['0', 'wrong', 'Your answer: not right']]);
    assert.match(await answer(page, 'q1', [1]), /^Correct\./);
    assert.deepEqual(await marked(page, 'q1'), [['1', 'correct', 'Right answer']], 'the wrong mark is gone');
    // Multiple choice: only the chosen option that is wrong is marked.
    assert.match(await answer(page, 'q2', [0, 1]), /^Not quite\./);
    assert.deepEqual(await marked(page, 'q2'), [['1', 'wrong', 'Your answer: not right']]);
    assert.equal(await page.textContent('[data-morsel-done]'), '', 'not completed yet');
    assert.match(await answer(page, 'q2', [0, 2]), /^Correct\./);

    // The moment: in a status region at the lesson's end, with the way on.
    await page.waitForSelector('[data-morsel-done] strong');
    assert.equal(await page.getAttribute('[data-morsel-done]', 'role'), 'status');
    assert.equal(squash(await page.textContent('[data-morsel-done]')), 'Lesson completed. Next lesson');
    assert.equal(await page.getAttribute('[data-morsel-done] a', 'href'), 'two.html');
    // A reload shows the lesson as completed without announcing it again.
    await gotoPath(page, site.fileUrl('c/m/one.html'));
    assert.equal(await page.textContent('[data-morsel-done]'), '');

    // Two of four points in the course, both right: 100 % so far, not 25 %.
    course = await coursePage(page, site);
    assert.equal(course.score, 'Score so far: 100% · Pass mark: 70%');
    assert.deepEqual(course.modules, ['Score so far: 100%', '']);
    assert.deepEqual([course.next, course.href], ['Continue the course', 'm/two.html']);
    assert.deepEqual(await page.$eval('.morsel-progress-bar + [data-morsel-course-progress]',
      (p) => [p.previousElementSibling.value, p.previousElementSibling.max, p.textContent]), [1, 3, '1 of 3 lessons completed']);
    await gotoPath(page, site.fileUrl('index.html'));
    assert.equal(squash(await page.textContent('.morsel-card [data-morsel-course-score]')), 'Score so far: 100% · Pass mark: 70%');
    assert.equal(squash(await page.textContent('.morsel-card .morsel-continue')), 'Continue the course');
    assert.equal(await page.getAttribute('.morsel-card .morsel-continue a', 'href'), 'c/m/two.html');

    // An attestation says "Confirmed." once, then the author's own thanks.
    await gotoPath(page, site.fileUrl('c/m/two.html'));
    // The course's progress on the lesson, in words and as a bar.
    assert.match(squash(await page.textContent('[data-morsel-course-bar]')), /^1 of 3 lessons completed · about \d+ min left$/);
    assert.deepEqual(await page.$eval('[data-morsel-course-bar] progress', (p) => [p.value, p.max, p.getAttribute('aria-hidden')]),
      [1, 3, 'true']);
    await page.check('form[data-morsel-question="p1"] [data-morsel-agree]');
    await page.click('form[data-morsel-question="p1"] .morsel-check');
    await page.waitForSelector('form[data-morsel-question="p1"] [data-morsel-feedback][data-morsel-result]');
    assert.equal(squash(await page.textContent('form[data-morsel-question="p1"] [data-morsel-feedback]')),
      'Confirmed. Thank you. Two small habits prevent many leaks.');

    // The assessment: "Try again" after a fail, never after a pass (no limit of attempts).
    await gotoPath(page, site.fileUrl('c/n/three.html'));
    const submit = async (x1, x2) => {
      await page.check(`form[data-morsel-question="x1"] input[value="${x1}"]`);
      await page.check(`form[data-morsel-question="x2"] input[value="${x2}"]`);
      await page.click('.morsel-submit-all');
      await page.waitForSelector('.morsel-results[data-morsel-result]');
      return squash(await page.textContent('.morsel-results'));
    };
    assert.match(await submit(1, 0), /Not passed/);
    assert.equal(await page.$eval('.morsel-retry', (b) => b.hidden), false, 'another attempt offered after a fail');
    assert.deepEqual(await marked(page, 'x1'), [['1', 'wrong', 'Your answer: not right']]);
    await page.click('.morsel-retry');
    assert.match(await submit(0, 1), /Passed/);
    assert.equal(await page.$eval('.morsel-retry', (b) => b.hidden), true, 'no "Try again" after a pass');

    // The course is complete: its moment, with the score and the pass.
    await page.waitForSelector('[data-morsel-done][data-morsel-done-kind="course"]');
    assert.match(squash(await page.textContent('[data-morsel-done]')),
      /^Course completed\. Well done! Score: \d+% · Passed Back to the course$/);
    assert.equal(await page.getAttribute('[data-morsel-done] a', 'href'), '../index.html');

    // The course and home pages say so, and offer the course again rather than "Start".
    course = await coursePage(page, site);
    assert.match(course.score, /^Score: \d+% · Passed$/);
    assert.deepEqual([course.next, course.href], ['You have completed this course. Go through it again', 'm/one.html']);
    await gotoPath(page, site.fileUrl('index.html'));
    assert.equal(squash(await page.textContent('.morsel-card .morsel-continue')),
      'You have completed this course. Go through it again');
    recorder.assertClean();
    await page.close();
  });

  test('a lesson\'s outline and time left; after the course, what is worth another look', async () => {
    const fresh = await launchBrowser();
    const { page, recorder } = await fresh.newPage();
    const outline = () => page.$$eval('details[data-morsel-outline] .morsel-outline-modules > li', (modules) =>
      modules.map((m) => [m.querySelector('.morsel-outline-module').textContent,
        [...m.querySelectorAll('li')].map((li) => [li.querySelector('a').firstChild.textContent,
          li.getAttribute('data-morsel-outline-status'), li.querySelector('a').href,
          li.querySelector('a').getAttribute('aria-current'), li.querySelector('.morsel-visually-hidden').textContent])]));
    await gotoPath(page, site.fileUrl('c/m/one.html'));
    // Folded, opened from the keyboard.
    assert.equal(await page.$eval('details[data-morsel-outline]', (d) => [d.hidden, d.open].join()), 'false,false');
    await page.focus('details[data-morsel-outline] summary');
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval('details[data-morsel-outline]', (d) => d.open), true);
    assert.deepEqual(await outline(), [
      ['First module', [['One', 'in_progress', site.fileUrl('c/m/one.html'), 'page', ' (In progress)'],
        ['Two', 'not_started', site.fileUrl('c/m/two.html'), null, ' (Not started)']]],
      ['Second module', [['Three', 'not_started', site.fileUrl('c/n/three.html'), null, ' (Not started)']]]]);
    const left = squash(await page.textContent('[data-morsel-course-bar]'));
    const minutes = Number((left.match(/^0 of 3 lessons completed · about (\d+) min left$/) || [])[1]);
    assert.ok(minutes >= 3, left);

    // One completed: its mark changes, and the time left shrinks by its minutes.
    for (const [id, values] of [['q1', [1]], ['q2', [0, 2]]]) assert.match(await answer(page, id, values), /^Correct\./);
    await page.waitForSelector('details[data-morsel-outline] li[data-morsel-outline-status="completed"]');
    const after = squash(await page.textContent('[data-morsel-course-bar]'));
    const less = Number((after.match(/^1 of 3 lessons completed · about (\d+) min left$/) || [])[1]);
    assert.ok(less > 0 && less < minutes, `${left} → ${after}`);

    await gotoPath(page, site.fileUrl('c/m/two.html'));
    await page.check('form[data-morsel-question="p1"] [data-morsel-agree]');
    await page.click('form[data-morsel-question="p1"] .morsel-check');
    await page.waitForSelector('form[data-morsel-question="p1"] [data-morsel-feedback][data-morsel-result]');
    // The assessment passed with one answer wrong (pass mark 50 %): the course is passed
    // (75 %), and the lesson with the wrong answer is offered again.
    await gotoPath(page, site.fileUrl('c/n/three.html'));
    await page.check('form[data-morsel-question="x1"] input[value="0"]');
    await page.check('form[data-morsel-question="x2"] input[value="0"]');
    await page.click('.morsel-submit-all');
    await page.waitForSelector('[data-morsel-done][data-morsel-done-kind="course"] .morsel-revisit');
    assert.deepEqual(await page.$$eval('[data-morsel-done] .morsel-revisit > *', (els) => els.map((e) => e.textContent)),
      ['Worth another look: the lessons with answers that were not right', 'Three (50%)']);
    assert.equal(await page.$eval('[data-morsel-done] .morsel-revisit a', (a) => a.href), site.fileUrl('c/n/three.html'));
    assert.equal(squash(await page.textContent('[data-morsel-course-bar]')), '3 of 3 lessons completed');
    recorder.assertClean();
    await fresh.dispose();
  });

  test('the moment of completion in the single file', async () => {
    // A profile of its own: the single file shares its storage with the site's pages.
    const fresh = await launchBrowser();
    const { page, recorder } = await fresh.newPage();
    await gotoPath(page, site.fileUrl('c/c-offline.html') + '#c/m/one');
    for (const [id, values] of [['q1', [1]], ['q2', [0, 2]]]) assert.match(await answer(page, id, values), /^Correct\./);
    await page.waitForSelector('[data-morsel-done="c/m/one"] strong');
    assert.equal(squash(await page.textContent('[data-morsel-done="c/m/one"]')), 'Lesson completed. Next lesson');
    assert.equal(await page.getAttribute('[data-morsel-done="c/m/one"] a', 'href'), '#c/m/two');
    recorder.assertClean();
    await fresh.dispose();
  });

  test('print: the single file is the course on paper, contents first, a lesson a page, no controls', async () => {
    const { page, recorder } = await browser.newPage();
    await gotoReady(page, site.fileUrl('c/c-offline.html'));
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 4, `contents and three lessons, each on pages of its own: ${pages} pages`);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      sections: [...document.querySelectorAll('[data-morsel-page]')].map((s) =>
        [s.getAttribute('data-morsel-page'), getComputedStyle(s).display !== 'none', getComputedStyle(s).breakBefore]),
      contents: [...document.querySelectorAll('[data-morsel-page="course"] .morsel-lessons a')].map((a) => a.textContent),
      controls: [...document.querySelectorAll('input, select, textarea, button')].filter((e) => e.getClientRects().length).length,
      questions: [...document.querySelectorAll('.morsel-option label')].filter((e) => e.getClientRects().length).length,
      header: getComputedStyle(document.querySelector('.morsel-header')).display,
    }));
    assert.deepEqual(printed.sections, [['course', true, 'auto'], ['lesson', true, 'page'], ['lesson', true, 'page'], ['lesson', true, 'page']]);
    assert.deepEqual(printed.contents, ['One', 'Two', 'Three']);
    assert.equal(printed.controls, 0, 'no form control is printed');
    assert.ok(printed.questions >= 7, 'the options are printed as text');
    assert.equal(printed.header, 'none');
    // A lesson page prints as its text too.
    await gotoReady(page, site.fileUrl('c/m/one.html'));
    assert.deepEqual(await page.evaluate(() => ['.morsel-header', '.morsel-pager', '.morsel-check', '.morsel-footer']
      .map((s) => getComputedStyle(document.querySelector(s)).display)), ['none', 'none', 'none', 'none']);
    await page.emulateMedia({ media: 'screen' });
    recorder.assertClean();
    await page.close();
  });

  test('no page of the demo scrolls sideways at 320 px', async () => {
    const { page, recorder } = await browser.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    const wide = [];
    for (const rel of listHtmlPages(demo.dir)) {
      await page.goto(demo.fileUrl(rel));
      await page.waitForSelector('body[data-morsel-ready="true"]', { state: 'attached' }).catch(() => {});
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) wide.push(`${rel}: ${width} px`);
    }
    assert.deepEqual(wide, []);
    recorder.take();
    await page.close();
  });

  test('the "/" hint shows where there is a keyboard, not on a touch screen', async () => {
    const keyboard = await browser.newPage();
    await gotoReady(keyboard.page, demo.fileUrl('index.html'));
    assert.equal(await keyboard.page.getAttribute('#morsel-search-input', 'placeholder'), 'Search');
    assert.notEqual(await keyboard.page.$eval('.morsel-search-key', (k) => getComputedStyle(k).display), 'none');
    // "See all results" is a link from the start (Lighthouse's SEO audit reads it at load).
    assert.equal(await keyboard.page.getAttribute('a.morsel-search-more', 'href'), 'search/index.html?q=');
    await keyboard.page.close();
    const phones = await chromium.launch({ executablePath: process.env.MORSEL_CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const phone = await phones.newContext({ viewport: { width: 375, height: 700 }, hasTouch: true, isMobile: true });
      const page = await phone.newPage();
      await page.goto(demo.fileUrl('index.html'));
      assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'a touch screen');
      assert.equal(await page.$eval('.morsel-search-key', (k) => getComputedStyle(k).display), 'none');
    } finally {
      await phones.close();
    }
  });

  test('light and dark: the system\'s theme, or the learner\'s choice, remembered; print stays light', async () => {
    const { page, recorder } = await browser.newPage();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const pressed = () => page.getAttribute('[data-morsel-theme-toggle]', 'aria-pressed');
    const stored = () => page.evaluate(() => localStorage.getItem('morsel:theme'));
    const WHITE = 'rgb(255, 255, 255)';
    const DARK = 'rgb(20, 23, 28)';
    // In <head>, not deferred: a chosen theme applies before the first paint.
    const html = fs.readFileSync(path.join(demo.dir, 'index.html'), 'utf8');
    assert.match(html.slice(0, html.indexOf('</head>')), /<script src="runtime\/theme\.[0-9a-f]+\.js"><\/script>/);

    await gotoReady(page, demo.fileUrl('index.html'));
    assert.deepEqual([await background(), await pressed()], [WHITE, 'false']);
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await background(), DARK, 'the system\'s dark theme');
    await page.waitForFunction(() => document.querySelector('[data-morsel-theme-toggle]').getAttribute('aria-pressed') === 'true');
    // Light chosen while the system is dark: kept, and on the next page too.
    await page.click('[data-morsel-theme-toggle]');
    assert.deepEqual([await background(), await pressed(), await stored()], [WHITE, 'false', 'light']);
    await gotoReady(page, demo.fileUrl('security-awareness/index.html'));
    assert.deepEqual([await background(), await pressed()], [WHITE, 'false']);
    // Back to the system's own: nothing kept.
    await page.click('[data-morsel-theme-toggle]');
    assert.deepEqual([await background(), await pressed(), await stored()], [DARK, 'true', null]);
    // Dark chosen while the system is light, kept over a reload; print is dark on white.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.click('[data-morsel-theme-toggle]');
    await gotoReady(page, demo.fileUrl('security-awareness/index.html'));
    assert.deepEqual([await background(), await pressed(), await stored()], [DARK, 'true', 'dark']);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(29, 36, 51)');
    await page.emulateMedia({ media: 'screen' });
    // The single file follows the same choice.
    await gotoReady(page, demo.fileUrl('security-awareness/security-awareness-offline.html'));
    assert.deepEqual([await background(), await pressed()], [DARK, 'true']);
    await page.evaluate(() => localStorage.removeItem('morsel:theme'));
    recorder.assertClean();
    await page.close();
  });

  test('Arabic: the UI in Arabic, right to left, mirrored, no sideways scroll, axe-clean', async () => {
    // The demo with `language: ar` (its lessons stay in English).
    const content = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-ar-'));
    fs.cpSync(process.env.MORSEL_CONTENT || path.join(REPO, 'content'), content, { recursive: true });
    const yml = path.join(content, 'site.yml');
    fs.writeFileSync(yml, fs.readFileSync(yml, 'utf8').replace(/^language:.*$/m, '') + '\nlanguage: ar\n');
    const ar = buildSite({ content });
    // Over http: axe reads the stylesheets, which file:// refuses it.
    const server = await startServer(ar.dir);
    ar.fileUrl = (rel) => server.url + rel;
    const { page, recorder } = await browser.newPage();
    try {
      assert.doesNotMatch(ar.log, /missing-strings|unknown-language/);
      await gotoReady(page, ar.fileUrl('index.html'));
      assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir,
        getComputedStyle(document.body).direction]), ['ar', 'rtl', 'rtl']);
      // Mirrored: the brand at the right, a card's button at its right edge.
      const box = (selector) => page.$eval(selector, (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right }; });
      const header = await box('.morsel-header');
      const brand = await box('.morsel-brand');
      assert.ok(brand.right > header.right - 40 && brand.left > (header.left + header.right) / 2, JSON.stringify({ header, brand }));
      const card = await box('.morsel-card');
      const button = await box('.morsel-card .morsel-button');
      assert.ok(card.right - button.right < 30, JSON.stringify({ card, button }));
      assert.equal(await page.textContent('.morsel-card .morsel-button'), 'ابدأ الدورة');
      assert.equal(await page.textContent('[data-morsel-theme-toggle]'), 'المظهر الداكن');
      assert.match(await page.textContent('.morsel-card .morsel-meta'), /^4 وحدات · 16 درسًا/, 'CLDR plurals');
      await assertAxeClean(page, 'home (ar)');

      // A lesson at 320 px: nothing to scroll sideways (the skip link is not pushed off to
      // the left), the breadcrumb runs right to left, the UI strings are Arabic.
      await page.setViewportSize({ width: 320, height: 640 });
      for (const rel of ['index.html', 'security-awareness/index.html', 'security-awareness/phishing/spot-the-hook.html']) {
        await gotoReady(page, ar.fileUrl(rel));
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, rel);
      }
      const crumbs = await page.$$eval('.morsel-breadcrumb li', (items) => items.map((li) => li.getBoundingClientRect().left));
      assert.ok(crumbs[0] > crumbs[1] && crumbs[1] > crumbs[2], `breadcrumb right to left: ${crumbs}`);
      assert.equal(await page.$eval('.morsel-breadcrumb li + li', (li) => getComputedStyle(li, '::before').content), '"‹"');
      assert.equal((await page.textContent('.morsel-check')).trim(), 'تحقّق من الإجابة');
      await page.setViewportSize({ width: 1280, height: 900 });
      await assertAxeClean(page, 'lesson (ar)');
      await gotoReady(page, ar.fileUrl('security-awareness/security-awareness-offline.html'));
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl', 'the single file too');
      recorder.assertClean();
    } finally {
      await page.close();
      await server.close();
      ar.cleanup();
      fs.rmSync(content, { recursive: true, force: true });
    }
  });

  test('a course overview that counts its lessons counts them right', () => {
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
      'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
    const content = process.env.MORSEL_CONTENT || path.join(__dirname, '..', '..', 'content');
    for (const course of fs.readdirSync(content, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const dir = path.join(content, course.name);
      if (!fs.existsSync(path.join(dir, '_index.md'))) continue;
      let lessons = 0;
      for (const module of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
        lessons += fs.readdirSync(path.join(dir, module.name)).filter((f) => f.endsWith('.md') && f !== '_index.md').length;
      }
      const overview = fs.readFileSync(path.join(dir, '_index.md'), 'utf8');
      for (const m of overview.matchAll(/\b(\w+) (?:short )?lessons\b/gi)) {
        const n = words.indexOf(m[1].toLowerCase());
        if (n >= 0) assert.equal(n, lessons, `${course.name}/_index.md says "${m[0]}"; the course has ${lessons}`);
      }
    }
  });
});
