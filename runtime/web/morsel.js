/* Morsel runtime glue: loads the wasm rules engine, reads and writes the learner's state
 * in localStorage, and wires the page's forms. All rules (grading, progress) live in the
 * wasm core; this file only does I/O and DOM updates. A classic script (no modules, no
 * fetch) so that it works from file:// as well as from any static host. */
(function () {
  'use strict';

  var body = document.body;
  var root = body.getAttribute('data-morsel-root') || '';
  var siteId = body.getAttribute('data-morsel-site') || 'site';
  var STATE_SCHEMA_PREFIX = 'morsel:v1:' + siteId + ':';
  var strings = readJson(document.getElementById('morsel-strings')) || {};

  function readJson(element) {
    if (!element) return null;
    try { return JSON.parse(element.textContent); } catch (e) { return null; }
  }

  function text(key, values) {
    var s = strings[key] || key;
    if (values) {
      Object.keys(values).forEach(function (k) { s = s.split('{' + k + '}').join(String(values[k])); });
    }
    return s;
  }

  /* ---- notices: one polite message per problem, never an alert() ---- */
  var shown = {};
  function notice(key) {
    if (shown[key]) return;
    shown[key] = true;
    var area = document.querySelector('.morsel-notices');
    if (!area) return;
    var box = document.createElement('div');
    box.className = 'morsel-notice';
    box.setAttribute('data-morsel-notice', key);
    var p = document.createElement('p');
    p.textContent = text(key);
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = text('dismiss');
    close.addEventListener('click', function () { box.remove(); });
    p.appendChild(close);
    box.appendChild(p);
    area.appendChild(box);
  }

  /* ---- storage: localStorage when it works, memory for this visit when it does not ---- */
  var memory = {};
  var storage = (function () {
    try {
      var ls = window.localStorage;
      var probe = STATE_SCHEMA_PREFIX + 'probe';
      ls.setItem(probe, '1');
      ls.removeItem(probe);
      return ls;
    } catch (e) {
      return null;
    }
  })();
  function load(key) {
    if (!storage) return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
    try { return storage.getItem(STATE_SCHEMA_PREFIX + key); } catch (e) { return null; }
  }
  function save(key, value) {
    if (storage) {
      try { storage.setItem(STATE_SCHEMA_PREFIX + key, value); return true; } catch (e) { /* falls through */ }
    }
    memory[key] = value;
    notice('storage_unavailable');
    return false;
  }

  function now() {
    var d = new Date();
    function pad(n) { return (n < 10 ? '0' : '') + n; }
    return {
      epoch_ms: d.getTime(),
      local_date: d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()),
      utc_offset_min: -d.getTimezoneOffset()
    };
  }

  function newLearnerId() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  /* ---- the wasm core ---- */
  function loadCore(done) {
    // A separate .wasm file cannot be fetched from file:// (origin 'null'), so there the
    // build with the wasm embedded is loaded instead.
    var single = location.protocol === 'file:';
    var script = document.createElement('script');
    script.src = root + 'runtime/morsel-runtime' + (single ? '.single.js' : '.js');
    script.onload = function () {
      window.MorselRuntime({
        locateFile: function (path) { return root + 'runtime/' + path; }
      }).then(function (module) { done(makeCore(module)); }, function () { done(null); });
    };
    script.onerror = function () { done(null); };
    document.head.appendChild(script);
  }

  function makeCore(m) {
    function call(name, input) {
      var json = JSON.stringify(input);
      var size = m.lengthBytesUTF8(json) + 1;
      var ptr = m._malloc(size);
      m.stringToUTF8(json, ptr, size);
      var out = m.UTF8ToString(m['_morsel_' + name](ptr));
      m._free(ptr);
      return JSON.parse(out);
    }
    return { call: call };
  }

  /* ---- learner state ---- */
  var core = null;
  var state = null;
  // False when the stored state is from a newer version: this visit must not overwrite it.
  var persist = true;

  function loadState() {
    var stored = load('state');
    var result = core.call('load_state', { stored: stored, learner: newLearnerId(), now: now() });
    if (!result.ok) {
      // Not even readable as text (e.g. broken Unicode): treat it as corrupt.
      result = core.call('load_state', { stored: null, learner: newLearnerId(), now: now() });
      if (!result.ok) return false;
      result.status = 'corrupt';
    }
    state = result.state;
    if (result.status === 'corrupt' || result.status === 'newer-schema') {
      // Keep the unreadable value: it is the learner's only record.
      save('state-backup-' + Date.now(), stored);
      notice(result.status === 'corrupt' ? 'storage_recovered' : 'storage_newer');
      if (result.status === 'newer-schema') {
        persist = false;
        return true;
      }
    }
    if (result.status !== 'ok') save('state', JSON.stringify(state));
    return true;
  }

  function commit(result) {
    if (!result.ok) return false;
    state = result.state;
    if (persist) save('state', JSON.stringify(state));
    return true;
  }

  /* ---- pages ---- */
  function lessonStatus(id) {
    var entry = state && state.lessons && state.lessons[id];
    return entry && typeof entry.status === 'string' ? entry.status : 'not_started';
  }

  function showStatuses() {
    document.querySelectorAll('[data-morsel-lesson-status]').forEach(function (item) {
      var status = lessonStatus(item.getAttribute('data-morsel-lesson-status'));
      item.setAttribute('data-morsel-state', status);
      var label = item.querySelector('[data-morsel-status-text]');
      if (label) label.textContent = text('status_' + status);
    });
    document.querySelectorAll('[data-morsel-course-progress]').forEach(function (p) {
      var ids = [];
      try { ids = JSON.parse(p.getAttribute('data-morsel-course-progress')); } catch (e) { ids = []; }
      var done = ids.filter(function (id) { return lessonStatus(id) === 'completed'; }).length;
      p.textContent = text('course_progress', { done: done, total: ids.length });
    });
  }

  function showResult(form, result) {
    var feedback = form.querySelector('.morsel-feedback');
    feedback.setAttribute('data-morsel-result', result.correct ? 'correct' : 'incorrect');
    var verdict = document.createElement('strong');
    verdict.textContent = text(result.correct ? 'correct' : 'incorrect');
    var detail = document.createElement('span');
    // Feedback is HTML the generator rendered from the author's Markdown (raw HTML off).
    detail.innerHTML = result.feedback || '';
    feedback.replaceChildren(verdict, detail);
  }

  function wireQuiz(section, lesson) {
    var block = readJson(section.querySelector('.morsel-block-data'));
    if (!block) return;
    section.querySelectorAll('form[data-morsel-question]').forEach(function (form) {
      var questionId = form.getAttribute('data-morsel-question');
      var button = form.querySelector('.morsel-check');
      button.hidden = false;
      // Show the latest stored answer and its result after a reload.
      var record = state.questions[block.id + '/' + questionId];
      var last = record && record.attempts && record.attempts[record.attempts.length - 1];
      if (last && last.response && typeof last.response.choice === 'number') {
        var input = form.querySelector('input[value="' + last.response.choice + '"]');
        if (input) input.checked = true;
        var regraded = core.call('grade', { block: block, question: questionId, response: last.response });
        if (regraded.ok) showResult(form, regraded.result);
      }
      // The feedback becomes a live region only after a restored result is shown, so
      // that screen readers announce new results but not the ones restored on load.
      var region = form.querySelector('.morsel-feedback');
      region.setAttribute('role', 'status');
      region.setAttribute('aria-live', 'polite');
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var checked = form.querySelector('input[type="radio"]:checked');
        var feedback = form.querySelector('.morsel-feedback');
        if (!checked) {
          feedback.removeAttribute('data-morsel-result');
          feedback.textContent = text('choose_first');
          return;
        }
        var result = core.call('answer', {
          state: state, lesson: lesson, block: block, question: questionId,
          response: { choice: Number(checked.value) }, now: now()
        });
        if (!commit(result)) return;
        showResult(form, result.result);
        showStatuses();
      });
    });
  }

  function start() {
    loadCore(function (loaded) {
      if (!loaded) {
        if (document.querySelector('.morsel-quiz')) notice('runtime_failed');
        return;
      }
      core = loaded;
      if (!loadState()) return;
      var lesson = readJson(document.getElementById('morsel-lesson'));
      if (lesson) {
        commit(core.call('visit', { state: state, lesson: lesson, now: now() }));
        document.querySelectorAll('.morsel-quiz').forEach(function (section) { wireQuiz(section, lesson); });
      }
      showStatuses();
      body.setAttribute('data-morsel-ready', 'true');
    });
  }

  start();
})();
