// Feeds corrupt and hostile JSON to the shipped runtime's exports, in both shipped forms:
// every call must return an error result; none may abort the module.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const dir = process.env.MORSEL_RUNTIME_DIR ? path.resolve(process.env.MORSEL_RUNTIME_DIR) :
  path.join(__dirname, '..', '..', 'build', 'wasm', 'dist');
const EXPORTS = ['load_state', 'visit', 'view', 'status', 'answer', 'scenario_start', 'scenario_choose', 'submit', 'track'];
// The progress module (runtime/wasm/progress_bindings.cc), loaded after the page.
const PROGRESS_EXPORTS = ['site_view', 'course_progress', 'merge', 'compact', 'reset', 'lms_suspend', 'lms_resume', 'receipt',
                          'certificate'];
// The review module (runtime/wasm/review_bindings.cc), loaded by the Review page.
const REVIEW_EXPORTS = ['review_queue', 'review_answer', 'review_rate'];

// The file:// form: the wasm packed into a script (scripts/pack-wasm.js), decoded the way
// runtime/web/morsel.js decodes it.
function packedWasm(name, global) {
  // Decode as a browser does: the label ISO-8859-1 means windows-1252 on the web.
  const text = new TextDecoder('iso-8859-1').decode(fs.readFileSync(path.join(dir, name + '.wasm.js')));
  const packed = new Function(text + '; return ' + global + ';')();
  // The glue's own decoder, so this test fails if it and pack-wasm.js disagree. Read from
  // the source: the shipped copy is minified (scripts/minify-js.js), and the browser
  // e2e tests load that copy over file://.
  const glue = fs.readFileSync(path.join(__dirname, '..', '..', 'runtime', 'web', 'morsel.js'), 'utf8');
  const start = glue.indexOf('  var CP1252 = ');
  const end = glue.indexOf('  // Loads one wasm module and resolves to it');
  const unpackWasm = new Function(glue.slice(start, end) + '; return unpackWasm;')();
  return unpackWasm(packed);
}

async function loadForms(name = 'morsel-runtime', global = 'MorselWasm') {
  const packed = packedWasm(name, global);
  assert.deepEqual(Buffer.from(packed), fs.readFileSync(path.join(dir, name + '.wasm')));
  const single = await require(path.join(dir, name + '.js'))({ wasmBinary: packed });
  // Node's fetch cannot load the split build's .wasm by path: hand the bytes in.
  const hosted = await require(path.join(dir, name + '.js'))({
    wasmBinary: fs.readFileSync(path.join(dir, name + '.wasm')),
  });
  return { single, hosted };
}

function callBytes(m, name, bytes) {
  const ptr = m._malloc(bytes.length + 1);
  m.HEAPU8.set(bytes, ptr);
  m.HEAPU8[ptr + bytes.length] = 0;
  const out = m.UTF8ToString(m['_morsel_' + name](ptr));
  m._free(ptr);
  return JSON.parse(out);
}

function call(m, name, text) {
  return callBytes(m, name, Buffer.from(text, 'utf8'));
}

const hostile = [
  '', '{', '}', 'null', 'true', '[]', '"x"', '1e999999', '-', '{"a":}', '\u0000',
  '{"stored": 5, "learner": "x", "now": {"epoch_ms": 1}}',
  '{"state": [], "lesson": {}, "now": {}}',
  '{"state": {"schema": 1}, "lesson": {"id": "l", "questions": []}, "now": {"epoch_ms": 1}}',
  '{"state": {"schema": 1, "learner": "x", "lessons": {}, "questions": {}}, "lesson": {"id": 7, "questions": []}, "now": {"epoch_ms": 1}}',
  '{"block": {"kind": "quiz", "id": "b", "questions": [{"id": "q", "options": "x"}]}, "question": "q", "response": {"choice": 0}}',
  '{"block": {"kind": "quiz", "id": "b", "questions": [{"id": "q", "options": [{}]}]}, "question": "q", "response": {"choice": 99}}',
  '{"block": {"kind": "quiz", "id": "b", "questions": [{"id": "q", "options": [{}]}]}, "question": "q", "response": {"choice": 1e300}}',
  '{"block": {"kind": "quiz", "id": "b", "questions": [{"id": "q", "options": [{}]}]}, "question": "nope", "response": {"choice": 0}}',
  '['.repeat(100000) + ']'.repeat(100000),
  '{"x":"' + 'a'.repeat(5 * 1024 * 1024) + '"',
];

