'use strict';
// Builds the demo site into a temp dir (once per test file) with the real generator.
//   MORSEL_BIN      the morsel binary     (default <repo>/build/bin/morsel)
//   MORSEL_CONTENT  the content folder    (default <repo>/content)

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const REPO = path.resolve(__dirname, '..', '..', '..');
const BUILD_TIMEOUT_MS = 60_000;

function morselBin() {
  return path.resolve(process.env.MORSEL_BIN || path.join(REPO, 'build', 'bin', 'morsel'));
}

function contentDir() {
  return path.resolve(process.env.MORSEL_CONTENT || path.join(REPO, 'content'));
}

// Returns { dir, log, url(rel) -> file:// URL, cleanup() }. `options.content` builds
// another content folder than the demo's; with `options.removeContent`, a temporary one
// the test wrote, which cleanup() removes too.
function buildSite(options = {}) {
  const bin = morselBin();
  const content = options.content ? path.resolve(options.content) : contentDir();
  if (!fs.existsSync(bin)) {
    throw new Error(`morsel binary not found at ${bin}: build it first or set MORSEL_BIN`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-site-'));
  const dir = path.join(tmp, 'site');
  let log;
  try {
    log = execFileSync(bin, ['build', content, '--out', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: BUILD_TIMEOUT_MS,
    });
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`morsel build ${content} failed: ${error.message}\n${error.stdout || ''}${error.stderr || ''}`);
  }
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`morsel build wrote no index.html into ${dir}:\n${log}`);
  }
  return {
    dir,
    log,
    fileUrl(rel) {
      return pathToFileURL(path.join(dir, rel)).href;
    },
    cleanup() {
      fs.rmSync(tmp, { recursive: true, force: true });
      if (options.removeContent) fs.rmSync(content, { recursive: true, force: true });
    },
  };
}

// Every .html file under `dir`, as sorted '/'-separated paths relative to it.
function listHtmlPages(dir) {
  const pages = [];
  (function walk(rel) {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.html')) pages.push(child);
    }
  })('');
  return pages.sort();
}

// Lesson pages that carry a quiz, found by the markup the generator writes for one.
function listLessonPages(dir) {
  // The Review page holds quizzes too, but is no lesson.
  return listHtmlPages(dir).filter((rel) => rel !== 'review.html' &&
    /<section[^>]*\bclass="morsel-quiz"/.test(fs.readFileSync(path.join(dir, rel), 'utf8')));
}

// Fingerprinted names (generator/assets.h) back to the names the code means:
// "runtime/morsel.0123456789.js" → "runtime/morsel.js", "search/0123456789/s0.js" → "search/s0.js".
const FINGERPRINT = /\.[0-9a-f]{10}(\.[a-z]+)$/;
const INDEX_FOLDER = /^search\/[0-9a-f]{10}\//;
function logicalPath(rel) {
  return rel.replace(FINGERPRINT, '$1').replace(INDEX_FOLDER, 'search/');
}
// Whether a site file or request path carries its fingerprint.
function isFingerprinted(rel) {
  return FINGERPRINT.test(rel) || INDEX_FOLDER.test(rel);
}

// Every file under `dir`, '/'-separated and relative to it.
function listFiles(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

module.exports = { buildSite, logicalPath, isFingerprinted, listFiles, listHtmlPages, listLessonPages, morselBin, contentDir, REPO };
