'use strict';
// Real Firefox for the e2e tests: Debian's firefox-esr, headless, driven over WebDriver BiDi
// by puppeteer-core (which never downloads a browser; playwright-core would need its own
// patched Firefox). A fresh profile per launch, and a problem recorder per page: console
// errors, uncaught errors, failed requests and Content-Security-Policy violations.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const FIREFOX = process.env.MORSEL_FIREFOX || '/usr/bin/firefox-esr';
const LAUNCH_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 10_000;
const READY_TIMEOUT_MS = 10_000;

// puppeteer writes its own preferences into the profile; among them it turns
// security.fileuri.strict_origin_policy off, which gives every file:// page one origin.
// A learner's Firefox has it on (and Total Cookie Protection, cookieBehavior 5): put both
// back, or the test would see a Firefox that no learner runs.
const LEARNER_PREFS = {
  'security.fileuri.strict_origin_policy': true,
  'network.cookie.cookieBehavior': 5,
};

// Collects CSP violations from the start of every document.
function watchCsp() {
  window.__morselCsp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__morselCsp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
  });
}

// Records every problem on `page`: { problems, assertClean(label) }.
async function watchPage(page) {
  const problems = [];
  const where = () => {
    try { return page.url(); } catch (e) { return '?'; }
  };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${where()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    problems.push(`uncaught error on ${where()}: ${error && error.stack ? error.stack : error}`);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure();
    problems.push(`request failed on ${where()}: ${request.url()} (${failure ? failure.errorText : '?'})`);
  });
  await page.evaluateOnNewDocument(watchCsp);
  return {
    problems,
    async assertClean(label) {
      let csp = [];
      try { csp = (await page.evaluate(() => window.__morselCsp)) || []; } catch (e) { csp = [`could not read: ${e.message}`]; }
      const all = problems.splice(0).concat(csp.map((v) => `CSP violation on ${where()}: ${v}`));
      assert.deepEqual(all, [], `${label}: expected no console errors, page errors, failed ` +
        `requests or CSP violations, got:\n  ${all.join('\n  ')}`);
    },
  };
}

// Launches headless Firefox on a fresh profile. Returns:
//   browser            the puppeteer Browser
//   newContext()       a fresh user context (its own storage and cookies): { context, newPage() }
//   dispose()          closes this Firefox (killing it by its pid if closing fails) and
//                      removes the profile
async function launchFirefox() {
  if (!fs.existsSync(FIREFOX)) {
    throw new Error(`Firefox not found at ${FIREFOX}: run scripts/deps.sh or set MORSEL_FIREFOX`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-firefox-'));
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: LEARNER_PREFS,
      timeout: LAUNCH_TIMEOUT_MS,
      protocolTimeout: LAUNCH_TIMEOUT_MS,
    });
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    async newContext() {
      const context = await browser.createBrowserContext();
      return {
        context,
        async newPage() {
          const page = await context.newPage();
          page.setDefaultTimeout(ACTION_TIMEOUT_MS);
          page.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
          const recorder = await watchPage(page);
          return { page, recorder };
        },
      };
    },
    async dispose() {
      const child = browser.process();
      try {
        await browser.close();
      } catch (error) {
        if (child && child.exitCode === null) child.kill('SIGKILL');
      } finally {
        fs.rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

// Waits for body[data-morsel-ready="true"], saying what went wrong if it does not come.
async function waitReady(page, recorder) {
  try {
    await page.waitForSelector('body[data-morsel-ready="true"]', { timeout: READY_TIMEOUT_MS });
  } catch (error) {
    const problems = recorder && recorder.problems.length ? `\n  ${recorder.problems.join('\n  ')}` : '';
    throw new Error(`${page.url()} did not become ready: ${error.message.split('\n')[0]}${problems}`);
  }
}

async function gotoReady(page, recorder, url) {
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page, recorder);
}

// Follows the link `selector` and waits for the next page to be ready.
async function clickReady(page, recorder, selector) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
  await waitReady(page, recorder);
}

module.exports = { launchFirefox, gotoReady, waitReady, clickReady, FIREFOX, LEARNER_PREFS };
