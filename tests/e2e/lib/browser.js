'use strict';
// Browser helpers for the e2e tests: a headless Chromium with its own throw-away profile
// (a persistent context, so a "browser restart with the same profile" can be tested), and a
// page wrapper that records every console error, uncaught page error, failed request and
// HTTP error response, so each test can assert there were none.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.MORSEL_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Bounded waits: nothing in these tests should take anywhere near this long.
const ACTION_TIMEOUT_MS = 10_000;
const NAVIGATION_TIMEOUT_MS = 15_000;
const LAUNCH_TIMEOUT_MS = 30_000;
const READY_TIMEOUT_MS = 10_000;
// How long a page that has logged a problem still gets to become ready.
const PROBLEM_GRACE_MS = 2_000;
// MORSEL_E2E_LATE_PROGRESS_MS=N: every page's progress module (loaded in the background once
// the page is ready, and painting scores, locks, the page's own scripts...) arrives N ms
// late, as on a slow machine. A test that reads what the module paints before it is there
// fails at once under it instead of once in a while in CI.
const LATE_PROGRESS_MS = Number(process.env.MORSEL_E2E_LATE_PROGRESS_MS || 0);

const recorders = new WeakMap();

// The request Chromium makes on its own for http(s)://host/favicon.ico when a page declares
// no icon. It is not made by the page, and it happens at a time of the browser's choosing,
// so the recorder files it under `implicitFavicon` rather than `problems`; the site's icon
// is checked deterministically by a test of its own (see quiz.test.js).
function isImplicitFaviconUrl(url) {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.pathname === '/favicon.ico';
  } catch (e) {
    return false;
  }
}

