'use strict';
// End-to-end: cmi5 and plain xAPI (issue 14). The LMS and its LRS are tests/e2e/lib/lrs.js
// on 127.0.0.1, another origin than the course (so CORS is exercised): it hands out the
// cmi5 token once, keeps State API documents and records every statement, which these
// tests check for cmi5's order and required fields. The course is the LMS fixture
// (fixtures/lms: pass mark 80, a question with two attempts, a reading, an assessment with
// two attempts), packaged with `morsel package cmi5`, or built as a site whose site.yml
// names the stub as its xAPI endpoint.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { launchBrowser } = require('./lib/browser');
const { startServer, stopServer } = require('./lib/server');
const { startLrs } = require('./lib/lrs');
const { FIXTURE, LESSON, morsel, unzippedPackage, show, answer, submitExam } = require('./lib/lms-course');
const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const PUBLISHER = 'urn:morsel:lms-fixture:safety:au';
const VERB = (s) => s.verb.id.replace('http://adlnet.gov/expapi/verbs/', '');

// Statements of one session (its id in the context), in timestamp order.
function session(lrs, id) {
  return lrs.statements.filter((s) => s.context && s.context.extensions && s.context.extensions[SESSION] === id)
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
}
const categories = (s) => ((s.context.contextActivities || {}).category || []).map((c) => c.id);
const defined = (list) => list.filter((s) => categories(s).includes(CMI5));

// Problems the recorder saw that a test expects: the LRS's 404 for a document not yet
// written and the refusals it was told to make.
function unexpected(problems, allowed) {
  return problems.filter((p) => !allowed.some((re) => re.test(p)));
}
const NOT_YET = [/HTTP 404 .*(activities\/state|agents\/profile)/, /Failed to load resource.*404/];
const REFUSED = [/HTTP 503/, /status of 503/];

