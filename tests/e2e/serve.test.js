'use strict';
// End-to-end: `morsel serve` (the author's loop). A copy of the receipt fixture is served
// on a free port; an open lesson reloads by itself after its file is saved the way many
// editors save (a temporary file renamed over it); a save with an error shows the
// diagnostics over the page while the last good site stays served, and fixing it clears
// them; a second server on the same port is refused with a free port to use; Ctrl-C stops
// the server and removes its build folder.

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { morselBin } = require('./lib/site');
const { launchBrowser, waitReady } = require('./lib/browser');

const FIXTURE = path.join(__dirname, 'fixtures', 'receipt', 'content');

// Writes `text` to `file` as an editor's atomic save does: a temporary file, then a rename.
function atomicSave(file, text) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

// Starts `morsel serve` and resolves with { child, url, output() } once it serves.
function startServe(content) {
  const child = spawn(morselBin(), ['serve', content, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`morsel serve did not start:\n${out}`)), 30_000);
    const look = () => {
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', look);
      resolve({ child, url: m[1], output: () => out });
    };
    child.stdout.on('data', look);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`morsel serve exited ${code}:\n${out}`)); });
  });
}

describe('morsel serve', { timeout: 180_000 }, () => {
  let dir;
  let content;
  let serve;
  let browser;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-serve-'));
    content = path.join(dir, 'content');
    fs.cpSync(FIXTURE, content, { recursive: true });
    serve = await startServe(content);
    browser = await launchBrowser();
  });
  after(async () => {
    if (browser) await browser.dispose();
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a saved lesson reloads the open page; an error shows over it and clears when fixed', async () => {
    const { page } = await browser.newPage();
    await page.goto(serve.url + 'basics/start/read.html');
    await waitReady(page);
    assert.match(await page.textContent('main'), /Lock your screen when you leave your desk\./);
    const lesson = path.join(content, 'basics', '01-start', '01-read.md');
    const original = fs.readFileSync(lesson, 'utf8');

    // A change: the page reloads with the new text, by itself.
    atomicSave(lesson, original.replace('Lock your screen', 'Always lock your screen'));
    await page.waitForFunction(() => /Always lock your screen/.test((document.querySelector('main') || {}).textContent),
      null, { timeout: 20_000 });
    await waitReady(page);

    // An error: the diagnostics over the page, with where and what; the old page stays.
    atomicSave(lesson, original.replace('---\n', '---\ntittle: Oops\n'));
    const overlay = page.locator('[data-morsel-serve-error]');
    await overlay.waitFor({ state: 'visible', timeout: 20_000 });
    const shown = await overlay.textContent();
    assert.match(shown, /01-read\.md:\d+:\d+: error: unknown key 'tittle'/);
    assert.match(shown, /did you mean 'title'/);
    assert.equal(await overlay.getAttribute('role'), 'alert');
    const served = await fetch(serve.url + 'basics/start/read.html').then((r) => r.text());
    assert.match(served, /Always lock your screen/, 'the last good site is still served');
    assert.match(serve.output(), /the build has errors/);

    // Fixed: the overlay goes and the page shows the fixed text.
    atomicSave(lesson, original.replace('Lock your screen', 'Please lock your screen'));
    await page.waitForFunction(() => /Please lock your screen/.test((document.querySelector('main') || {}).textContent),
      null, { timeout: 20_000 });
    await overlay.waitFor({ state: 'detached' });
    await page.close();
  });

  test('a port in use is refused with a free port to use', () => {
    const port = new URL(serve.url).port;
    const second = spawnSync(morselBin(), ['serve', content, '--port', port], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(second.status, 2, second.stdout + second.stderr);
    assert.match(second.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
    assert.match(second.stderr, /hint: run morsel serve --port \d+/);
  });

  test('Ctrl-C stops the server cleanly and removes its build folder', async () => {
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('morsel-serve-'));
    assert.ok(before.length >= 1, 'the server builds into a folder of its own');
    const exited = new Promise((resolve) => serve.child.on('exit', (code, signal) => resolve({ code, signal })));
    serve.child.kill('SIGINT');
    const { code } = await exited;
    assert.equal(code, 0);
    assert.match(serve.output(), /morsel: stopped/);
    const left = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('morsel-serve-'));
    assert.ok(left.length < before.length, 'its build folder is removed');
    await assert.rejects(fetch(serve.url), 'nothing listens any more');
  });
});
