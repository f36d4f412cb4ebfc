'use strict';
// The site on a static host: the demo served under a sub-path, under a strict
// Content-Security-Policy (as a response header, and as the meta tag of `csp: true`), the
// 404 page served for a missing URL at any depth, the SEO files and tags, and the service
// workers, on by default (the site's shell and each course opened reload offline after a
// first visit; a new build shows at the next reload, then its caches replace the old ones;
// none over file://).
// Every visit asserts no console errors, page errors, failed requests or CSP violations.

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { describe, test, before, after } = require('node:test');

const { buildSite, listHtmlPages, listLessonPages, morselBin, contentDir } = require('./lib/site');
const { startServer } = require('./lib/server');
const { launchBrowser, gotoReady, waitReady } = require('./lib/browser');
const quiz = require('./lib/quiz');

const TEST_TIMEOUT_MS = 120_000;
// A worker's install precaches the shell or a course of the demo (tens of files): seconds
// on an idle machine, longer on a loaded one. The service-worker test waits for a few.
const SW_SETTLE_TIMEOUT_MS = 150_000;
const SW_TEST_TIMEOUT_MS = 2 * SW_SETTLE_TIMEOUT_MS + TEST_TIMEOUT_MS;
// The multi-page site's pages: not the single-file course editions (`*-offline.html`),
// which carry their scripts and styles inline under a policy of hashes of their own.
const multiPage = (dir) => listHtmlPages(dir).filter((rel) => !rel.endsWith('-offline.html'));
const SUB_PATH = '/some/sub/path/';
const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: https:; media-src 'self' https: data:; object-src 'none'; base-uri 'self'";

// A copy of the demo content with `extra` appended to its site.yml (each top-level key it
// sets replacing the demo's own), built into `out`.
function buildVariant(tmp, extra, out) {
  const content = path.join(tmp, 'content');
  if (!fs.existsSync(content)) fs.cpSync(contentDir(), content, { recursive: true });
  const config = path.join(content, 'site.yml');
  const original = path.join(tmp, 'site.yml.orig');
  if (!fs.existsSync(original)) fs.copyFileSync(config, original);
  const keys = extra.split('\n').map((line) => /^([a-z_]+):/.exec(line)).filter(Boolean).map((m) => m[1]);
  const kept = fs.readFileSync(original, 'utf8').split('\n')
    .filter((line) => !keys.some((key) => line.startsWith(key + ':'))).join('\n');
  fs.writeFileSync(config, kept + (kept.endsWith('\n') ? '' : '\n') + extra);
  execFileSync(morselBin(), ['build', content, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return content;
}

// Records Content-Security-Policy violations on every page of the context.
async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

async function assertNoViolations(page, label) {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations || []), [], `${label}: CSP violations`);
}

// Every page type from `base`: home, a course, a lesson with a quiz answered right, "My
// learning" showing it, the search page with results and the header's search field.
// Asserts that no request left `base`.
async function walk(page, recorder, base, site) {
  const outside = [];
  const listener = (request) => { if (!request.url().startsWith(base)) outside.push(request.url()); };
  page.on('request', listener);
  const lesson = listLessonPages(site).filter((rel) => multiPage(site).includes(rel))[0];
  const course = lesson.split('/')[0] + '/index.html';
  for (const rel of ['index.html', course]) {
    await gotoReady(page, base + rel);
    await assertNoViolations(page, rel);
    recorder.assertClean(rel);
  }
  await gotoReady(page, base + lesson);
  const key = await quiz.answerKey(page);
  const block = key.find((b) => b.questions.some((q) => q.type === 'single'));
  const question = block.questions.find((q) => q.type === 'single');
  const feedback = await quiz.answerByKeyboard(page, {
    block: block.blockId, question: question.id, index: question.correctIndex, optionCount: question.options.length,
  });
  assert.equal(feedback.result, 'correct', `${lesson}: the right answer is graded correct`);
  await assertNoViolations(page, lesson);
  recorder.assertClean(lesson);

  await gotoReady(page, base + 'my-learning.html');
  await page.waitForSelector('[data-morsel-dashboard]:not([hidden])');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-morsel-course-activity]'))
    .some((p) => p.textContent.trim() !== ''));
  await assertNoViolations(page, 'my-learning.html');
  recorder.assertClean('my-learning.html');

  await gotoReady(page, base + 'search/index.html?q=password');
  await page.waitForSelector('.morsel-search-page-results a');
  await page.keyboard.press('/');
  await page.keyboard.type(' phish');
  await page.waitForSelector('#morsel-search-listbox [role="option"]');
  await assertNoViolations(page, 'search');
  recorder.assertClean('search');
  page.off('request', listener);
  assert.deepEqual(outside, [], 'every request stays under the site URL');
}