// Starts recording problems on `page`. Returns a recorder:
//   problems         the list so far (strings, one per problem)
//   implicitFavicon  problems caused by the browser's own /favicon.ico request
//   take()           returns the problems so far and starts a new list
//   assertClean()    fails, listing every problem, if any was recorded since the last take()
function watchPage(page) {
  let problems = [];
  const implicitFavicon = [];
  const listeners = new Set();
  const where = () => {
    try { return page.url(); } catch (e) { return '?'; }
  };
  const push = (list, text) => {
    list.push(text);
    if (list === problems) for (const listener of listeners) listener(text);
  };
  const record = (url, text) => push(isImplicitFaviconUrl(url) ? implicitFavicon : problems, text);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const loc = message.location();
    const at = loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : '';
    record(loc && loc.url, `console error on ${where()}: ${message.text()}${at}`);
  });
  page.on('pageerror', (error) => {
    push(problems, `uncaught error on ${where()}: ${error && error.stack ? error.stack : error}`);
  });
  // A request the page's own navigation cancelled (a test, or a learner, moving on while
  // the glue still loads its progress module in the background, or My learning its
  // dashboard script) is a navigation race, not a failure: nothing is lost, the next page
  // loads it again. An abort counts only when no navigation of the page followed the request.
  let navigations = 0;
  const issuedAt = new WeakMap();
  const aborts = [];
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations++; });
  page.on('request', (request) => issuedAt.set(request, navigations));
  const settleAborts = () => {
    for (const { request, text } of aborts.splice(0)) {
      if (navigations <= issuedAt.get(request)) record(request.url(), text);
    }
  };
  page.on('requestfailed', (request) => {
    const failure = request.failure();
    // Chromium fetches a page's icon late and aborts that fetch when the test moves on
    // to the next page, sometimes with no navigation seen yet: not a failure either (an
    // icon that fails to load for another reason still counts).
    if (failure && failure.errorText === 'net::ERR_ABORTED' && request.resourceType() === 'other' &&
        /\.svg$/.test(new URL(request.url()).pathname)) return;
    if (failure && failure.errorText === 'net::ERR_ABORTED') {
      aborts.push({ request, text: `request failed on ${where()}: ${request.method()} ${request.url()} (net::ERR_ABORTED)` });
      return;
    }
    record(request.url(), `request failed on ${where()}: ${request.method()} ${request.url()}` +
      ` (${failure ? failure.errorText : 'unknown error'})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      record(response.url(),
        `HTTP ${response.status()} on ${where()}: ${response.request().method()} ${response.url()}`);
    }
  });
  page.on('crash', () => push(problems, `page crashed on ${where()}`));
  const recorder = {
    get problems() { settleAborts(); return problems; },
    get implicitFavicon() { return implicitFavicon; },
    take() {
      settleAborts();
      const taken = problems;
      problems = [];
      return taken;
    },
    assertClean(label) {
      const taken = this.take();
      assert.deepEqual(taken, [],
        `${label ? label + ': ' : ''}expected no console errors, page errors or failed requests, got:\n  ` +
        taken.join('\n  '));
    },
    // Calls `listener(text)` for each new problem; returns a function that stops it.
    onProblem(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  recorders.set(page, recorder);
  return recorder;
}

// Launches Chromium with a persistent profile in `userDataDir` (a fresh temp dir when not
// given), in the time zone `timezoneId` when given. Returns a handle:
//   context          the Playwright BrowserContext
//   userDataDir      the profile directory
//   newPage()        a page plus its problem recorder: { page, recorder }
//   restart()        closes the browser and launches it again on the same profile
//   close()          closes the browser (the profile stays until dispose())
//   dispose()        closes the browser and removes the profile if this handle created it
// `options.context` adds Playwright context options (timezoneId, reducedMotion, …).
async function launchBrowser(options = {}) {
  const ownsProfile = !options.userDataDir;
  const userDataDir = options.userDataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-profile-'));
  const handle = {
    context: null,
    userDataDir,
    async newPage() {
      const page = await handle.context.newPage();
      const recorder = watchPage(page);
      return { page, recorder };
    },
    async restart() {
      await handle.close();
      await open();
      return handle;
    },
    async close() {
      const context = handle.context;
      handle.context = null;
      if (context) await context.close();
    },
    async dispose() {
      try {
        await handle.close();
      } finally {
        if (ownsProfile) fs.rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
  async function open() {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: LAUNCH_TIMEOUT_MS,
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      // A test's own context options, such as timezoneId or reducedMotion.
      ...(options.context || {}),
    });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    if (LATE_PROGRESS_MS > 0) await context.addInitScript(delayModule, ['morsel-progress', LATE_PROGRESS_MS]);
    // A persistent context opens with one blank tab; close it so every page in use is
    // one made (and watched) by newPage().
    for (const page of context.pages()) await page.close();
    handle.context = context;
  }
  await open();
  return handle;
}

// Runs in the page: the glue adds each module's <script> to <head>; those whose address
// contains `name` are added `ms` later: the progress module's under
// MORSEL_E2E_LATE_PROGRESS_MS; a test may delay the core's ('morsel-runtime'), so that the
// page shows a while before it is ready, as on a slow phone.
function delayModule([name, ms]) {
  const append = Node.prototype.appendChild;
  Node.prototype.appendChild = function (child) {
    if (child instanceof HTMLScriptElement && child.src.includes(name)) {
      setTimeout(() => append.call(this, child), ms);
      return child;
    }
    return append.call(this, child);
  };
}

// Navigates and waits until the Morsel runtime has loaded and wired the page.
async function gotoReady(page, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
  return response;
}

// Waits for body[data-morsel-ready="true"]. On a watched page, a problem (a failed request,
// an uncaught error...) that is not followed by readiness within PROBLEM_GRACE_MS fails the
// wait at once, so a broken runtime fails fast and says why instead of timing out.
async function waitReady(page, { timeout = READY_TIMEOUT_MS } = {}) {
  const recorder = recorders.get(page);
  const ready = page.waitForSelector('body[data-morsel-ready="true"]', { state: 'attached', timeout });
  ready.catch(() => {});
  let stop = () => {};
  let timer = null;
  const failed = new Promise((resolve, reject) => {
    if (!recorder) return;
    const arm = () => {
      if (!timer) timer = setTimeout(() => reject(new Error('problems were recorded and the page did not become ready')), PROBLEM_GRACE_MS);
    };
    stop = recorder.onProblem(arm);
    if (recorder.problems.length) arm();
  });
  try {
    await Promise.race([ready, failed]);
  } catch (error) {
    const problems = recorder && recorder.problems.length
      ? `\nproblems recorded on the page:\n  ${recorder.problems.join('\n  ')}` : '';
    throw new Error(`${page.url()} did not become ready (body[data-morsel-ready="true"]): ` +
      `${error.message.split('\n')[0]}${problems}`);
  } finally {
    stop();
    if (timer) clearTimeout(timer);
  }
}

module.exports = {
  launchBrowser, watchPage, gotoReady, waitReady, isImplicitFaviconUrl, delayModule, CHROMIUM_ARGS,
};
