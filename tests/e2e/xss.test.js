'use strict';
// Content is untrusted HTML (issue 13): a site whose every authored text carries an XSS
// corpus — script tags, event handlers, javascript: URLs in raw HTML, an SVG with a script,
// broken attribute quoting, <noscript> and srcdoc tricks, template delimiters — in site.yml,
// in front matter, in lesson bodies and in every text field of every question type and of a
// case study. Every page (and the single-file edition) is opened over http and over
// file://, questions are answered so feedback is painted, My learning shows the activity,
// and search shows results for a word of the payloads and for a hostile query. Any
// dialog, console error, page error, failed request, CSP violation or payload run
// (`window.__xss = …`, `alert(…)`) fails. Then: Markdown links to javascript:, vbscript:
// and data: URLs are refused by `morsel check`, with raw HTML on as off; and with
// `raw_html: true` the Content-Security-Policy keeps the author's raw scripts from running.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { buildSite, listHtmlPages, morselBin } = require('./lib/site');
const { startServer } = require('./lib/server');
const { launchBrowser, gotoReady } = require('./lib/browser');

const TEST_TIMEOUT_MS = 120_000;
// A word every payload carries, so search finds the pages that hold them.
const CANARY = 'canary';

// Each payload sets window.__xss (or calls alert) if it ever runs. None contains '|', '['
// or ']', which the gap syntax of fill_blanks and dropdown texts would read.
const PAYLOADS = [
  '<script>window.__xss="script";alert(1)</script>',
  '<img src=x onerror="window.__xss=\'onerror\';alert(2)">',
  '<svg onload="window.__xss=\'svg\'"><script>window.__xss="svg-script"</script></svg>',
  '"><script>window.__xss="quote"</script><b title="',
  '\' onmouseover=\'window.__xss="single-quote"\' autofocus onfocus=\'window.__xss="focus"\' x=\'',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=\'noscript\'>"></noscript>',
  '<iframe srcdoc="<script>parent.__xss=\'srcdoc\'</script>"></iframe>',
  '<a href="javascript:window.__xss=\'href\'" id="xss-link">click</a>',
  '</script><script>window.__xss="close-script"</script><!--<script>',
  '{{site.title}} {{{page.title}}} {{#site}}{{/site}} {{>layout}} {{=<% %>=}}',
  `javascript:window.__xss='text' ${CANARY}`,
];
const PAYLOAD = PAYLOADS.join(' ');
// A YAML scalar holding `text` (a JSON string is a YAML double-quoted scalar).
const y = (text) => JSON.stringify(text);
const p = (label) => y(`${label} ${PAYLOAD}`);

const CLEAN_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>\n';
const EVIL_SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=\'svg-file\'">' +
  '<script>window.__xss="svg-file-script";alert(3)</script><rect width="10" height="10"/></svg>\n';

