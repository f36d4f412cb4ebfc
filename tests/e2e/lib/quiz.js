'use strict';
// Page helpers for Morsel quizzes: the answer key, keyboard-only answering, and reading
// back what the page shows. Nothing here clicks: every interaction is a key press.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');

// Upper bound on Tab presses when moving focus somewhere (a lesson has a few dozen stops).
const MAX_TAB_PRESSES = 400;

// THE one place that knows how a page encodes which option is correct. Pages carry each
// question's key sealed (runtime/core/answer_key.h): base64 of the key JSON XORed with a
// SHA-256 keystream derived from "morsel-answer-key:<block id>/<question id>". Anyone can
// recompute it, as this function does — it deters casual peeking, nothing more.
function unseal(blockId, questionId, sealed) {
  if (typeof sealed !== 'string') return sealed;  // a site built with plain_answer_keys
  const key = `morsel-answer-key:${blockId}/${questionId}`;
  const data = Buffer.from(sealed, 'base64');
  const out = Buffer.alloc(data.length);
  for (let block = 0; block * 32 < data.length; block++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(block);
    const stream = crypto.createHash('sha256')
      .update(Buffer.concat([Buffer.from(`morsel-seal\x1f${key}\x1f`, 'utf8'), counter])).digest();
    for (let i = 0; i < 32 && block * 32 + i < data.length; i++) out[block * 32 + i] = data[block * 32 + i] ^ stream[i];
  }
  return JSON.parse(out.toString('utf8'));
}

// Returns, for every quiz block on the page in document order:
//   { blockId, questions: [{ id, type, options: [{ correct, feedbackHtml, feedbackText }],
//                            correctIndex, wrongIndex, key }] }
// (wrongIndex is the first incorrect option, or -1; key is the whole unsealed key.)
async function answerKey(page) {
  const blocks = await page.evaluate(() =>
    Array.from(document.querySelectorAll('section.morsel-quiz')).map((section) =>
      JSON.parse(section.querySelector('script.morsel-block-data').textContent)));
  const htmlToText = (html) => (html || '').replace(/<[^>]*>/g, '').replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ').trim();
  return blocks.map((data) => {
    assert.equal(data.kind, 'quiz', `block ${data.id} should be a quiz`);
    return {
      blockId: data.id,
      kind: data.kind,
      questions: data.questions.map((q) => {
        const key = unseal(data.id, q.id, q.key);
        const options = (key.o || []).map(([correct, feedback]) => ({
          correct: correct === 1, feedbackHtml: feedback || '', feedbackText: htmlToText(feedback),
        }));
        const correct = options.map((o, i) => (o.correct ? i : -1)).filter((i) => i >= 0);
        if (q.type === 'single') {
          assert.equal(correct.length, 1, `single-choice question ${data.id}/${q.id} should have exactly one correct option`);
        }
        return { id: q.id, type: q.type, options, key, correctIndex: correct[0], wrongIndex: options.findIndex((o) => !o.correct) };
      }),
    };
  });
}

// What has focus now, described in terms of the quiz markup.
async function focusInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { kind: 'none' };
    const form = el.closest('form[data-morsel-question]');
    const section = el.closest('section.morsel-quiz');
    return {
      kind: el.matches('input[type="radio"]') ? 'radio'
        : el.matches('button.morsel-check') ? 'check' : 'other',
      tag: el.tagName.toLowerCase(),
      value: el.value === undefined ? null : el.value,
      question: form ? form.getAttribute('data-morsel-question') : null,
      block: section ? section.getAttribute('data-morsel-block') : null,
      text: (el.textContent || '').trim().slice(0, 60),
    };
  });
}

function sameTarget(info, target) {
  return info.kind === target.kind && info.question === target.question &&
    (!target.block || info.block === target.block);
}

// Presses Tab (or Shift+Tab when backwards) until focus is on `target` ({ kind: 'radio' |
// 'check', question, block? }). Fails with the focus path when it is not reached.
async function tabTo(page, target, { backwards = false } = {}) {
  const key = backwards ? 'Shift+Tab' : 'Tab';
  const path = [];
  let info = await focusInfo(page);
  for (let i = 0; i < MAX_TAB_PRESSES && !sameTarget(info, target); i++) {
    await page.keyboard.press(key);
    info = await focusInfo(page);
    path.push(`${info.kind}:${info.tag}${info.question ? '@' + info.question : ''}${info.text ? ' "' + info.text + '"' : ''}`);
    // Wrapped round to the start of the document twice: the target is not reachable.
    if (path.length > 2 && info.kind === 'none' && path.filter((p) => p.startsWith('none')).length > 2) break;
  }
  assert.ok(sameTarget(info, target),
    `could not reach ${target.kind} of question ${target.question} with ${key}; focus went: ` +
    path.slice(-40).join(' -> '));
}