describe('cmi5 and xAPI', { timeout: 300_000 }, () => {
  let dir;
  let browser;
  let lrs;
  let course;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-xapi-'));
    lrs = await startLrs();
    const root = unzippedPackage(['cmi5'], dir, path.join(dir, 'cmi5'));
    // The LMS's page a learner returns to (LMS.LaunchData's returnURL).
    fs.writeFileSync(path.join(root, 'back.html'), '<!doctype html><title>LMS</title><p>Back in the LMS.');
    course = await startServer(root);
    browser = await launchBrowser();
  });
  after(async () => {
    if (course) await stopServer(course);
    if (lrs) await lrs.stop();
    if (browser) await browser.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // What an LMS does before it launches an AU (cmi5 §10): the launch data, then the URL.
  let launches = 0;
  function prepare(learner, registration, launchData) {
    launches++;
    const actor = { objectType: 'Agent', account: { homePage: 'https://lms.example', name: learner } };
    const activityId = 'https://lms.example/au/' + registration;
    const sessionId = 'session-' + launches;
    lrs.setState({ activityId, agent: actor, registration, stateId: 'LMS.LaunchData' }, Object.assign({
      contextTemplate: { contextActivities: { grouping: [{ id: PUBLISHER }] }, extensions: { [SESSION]: sessionId } },
      launchMode: 'Normal', masteryScore: 0.8, moveOn: 'CompletedAndPassed',
    }, launchData || {}));
    const query = new URLSearchParams({
      endpoint: lrs.endpoint, fetch: lrs.fetchUrl('token-' + launches), actor: JSON.stringify(actor), registration, activityId,
    });
    return { url: `${course.url}index.html?${query}`, actor, activityId, sessionId, registration };
  }
  async function launch(learner, registration, launchData) {
    const au = prepare(learner, registration, launchData);
    const { page, recorder } = await browser.newPage();
    await page.goto(au.url);
    await page.locator('body[data-morsel-ready="true"]').waitFor({ state: 'attached' });
    return Object.assign(au, { page, recorder });
  }
  async function until(predicate, what) {
    const start = Date.now();
    while (!predicate()) {
      if (Date.now() - start > 20_000) throw new Error('timed out waiting for ' + what);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  // The learner leaves: the page goes, and its last statement arrives.
  async function leave(au, allowed = NOT_YET) {
    await au.page.goto('about:blank');
    await until(() => session(lrs, au.sessionId).some((s) => VERB(s) === 'terminated'), 'terminated');
    const problems = unexpected(au.recorder.take(), allowed);
    assert.deepEqual(problems, []);
    await au.page.close();
    return session(lrs, au.sessionId);
  }

  // The rules of cmi5 §9 every session keeps.
  function assertSession(list, au) {
    assert.equal(VERB(list[0]), 'initialized', 'initialized first');
    assert.equal(VERB(list[list.length - 1]), 'terminated', 'terminated last');
    const verbs = defined(list).map(VERB);
    assert.equal(new Set(verbs).size, verbs.length, `no cmi5 verb twice in a session: ${verbs}`);
    assert.ok(!(verbs.includes('passed') && verbs.includes('failed')), 'passed or failed, not both');
    for (const s of list) {
      assert.deepEqual(s.actor, au.actor);
      assert.equal(s.context.registration, au.registration);
      assert.ok(s.context.contextActivities.grouping.some((g) => g.id === PUBLISHER), 'the publisher id kept');
      const moveOn = categories(s).includes(MOVEON);
      const r = s.result || {};
      if (categories(s).includes(CMI5)) {
        assert.equal(s.object.id, au.activityId);
        assert.equal(moveOn, 'success' in r || 'completion' in r, `moveon category on ${VERB(s)}`);
        if (!['passed', 'failed'].includes(VERB(s))) assert.equal(r.score, undefined, `no score on ${VERB(s)}`);
        if (['completed', 'passed', 'failed', 'terminated'].includes(VERB(s))) assert.match(r.duration || '', /^PT\d+H\d+M[\d.]+S$/);
      } else {
        assert.equal(VERB(s), 'answered');
        assert.ok(s.object.id.startsWith(au.activityId + '/'), s.object.id);
        assert.equal(moveOn, false);
      }
    }
  }

  test('cmi5: launched, answered and passed: initialized → answered → completed → passed → terminated; Exit returns to the LMS', async () => {
    const au = await launch('learner-1', '11111111-1111-4111-8111-111111111111', { returnURL: `${course.url}back.html` });
    await until(() => session(lrs, au.sessionId).length === 1, 'initialized');
    await answer(au.page, LESSON.rules, 'exits', 1);
    await show(au.page, LESSON.reading);
    await submitExam(au.page, { fire: 1, count: 1 });
    await until(() => session(lrs, au.sessionId).some((s) => VERB(s) === 'passed'), 'passed');
    // Nothing of the learner's in this browser's storage.
    assert.equal(await au.page.evaluate(() => localStorage.length), 0);
    // The learner exits: terminated, and back to the LMS's page.
    await au.page.getByRole('button', { name: 'Exit the course' }).click();
    await au.page.waitForURL(`${course.url}back.html`);
    const list = await leave(au);
    assertSession(list, au);
    assert.deepEqual(defined(list).map(VERB), ['initialized', 'completed', 'passed', 'terminated']);
    assert.equal(list.filter((s) => VERB(s) === 'answered').length, 3);
    const passed = list.find((s) => VERB(s) === 'passed');
    assert.deepEqual(passed.result.score, { scaled: 1, raw: 100, min: 0, max: 100 });
    assert.equal(passed.result.success, true);
    assert.equal(passed.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore'], 0.8);
    const completed = list.find((s) => VERB(s) === 'completed');
    assert.equal(completed.result.completion, true);
    assert.equal(completed.result.success, undefined);
    const first = list.find((s) => VERB(s) === 'answered');
    assert.equal(first.result.success, true);
    assert.equal(first.result.response, '1');
    assert.equal(first.object.definition.interactionType, 'choice');
    // The token was asked for once.
    assert.equal(lrs.requests.filter(([m, p]) => p === '/fetch/token-' + 1).length, 1);
    assert.deepEqual(lrs.problems, []);
  });

  test('cmi5: left mid-course, relaunched: at the same lesson, the answers back, each verb once per registration', async () => {
    const registration = '22222222-2222-4222-8222-222222222222';
    const first = await launch('learner-2', registration);
    await answer(first.page, LESSON.rules, 'exits', 1);
    await show(first.page, LESSON.reading);
    // Read for a moment (time under a second is not counted, nor is where it was spent).
    await first.page.waitForTimeout(1200);
    let list = await leave(first);
    assertSession(list, first);
    assert.deepEqual(defined(list).map(VERB), ['initialized', 'terminated'], 'never completed, passed or failed for leaving');

    const again = await launch('learner-2', registration);
    // Resumed where the learner was: the reading.
    await again.page.locator(`[id="${LESSON.reading}"]`).waitFor({ state: 'visible' });
    await show(again.page, LESSON.rules);
    const form = again.page.locator(`[id="${LESSON.rules}"] form[data-morsel-question="exits"]`);
    assert.equal(await form.locator('[data-morsel-feedback]').getAttribute('data-morsel-result'), 'correct');
    await submitExam(again.page, { fire: 1, count: 1 });
    list = await leave(again);
    assertSession(list, again);
    assert.deepEqual(defined(list).map(VERB), ['initialized', 'completed', 'passed', 'terminated']);

    const third = await launch('learner-2', registration);
    list = await leave(third);
    assert.deepEqual(defined(list).map(VERB), ['initialized', 'terminated'], 'completed and passed once per registration');
    assert.deepEqual(lrs.problems, []);
  });

  test('cmi5: failed only after the last attempt; Browse mode sends no verdict', async () => {
    const au = await launch('learner-3', '33333333-3333-4333-8333-333333333333');
    await answer(au.page, LESSON.rules, 'exits', 0);
    await au.page.locator(`[id="${LESSON.rules}"] form[data-morsel-question="exits"] .morsel-check`).waitFor();
    assert.ok(!session(lrs, au.sessionId).some((s) => VERB(s) === 'failed'), 'not failed with an attempt left');
    await answer(au.page, LESSON.rules, 'exits', 2);
    await until(() => session(lrs, au.sessionId).some((s) => VERB(s) === 'failed'), 'failed');
    const list = await leave(au);
    assertSession(list, au);
    const failed = list.find((s) => VERB(s) === 'failed');
    assert.equal(failed.result.success, false);
    assert.ok(failed.result.score.scaled < 0.8);

    const browse = await launch('learner-4', '44444444-4444-4444-8444-444444444444', { launchMode: 'Browse' });
    await answer(browse.page, LESSON.rules, 'exits', 1);
    await show(browse.page, LESSON.reading);
    await submitExam(browse.page, { fire: 1, count: 1 });
    const browsed = await leave(browse);
    assert.deepEqual(defined(browsed).map(VERB), ['initialized', 'terminated']);
  });

  test('cmi5: statements the LRS refuses wait in order and arrive; a used fetch URL or a broken launch is told to the learner', async () => {
    lrs.refuseNext(2);
    const au = await launch('learner-5', '55555555-5555-4555-8555-555555555555');
    await answer(au.page, LESSON.rules, 'exits', 1);
    await until(() => session(lrs, au.sessionId).length >= 2, 'initialized and answered after the refusals');
    assert.equal(lrs.refused, 2);
    const list = await leave(au, NOT_YET.concat(REFUSED));
    assertSession(list, au);
    assert.equal(new Set(list.map((s) => s.id)).size, list.length, 'each statement once');

    // The same fetch URL again (a reload the LMS did not make): no token, and the learner hears it.
    const reused = await browser.newPage();
    await reused.page.goto(au.url);
    await reused.page.locator('[data-morsel-notice="lms_unreachable"]').waitFor();
    assert.ok(!session(lrs, au.sessionId).slice(list.length).length, 'nothing sent without a token');
    await reused.page.close();

    // A launch URL with a broken actor: the learner hears it, and this browser keeps nothing.
    const broken = await browser.newPage();
    const url = new URL(au.url);
    url.searchParams.set('actor', '{not json');
    await broken.page.goto(url.href);
    await broken.page.locator('[data-morsel-notice="lms_unreachable"]').waitFor();
    await answer(broken.page, LESSON.rules, 'exits', 1);
    assert.equal(await broken.page.evaluate(() => localStorage.length), 0);
    broken.recorder.assertClean();
    await broken.page.close();
  });

  // A site (not a package) whose site.yml names the LRS; the learner's link carries the
  // credentials in xAPI's launch convention (auth, actor, registration).
  async function plainSite(withEndpoint) {
    const content = path.join(dir, withEndpoint ? 'plain-content' : 'bare-content');
    fs.cpSync(FIXTURE, content, { recursive: true });
    if (withEndpoint) fs.appendFileSync(path.join(content, 'site.yml'), `xapi:\n  endpoint: ${lrs.endpoint}\n`);
    const out = path.join(dir, withEndpoint ? 'plain-site' : 'bare-site');
    morsel(['build', content, '--out', out]);
    return startServer(out);
  }
  const ACTOR = { objectType: 'Agent', account: { homePage: 'https://hr.example', name: 'employee-7' } };
  function link(server, page, token) {
    const query = new URLSearchParams({ auth: 'Basic ' + token, actor: JSON.stringify(ACTOR), registration: '77777777-7777-4777-8777-777777777777' });
    return `${server.url}${page}?${query}`;
  }
  const mine = () => lrs.statements.filter((s) => s.actor.account && s.actor.account.name === 'employee-7');

  test('xAPI: a site with an LRS sends answers and completions; refused sends wait in localStorage for the next page', async () => {
    const site = await plainSite(true);
    try {
      lrs.addToken('plain-key');
      const { page, recorder } = await browser.newPage();
      await page.goto(link(site, 'safety/basics/rules.html', 'plain-key'));
      await page.locator('body[data-morsel-ready="true"]').waitFor({ state: 'attached' });
      // The credentials left the address at once.
      assert.equal(new URL(page.url()).search, '');
      const form = page.locator('form[data-morsel-question="exits"]');
      await form.locator('input[value="1"]').check();
      await form.locator('.morsel-check').click();
      await until(() => mine().some((s) => VERB(s) === 'answered'), 'answered');
      const answered = mine().find((s) => VERB(s) === 'answered');
      assert.match(answered.object.id, /^urn:morsel:lms-fixture:safety\/basics\/rules:[^/]+\/exits$/);
      assert.equal(answered.result.success, true);
      assert.equal(answered.result.response, '1');
      assert.equal(answered.context.registration, '77777777-7777-4777-8777-777777777777');
      assert.equal(answered.context.contextActivities.grouping[0].id, 'urn:morsel:lms-fixture:safety');

      // The LRS goes away: the next answers wait in this browser, and the next page sends them.
      lrs.refuseNext(1000);
      await page.goto(`${site.url}safety/basics/exam.html`);
      await page.locator('body[data-morsel-ready="true"]').waitFor({ state: 'attached' });
      for (const [question, n] of Object.entries({ fire: 1, count: 1 })) {
        await page.locator(`form[data-morsel-question="${question}"] input[value="${n}"]`).check();
      }
      await page.locator('[data-morsel-submit-all]').click();
      await page.locator('[data-morsel-results][data-morsel-result]').waitFor();
      await until(() => lrs.refused >= 3, 'refused sends');
      const queued = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('morsel-xapi:')).map((k) => JSON.parse(localStorage.getItem(k)).length));
      assert.ok(queued.length === 1 && queued[0] >= 2, `queued: ${queued}`);
      const before = mine().length;
      lrs.refuseNext(0);
      await page.goto(`${site.url}safety/basics/reading.html`);
      await until(() => mine().some((s) => VERB(s) === 'passed'), 'passed, after the refusals');
      const verbs = mine().slice(before).map(VERB);
      assert.deepEqual(verbs.filter((v) => v === 'answered').length, 2, verbs.join());
      assert.ok(verbs.includes('completed'), verbs.join());
      assert.equal(new Set(mine().map((s) => s.id)).size, mine().length, 'each statement once');
      await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('morsel-xapi:') && k.includes(':queue:')));
      assert.deepEqual(unexpected(recorder.take(), REFUSED), []);
      await page.close();
    } finally {
      await stopServer(site);
    }
  });

  test('xAPI: nothing is sent without an endpoint in site.yml, whatever the link says', async () => {
    const site = await plainSite(false);
    try {
      const count = lrs.requests.length;
      const { page, recorder } = await browser.newPage();
      await page.goto(link(site, 'safety/basics/rules.html', 'plain-key') + '&endpoint=' + encodeURIComponent(lrs.endpoint));
      await page.locator('body[data-morsel-ready="true"]').waitFor({ state: 'attached' });
      const form = page.locator('form[data-morsel-question="exits"]');
      await form.locator('input[value="1"]').check();
      await form.locator('.morsel-check').click();
      await form.locator('[data-morsel-feedback][data-morsel-result]').waitFor();
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(lrs.requests.length, count);
      recorder.assertClean();
      await page.close();
    } finally {
      await stopServer(site);
    }
  });
});