// Every question type, a text field of each holding the payloads.
function quizBlock() {
  const options = (label) => [
    `      - text: ${p(`${label} right`)}`,
    '        correct: true',
    `        feedback: ${p(`${label} right feedback`)}`,
    `      - text: ${p(`${label} wrong`)}`,
    `        feedback: ${p(`${label} wrong feedback`)}`,
  ].join('\n');
  const common = (label) => [
    `    prompt: ${p(`${label} prompt`)}`,
    `    hint: ${p(`${label} hint`)}`,
    `    explanation: ${p(`${label} explanation`)}`,
  ].join('\n');
  return [
    '```quiz',
    'id: every-type',
    'show_answers: always',
    'questions:',
    '  - id: single',
    common('single'),
    '    options:',
    options('single'),
    '  - id: multi',
    '    type: multiple',
    common('multiple'),
    '    options:',
    options('multiple'),
    '  - id: tf',
    '    type: true_false',
    common('true_false'),
    '    answer: false',
    `    feedback_true: ${p('feedback_true')}`,
    `    feedback_false: ${p('feedback_false')}`,
    '  - id: fill',
    '    type: fill_blanks',
    common('fill_blanks'),
    `    feedback_correct: ${p('fill feedback_correct')}`,
    `    feedback_incorrect: ${p('fill feedback_incorrect')}`,
    `    text: ${y(`Before ${PAYLOAD} [[answer]] after ${PAYLOAD}`)}`,
    '  - id: num',
    '    type: numeric',
    common('numeric'),
    '    answer: 72',
    `    unit: ${p('unit')}`,
    `    feedback_incorrect: ${p('numeric feedback_incorrect')}`,
    '  - id: match',
    '    type: matching',
    common('matching'),
    '    pairs:',
    `      - { left: ${p('left one')}, right: ${p('right one')} }`,
    `      - { left: ${p('left two')}, right: ${p('right two')} }`,
    `    distractors: [${p('distractor')}]`,
    `    feedback_incorrect: ${p('matching feedback_incorrect')}`,
    '  - id: order',
    '    type: ordering',
    common('ordering'),
    `    items: [${p('first')}, ${p('second')}, ${p('third')}]`,
    '  - id: drop',
    '    type: dropdown',
    common('dropdown'),
    `    text: ${y(`Choose ${PAYLOAD} [[*<b onmouseover=window.__xss=1>right</b>|<img src=x onerror=window.__xss=1>]] end`)}`,
    '  - id: attest',
    '    type: attestation',
    common('attestation'),
    '  - id: reflect',
    '    type: reflection',
    common('reflection'),
    '  - id: poll',
    '    type: poll',
    common('poll'),
    '    options:',
    `      - text: ${p('poll one')}`,
    `      - text: ${p('poll two')}`,
    '  - id: likert',
    '    type: likert',
    common('likert'),
    `    scale: [${p('low')}, ${p('high')}]`,
    '```',
  ].join('\n');
}

function scenarioBlock() {
  return [
    '```scenario',
    'id: case',
    `title: ${p('case title')}`,
    'nodes:',
    '  - id: start',
    `    text: ${p('situation')}`,
    '    choices:',
    `      - text: ${p('choice good')}`,
    '        goto: good',
    `        feedback: ${p('choice good feedback')}`,
    `      - text: ${p('choice poor')}`,
    '        goto: poor',
    `        feedback: ${p('choice poor feedback')}`,
    '  - id: good',
    `    text: ${p('good ending')}`,
    '    ending: true',
    '    outcome: good',
    '  - id: poor',
    `    text: ${p('poor ending')}`,
    '    ending: true',
    '    outcome: poor',
    '```',
  ].join('\n');
}

// Front matter with the payloads in every text key `keys` names, lists for `lists`.
function frontMatter(keys, lists = []) {
  const lines = keys.map((k) => `${k}: ${p(k)}`);
  for (const k of lists) lines.push(`${k}: [${p(k)}]`);
  return `---\n${lines.join('\n')}\n---\n`;
}

// The payloads as Markdown a lesson body can hold, with the SVG linked and shown.
function body(label, svg) {
  return [
    `# ${label} ${PAYLOAD}`,
    '',
    `${label}: ${PAYLOAD}`,
    '',
    PAYLOADS.join('\n\n'),
    '',
    '<div onclick="window.__xss=\'div\'">',
    '<script>window.__xss="block"</script>',
    '</div>',
    '',
    `[a link with a quoting title](https://example.com/ "x\\" onmouseover=\\"window.__xss='title'"), ` +
      `[the SVG](${svg}) and ![the SVG](${svg})`,
    '',
    '```html',
    PAYLOAD,
    '```',
    '',
    `| ${PAYLOAD.replace(/\|/g, '')} | cell |`,
    '| --- | --- |',
    `| <img src=x onerror=window.__xss='table'> | ${CANARY} |`,
    '',
  ].join('\n');
}