// With focus on a radio of `question`, moves to option `index` with the arrow keys and
// selects it with Space. Asserts that exactly that option ends up checked.
async function chooseWithArrows(page, question, index, optionCount) {
  const info = await focusInfo(page);
  assert.equal(info.kind, 'radio', `focus should be on a radio of ${question}, is on ${JSON.stringify(info)}`);
  assert.equal(info.question, question);
  const current = Number(info.value);
  const presses = ((index - current) % optionCount + optionCount) % optionCount;
  for (let i = 0; i < presses; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  const after = await focusInfo(page);
  assert.equal(Number(after.value), index, `arrow keys should have moved focus to option ${index} of ${question}`);
  assert.equal(await checkedIndex(page, question, info.block), index,
    `option ${index} of ${question} should be checked after Space`);
}

function formSelector(question, block) {
  const scope = block ? `section.morsel-quiz[data-morsel-block="${block}"] ` : '';
  return `${scope}form[data-morsel-question="${question}"]`;
}

async function checkedIndex(page, question, block) {
  return page.$eval(formSelector(question, block), (form) => {
    const checked = form.querySelector('input[type="radio"]:checked');
    return checked ? Number(checked.value) : -1;
  });
}

// Everything a test needs to know about a question's feedback region.
async function feedbackOf(page, question, block) {
  return page.$eval(formSelector(question, block), (form) => {
    const fb = form.querySelector('.morsel-feedback');
    if (!fb) return null;
    const style = getComputedStyle(fb);
    return {
      result: fb.getAttribute('data-morsel-result'),
      text: fb.textContent.replace(/\s+/g, ' ').trim(),
      role: fb.getAttribute('role'),
      ariaLive: fb.getAttribute('aria-live'),
      visible: !fb.hidden && style.display !== 'none' && style.visibility !== 'hidden' &&
        fb.getClientRects().length > 0,
    };
  });
}

// Presses Enter on the focused Check button and waits until the feedback shows a result
// that differs from what it showed before (so a second check is not mistaken for the first).
async function pressCheck(page, question, block) {
  const info = await focusInfo(page);
  assert.ok(info.kind === 'check' && info.question === question,
    `focus should be on the Check button of ${question}, is on ${JSON.stringify(info)}`);
  const sel = `${formSelector(question, block)} .morsel-feedback`;
  // Watch the region so the wait below sees a fresh render, not the previous result.
  await page.$eval(sel, (fb) => {
    fb.__morselRendered = false;
    new MutationObserver((_, obs) => { fb.__morselRendered = true; obs.disconnect(); })
      .observe(fb, { childList: true, subtree: true, characterData: true });
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction((s) => {
    const fb = document.querySelector(s);
    return fb && fb.__morselRendered && fb.hasAttribute('data-morsel-result');
  }, sel);
  return feedbackOf(page, question, block);
}

// Answers `question` with option `index` by keyboard only: Tab (or Shift+Tab) to its radio
// group, arrows + Space to choose, Tab to its Check button, Enter. Returns the feedback.
async function answerByKeyboard(page, { block, question, index, optionCount, backwards = false }) {
  await tabTo(page, { kind: 'radio', question, block }, { backwards });
  await chooseWithArrows(page, question, index, optionCount);
  await tabTo(page, { kind: 'check', question, block });
  return pressCheck(page, question, block);
}

// The storage key of the learner state on this page: morsel:v1:<site id>:state.
async function stateKey(page) {
  const site = await page.getAttribute('body', 'data-morsel-site');
  assert.ok(site, 'body should carry data-morsel-site');
  return `morsel:v1:${site}:state`;
}

async function localStorageEntries(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

module.exports = {
  answerKey,
  unseal,
  focusInfo,
  tabTo,
  chooseWithArrows,
  checkedIndex,
  feedbackOf,
  pressCheck,
  answerByKeyboard,
  stateKey,
  localStorageEntries,
};
