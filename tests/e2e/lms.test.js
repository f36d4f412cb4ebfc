'use strict';
// End-to-end: a course packaged for an LMS (`morsel package scorm`) inside an LMS (issue 14).
// The LMS is the npm package scorm-again (pinned in package-lock.json), whose SCORM 1.2 and
// 2004 APIs a parent page puts on its window before it launches the package's index.html in
// a frame, as an LMS's player does; every API call is recorded. Served over http from
// 127.0.0.1. The fixture course (fixtures/lms) has a pass mark of 80: a question with two
// attempts, a page of reading and an assessment with two attempts.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { REPO } = require('./lib/site');
const { launchBrowser } = require('./lib/browser');
const { startServer, stopServer } = require('./lib/server');
const { LESSON, unzippedPackage, show, answer, submitExam } = require('./lib/lms-course');

const SCORM_AGAIN = path.join(REPO, 'node_modules', 'scorm-again', 'dist');

// The parent page: builds the LMS's API from the version and the CMI data it is given,
// records each call as [name, ...arguments, result], then launches the package in a frame.
const HARNESS_JS = `
window.calls = [];
window.launch = function (version, cmi) {
  var v12 = version === '1.2';
  var api = v12 ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
  api.loadFromFlattenedJSON(cmi);
  var names = v12 ? ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish']
    : ['Initialize', 'GetValue', 'SetValue', 'Commit', 'Terminate'];
  names.forEach(function (name) {
    var original = api[name].bind(api);
    api[name] = function () {
      var out = original.apply(null, arguments);
      window.calls.push([name].concat(Array.prototype.slice.call(arguments), [String(out)]));
      return out;
    };
  });
  window[v12 ? 'API' : 'API_1484_11'] = api;
  document.getElementById('sco').src = 'package/index.html';
};
window.leave = function () { document.getElementById('sco').src = 'about:blank'; };
`;
const HARNESS_HTML = (version) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="${version === '1.2' ? 'scorm12.min.js' : 'scorm2004.min.js'}"></script><script src="harness.js"></script>
</head><body><iframe id="sco" title="Course" style="width:1100px;height:850px"></iframe></body></html>`;

// One served folder per SCORM version: the harness, scorm-again and the unzipped package.
function servedPackage(version, dir) {
  const root = path.join(dir, 'lms-' + version);
  unzippedPackage(['scorm', '--version', version], dir, path.join(root, 'package'));
  fs.writeFileSync(path.join(root, 'index.html'), HARNESS_HTML(version));
  fs.writeFileSync(path.join(root, 'harness.js'), HARNESS_JS);
  for (const name of ['scorm12.min.js', 'scorm2004.min.js']) fs.copyFileSync(path.join(SCORM_AGAIN, name), path.join(root, name));
  return root;
}

// The value last set for `element`, or undefined.
function lastSet(calls, element) {
  let value;
  for (const c of calls) if (/SetValue$/.test(c[0]) && c[1] === element) value = c[2];
  return value;
}
function indexOfSet(calls, element) {
  return calls.findIndex((c) => /SetValue$/.test(c[0]) && c[1] === element);
}
const count = (calls, name) => calls.filter((c) => c[0] === name).length;

describe('a course packaged for an LMS', { timeout: 240_000 }, () => {
  let dir;
  let browser;
  const servers = {};
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-lms-'));
    for (const version of ['1.2', '2004']) servers[version] = await startServer(servedPackage(version, dir));
    browser = await launchBrowser();
  });
  after(async () => {
    for (const s of Object.values(servers)) await stopServer(s);
    if (browser) await browser.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // Opens the harness, launches the package with `cmi` and waits for the course to be ready.
  async function launch(version, cmi) {
    const { page, recorder } = await browser.newPage();
    await page.goto(servers[version].url);
    await page.evaluate(([v, c]) => window.launch(v, c), [version, cmi]);
    const frame = page.frameLocator('#sco');
    await frame.locator('body[data-morsel-ready="true"]').waitFor({ state: 'attached' });
    return { page, frame, recorder, calls: () => page.evaluate(() => window.calls) };
  }
  async function leave(page) {
    await page.evaluate(() => window.leave());
    await page.waitForFunction(() => window.calls.some((c) => c[0] === 'LMSFinish' || c[0] === 'Terminate'));
    return page.evaluate(() => window.calls);
  }

  test('SCORM 1.2: all right → passed with score 100, score set before status, one session', async () => {
    const { page, frame, recorder } = await launch('1.2', { 'cmi.core.student_id': 'learner-1', 'cmi.core.student_name': 'One, Learner' });
    // Opened: attempted, not yet anything more.
    assert.equal(lastSet(await page.evaluate(() => window.calls), 'cmi.core.lesson_status'), 'incomplete');
    await answer(frame, LESSON.rules, 'exits', 1);
    await show(frame, LESSON.reading);
    await submitExam(frame, { fire: 1, count: 1 });
    const calls = await leave(page);
    assert.equal(count(calls, 'LMSInitialize'), 1);
    assert.equal(count(calls, 'LMSFinish'), 1);
    assert.equal(lastSet(calls, 'cmi.core.lesson_status'), 'passed');
    assert.equal(lastSet(calls, 'cmi.core.score.raw'), '100');
    assert.equal(lastSet(calls, 'cmi.core.score.max'), '100');
    assert.ok(indexOfSet(calls, 'cmi.core.score.raw') < indexOfSet(calls, 'cmi.core.lesson_status'), 'score before status');
    assert.equal(lastSet(calls, 'cmi.core.exit'), '');
    assert.match(lastSet(calls, 'cmi.core.session_time'), /^\d{4}:\d{2}:\d{2}(\.\d{1,2})?$/);
    // One interaction per graded answer: the question and the exam's two.
    assert.equal(lastSet(calls, 'cmi.interactions.0.type'), 'choice');
    assert.equal(lastSet(calls, 'cmi.interactions.0.result'), 'correct');
    assert.equal(lastSet(calls, 'cmi.interactions.0.student_response'), '1');
    assert.ok(lastSet(calls, 'cmi.interactions.2.id'), 'three interactions');
    // Every call the page made was accepted, and a commit followed each graded answer.
    assert.deepEqual(calls.filter((c) => c[c.length - 1] === 'false'), []);
    assert.ok(count(calls, 'LMSCommit') >= 3);
    assert.ok(lastSet(calls, 'cmi.suspend_data').length <= 4096);
    recorder.assertClean();
    await page.close();
  });

  test('SCORM 1.2: leaving mid-course is incomplete and suspended; relaunched, at the same lesson with the answers back', async () => {
    const first = await launch('1.2', { 'cmi.core.student_id': 'learner-2' });
    await answer(first.frame, LESSON.rules, 'exits', 1);
    await show(first.frame, LESSON.reading);
    // Read for a moment (time under a second is not counted, nor is where it was spent).
    await first.page.waitForTimeout(1200);
    const calls = await leave(first.page);
    assert.equal(lastSet(calls, 'cmi.core.lesson_location'), LESSON.reading);
    assert.equal(lastSet(calls, 'cmi.core.lesson_status'), 'incomplete');
    assert.equal(lastSet(calls, 'cmi.core.exit'), 'suspend');
    const data = lastSet(calls, 'cmi.suspend_data');
    assert.ok(data && data.length > 0 && data.length <= 4096, 'suspend_data set');
    assert.ok(!calls.some((c) => c[1] === 'cmi.core.lesson_status' && /passed|failed/.test(c[2])), 'never passed or failed');
    first.recorder.assertClean();
    await first.page.close();

    // What the LMS kept: the state, and the first session's interaction.
    const kept = { 'cmi.core.student_id': 'learner-2', 'cmi.core.entry': 'resume', 'cmi.suspend_data': data };
    for (const c of calls) if (c[0] === 'LMSSetValue' && c[1].startsWith('cmi.interactions.0.')) kept[c[1]] = c[2];
    const again = await launch('1.2', kept);
    // Resumed where the learner was: the reading.
    await again.frame.locator(`[id="${LESSON.reading}"]`).waitFor({ state: 'visible' });
    await show(again.frame, LESSON.rules);
    const form = again.frame.locator(`[id="${LESSON.rules}"] form[data-morsel-question="exits"]`);
    assert.equal(await form.locator('[data-morsel-feedback]').getAttribute('data-morsel-result'), 'correct');
    assert.equal(await form.locator('input[value="1"]').isChecked(), true);
    // Nothing came from or went to this browser's storage.
    assert.equal(await again.frame.locator('body').evaluate((b) => b.ownerDocument.defaultView.localStorage.length), 0);
    // This session's answers are recorded after the first session's, not over it.
    await submitExam(again.frame, { fire: 1, count: 1 });
    const later = await again.calls();
    assert.equal(indexOfSet(later, 'cmi.interactions.0.id'), -1);
    assert.match(lastSet(later, 'cmi.interactions.1.id') || '', /exam.*\/(fire|count)$/);
    assert.match(lastSet(later, 'cmi.interactions.2.id') || '', /exam.*\/(fire|count)$/);
    again.recorder.assertClean();
    await again.page.close();
  });

  test('SCORM 1.2: suspend_data the core cannot read starts afresh, says so, and is replaced', async () => {
    const { page, frame, recorder } = await launch('1.2', {
      'cmi.core.student_id': 'learner-5', 'cmi.core.entry': 'resume', 'cmi.suspend_data': 'not-a-morsel-state',
    });
    const shown = frame.locator('[data-morsel-notice="lms_state_unreadable"]');
    await shown.waitFor();
    assert.match(await shown.textContent(), /could not be read/);
    await answer(frame, LESSON.rules, 'exits', 1);
    const calls = await leave(page);
    assert.notEqual(lastSet(calls, 'cmi.suspend_data'), 'not-a-morsel-state');
    assert.equal(lastSet(calls, 'cmi.core.lesson_status'), 'incomplete');
    recorder.assertClean();
    await page.close();
  });

  test('SCORM 1.2: failed only after the last attempt', async () => {
    const { page, frame, recorder, calls } = await launch('1.2', { 'cmi.core.student_id': 'learner-3' });
    await answer(frame, LESSON.rules, 'exits', 0);
    assert.equal(lastSet(await calls(), 'cmi.core.lesson_status'), 'incomplete');
    await frame.locator(`[id="${LESSON.rules}"] form[data-morsel-question="exits"] .morsel-check`).waitFor();
    await answer(frame, LESSON.rules, 'exits', 2);
    assert.equal(lastSet(await calls(), 'cmi.core.lesson_status'), 'failed');
    const all = await leave(page);
    assert.equal(lastSet(all, 'cmi.core.exit'), '');
    recorder.assertClean();
    await page.close();
  });

  test('SCORM 2004: completion and success apart, scaled score, ISO durations', async () => {
    const { page, frame, recorder } = await launch('2004', { 'cmi.learner_id': 'learner-4' });
    await answer(frame, LESSON.rules, 'exits', 1);
    let calls = await page.evaluate(() => window.calls);
    assert.equal(lastSet(calls, 'cmi.completion_status'), 'incomplete');
    assert.equal(lastSet(calls, 'cmi.success_status'), 'unknown');
    await show(frame, LESSON.reading);
    await submitExam(frame, { fire: 1, count: 1 });
    calls = await leave(page);
    assert.equal(count(calls, 'Initialize'), 1);
    assert.equal(count(calls, 'Terminate'), 1);
    assert.equal(lastSet(calls, 'cmi.completion_status'), 'completed');
    assert.equal(lastSet(calls, 'cmi.success_status'), 'passed');
    assert.equal(lastSet(calls, 'cmi.score.scaled'), '1');
    assert.ok(indexOfSet(calls, 'cmi.score.scaled') < indexOfSet(calls, 'cmi.success_status'), 'score before status');
    assert.match(lastSet(calls, 'cmi.session_time'), /^PT\d+H\d+M[\d.]+S$/);
    assert.equal(lastSet(calls, 'cmi.exit'), 'normal');
    assert.equal(lastSet(calls, 'cmi.interactions.0.learner_response'), '1');
    assert.deepEqual(calls.filter((c) => c[c.length - 1] === 'false'), []);
    recorder.assertClean();
    await page.close();
  });
});
