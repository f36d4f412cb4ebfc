'use strict';
// The LMS fixture course (fixtures/lms: pass mark 80; "rules", a question with two
// attempts; "reading"; "exam", an assessment with two attempts) as lms.test.js and
// xapi.test.js use it: packaged and unzipped, and driven lesson by lesson in its single
// file. `root` is whatever holds the file: a Playwright Page, or a FrameLocator when an
// LMS's player frames it.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { morselBin } = require('./site');

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'lms', 'content');
const LESSON = { rules: 'safety/basics/rules', reading: 'safety/basics/reading', exam: 'safety/basics/exam' };

// Runs morsel with `args`, which must succeed.
function morsel(args) {
  const out = spawnSync(morselBin(), args, { encoding: 'utf8' });
  assert.equal(out.status, 0, `morsel ${args.join(' ')}\n${out.stdout}${out.stderr}`);
  return out;
}

// `morsel package <format…>` of the fixture, its one zip unzipped into `into` (created).
function unzippedPackage(format, dir, into) {
  const zips = fs.mkdtempSync(path.join(dir, 'zips-'));
  morsel(['package'].concat(format, ['--source', FIXTURE, '--out', zips]));
  const zip = fs.readdirSync(zips).find((name) => name.endsWith('.zip'));
  assert.ok(zip, `a zip in ${zips}`);
  fs.mkdirSync(into, { recursive: true });
  const unzip = spawnSync('unzip', ['-q', path.join(zips, zip), '-d', into], { encoding: 'utf8' });
  assert.equal(unzip.status, 0, unzip.stderr);
  return into;
}

// Shows `lesson`'s section (the single file navigates by the address's #fragment).
async function show(root, lesson) {
  await root.locator('body').evaluate((b, id) => { b.ownerDocument.defaultView.location.hash = '#' + id; }, lesson);
  await root.locator(`[id="${lesson}"]`).waitFor({ state: 'visible' });
}

// Picks option `n` of question `question` in `lesson` and presses Check.
async function answer(root, lesson, question, n) {
  await show(root, lesson);
  const form = root.locator(`[id="${lesson}"] form[data-morsel-question="${question}"]`);
  await form.locator(`input[value="${n}"]`).check();
  await form.locator('.morsel-check').click();
  await form.locator('[data-morsel-feedback][data-morsel-result]').waitFor();
}

// Answers the exam with `picks` ({question: option}) and submits it.
async function submitExam(root, picks) {
  await show(root, LESSON.exam);
  const section = root.locator(`[id="${LESSON.exam}"]`);
  for (const [question, n] of Object.entries(picks)) {
    await section.locator(`form[data-morsel-question="${question}"] input[value="${n}"]`).check();
  }
  await section.locator('[data-morsel-submit-all]').click();
  await section.locator('[data-morsel-results][data-morsel-result]').waitFor();
}

module.exports = { FIXTURE, LESSON, morsel, unzippedPackage, show, answer, submitExam };