describe('hosted', () => {
  let site;
  let browser;
  let tmp;
  before(async () => {
    site = buildSite();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-hosted-'));
  });
  after(async () => {
    if (browser) await browser.dispose().catch(() => {});
    if (site) site.cleanup();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function freshPage() {
    if (browser) await browser.dispose();
    browser = await launchBrowser();
    await watchCsp(browser.context);
    return browser.newPage();
  }

  test('under a sub-path: every page type works with relative URLs', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await startServer(site.dir, { prefix: SUB_PATH });
    try {
      assert.ok(server.url.endsWith(SUB_PATH));
      const { page, recorder } = await freshPage();
      await walk(page, recorder, server.url, site.dir);
    } finally {
      await server.close();
    }
  });

  test('under a strict Content-Security-Policy header: quiz, dashboard and search, no violations',
    { timeout: TEST_TIMEOUT_MS }, async () => {
      const server = await startServer(site.dir, { headers: { 'Content-Security-Policy': POLICY } });
      try {
        const { page, recorder } = await freshPage();
        await walk(page, recorder, server.url, site.dir);
      } finally {
        await server.close();
      }
    });

  test('the pages carry no inline script, style attribute or javascript: URL', () => {
    for (const rel of multiPage(site.dir)) {
      const html = fs.readFileSync(path.join(site.dir, rel), 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/g) || []) {
        assert.match(tag, /\bsrc="|type="application\/(ld\+)?json"/, `${rel}: inline script ${tag}`);
      }
      assert.doesNotMatch(html, /\sstyle="/, `${rel}: style attribute`);
      assert.doesNotMatch(html, /javascript:/i, `${rel}: javascript: URL`);
      assert.doesNotMatch(html, /\son[a-z]+="/, `${rel}: event handler attribute`);
    }
  });

  test('without base_url: no sitemap, robots.txt without one, no canonical links, 404.html links home', () => {
    assert.ok(!fs.existsSync(path.join(site.dir, 'sitemap.xml')));
    assert.equal(fs.readFileSync(path.join(site.dir, 'robots.txt'), 'utf8'), 'User-agent: *\nAllow: /\n');
    const notFound = fs.readFileSync(path.join(site.dir, '404.html'), 'utf8');
    assert.match(notFound, /<a class="morsel-button" href="\/">/, 'home from the host\'s root, at any depth');
    assert.doesNotMatch(notFound, /<base |<script|rel="stylesheet"/);
    for (const rel of multiPage(site.dir)) {
      const html = fs.readFileSync(path.join(site.dir, rel), 'utf8');
      assert.doesNotMatch(html, /rel="canonical"|og:url/, rel);
      assert.match(html, /<html lang="en" dir="ltr">/, rel);
      assert.match(html, /<meta name="description" content="[^"]+">/, rel);
      assert.match(html, /<meta property="og:title" content="[^"]+">/, rel);
    }
  });

  test('without base_url, at the host\'s root: the 404 page at any depth is styled and links home', { timeout: TEST_TIMEOUT_MS }, async () => {
    const server = await startServer(site.dir, { notFoundPage: '404.html' });
    try {
      const { page, recorder } = await freshPage();
      const missing = 'a/b/c/missing.html';
      assert.equal((await page.goto(server.url + missing)).status(), 404);
      assert.equal(await page.textContent('h1'), 'Page not found');
      assert.notEqual(await page.$eval('.morsel-skip', (a) => getComputedStyle(a).position), 'static', 'styled');
      assert.deepEqual(recorder.take().filter((p) => !p.includes(missing)), [], 'nothing else failed');
      await assertNoViolations(page, missing);
      await Promise.all([page.waitForNavigation(), page.click('main a.morsel-button')]);
      assert.equal(page.url(), server.url);
      await waitReady(page);
      recorder.assertClean('home from the 404 page');
    } finally {
      await server.close();
    }
  });

  describe('published at a base_url, with csp: true', () => {
    let server;
    let out;
    before(async () => {
      out = path.join(tmp, 'site');
      fs.mkdirSync(out);
      server = await startServer(out, { prefix: SUB_PATH, notFoundPage: '404.html' });
      buildVariant(tmp, `base_url: ${server.url}\ncsp: true\n`, out);
    });
    after(async () => {
      if (server) await server.close();
    });

    test('every page carries the policy as a meta tag, and the site runs under it', { timeout: TEST_TIMEOUT_MS }, async () => {
      for (const rel of multiPage(out)) {
        const html = fs.readFileSync(path.join(out, rel), 'utf8');
        // Its single quotes as they are (site.csp_attribute): 40 bytes less than as &#39;.
        assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${POLICY}">`),
          `${rel}: the policy meta tag`);
      }
      const { page, recorder } = await freshPage();
      await walk(page, recorder, server.url, out);
    });

    test('sitemap.xml, robots.txt, canonical and Open Graph URLs, JSON-LD', () => {
      const sitemap = fs.readFileSync(path.join(out, 'sitemap.xml'), 'utf8');
      const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
      const lessons = listLessonPages(out).filter((rel) => multiPage(out).includes(rel));
      assert.ok(locs.includes(server.url), 'the home page is listed by its folder URL');
      for (const rel of lessons) assert.ok(locs.includes(server.url + rel), `${rel} is in the sitemap`);
      // The path only: the server's random port may itself contain "404" (40445 did).
      assert.ok(!locs.some((l) => /404|search|my-learning/.test(new URL(l).pathname)), locs.join(' '));
      assert.match(fs.readFileSync(path.join(out, 'robots.txt'), 'utf8'), new RegExp(`Sitemap: ${server.url}sitemap.xml`));

      const lessonHtml = fs.readFileSync(path.join(out, lessons[0]), 'utf8');
      assert.ok(lessonHtml.includes(`<link rel="canonical" href="${server.url}${lessons[0]}">`));
      assert.ok(lessonHtml.includes(`<meta property="og:url" content="${server.url}${lessons[0]}">`));
      assert.ok(lessonHtml.includes('<meta property="og:type" content="article">'));
      const ld = (html) => JSON.parse(html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/)[1]);
      const resource = ld(lessonHtml);
      assert.equal(resource['@type'], 'LearningResource');
      assert.match(resource.timeRequired, /^PT\d+M$/);
      assert.equal(resource.url, server.url + lessons[0]);
      const course = ld(fs.readFileSync(path.join(out, lessons[0].split('/')[0], 'index.html'), 'utf8'));
      assert.equal(course['@type'], 'Course');
      assert.ok(course.name && course.description && course.provider.name, JSON.stringify(course));
      assert.ok(course.hasPart.length > 1 && course.hasPart.every((p) => p.url.startsWith(server.url)));
    });

    test('a missing URL at any depth gets the 404 page, styled, with a working link home', { timeout: TEST_TIMEOUT_MS }, async () => {
      const { page, recorder } = await freshPage();
      for (const missing of ['missing.html', 'a/b/c/missing.html']) {
        const response = await page.goto(server.url + missing);
        assert.equal(response.status(), 404);
        assert.equal(await page.textContent('h1'), 'Page not found');
        // The stylesheet loaded: the skip link is moved off screen.
        assert.notEqual(await page.$eval('.morsel-skip', (a) => getComputedStyle(a).position), 'static');
        await assertNoViolations(page, missing);
        // The browser reports the 404 of the page itself; nothing else may fail.
        assert.deepEqual(recorder.take().filter((p) => !p.includes(missing)), [], missing);
      }
      await Promise.all([page.waitForNavigation(), page.click('main a.morsel-button')]);
      assert.equal(page.url(), server.url + 'index.html');
      recorder.assertClean('home from the 404 page');
    });

    test('the service workers: the shell after a first visit, a course once opened, offline; a new build is served at once, then replaces the caches',
      { timeout: SW_TEST_TIMEOUT_MS }, async () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.webmanifest'), 'utf8'));
        assert.equal(manifest.start_url, './');
        assert.equal(manifest.display, 'standalone');
        assert.match(manifest.icons[0].src, /^assets\/favicon\.[0-9a-f]{10}\.svg$/);  // fingerprinted
        const { page, recorder } = await freshPage();
        const lessons = listLessonPages(out).filter((rel) => multiPage(out).includes(rel));
        const courseOf = (rel) => rel.split('/')[0] + '/';
        const lesson = lessons[1];
        const course = courseOf(lesson);
        const sameCourse = lessons.find((rel) => rel !== lesson && courseOf(rel) === course);
        const otherCourse = lessons.find((rel) => courseOf(rel) !== course);
        const config = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/^var MORSEL_SW = (.*);$/m)[1]);
        // `scope`: '' for the root worker, a course's folder for that course's.
        const cacheOf = (build, scope) => `morsel:${build.site}:${server.url}${scope}:${build.version}`;
        const footer = () => page.textContent('footer');
        // Every worker registration as the page sees it, by scope, whether a worker controls
        // the page, and the caches: one look, so that they are seen at the same moment.
        const look = () => page.evaluate(async () => {
          const workers = {};
          for (const registration of await navigator.serviceWorker.getRegistrations()) {
            workers[registration.scope] = { installing: !!registration.installing, waiting: !!registration.waiting,
              active: registration.active && registration.active.state };
          }
          return { workers, controlled: navigator.serviceWorker.controller !== null, caches: (await caches.keys()).sort() };
        });
        const idle = { installing: false, waiting: false, active: 'activated' };
        // Waits until the workers of `scopes` alone are there, each idle (none installing or
        // waiting, the active one 'activated'), one controls the page, and each has its cache
        // of `build`, and no other cache is left. A new worker is 'activated' only once its
        // activate handler has deleted the older builds' caches. Fails with the last state seen.
        const settleOn = async (build, scopes, label) => {
          const want = {
            workers: Object.fromEntries(scopes.map((scope) => [server.url + scope, idle])),
            controlled: true,
            caches: scopes.map((scope) => cacheOf(build, scope)).sort(),
          };
          const deadline = Date.now() + SW_SETTLE_TIMEOUT_MS;
          for (;;) {
            const seen = await look();
            if (isDeepStrictEqual(seen, want)) return;
            assert.ok(Date.now() < deadline, `${label}: not settled on the workers and caches of ${build.version} ` +
              `within ${SW_SETTLE_TIMEOUT_MS / 1000} s: want ${JSON.stringify(want)}, got ${JSON.stringify(seen)}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        };
        // The browser holds exactly the caches of `scopes`, each with exactly its precache
        // list: the root's the shell; a course's the course and the runtime and assets.
        // Only asked while no worker is installing or activating: caches.open() creates the
        // cache it names, so it must not race a worker deleting one.
        const assertCaches = async (build, scopes, label) => {
          const state = await page.evaluate(async () => Promise.all((await caches.keys()).sort().map(async (name) =>
            ({ name, urls: (await (await caches.open(name)).keys()).map((request) => request.url).sort() }))));
          const listOf = (scope) => (scope ? build.courses[scope].concat(build.shell.filter((f) => /^(runtime|assets)\//.test(f)))
            : build.shell);
          assert.deepEqual(state, scopes.map((scope) => ({
            name: cacheOf(build, scope),
            urls: listOf(scope).map((file) => new URL(file, server.url).href).sort(),
          })).sort((a, b) => (a.name < b.name ? -1 : 1)), label);
        };

        // First visit, home: the root worker precaches the shell and takes control of the page.
        const first = config(out);
        assert.ok(!first.shell.some((file) => file.startsWith(course) && /(\.html|\/)$/.test(file)),
          'the shell holds no page of a course (its cover, for the home page, yes)');
        assert.ok(!first.shell.concat(...Object.values(first.courses)).some((file) => /^search\/.+\.js$/.test(file)),
          'the search index is not precached');
        await gotoReady(page, server.url + 'index.html');
        await settleOn(first, [''], 'first visit');
        await assertCaches(first, [''], 'first visit');
        // A lesson: its course's own worker precaches the course.
        await gotoReady(page, server.url + lesson);
        await settleOn(first, ['', course], 'a course opened');
        await assertCaches(first, ['', course], 'a course opened');
        recorder.assertClean('first visits');

        // Offline: the course's pages and home open; another course's do not; the search page
        // says that search needs a connection.
        await browser.context.setOffline(true);
        await gotoReady(page, server.url + sameCourse);
        assert.doesNotMatch(await footer(), /A new build/);
        await gotoReady(page, server.url + 'index.html');
        // In a tab of its own, whose error page cannot interrupt this one's next navigation.
        const other = await browser.newPage();
        await assert.rejects(other.page.goto(server.url + otherCourse), /ERR_INTERNET_DISCONNECTED|ERR_FAILED/,
          'a course not opened is not kept');
        await other.page.close();
        await gotoReady(page, server.url + 'search/index.html?q=password');
        await page.waitForFunction(() =>
          /needs a connection/.test(document.querySelector('[data-morsel-search-page] .morsel-search-status').textContent));
        const failed = recorder.take();
        assert.ok(failed.length > 0 && failed.every((problem) => /search\/(manifest\.js|[0-9a-f]{10}\/)/.test(problem)),
          `only the search index failed: ${failed.join(' | ')}`);
        await gotoReady(page, server.url + lesson);
        recorder.assertClean('offline');

        // A new build with a visible change, published but for its sw.js, which is held back
        // until after the reload below. The browser checks sw.js on its own schedule (about a
        // second after each navigation, later on a busy machine) and setOffline() does not
        // stop that check: a new sw.js published now could install the new build's workers
        // before the reload that the first build's worker must answer.
        const next = path.join(tmp, 'next');
        buildVariant(tmp, `base_url: ${server.url}\ncsp: true\norganization: A new build\n`, next);
        const second = config(next);
        assert.notEqual(second.version, first.version);
        fs.cpSync(next, out, { recursive: true, filter: (from) => from !== path.join(next, 'sw.js') });
        await browser.context.setOffline(false);
        // A plain reload, answered by the course's worker of the first build, shows the new
        // build at once: pages come from the network first.
        assert.deepEqual(await look(), {
          workers: { [server.url]: idle, [server.url + course]: idle },
          controlled: true,
          caches: [cacheOf(first, ''), cacheOf(first, course)].sort(),
        }, 'the first build\'s workers and caches alone, before the reload');
        const response = await page.reload({ waitUntil: 'load' });
        await waitReady(page);
        assert.ok(response.fromServiceWorker(), 'the reload was answered by the service worker');
        assert.match(await footer(), /A new build/, 'the reload shows the new build');
        recorder.assertClean('reload after the new build');

        // The new sw.js is published; the next navigations (home, then the course) make the
        // browser check it: the new build's workers install, take over and delete the old caches.
        fs.copyFileSync(path.join(next, 'sw.js'), path.join(out, 'sw.js'));
        await gotoReady(page, server.url + 'index.html');
        assert.match(await footer(), /A new build/, 'the navigation after the new sw.js');
        await gotoReady(page, server.url + sameCourse);
        await settleOn(second, ['', course], 'after the update');
        await assertCaches(second, ['', course], 'after the update');
        recorder.assertClean('update');

        // Offline again: the new build, from the new caches; no navigation brings back the old ones.
        await browser.context.setOffline(true);
        await page.reload({ waitUntil: 'load' });
        await waitReady(page);
        assert.match(await footer(), /A new build/, 'offline reload');
        await gotoReady(page, server.url + lesson);
        assert.match(await footer(), /A new build/, lesson);
        await gotoReady(page, server.url + 'index.html');
        assert.match(await footer(), /A new build/, 'home');
        recorder.assertClean('offline after the new build');
        await browser.context.setOffline(false);
        await gotoReady(page, server.url + 'index.html');
        await settleOn(second, ['', course], 'after more navigations');
        await assertCaches(second, ['', course], 'after more navigations');
        recorder.assertClean('online again');
      });
  });

  test('over file:// no service worker is registered', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page, recorder } = await freshPage();
    const requested = [];
    page.on('request', (request) => requested.push(request.url()));
    await gotoReady(page, site.fileUrl('index.html'));
    // The default build has the worker (features.offline); only the protocol keeps it out.
    assert.equal(await page.getAttribute('body', 'data-morsel-offline'), '');
    assert.equal(await page.evaluate(() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)), false);
    assert.equal(await page.$$eval('link[rel="manifest"]', (links) => links.length), 0);
    assert.deepEqual(requested.filter((url) => /sw\.js|manifest\.webmanifest/.test(url)), []);
    recorder.assertClean('file://');
  });
});