// The corpus site's content folder, under `dir`. `siteExtra` is appended to site.yml.
function writeCorpus(dir, siteExtra = '') {
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('site.yml', [
    `title: ${p('site title')}`,
    'id: xss-corpus',
    `description: ${p('site description')}`,
    `organization: ${p('organization')}`,
    'footer_links:',
    `  - { title: ${p('footer')}, url: ${y('https://example.com/?q="><script>window.__xss="footer-url"</script>')} }`,
    `  - { title: ${p('footer relative')}, url: ${y('c/index.html?"onmouseover="window.__xss=1')} }`,
    siteExtra,
  ].join('\n') + '\n');
  write('_index.md', frontMatter(['title', 'description']) + body('home', 'c/m/picture.svg'));
  write('c/_index.md', frontMatter(['title', 'description', 'audience'], ['objectives']) + body('course', 'm/picture.svg'));
  write('c/m/_index.md', frontMatter(['title', 'description']) + body('module', 'picture.svg'));
  write('c/m/01-blocks.md', frontMatter(['title', 'description'], ['objectives']) +
    body('blocks', 'picture.svg') + '\n' + quizBlock() + '\n\n' + scenarioBlock() + '\n');
  write('c/m/02-text.md', frontMatter(['title', 'description'], ['objectives']) + body('text', 'picture.svg'));
  // The pages link a clean SVG: a scripted one is refused at build time (its own test).
  write('c/m/picture.svg', CLEAN_SVG);
}

