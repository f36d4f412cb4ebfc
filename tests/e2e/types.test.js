'use strict';
// End-to-end: every question type answered wrong, then right, with the keyboard only, over
// file:// (tests/e2e/fixtures/types); results are announced in the live region and come
// back after a reload. The fixture's answers are known here, since typed answers are only
// hashes in the page.

const assert = require('node:assert/strict');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { buildSite } = require('./lib/site');
const { launchBrowser, gotoReady } = require('./lib/browser');

const LESSON = 'c/m/all.html';
const MAX_TABS = 200;

const form = (id) => `form[data-morsel-question="${id}"]`;

// A course page's scores are painted once the progress module has loaded, after the page is
// ready; the page's own script (path.js), loaded after that, marks <body> when it starts.
async function gotoScored(page, url) {
  await gotoReady(page, url);
  await page.waitForSelector('body[data-morsel-path]', { state: 'attached' });
}

// The stored status of `lesson`. A write that finds another tab's (or page's) progress
// stored since this page read it waits for the progress module to merge it first, so the
// status is waited for, not read at once.
async function waitStoredStatus(page, lesson, status) {
  await page.waitForFunction(({ lesson, status }) => {
    const state = JSON.parse(localStorage.getItem('morsel:v1:types-demo:state') || '{}');
    return state.lessons && state.lessons[lesson] && state.lessons[lesson].status === status;
  }, { lesson, status }, { timeout: 10_000 }).catch(() => {});
  return page.evaluate((lesson) => {
    const state = JSON.parse(localStorage.getItem('morsel:v1:types-demo:state') || '{}');
    return state.lessons && state.lessons[lesson] ? state.lessons[lesson].status : null;
  }, lesson);
}

// Presses Tab until the focused element matches `selector` (keyboard only, never a click).
async function tabTo(page, selector) {
  for (let i = 0; i < MAX_TABS; i++) {
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`focus never reached ${selector} after ${MAX_TABS} Tab presses`);
}

async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

// Chooses an option of a focused <select> by moving with the arrow keys to its label.
async function pickOption(page, selector, label) {
  await tabTo(page, selector);
  const labels = await page.$eval(selector, (s) => Array.from(s.options).map((o) => o.textContent.trim()));
  const target = labels.indexOf(label);
  assert.ok(target >= 0, `${selector} has no option '${label}' (has ${labels.join(', ')})`);
  await page.keyboard.press('Home');
  for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.$eval(selector, (s) => s.options[s.selectedIndex].textContent.trim()), label);
}

async function check(page, id) {
  await tabTo(page, `${form(id)} .morsel-check`);
  await page.keyboard.press('Enter');
  const feedback = `${form(id)} .morsel-feedback`;
  assert.equal(await page.getAttribute(feedback, 'role'), 'status', `${id}: feedback is a live region`);
  return (await page.textContent(feedback)).replace(/\s+/g, ' ').trim();
}

// Left item → the <select> on its row.
async function selectOnRow(page, id, rowText) {
  return page.evaluate(({ f, rowText }) => {
    const row = Array.from(document.querySelectorAll(`${f} li`)).find((li) => li.textContent.includes(rowText));
    return row ? `#${row.querySelector('select').id}` : null;
  }, { f: form(id), rowText });
}