function refusesHostileInput(forms, exports) {
  for (const [formName, m] of Object.entries(forms)) {
    for (const name of exports) {
      for (const input of hostile) {
        const out = call(m, name, input);
        const label = `${formName} ${name}(${JSON.stringify(input.slice(0, 60))})`;
        assert.equal(typeof out, 'object', label);
        assert.equal(out.ok, false, label);
        assert.equal(out.error.code, 'bad-input', label);
        assert.equal(typeof out.error.message, 'string', label);
      }
      // Invalid UTF-8 and lone surrogates must not abort either.
      for (const bytes of [[0xff, 0xfe, 0xfd], [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d], [0xc3]]) {
        const out = callBytes(m, name, Uint8Array.from(bytes));
        assert.equal(out.ok, false, `${formName} ${name} bytes ${bytes}`);
      }
    }
  }
}

test('every export answers hostile input with an error result, in both shipped forms', async () => {
  const forms = await loadForms();
  refusesHostileInput(forms, EXPORTS);
  for (const [formName, m] of Object.entries(forms)) {
    // After all that the module still works.
    const loaded = call(m, 'load_state', JSON.stringify({ stored: '{corrupt', learner: 'l', now: { epoch_ms: 1 } }));
    assert.equal(loaded.ok, true);
    assert.equal(loaded.status, 'corrupt');
    assert.equal(loaded.state.learner, 'l', formName);
  }
});

test('the progress module answers hostile input with an error result, in both shipped forms', async () => {
  const forms = await loadForms('morsel-progress', 'MorselProgressWasm');
  refusesHostileInput(forms, PROGRESS_EXPORTS);
  for (const [formName, m] of Object.entries(forms)) {
    // After all that the module still works: it merges a state into another.
    const state = { schema: 2, learner: 'l', created: 1, updated: 1, lessons: { 'c/m/a': { status: 'completed', first_visit: 1, last_visit: 1, completed_at: 1 } } };
    state.questions = {};
    const merged = call(m, 'merge', JSON.stringify({ state: { schema: 2, learner: 'l', created: 1, updated: 1, lessons: {}, questions: {} }, incoming: JSON.stringify(state) }));
    assert.equal(merged.ok, true, formName);
    assert.equal(merged.summary.lessons_completed, 1, formName);
  }
});

test('the review module answers hostile input with an error result, in both shipped forms', async () => {
  const forms = await loadForms('morsel-review', 'MorselReviewWasm');
  refusesHostileInput(forms, REVIEW_EXPORTS);
  for (const [formName, m] of Object.entries(forms)) {
    // After all that the module still works: a flashcard rated, and the queue after it.
    const state = { schema: 2, learner: 'l', created: 1, updated: 1, lessons: {}, questions: {}, reviews: 7 };
    const now = { epoch_ms: 1764331200000, local_date: '2025-11-28', utc_offset_min: 0 };
    const rated = call(m, 'review_rate', JSON.stringify({ state, item: 'c/m/a:cards/c1', rating: 3, now }));
    assert.equal(rated.ok, true, formName);
    assert.equal(rated.counted, true, formName);
    const queue = call(m, 'review_queue', JSON.stringify({ state: rated.state, items: [{ key: 'c/m/a:cards/c1', card: true }], now }));
    assert.equal(queue.ok, true, formName);
    assert.deepEqual(queue.due, [], formName);
    assert.equal(queue.today_done, 1, formName);
  }
});