// Records, from the start of every document of `context`: payload runs (window.__xss
// set, alert/confirm/prompt called) and CSP violations.
async function watchPayloads(context) {
  await context.addInitScript(() => {
    // A frame's runs go to its top page's list, the one the test reads.
    let hits = [];
    try {
      if (window.top !== window && window.top.__xssHits) hits = window.top.__xssHits;
    } catch { /* a frame of another origin keeps its own */ }
    window.__xssHits = hits;
    window.__cspViolations = window.__cspViolations || [];
    for (const name of ['alert', 'confirm', 'prompt']) {
      window[name] = (...args) => { hits.push(`${name}(${args.join(',')})`); };
    }
    Object.defineProperty(window, '__xss', {
      configurable: true,
      get() { return undefined; },
      set(value) { hits.push(`__xss=${value} at ${location.href}`); },
    });
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

// A page of a fresh browser whose dialogs are recorded (and dismissed).
async function corpusPage(browser) {
  const { page, recorder } = await browser.newPage();
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return { page, recorder, dialogs };
}

async function payloadRuns(page) {
  return page.evaluate(() => window.__xssHits || []);
}

// Fails on any payload run, dialog, CSP violation, or (unless `expectBlocked`) any
// console error, page error or failed request recorded on the page.
async function assertNothingRan(tab, label, { expectBlocked = false } = {}) {
  assert.deepEqual(await payloadRuns(tab.page), [], `${label}: a payload ran`);
  assert.deepEqual(tab.dialogs, [], `${label}: a dialog opened`);
  if (expectBlocked) {
    tab.recorder.take();
    return;
  }
  assert.deepEqual(await tab.page.evaluate(() => window.__cspViolations || []), [], `${label}: CSP violations`);
  tab.recorder.assertClean(label);
}

// Answers every question of the lesson (anything: the feedback is what is painted) and
// plays the case study to an ending, so feedback, explanations and the path are shown.
async function answerEverything(page, scope = 'body') {
  const forms = await page.$$eval(`${scope} form[data-morsel-question]`, (all) => all.map((f) => f.id));
  for (const id of forms) {
    const form = page.locator(`form[id="${id}"]`);
    const choice = form.locator('input[type=radio], input[type=checkbox]');
    if (await choice.count()) await choice.first().check();
    for (const input of await form.locator('input[type=text], textarea').all()) await input.fill('1');
    const selects = await form.locator('select').all();
    for (let i = 0; i < selects.length; i++) {
      const count = await selects[i].locator('option').count();
      await selects[i].selectOption({ index: 1 + (i % (count - 1)) });
    }
    await form.locator('.morsel-check').click();
  }
  await page.waitForFunction(({ s, n }) =>
    Array.from(document.querySelectorAll(`${s} form[data-morsel-question] .morsel-feedback`))
      .filter((f) => f.textContent.trim() !== '').length === n, { s: scope, n: forms.length });
  const feedback = await page.$$eval(`${scope} .morsel-feedback`, (all) => all.map((f) => f.textContent).join(' '));
  assert.ok(feedback.includes('right feedback') && feedback.includes('explanation'),
    `the authored feedback and explanations are shown, got: ${feedback.slice(0, 500)}`);
  await page.locator(`${scope} .morsel-choice:visible`).first().click();
  await page.locator(`${scope} .morsel-scenario-outcome:visible`).first().waitFor();
}

describe('XSS corpus', () => {
  let tmp;
  let site;
  let server;
  let browser;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-xss-'));
    writeCorpus(path.join(tmp, 'content'));
    site = buildSite({ content: path.join(tmp, 'content') });
    server = await startServer(site.dir);
    browser = await launchBrowser();
    await watchPayloads(browser.context);
  });
  after(async () => {
    if (browser) await browser.dispose().catch(() => {});
    if (server) await server.close().catch(() => {});
    if (site) site.cleanup();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the build says it left raw HTML out, once per file', () => {
    const content = path.join(tmp, 'content');
    const out = JSON.parse(execFileSync(morselBin(), ['check', content, '--format', 'json'], { encoding: 'utf8' }));
    assert.equal(out.errors, 0, JSON.stringify(out.diagnostics, null, 1));
    const warned = out.diagnostics.filter((d) => d.code === 'raw-html-omitted').map((d) => d.path);
    assert.deepEqual(warned.map((f) => path.relative(content, f)).sort(),
      ['_index.md', 'c/_index.md', 'c/m/01-blocks.md', 'c/m/02-text.md']);
  });

  test('an SVG with script or an event handler is refused at build time, not published', () => {
    const content = path.join(tmp, 'svg-content');
    fs.cpSync(path.join(tmp, 'content'), content, { recursive: true });
    fs.writeFileSync(path.join(content, 'c', 'm', 'picture.svg'), EVIL_SVG);
    let out = null;
    try {
      execFileSync(morselBin(), ['check', content, '--format', 'json'], { encoding: 'utf8' });
    } catch (e) {
      out = JSON.parse(e.stdout);
    }
    assert.ok(out, 'the check fails');
    assert.deepEqual(out.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['unsafe-svg']);
  });

  for (const protocol of ['http', 'file']) {
    test(`over ${protocol}: no payload runs on any page, answered, on My learning or in search`,
      { timeout: TEST_TIMEOUT_MS }, async () => {
        const url = (rel) => (protocol === 'http' ? server.url + rel : site.fileUrl(rel));
        const tab = await corpusPage(browser);
        const { page } = tab;
        for (const rel of listHtmlPages(site.dir)) {
          if (rel === '404.html') {
            await page.goto(url(rel), { waitUntil: 'load' });
          } else {
            await gotoReady(page, url(rel));
          }
          const text = await page.evaluate(() => document.body.innerText);
          if (rel !== '404.html' && !rel.startsWith('search/')) {
            assert.ok(text.includes('{{site.title}}'), `${rel}: template delimiters in content are shown as written`);
          }
          if (rel === 'index.html') {
            const footer = await page.$$eval('.morsel-footer-links a', (all) => all.map((a) => a.textContent));
            assert.equal(footer.length, 2, 'the footer shows the footer links');
            assert.ok(footer[0].includes(PAYLOADS[0]), `the footer link's title is shown as written: ${footer[0]}`);
          }
          await assertNothingRan(tab, rel);
        }
        await gotoReady(page, url('c/m/blocks.html'));
        await answerEverything(page);
        await assertNothingRan(tab, 'the lesson, answered');

        // The linked SVG, opened as a learner who clicks it would: a document of the site's
        // origin (the published one passed the build's SVG allow-list).
        await Promise.all([page.waitForURL(/picture\.svg$/), page.click('a[href="picture.svg"]')]);
        await page.waitForLoadState('load');
        assert.equal(await page.evaluate(() => document.documentElement.localName), 'svg');
        await assertNothingRan(tab, 'the linked SVG');

        await gotoReady(page, url('my-learning.html'));
        await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-morsel-course-activity]'))
          .some((a) => a.textContent.trim() !== ''));
        await assertNothingRan(tab, 'My learning');

        const single = listHtmlPages(site.dir).find((rel) => rel.endsWith('-offline.html'));
        await gotoReady(page, url(single));
        const sections = await page.$$eval('[data-morsel-page="lesson"]', (all) =>
          all.map((s) => ({ id: s.id, blocks: s.querySelector('form[data-morsel-question]') !== null })));
        for (const { id } of sections) {
          await page.evaluate((h) => { location.hash = h; }, id);
          await page.waitForFunction((i) => !document.getElementById(i).hidden, id);
        }
        const blocks = sections.find((s) => s.blocks).id;
        await page.evaluate((h) => { location.hash = h; }, blocks);
        await page.waitForFunction((i) => !document.getElementById(i).hidden, blocks);
        await answerEverything(page, `[id="${blocks}"]`);
        await assertNothingRan(tab, single);

        await gotoReady(page, `${url('search/index.html')}?q=${CANARY}`);
        await page.waitForSelector('.morsel-search-page-results a');
        await page.keyboard.press('/');
        await page.keyboard.type(` ${CANARY}`);
        await page.waitForSelector('#morsel-search-listbox [role="option"]');
        await assertNothingRan(tab, 'search');
        const hostile = encodeURIComponent('<img src=x onerror=window.__xss="query"> "><script>alert(1)</script>');
        await gotoReady(page, `${url('search/index.html')}?q=${hostile}`);
        await page.waitForFunction(() => {
          const status = document.querySelector('[data-morsel-search-page] .morsel-search-status');
          return status && status.textContent !== '' && !status.textContent.startsWith('Searching');
        });
        await page.keyboard.press('/');
        await page.keyboard.type('<img src=x onerror=window.__xss="typed">');
        await page.waitForSelector('.morsel-search-popup[data-morsel-query]', { state: 'attached' });
        await assertNothingRan(tab, 'a hostile search');
        await page.close();
      });
  }

  test('Markdown links to javascript:, vbscript: and data: URLs are refused, raw HTML on or off', () => {
    for (const extra of ['', 'raw_html: true']) {
      const content = path.join(tmp, `refused-${extra ? 'raw' : 'plain'}`);
      writeCorpus(content, extra);
      fs.appendFileSync(path.join(content, 'c/m/02-text.md'),
        '\n[js](javascript:window.__xss=1) [vb](vbscript:msgbox) [data](data:text/html,<script>alert(1)</script>)\n');
      let failed = null;
      try {
        execFileSync(morselBin(), ['check', content], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        failed = error;
      }
      assert.ok(failed, `${extra || 'raw_html off'}: morsel check refuses the links`);
      const refused = failed.stderr.split('\n').filter((l) => l.endsWith('[unsafe-url]'));
      assert.equal(refused.length, 3, `${extra || 'raw_html off'}:\n${failed.stderr}`);
    }
  });

  test('with raw_html: true the Content-Security-Policy keeps the raw scripts from running',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const content = path.join(tmp, 'raw');
      writeCorpus(content, 'raw_html: true');  // csp is on by default
      const raw = buildSite({ content });
      const rawServer = await startServer(raw.dir);
      try {
        const tab = await corpusPage(browser);
        for (const [label, url] of [['http', rawServer.url], ['file', null]]) {
          for (const rel of ['c/m/text.html', 'c/m/blocks.html']) {
            await tab.page.goto(url ? url + rel : raw.fileUrl(rel), { waitUntil: 'load' });
            await tab.page.waitForSelector('body[data-morsel-ready="true"]', { state: 'attached' });
            await assertNothingRan(tab, `${label} ${rel}`, { expectBlocked: true });
            // A payload blocked is reported as a violation: raw HTML did reach the page.
            assert.notDeepEqual(await tab.page.evaluate(() => window.__cspViolations), [],
              `${label} ${rel}: the raw HTML is in the page`);
          }
        }
        await tab.page.close();
      } finally {
        await rawServer.close();
        raw.cleanup();
      }
    });
});