describe('every question type, keyboard only', { timeout: 120_000 }, () => {
  let site;
  let browser;
  before(async () => {
    const content = path.join(__dirname, 'fixtures', 'types', 'content');
    site = buildSite({ content });
    browser = await launchBrowser();
  });
  after(async () => {
    if (browser) await browser.dispose();
    if (site) site.cleanup();
  });

  test('wrong then right, announced, restored after reload', async () => {
    const { page, recorder } = await browser.newPage();
    await gotoReady(page, site.fileUrl(LESSON));

    // multiple response, partial credit
    await tabTo(page, `${form('multi')} input[value="0"]`);
    await page.keyboard.press('Space');
    assert.match(await check(page, 'multi'), /^Partly right: 0\.5 of 1 points\./);
    await tabTo(page, `${form('multi')} input[value="1"]`);
    await page.keyboard.press('Space');
    assert.match(await check(page, 'multi'), /^Correct\./);

    // true / false: arrows move within the radio group
    await tabTo(page, `${form('tf')} input[value="0"]`);
    await page.keyboard.press('Space');
    assert.match(await check(page, 'tf'), /^Not quite\. No: both factors matter\./);
    await tabTo(page, `${form('tf')} input[type="radio"]:checked`);
    await page.keyboard.press('ArrowDown');
    assert.match(await check(page, 'tf'), /^Correct\. Right: MFA adds a factor/);

    // fill in the blanks: normalised by the core
    await typeInto(page, `${form('fill')} .morsel-blank[data-morsel-gap="1"]`, 'a week');
    await typeInto(page, `${form('fill')} .morsel-blank[data-morsel-gap="2"]`, 'Security Team!');
    assert.match(await check(page, 'fill'), /^Partly right: 0\.5 of 1 points\./);
    await typeInto(page, `${form('fill')} .morsel-blank[data-morsel-gap="1"]`, '  One   DAY ');
    assert.match(await check(page, 'fill'), /^Correct\./);

    // numeric, decimal comma
    await typeInto(page, `${form('num')} .morsel-number`, 'seventy');
    assert.match(await check(page, 'num'), /^Type a number/);
    await typeInto(page, `${form('num')} .morsel-number`, '48');
    assert.match(await check(page, 'num'), /^Not quite\./);
    await typeInto(page, `${form('num')} .morsel-number`, '72,0');
    assert.match(await check(page, 'num'), /^Correct\./);

    // matching with a distractor
    for (const [left, right] of [['Phishing', 'Fax'], ['Vishing', 'Phone call'], ['Smishing', 'Text message']]) {
      await pickOption(page, await selectOnRow(page, 'match', left), right);
    }
    assert.match(await check(page, 'match'), /^Partly right: 0\.67 of 1 points\./);
    await pickOption(page, await selectOnRow(page, 'match', 'Phishing'), 'Email');
    assert.match(await check(page, 'match'), /^Correct\./);

    // ordering by positions
    for (const [item, position] of [['Contain', '2'], ['Report', '1'], ['Recover', '3']]) {
      await pickOption(page, await selectOnRow(page, 'order', item), position);
    }
    assert.match(await check(page, 'order'), /^Not quite\./);
    await pickOption(page, await selectOnRow(page, 'order', 'Report'), '2');
    assert.match(await check(page, 'order'), /^Use each position once\./);
    await pickOption(page, await selectOnRow(page, 'order', 'Contain'), '1');
    assert.match(await check(page, 'order'), /^Correct\./);

    // dropdown in text
    await pickOption(page, `${form('drop')} select`, 'only at night');
    assert.match(await check(page, 'drop'), /^Not quite\./);
    await pickOption(page, `${form('drop')} select`, 'every time');
    assert.match(await check(page, 'drop'), /^Correct\./);

    // attestation
    assert.match(await check(page, 'attest'), /^Tick the box to confirm\./);
    await tabTo(page, `${form('attest')} .morsel-agree`);
    await page.keyboard.press('Space');
    assert.match(await check(page, 'attest'), /^Confirmed\./);

    // reflection and likert: saved, not graded
    await typeInto(page, `${form('reflect')} textarea`, 'Lock my screen every time.');
    assert.match(await check(page, 'reflect'), /^Saved\./);
    await tabTo(page, `${form('likert')} input[value="0"]`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.match(await check(page, 'likert'), /^Saved\./);
    recorder.assertClean('types lesson after answering');

    await page.reload();
    await page.waitForSelector('body[data-morsel-ready="true"]');
    for (const id of ['multi', 'tf', 'fill', 'num', 'match', 'order', 'drop']) {
      assert.match((await page.textContent(`${form(id)} .morsel-feedback`)).trim(), /^Correct\./, `${id} after reload`);
    }
    assert.match((await page.textContent(`${form('attest')} .morsel-feedback`)).trim(), /^Confirmed\./);
    assert.deepEqual(await page.$$eval(`${form('fill')} .morsel-blank`, (els) => els.map((e) => e.value)),
      ['  One   DAY ', 'Security Team!']);
    assert.equal(await page.inputValue(`${form('reflect')} textarea`), 'Lock my screen every time.');
    assert.equal(await page.$eval(`${form('likert')} input:checked`, (e) => e.value), '2');
    recorder.assertClean('types lesson after reload');
  });

  test('a case study played through two paths, by keyboard, resumed after a reload', async () => {
    const { page, recorder } = await browser.newPage();
    await gotoReady(page, site.fileUrl(LESSON));
    const section = 'section.morsel-scenario';
    const visibleNode = () => page.$eval(section, (s) =>
      Array.from(s.querySelectorAll('[data-morsel-node]')).filter((n) => !n.hidden).map((n) => n.dataset.morselNode));
    const choose = async (label) => {
      const index = await page.$eval(section, (s, label) => {
        const node = Array.from(s.querySelectorAll('[data-morsel-node]')).find((n) => !n.hidden);
        return Array.from(node.querySelectorAll('.morsel-choice')).findIndex((b) => b.textContent.trim() === label);
      }, label);
      assert.ok(index >= 0, `no visible choice '${label}'`);
      await tabTo(page, `${section} [data-morsel-node]:not([hidden]) .morsel-choice[data-morsel-choice="${index}"]`);
      await page.keyboard.press('Enter');
    };
    const feedback = async () => (await page.textContent(`${section} .morsel-feedback`)).replace(/\s+/g, ' ').trim();

    assert.deepEqual(await visibleNode(), ['inbox']);
    await choose('Pay it now');
    assert.deepEqual(await visibleNode(), ['paid']);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.morselNode), 'paid',
      'focus moves to the new situation');
    assert.match(await feedback(), /Urgency plus secrecy is the classic pattern\. Your score: 0 out of 100\./);
    assert.match(await page.textContent(`${section} [data-morsel-node="paid"] .morsel-scenario-outcome`), /Poor outcome/);

    await tabTo(page, `${section} .morsel-restart`);
    await page.keyboard.press('Enter');
    assert.deepEqual(await visibleNode(), ['inbox']);
    await choose('Call the CEO on the number you already have');
    assert.deepEqual(await visibleNode(), ['verify']);
    assert.match(await page.textContent(`${section} .morsel-scenario-path`), /You chose: Call the CEO/);

    await page.reload();
    await page.waitForSelector('body[data-morsel-ready="true"]');
    assert.deepEqual(await visibleNode(), ['verify'], 'the path in progress survives a reload');
    await choose('Report it to security');
    assert.deepEqual(await visibleNode(), ['reported']);
    assert.match(await feedback(), /Your score: 100 out of 100\./);
    // Every graded question right (previous test), reflection and rating answered, and the
    // case study ended well: the lesson is complete.
    assert.equal(await waitStoredStatus(page, 'c/m/all', 'completed'), 'completed');
    const attempts = await page.evaluate(() => {
      const state = JSON.parse(localStorage.getItem('morsel:v1:types-demo:state'));
      return state.questions['c/m/all:invoice/scenario'].attempts.map((a) => [a.correct, a.score]);
    });
    assert.deepEqual(attempts, [[false, 0], [true, 1]]);
    recorder.assertClean('case study');
  });

  test('an attempt limit holds across reloads', async () => {
    const { page, recorder } = await browser.newPage();
    await gotoReady(page, site.fileUrl('c/m/limited.html'));
    const q = form('capital');
    await tabTo(page, `${q} input[value="0"]`);
    await page.keyboard.press('Space');
    assert.match(await check(page, 'capital'), /^Not quite\. 1 attempt left\./);
    await tabTo(page, `${q} input[type="radio"]:checked`);
    await page.keyboard.press('ArrowDown');
    assert.match(await check(page, 'capital'), /^Not quite\. No attempts left\./);
    assert.equal(await page.$eval(`${q} .morsel-check`, (b) => b.disabled), true);
    const marked = () => page.$$eval(`${q} .morsel-option[data-morsel-answer="correct"] input`, (els) => els.map((e) => e.value));
    assert.deepEqual(await marked(), ['2'], 'after the last attempt the right answer is shown');
    await page.reload();
    await page.waitForSelector('body[data-morsel-ready="true"]');
    assert.equal(await page.$eval(`${q} .morsel-check`, (b) => b.disabled), true, 'still locked after reload');
    assert.equal(await page.$eval(`${q} input[value="2"]`, (i) => i.disabled), true);
    assert.deepEqual(await marked(), ['2'], 'and still after a reload');
    recorder.assertClean('attempt limit');
  });

  test('a pool draws the same questions and option order for a learner on every visit', async () => {
    const { page, recorder } = await browser.newPage();
    await gotoReady(page, site.fileUrl('c/m/pool.html'));
    const shown = () => page.$$eval('form[data-morsel-question]:not([hidden])', (forms) => forms.map((f) => ({
      id: f.dataset.morselQuestion,
      options: Array.from(f.querySelectorAll('.morsel-option label')).map((l) => l.textContent.trim()).join(''),
    })));
    const first = await shown();
    assert.equal(first.length, 2, 'two of the four questions are drawn');
    await page.reload();
    await page.waitForSelector('body[data-morsel-ready="true"]');
    assert.deepEqual(await shown(), first, 'the same draw and order after a reload');
    for (const { id } of first) {
      const index = await page.$eval(form(id), (f) => Array.from(f.querySelectorAll('.morsel-option input'))
        .find((i) => i.closest('.morsel-option').textContent.trim() === 'A').value);
      // Tab enters the radio group at its first option; arrows move (and select) within it.
      await tabTo(page, `${form(id)} input[type="radio"]`);
      await page.keyboard.press('Space');
      for (let n = 0; n < 4 && !(await page.$eval(`${form(id)} input[value="${index}"]`, (i) => i.checked)); n++) {
        await page.keyboard.press('ArrowDown');
      }
      assert.match(await check(page, id), /^Correct\./);
    }
    assert.equal(await waitStoredStatus(page, 'c/m/pool', 'completed'), 'completed',
      'answering the drawn questions completes the lesson');
    await gotoScored(page, site.fileUrl('c/index.html'));
    assert.match((await page.textContent('[data-morsel-course-score]')).trim(), /^Score so far: \d+%$/,
      'the course page totals the best scores');
    recorder.assertClean('pool');
  });

  test('an assessment: answer all, submit, results; a new draw for the second attempt', async () => {
    const { page, recorder } = await browser.newPage();
    await gotoReady(page, site.fileUrl('c/m/exam.html'));
    const visible = () => page.$$eval('form[data-morsel-question]:not([hidden])', (forms) =>
      forms.map((f) => f.dataset.morselQuestion));
    const summary = () => page.textContent('.morsel-results').then((t) => t.replace(/\s+/g, ' ').trim());
    const first = await visible();
    assert.equal(first.length, 3, 'three of five questions drawn');
    assert.equal(first.filter((id) => id.startsWith('h')).length, 1, 'one of them hard');
    assert.equal(await page.$$eval('.morsel-check:not([hidden])', (b) => b.length), 0, 'no per-question check');

    // Submitting with nothing answered names what is missing and moves to the first one.
    await tabTo(page, '.morsel-submit-all');
    await page.keyboard.press('Enter');
    assert.match(await summary(), /Unanswered: question 1, question 2, question 3\./);
    assert.equal(await page.evaluate((f) => document.activeElement.closest('form').dataset.morselQuestion, 'x'), first[0]);

    // Everything wrong (B), by keyboard: arrows move within each radio group.
    for (const id of first) {
      await tabTo(page, `${form(id)} input[type="radio"]`);
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.$eval(`${form(id)} input[value="1"]`, (i) => i.checked), true);
    }
    await tabTo(page, '.morsel-submit-all');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.morsel-results[data-morsel-result]');
    assert.equal(await summary(), 'Attempt 1. You scored 0 of 3 points (0%). Not passed: the pass mark is 60%. 1 attempt left.');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'morsel-results', 'focus on the results');
    assert.equal(await page.getAttribute('.morsel-results', 'aria-live'), 'polite');
    for (const id of first) {
      assert.match((await page.textContent(`${form(id)} .morsel-feedback`)).trim(), /^Not quite\./);
      assert.equal(await page.$eval(`${form(id)} input[value="0"]`, (i) => i.disabled), true, 'locked after submit');
    }
    assert.equal(await page.$$eval('[data-morsel-answer="correct"]', (o) => o.length), 0, 'answers not shown yet');

    // A reload shows the same submission, locked, with the retry offered.
    await page.reload();
    await page.waitForSelector('body[data-morsel-ready="true"]');
    assert.deepEqual(await visible(), first);
    assert.match(await summary(), /^Attempt 1\. You scored 0 of 3/);
    assert.equal(await page.$eval(`${form(first[0])} input[value="1"]`, (i) => i.checked && i.disabled), true);

    await tabTo(page, '.morsel-retry');
    await page.keyboard.press('Enter');
    const second = await visible();
    assert.equal(second.length, 3);
    const state = () => page.evaluate(() => JSON.parse(localStorage.getItem('morsel:v1:types-demo:state')));
    for (const id of second) {
      assert.equal(await page.$eval(`${form(id)} input[value="0"]`, (i) => !i.checked && !i.disabled), true, 'cleared');
      await tabTo(page, `${form(id)} input[type="radio"]`);
      await page.keyboard.press('Space');
    }
    await tabTo(page, '.morsel-submit-all');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Attempt 2/.test(document.querySelector('.morsel-results').textContent));
    assert.equal(await summary(), 'Attempt 2. You scored 3 of 3 points (100%). Passed: the pass mark is 60%. No attempts left.');
    assert.equal(await page.$eval('.morsel-retry', (b) => b.hidden), true);
    assert.equal(await page.$$eval('form:not([hidden]) [data-morsel-answer="correct"]', (o) => o.length), 3, 'answers shown');
    const stored = await state();
    assert.equal(stored.lessons['c/m/exam'].status, 'completed');
    assert.equal(stored.quizzes['c/m/exam:quiz-1'].attempts.length, 2);
    assert.equal(stored.quizzes['c/m/exam:quiz-1'].best.passed, true);

    await page.reload();
    await page.waitForSelector('body[data-morsel-ready="true"]');
    assert.deepEqual(await visible(), second, 'the last attempt is shown after a reload');
    assert.match(await summary(), /^Attempt 2\. .*Passed/);
    // The course page counts the best attempt, for the lesson and its module.
    await gotoScored(page, site.fileUrl('c/index.html'));
    assert.equal((await page.textContent('[data-morsel-lesson-score="c/m/exam"]')).trim(), 'Score: 100%');
    assert.match((await page.textContent('[data-morsel-module-score="c/m"]')).trim(), /^Score so far: \d+%$/);
    recorder.assertClean('assessment');
  });
});