test('the progress module suspends a state for an LMS and resumes it; any suspend_data text resumes', async () => {
  const forms = await loadForms('morsel-progress', 'MorselProgressWasm');
  const course = { id: 'c', lessons: [{ id: 'c/m/a', questions: ['c/m/a:q/1'] }, { id: 'c/m/b', questions: [] }] };
  const state = {
    schema: 2, learner: 'l', created: 60000, updated: 120000, questions: {},
    lessons: { 'c/m/a': { status: 'completed', first_visit: 60000, last_visit: 120000, completed_at: 120000 } },
  };
  state.questions['c/m/a:q/1'] = { attempts: [{ response: { blanks: ['new york; "50%"'] }, correct: true, score: 1, max_score: 1, at: 120000 }] };
  const now = { epoch_ms: 180000 };
  for (const [formName, m] of Object.entries(forms)) {
    const suspended = call(m, 'lms_suspend', JSON.stringify({ state, course }));
    assert.equal(suspended.ok, true, formName);
    assert.match(suspended.data, /^[A-Za-z0-9._~-]+$/, formName);
    assert.equal(suspended.chars, suspended.data.length, formName);
    const resumed = call(m, 'lms_resume', JSON.stringify({ data: suspended.data, course, learner: 'lms-1', now }));
    assert.equal(resumed.status, 'ok', formName);
    assert.equal(resumed.state.learner, 'lms-1', formName);
    assert.deepEqual(resumed.state.lessons, state.lessons, formName);
    assert.deepEqual(resumed.state.questions, state.questions, formName);
    for (const data of ['', 'ML1.', suspended.data.slice(0, -1), 'ML1.' + '_'.repeat(5000), '\u0000~~~', suspended.data + 'A']) {
      const out = call(m, 'lms_resume', JSON.stringify({ data, course, learner: 'lms-1', now }));
      assert.equal(out.ok, true, `${formName} ${JSON.stringify(data.slice(0, 20))}`);
      assert.equal(out.status, data === '' ? 'new' : 'corrupt', formName);
      assert.deepEqual(out.state.lessons, {}, formName);
    }
  }
});

test('a lone surrogate in the request is refused cleanly and the module keeps working', async () => {
  const { single } = await loadForms();
  // JSON.stringify writes a lone surrogate as \udc00, which is not valid Unicode: the glue
  // then falls back to a fresh state and backs the stored value up (see morsel.js).
  const text = JSON.stringify({ stored: '{"learner":"\udc00"}', learner: '\udc00', now: { epoch_ms: 1 } });
  const out = call(single, 'load_state', text);
  assert.equal(out.ok, false);
  assert.equal(out.error.code, 'bad-input');
  const again = call(single, 'load_state', JSON.stringify({ stored: null, learner: 'n', now: { epoch_ms: 1 } }));
  assert.equal(again.ok, true);
  assert.equal(again.status, 'new');
});

test('control characters round-trip through the module (its own snprintf writes the escapes)', async () => {
  const forms = await loadForms();
  const learner = 'a\u0001b\u0008\u000b\u001f\u007fc\u00e9';
  for (const [formName, m] of Object.entries(forms)) {
    const out = call(m, 'load_state', JSON.stringify({ stored: null, learner, now: { epoch_ms: 1 } }));
    assert.equal(out.ok, true, formName);
    assert.equal(out.state.learner, learner, `${formName}: escaped and read back exactly`);
    // A stored value with a raw control character inside a string is not JSON: the
    // parser's error message (formatted with snprintf) must not break anything.
    const bad = call(m, 'load_state', JSON.stringify({ stored: '{"learner": "\u0001"}', learner: 'n', now: { epoch_ms: 1 } }));
    assert.equal(bad.status, 'corrupt', formName);
  }
});
