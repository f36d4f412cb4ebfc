/* Morsel runtime glue: loads the wasm rules engine, reads and writes the learner's state
 * in localStorage, and wires the page's forms. All rules (grading, progress) live in the
 * wasm core; this file only does I/O and DOM updates. A classic script (no modules, no
 * fetch) so that it works from file:// as well as from any static host. */
(function () {
  'use strict';

  var body = document.body;
  var root = body.getAttribute('data-morsel-root') || '';
  // The published (fingerprinted) names of the files loaded after the page, logical name →
  // path (generator/assets.h); the single-file edition loads nothing and has none.
  var assets = readJson({ textContent: body.getAttribute('data-morsel-assets') }) || {};
  function asset(path) { return root + (assets[path] || path); }
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
  function notice(key, action) {
    if (shown[key]) return;
    shown[key] = true;
    var area = document.querySelector('.morsel-notices');
    if (!area) return;
    var box = document.createElement('div');
    box.className = 'morsel-notice';
    box.setAttribute('data-morsel-notice', key);
    var p = document.createElement('p');
    p.textContent = text(key) + ' ';
    if (action) {
      var act = document.createElement('button');
      act.type = 'button';
      act.textContent = text(action.label);
      act.addEventListener('click', action.run);
      p.appendChild(act);
    }
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
  // 'ok', 'quota' (the browser's storage is full: nothing was written) or 'memory'.
  function save(key, value) {
    if (storage) {
      try {
        storage.setItem(STATE_SCHEMA_PREFIX + key, value);
        return 'ok';
      } catch (e) {
        if (e && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22)) return 'quota';
      }
    }
    memory[key] = value;
    notice('storage_unavailable');
    return 'memory';
  }

  function dispatch(name, detail) {
    document.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  function download(name, content) {
    var link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
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
  function loadScript(src, charset, onload, onerror) {
    var script = document.createElement('script');
    if (charset) script.charset = charset;
    script.src = src;
    script.onload = onload;
    script.onerror = onerror;
    document.head.appendChild(script);
  }

  // Browsers read "ISO-8859-1" as windows-1252, which maps 27 bytes of 0x80-0x9F to other
  // characters: map those back to their bytes.
  var CP1252 = [0x20AC, 0, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160,
    0x2039, 0x152, 0, 0x17D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC,
    0x2122, 0x161, 0x203A, 0x153, 0, 0x17E, 0x178];
  function unpackWasm(packed) {
    var back = {};
    CP1252.forEach(function (code, i) { if (code) back[code] = 0x80 + i; });
    var bytes = new Uint8Array(packed.length);
    for (var i = 0; i < packed.length; i++) {
      var c = packed.charCodeAt(i);
      if (c > 255) c = back[c];
      bytes[i] = (c - 48) & 255;
    }
    return bytes;
  }

  function loadCore(done) {
    var options = { locateFile: function (path) { return asset('runtime/' + path); } };
    function instantiate() {
      window.MorselRuntime(options).then(function (module) { done(makeCore(module)); }, function () { done(null); });
    }
    function fail() { done(null); }
    // The single-file edition carries the module and its loader inline: load nothing.
    if (window.MorselRuntime && window.MorselWasm) {
      options.wasmBinary = unpackWasm(window.MorselWasm);
      instantiate();
      return;
    }
    if (location.protocol !== 'file:') {
      loadScript(asset('runtime/morsel-runtime.js'), null, instantiate, fail);
      return;
    }
    // A separate .wasm cannot be fetched from file:// (origin 'null'): the same bytes come
    // packed in a script (scripts/pack-wasm.js: one ISO-8859-1 character per byte, +48).
    loadScript(asset('runtime/morsel-runtime.wasm.js'), 'ISO-8859-1', function () {
      options.wasmBinary = unpackWasm(window.MorselWasm || '');
      loadScript(asset('runtime/morsel-runtime.js'), null, instantiate, fail);
    }, fail);
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
  // The stored text this tab last read or wrote: anything else there came from another
  // tab, and is merged in (by the core, monotonically) before this tab writes.
  var lastStateText = null;
  // The documented size the state is kept within (docs/progress.md): every downloaded
  // site shares one storage quota of about 5 MB in Chromium.
  var STATE_BUDGET = 256 * 1024;

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
    lastStateText = stored;
    resetMark = load('reset');
    if (result.status === 'corrupt' || result.status === 'newer-schema' || result.status === 'migrated') {
      // Keep the value as it was: it is the learner's only record.
      save('state-backup-' + Date.now(), stored);
    }
    if (result.status === 'corrupt' || result.status === 'newer-schema') {
      notice(result.status === 'corrupt' ? 'storage_recovered' : 'storage_newer', {
        label: 'storage_backup',
        run: function () { download('morsel-progress-backup-' + siteId + '.json', stored); }
      });
      if (result.status === 'newer-schema') {
        persist = false;
        return true;
      }
      // Do not merge the unreadable value back in on the next write.
      lastStateText = null;
      save('state', JSON.stringify(state));
      lastStateText = load('state');
      return true;
    }
    if (result.status !== 'ok') writeState();
    return true;
  }

  // A reset (My learning) is the one change a merge must not undo, and another tab still
  // holds the old progress in memory: the resetting tab leaves a mark after the reset state,
  // and a tab that finds a mark it has not seen drops the same progress before it merges.
  var resetMark = null;
  function followReset() {
    var mark = load('reset');
    if (!mark || mark === resetMark) return;
    resetMark = mark;
    var how = {};
    try { how = JSON.parse(mark) || {}; } catch (e) { /* unreadable: as a reset of everything */ }
    var result = how.lessons ? core.call('reset', { state: state, lessons: how.lessons, course: how.course })
      : core.call('load_state', { stored: load('state'), learner: newLearnerId(), now: now() });
    if (result.ok) state = result.state;
  }

  function writeState() {
    if (!persist) return;
    followReset();
    var current = load('state');
    if (current !== null && current !== lastStateText) {
      var merged = core.call('merge', { state: state, incoming: current });
      if (merged.ok) state = merged.state;
    }
    var textNow = JSON.stringify(state);
    var compacted = false;
    function compact(budget) {
      var small = core.call('compact', { state: state, budget: budget });
      if (!small.ok) return;
      state = small.state;
      textNow = JSON.stringify(state);
      compacted = true;
    }
    if (textNow.length > STATE_BUDGET) compact(STATE_BUDGET);
    var outcome = save('state', textNow);
    if (outcome === 'quota') {
      // Make room from this site's own history, then try again: never drop the newest.
      compact(Math.floor(textNow.length / 2));
      outcome = save('state', textNow);
      if (outcome === 'quota') notice('storage_full');
    }
    if (outcome === 'ok') lastStateText = textNow;
    if (compacted && outcome === 'ok') notice('storage_compacted');
  }

  function commit(result) {
    if (!result.ok) return false;
    state = result.state;
    writeState();
    return true;
  }

  // Another tab saved: take its progress in, so this page shows it and later writes keep it.
  window.addEventListener('storage', function (event) {
    if (!core || !state || !event.newValue) return;
    if (event.key === STATE_SCHEMA_PREFIX + 'reset') {
      followReset();
    } else {
      if (event.key !== STATE_SCHEMA_PREFIX + 'state') return;
      var merged = core.call('merge', { state: state, incoming: event.newValue });
      if (!merged.ok) return;
      state = merged.state;
      lastStateText = event.newValue;
    }
    showStatuses();
    if (window.MorselDashboard && window.MorselDashboard.refresh) window.MorselDashboard.refresh();
  });

  // Records a finished course when this page knows its scoring: fires the host events.
  // Saved only when something changed (the first completion or pass, the percent).
  function recordCourse(course) {
    if (!course) return;
    var result = core.call('course_progress', { state: state, course: course, now: now() });
    if (!result.ok || !result.state) return;
    var before = state.courses && state.courses[course.id];
    if (!result.newly.completed && !result.newly.passed && before && before.percent === result.progress.percent) return;
    commit(result);
    if (result.newly.completed) dispatch('morsel:course-completed', { course: course.id, progress: result.progress });
    if (result.newly.passed) dispatch('morsel:course-passed', { course: course.id, progress: result.progress });
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
    document.querySelectorAll('[data-morsel-course-score]').forEach(function (p) {
      var course = null;
      try { course = JSON.parse(p.getAttribute('data-morsel-course-score')); } catch (e) { course = null; }
      var result = course && core.call('course_progress', { state: state, course: course });
      if (!result || !result.ok || result.progress.max <= 0) return;
      var progress = result.progress;
      var mark = course.pass_mark || 0;
      var parts = [text('course_score', { percent: Math.round(progress.percent) })];
      if (progress.passed === true && mark > 0) parts.push(text('course_passed'));
      else if (progress.passed === false) parts.push(text('course_not_passed', { mark: mark }));
      else if (mark > 0) parts.push(text('course_pass_mark', { mark: mark }));
      p.textContent = parts.join(' · ');
      // The same page's module sections and lesson items show their share.
      [['modules', 'data-morsel-module-score'], ['lessons', 'data-morsel-lesson-score']].forEach(function (kind) {
        document.querySelectorAll('[' + kind[1] + ']').forEach(function (m) {
          var totals = (progress[kind[0]] || {})[m.getAttribute(kind[1])];
          if (totals && totals.max > 0 && (kind[0] === 'modules' || lessonStatus(m.getAttribute(kind[1])) !== 'not_started')) {
            m.textContent = text('module_score', { percent: Math.round(totals.percent) });
          }
        });
      });
    });
    document.querySelectorAll('[data-morsel-course-progress]').forEach(function (p) {
      var ids = [];
      try { ids = JSON.parse(p.getAttribute('data-morsel-course-progress')); } catch (e) { ids = []; }
      var done = ids.filter(function (id) { return lessonStatus(id) === 'completed'; }).length;
      p.textContent = text('course_progress', { done: done, total: ids.length });
    });
  }

  function showMessage(form, key) {
    var feedback = form.querySelector('.morsel-feedback');
    feedback.removeAttribute('data-morsel-result');
    feedback.textContent = text(key);
  }

  function showResult(form, result) {
    var feedback = form.querySelector('.morsel-feedback');
    var verdict = document.createElement('strong');
    if (!result.graded) {
      feedback.setAttribute('data-morsel-result', 'saved');
      verdict.textContent = text('saved');
    } else if (result.correct) {
      feedback.setAttribute('data-morsel-result', 'correct');
      verdict.textContent = text(form.getAttribute('data-morsel-type') === 'attestation' ? 'confirmed' : 'correct');
    } else if (result.score > 0) {
      feedback.setAttribute('data-morsel-result', 'partial');
      verdict.textContent = text('partly_correct', {
        score: Math.round(result.score * 100) / 100, max: Math.round(result.max_score * 100) / 100
      });
    } else {
      feedback.setAttribute('data-morsel-result', 'incorrect');
      verdict.textContent = text('incorrect');
    }
    var detail = document.createElement('span');
    // Feedback is HTML the generator rendered from the author's Markdown (raw HTML off).
    detail.innerHTML = result.feedback || '';
    feedback.replaceChildren(verdict, ' ', detail);
    showReveal(form, result.reveal);
  }

  // When the quiz's show_answers policy allows: mark the right options, add the explanation.
  function showReveal(form, reveal) {
    if (!reveal) return;
    (reveal.correct_options || []).forEach(function (i) {
      var input = form.querySelector('input[value="' + Number(i) + '"]');
      var option = input && input.closest('.morsel-option');
      if (option && !option.querySelector('.morsel-answer-mark')) {
        option.setAttribute('data-morsel-answer', 'correct');
        var mark = document.createElement('span');
        mark.className = 'morsel-answer-mark';
        mark.textContent = text('right_answer');
        option.appendChild(mark);
      }
    });
    if (reveal.explanation) {
      var explanation = document.createElement('p');
      explanation.className = 'morsel-explanation';
      // Generator-rendered HTML from the author's Markdown (raw HTML off).
      explanation.innerHTML = reveal.explanation;
      form.querySelector('.morsel-feedback').appendChild(explanation);
    }
  }

  /* ---- reading and restoring answers, per question type (markup: theme's quiz template) ---- */
  function values(form, selector) {
    return Array.prototype.map.call(form.querySelectorAll(selector), function (el) { return el.value; });
  }

  // Returns the response, or a string naming the message to show instead.
  function readResponse(form, type) {
    var checked;
    switch (type) {
      case 'single': case 'true_false': case 'poll': case 'likert':
        checked = form.querySelector('input[type="radio"]:checked');
        return checked ? { choice: Number(checked.value) } : 'choose_first';
      case 'multiple':
        return { choices: values(form, 'input[type="checkbox"]:checked').map(Number) };
      case 'fill_blanks': {
        var blanks = values(form, '.morsel-blank');
        return blanks.some(function (b) { return b.trim() === ''; }) ? 'answer_every_part' : { blanks: blanks };
      }
      case 'dropdown': {
        var picks = values(form, '.morsel-gap-choice');
        return picks.indexOf('') >= 0 ? 'answer_every_part' : { choices: picks.map(Number) };
      }
      case 'numeric': {
        var typed = form.querySelector('.morsel-number').value.trim();
        return typed === '' ? 'answer_every_part' : { text: typed };
      }
      case 'matching': {
        var matches = values(form, '.morsel-match').map(Number);
        return matches.indexOf(-1) >= 0 ? 'answer_every_part' : { matches: matches };
      }
      case 'ordering': {
        var positions = values(form, '.morsel-position');
        if (positions.indexOf('') >= 0) return 'answer_every_part';
        var order = [];
        positions.forEach(function (p, item) { order[Number(p)] = item; });
        if (order.filter(function (x) { return x !== undefined; }).length !== positions.length) return 'each_position_once';
        return { order: order };
      }
      case 'attestation':
        return form.querySelector('.morsel-agree').checked ? { agreed: true } : 'agree_first';
      case 'reflection': {
        var textValue = form.querySelector('.morsel-reflection').value;
        return textValue.trim() === '' ? 'answer_every_part' : { text: textValue };
      }
    }
    return 'answer_every_part';
  }

  function restoreResponse(form, type, r) {
    function setAll(selector, list) {
      form.querySelectorAll(selector).forEach(function (el, i) {
        if (list && list[i] !== undefined) el.value = String(list[i]);
      });
    }
    var input;
    switch (type) {
      case 'single': case 'true_false': case 'poll': case 'likert':
        input = form.querySelector('input[value="' + Number(r.choice) + '"]');
        if (input) input.checked = true;
        break;
      case 'multiple':
        (r.choices || []).forEach(function (c) {
          input = form.querySelector('input[value="' + Number(c) + '"]');
          if (input) input.checked = true;
        });
        break;
      case 'fill_blanks': setAll('.morsel-blank', r.blanks); break;
      case 'dropdown': setAll('.morsel-gap-choice', r.choices); break;
      case 'numeric': form.querySelector('.morsel-number').value = String(r.text || r.value || ''); break;
      case 'matching': setAll('.morsel-match', r.matches); break;
      case 'ordering': {
        var position = [];
        (r.order || []).forEach(function (item, p) { position[item] = p; });
        setAll('.morsel-position', position);
        break;
      }
      case 'attestation': form.querySelector('.morsel-agree').checked = r.agreed === true; break;
      case 'reflection': form.querySelector('.morsel-reflection').value = String(r.text || ''); break;
    }
  }

  // Shuffles and pools: the core decides, from the learner's id, which questions this
  // learner sees and in which order; undrawn questions leave the page and the lesson's
  // completion rule.
  // Shows the questions the core drew for this attempt, in its order: the others are
  // hidden (an assessment's next attempt may draw them), and options are put in order.
  function applyPlan(section, lesson, attempt) {
    var block = readJson(section.querySelector('.morsel-block-data'));
    if (!block || !(block.shuffle_questions || block.shuffle_options || block.draw || block.draw_tags)) return;
    var plan = core.call('plan', { block: block, learner: state.learner, attempt: attempt || 0 });
    if (!plan.ok) return;
    var forms = {};
    section.querySelectorAll('form[data-morsel-question]').forEach(function (f) {
      forms[f.getAttribute('data-morsel-question')] = f;
    });
    var anchor = section.querySelector('.morsel-assessment') || section.querySelector('.morsel-block-data');
    Object.keys(forms).forEach(function (id) {
      var drawn = plan.questions.indexOf(id) >= 0;
      forms[id].hidden = !drawn;
      if (drawn) return;
      // Only the drawn questions count towards the lesson and the quiz's total.
      var key = block.id + '/' + id;
      lesson.questions = lesson.questions.filter(function (k) { return k !== key; });
      (lesson.quizzes || []).forEach(function (q) { if (q.id === block.id && q.points) delete q.points[key]; });
    });
    plan.questions.forEach(function (id, n) {
      var f = forms[id];
      if (!f) return;
      section.insertBefore(f, anchor);
      var number = f.querySelector('.morsel-question-number');
      if (number) number.textContent = text('question_of', { n: n + 1, total: plan.questions.length }) + ' ';
      var order = plan.options[id];
      if (order) {
        var fieldset = f.querySelector('fieldset');
        var options = Array.prototype.slice.call(fieldset.querySelectorAll('.morsel-option'));
        order.forEach(function (i) { if (options[i]) fieldset.appendChild(options[i]); });
      }
    });
  }

  // No attempts left: the answer stays visible but cannot be changed or sent again.
  function lockForm(form) {
    form.querySelectorAll('input, select, textarea, button').forEach(function (el) { el.disabled = true; });
    form.setAttribute('data-morsel-locked', 'true');
  }

  function wireQuiz(section, lesson) {
    var block = readJson(section.querySelector('.morsel-block-data'));
    if (!block) return;
    if (block.mode === 'assessment') {
      wireAssessment(section, lesson, block);
      return;
    }
    section.querySelectorAll('form[data-morsel-question]').forEach(function (form) {
      var questionId = form.getAttribute('data-morsel-question');
      var type = form.getAttribute('data-morsel-type') || 'single';
      var button = form.querySelector('.morsel-check');
      button.hidden = false;
      var hint = form.querySelector('.morsel-hint');
      var hintUsed = false;
      if (hint) {
        hint.addEventListener('toggle', function () { if (hint.open) hintUsed = true; });
      }
      // Show the latest stored answer and its result after a reload.
      var record = state.questions[block.id + '/' + questionId];
      var last = record && record.attempts && record.attempts[record.attempts.length - 1];
      // Stale attempts (the answer changed since) do not count against the limit.
      var used = record && record.attempts ? record.attempts.filter(function (a) { return a && a.stale !== true; }).length : 0;
      if (last && last.stale === true) {
        // The answer changed since (marked by the core on this visit): ask again.
        showMessage(form, type === 'attestation' ? 'statement_changed' : 'answer_changed');
        last = null;
        record = null;
      } else if (last && last.response && typeof last.response === 'object') {
        try { restoreResponse(form, type, last.response); } catch (e) { /* stale markup: leave blank */ }
        var regraded = core.call('grade', {
          block: block, question: questionId, response: last.response, hint_used: last.hint_used === true,
          attempts_left: typeof block.attempts === 'number' && block.attempts > 0 ? Math.max(block.attempts - used, 0) : -1
        });
        if (regraded.ok) showResult(form, regraded.result);
      }
      var limit = typeof block.attempts === 'number' ? block.attempts : 0;
      if (limit > 0 && used >= limit &&
          !(last && last.correct === true)) {
        lockForm(form);
      }
      // The feedback becomes a live region only after a restored result is shown, so
      // that screen readers announce new results but not the ones restored on load.
      var region = form.querySelector('.morsel-feedback');
      region.setAttribute('role', 'status');
      region.setAttribute('aria-live', 'polite');
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var response = readResponse(form, type);
        if (typeof response === 'string') {
          showMessage(form, response);
          return;
        }
        var result = core.call('answer', {
          state: state, lesson: lesson, block: block, question: questionId,
          response: response, hint_used: hintUsed, now: now()
        });
        if (!result.ok) {
          if (result.error && result.error.code === 'no-attempts-left') {
            lockForm(form);
            showMessage(form, 'no_attempts_left');
            return;
          }
          showMessage(form, type === 'numeric' ? 'not_a_number' : 'answer_every_part');
          return;
        }
        var before = lessonStatus(lesson.id);
        commit(result);
        showResult(form, result.result);
        answered(lesson, block.id, questionId, result.result, before);
        var left = result.result.attempts_left;
        if (!result.result.correct && typeof left === 'number' && left >= 0) {
          var note = document.createElement('span');
          note.className = 'morsel-attempts';
          note.textContent = ' ' + (left === 0 ? text('no_attempts_left')
            : text(left === 1 ? 'attempt_left' : 'attempts_left', { n: left }));
          form.querySelector('.morsel-feedback').appendChild(note);
          if (left === 0) lockForm(form);
        }
        showStatuses();
      });
    });
  }

  // After an answer is recorded: the host page's events, and a finished course.
  function answered(lesson, blockId, questionId, result, statusBefore) {
    dispatch('morsel:answer', { lesson: lesson.id, block: blockId, question: questionId, result: result });
    progressed(lesson, statusBefore);
  }

  // After a visit or an answer: a lesson it completed, and the course, whose pass can also
  // come from a better score in a lesson completed before.
  function progressed(lesson, statusBefore) {
    if (statusBefore !== 'completed' && lessonStatus(lesson.id) === 'completed') {
      dispatch('morsel:lesson-completed', { lesson: lesson.id });
    }
    recordCourse(readJson(document.getElementById('morsel-course')));
  }

  /* ---- time spent: only while the page is visible and the learner active ---- */
  function trackTime(currentLesson) {
    var IDLE_MS = 60000;
    var lastInput = Date.now();
    var lastTick = Date.now();
    var pending = 0;
    ['keydown', 'pointerdown', 'pointermove', 'scroll', 'wheel', 'touchstart'].forEach(function (name) {
      window.addEventListener(name, function () { lastInput = Date.now(); }, { passive: true });
    });
    function tick() {
      var t = Date.now();
      if (document.visibilityState === 'visible' && t - lastInput < IDLE_MS) pending += Math.min(t - lastTick, IDLE_MS);
      lastTick = t;
    }
    // Where the learner is: the last heading scrolled to, for "continue where you left off".
    // The single file's hidden sections have empty boxes, and its ids are "<lesson id>:<id>":
    // the state keeps the heading's id as on the lesson's own page.
    function anchor() {
      var found = '';
      document.querySelectorAll('main h2[id], main h3[id]').forEach(function (h) {
        var box = h.getBoundingClientRect();
        if (box.height && box.top < 120) found = h.id.slice(h.id.lastIndexOf(':') + 1);
      });
      return found;
    }
    function flush() {
      tick();
      var lessonId = currentLesson();
      if (pending < 1000 || !lessonId) return;
      var result = core.call('track', { state: state, lesson: lessonId, ms: Math.round(pending), anchor: anchor(), now: now() });
      pending = 0;
      commit(result);
    }
    setInterval(flush, 15000);
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') flush();
      else lastTick = Date.now();
    });
    window.addEventListener('pagehide', flush);
  }

  /* ---- assessments: answer every question, submit once, see the results ---- */
  function quizAttempts(id) {
    var record = state.quizzes && state.quizzes[id];
    return record && Array.isArray(record.attempts) ? record.attempts : [];
  }

  function wireAssessment(section, lesson, block) {
    var panel = section.querySelector('.morsel-assessment');
    if (!panel) return;
    var submit = panel.querySelector('.morsel-submit-all');
    var retry = panel.querySelector('.morsel-retry');
    var summary = panel.querySelector('.morsel-results');
    var forms = Array.prototype.slice.call(section.querySelectorAll('form[data-morsel-question]'));
    var hints = {};
    var baseQuestions = lesson.questions.slice();
    var baseQuizzes = JSON.stringify(lesson.quizzes || []);
    panel.hidden = false;
    forms.forEach(function (form) {
      var id = form.getAttribute('data-morsel-question');
      var hint = form.querySelector('.morsel-hint');
      if (hint) hint.addEventListener('toggle', function () { if (hint.open) hints[id] = true; });
      // Enter in a field must not send one question on its own.
      form.addEventListener('submit', function (event) { event.preventDefault(); });
      form.querySelector('.morsel-feedback').setAttribute('aria-live', 'off');
    });
    function shown() { return forms.filter(function (f) { return !f.hidden; }); }
    function limit() { return typeof block.attempts === 'number' ? block.attempts : 0; }

    function showSummary(quiz, left) {
      var parts = [text('assessment_attempt', { n: quiz.attempt }),
        text('assessment_result', {
          score: Math.round(quiz.score * 100) / 100, max: Math.round(quiz.max_score * 100) / 100,
          percent: Math.round(quiz.percent)
        })];
      if (block.pass_mark) parts.push(text(quiz.passed ? 'assessment_passed' : 'assessment_not_passed', { mark: block.pass_mark }));
      else parts.push(text(quiz.passed ? 'assessment_all_right' : 'assessment_not_all_right'));
      if (left >= 0) parts.push(left === 0 ? text('no_attempts_left') : text(left === 1 ? 'attempt_left' : 'attempts_left', { n: left }));
      summary.setAttribute('data-morsel-result', quiz.passed ? 'correct' : 'incorrect');
      summary.textContent = parts.join(' ');
      submit.hidden = true;
      retry.hidden = left === 0;
    }

    // A fresh attempt: the core's draw for it, every answer cleared.
    function open(attempt) {
      lesson.questions = baseQuestions.slice();
      lesson.quizzes = JSON.parse(baseQuizzes);
      applyPlan(section, lesson, attempt);
      forms.forEach(function (form) {
        form.reset();
        form.removeAttribute('data-morsel-locked');
        form.querySelectorAll('input, select, textarea, button').forEach(function (el) { el.disabled = false; });
        var feedback = form.querySelector('.morsel-feedback');
        feedback.replaceChildren();
        feedback.removeAttribute('data-morsel-result');
        form.querySelectorAll('.morsel-answer-mark').forEach(function (m) { m.remove(); });
        form.querySelectorAll('[data-morsel-answer]').forEach(function (o) { o.removeAttribute('data-morsel-answer'); });
      });
      hints = {};
      summary.textContent = '';
      summary.removeAttribute('data-morsel-result');
      submit.hidden = false;
      retry.hidden = true;
    }

    // The last submission, as stored: its draw, answers and results, locked.
    function showLast(attempts) {
      var last = attempts[attempts.length - 1];
      var left = limit() > 0 ? Math.max(limit() - attempts.length, 0) : -1;
      lesson.questions = baseQuestions.slice();
      lesson.quizzes = JSON.parse(baseQuizzes);
      applyPlan(section, lesson, attempts.length - 1);
      shown().forEach(function (form) {
        var id = form.getAttribute('data-morsel-question');
        var type = form.getAttribute('data-morsel-type') || 'single';
        var record = state.questions[block.id + '/' + id];
        var answer = record && record.attempts && record.attempts[record.attempts.length - 1];
        if (answer && answer.response && typeof answer.response === 'object') {
          try { restoreResponse(form, type, answer.response); } catch (e) { /* stale markup */ }
          var regraded = core.call('grade', {
            block: block, question: id, response: answer.response, hint_used: answer.hint_used === true,
            attempts_left: left, quiz_passed: last.passed === true
          });
          if (regraded.ok) showResult(form, regraded.result);
        }
        lockForm(form);
      });
      showSummary({ attempt: attempts.length, score: last.score, max_score: last.max_score,
        percent: last.percent, passed: last.passed === true }, left);
    }

    submit.addEventListener('click', function () {
      var responses = {};
      var missing = [];
      var firstMissing = null;
      shown().forEach(function (form, n) {
        var response = readResponse(form, form.getAttribute('data-morsel-type') || 'single');
        if (typeof response === 'string') {
          showMessage(form, response);
          missing.push(text('question_n', { n: n + 1 }));
          firstMissing = firstMissing || form;
        } else {
          responses[form.getAttribute('data-morsel-question')] = response;
          form.querySelector('.morsel-feedback').replaceChildren();
        }
      });
      if (missing.length) {
        summary.removeAttribute('data-morsel-result');
        summary.textContent = text('assessment_incomplete', { list: missing.join(', ') });
        summary.setAttribute('role', 'alert');
        var field = firstMissing.querySelector('input, select, textarea');
        if (field) field.focus();
        return;
      }
      var result = core.call('submit', {
        state: state, lesson: lesson, block: block, responses: responses, hints: hints, now: now()
      });
      if (!result.ok) {
        summary.textContent = text(result.error && result.error.code === 'no-attempts-left' ? 'no_attempts_left' : 'answer_every_part');
        return;
      }
      var before = lessonStatus(lesson.id);
      commit(result);
      answered(lesson, block.id, null, result.quiz, before);
      shown().forEach(function (form) {
        var r = result.results[form.getAttribute('data-morsel-question')];
        if (r) showResult(form, r);
        lockForm(form);
      });
      summary.removeAttribute('role');
      showSummary(result.quiz, result.quiz.attempts_left);
      summary.focus();
      showStatuses();
    });

    retry.addEventListener('click', function () {
      open(quizAttempts(block.id).length);
      var first = shown()[0];
      var field = first && first.querySelector('input, select, textarea');
      if (field) field.focus();
    });

    var attempts = quizAttempts(block.id);
    if (attempts.length) showLast(attempts);
    else open(0);
    // Results are announced once the learner submits, not when restored on load.
    summary.setAttribute('aria-live', 'polite');
  }

  /* ---- case studies (```scenario): one situation at a time, choices as buttons ---- */
  function wireScenario(section, lesson) {
    var block = readJson(section.querySelector('.morsel-block-data'));
    if (!block) return;
    var nodes = section.querySelectorAll('[data-morsel-node]');
    var list = section.querySelector('.morsel-scenario-path');
    var feedback = section.querySelector('.morsel-feedback');
    var restart = section.querySelector('.morsel-restart');
    var path = null;
    section.querySelectorAll('.morsel-choice').forEach(function (b) { b.hidden = false; });
    section.querySelectorAll('.morsel-choice-text').forEach(function (t) { t.hidden = true; });

    function nodeElement(id) {
      return Array.prototype.find.call(nodes, function (n) { return n.getAttribute('data-morsel-node') === id; });
    }

    function show(step, moveFocus) {
      nodes.forEach(function (n) { n.hidden = n.getAttribute('data-morsel-node') !== step.node; });
      list.replaceChildren();
      (path.choices || []).forEach(function (c, i) {
        var from = nodeElement(path.nodes[i]);
        var button = from && from.querySelectorAll('.morsel-choice')[c];
        var item = document.createElement('li');
        item.textContent = text('you_chose', { choice: button ? button.textContent.trim() : '' });
        list.appendChild(item);
      });
      var parts = [];
      if (step.feedback) parts.push(step.feedback);
      if (step.ended) parts.push(escapeText(text('scenario_score', { score: step.score })));
      feedback.innerHTML = parts.join(' ');
      restart.hidden = !step.ended;
      if (moveFocus) {
        // The new situation replaces the old one: take keyboard and screen-reader users there.
        var current = nodeElement(step.node);
        if (current) current.focus();
      }
    }

    function begin(moveFocus) {
      var started = core.call('scenario_start', { block: block });
      if (!started.ok) return;
      path = started.path;
      show(started.step, moveFocus);
    }

    var saved = state.scenarios && state.scenarios[block.id];
    var replayed = saved && core.call('scenario_replay', { block: block, path: saved.path });
    if (replayed && replayed.ok) {
      path = saved.path;
      show(replayed.step, false);
    } else {
      begin(false);
    }
    feedback.setAttribute('role', 'status');
    feedback.setAttribute('aria-live', 'polite');

    section.addEventListener('click', function (event) {
      var button = event.target.closest('.morsel-choice');
      if (!button || !path) return;
      var before = lessonStatus(lesson.id);
      var result = core.call('scenario_choose', {
        state: state, lesson: lesson, block: block, path: path,
        choice: Number(button.getAttribute('data-morsel-choice')), now: now()
      });
      if (!commit(result)) return;
      path = result.path;
      show(result.step, true);
      if (result.step.ended) progressed(lesson, before);
      showStatuses();
    });
    restart.addEventListener('click', function () { begin(true); });
  }

  function escapeText(value) {
    var span = document.createElement('span');
    span.textContent = value;
    return span.innerHTML;
  }

  // What the dashboard script may use: the core and the state, through the same commit
  // path as every page (merge with other tabs, compaction, quota handling).
  function dashboardApi() {
    return {
      core: core, text: text, now: now, notice: notice, download: download, readJson: readJson,
      lessonStatus: lessonStatus, showStatuses: showStatuses, commit: commit, siteId: siteId,
      state: function () { return state; },
      // A reset is the one write that may drop progress: the old value is not merged back.
      replaceState: function (fresh) {
        state = fresh;
        save('state', JSON.stringify(state));
        lastStateText = load('state');
      },
      // After a reset's state is saved: what other tabs follow (followReset). No lessons:
      // everything.
      markReset: function (lessons, course) {
        resetMark = JSON.stringify({ at: Date.now(), lessons: lessons, course: course });
        save('reset', resetMark);
      },
      newLearnerId: newLearnerId
    };
  }

  // A lesson shown (its page loaded, or its section of the single file): a visit, and its
  // blocks wired the first time.
  function openLesson(scope, lesson) {
    var first = !scope.morselWired;
    scope.morselWired = true;
    if (first) {
      scope.querySelectorAll('.morsel-quiz:not([data-morsel-mode="assessment"])').forEach(function (section) {
        applyPlan(section, lesson, 0);
      });
    }
    var blocks = Array.prototype.map.call(scope.querySelectorAll('.morsel-quiz .morsel-block-data'), readJson)
      .filter(function (b) { return b; });
    var statusBefore = lessonStatus(lesson.id);
    commit(core.call('visit', {
      state: state, lesson: lesson, blocks: blocks, now: now(),
      stale: body.getAttribute('data-morsel-stale') === 'keep' ? 'keep' : 'ask_again'
    }));
    // A lesson completed by reading it.
    if (statusBefore !== 'completed' && lessonStatus(lesson.id) === 'completed') progressed(lesson, statusBefore);
    if (first) {
      scope.querySelectorAll('.morsel-quiz').forEach(function (section) { wireQuiz(section, lesson); });
      scope.querySelectorAll('.morsel-scenario').forEach(function (section) { wireScenario(section, lesson); });
    }
    showStatuses();
  }

  // Firefox gives each file opened from disk its own storage: progress made on one page is
  // not seen on the next. Each page counts its loads under its own key; a page loaded
  // twice that sees no other page's key points the learner to the single-file edition.
  // Firefox shares cookies among local files (Chromium keeps none for them): each page
  // names itself in a session cookie, so the next page, not seeing that page's key, knows
  // at its first load.
  function splitStorage() {
    if (location.protocol !== 'file:' || !storage || window.MorselOffline) return;
    var mine = 'probe-' + location.pathname;
    var nav = performance.getEntriesByType && performance.getEntriesByType('navigation')[0];
    var count = Number(load(mine)) + (nav && nav.type === 'reload' ? 0 : 1);
    save(mine, String(count));
    var cookie = encodeURIComponent(STATE_SCHEMA_PREFIX + 'page') + '=';
    var before = '';
    document.cookie.split('; ').forEach(function (c) {
      if (c.indexOf(cookie) !== 0) return;
      try { before = decodeURIComponent(c.slice(cookie.length)); } catch (e) { before = ''; }
    });
    document.cookie = cookie + encodeURIComponent(location.pathname) + '; path=/; SameSite=Strict';
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      if (key.indexOf(STATE_SCHEMA_PREFIX + 'probe-') === 0 && key !== STATE_SCHEMA_PREFIX + mine) return;
    }
    if (count < 2 && (!before || before === location.pathname)) return;
    var offline = body.getAttribute('data-morsel-single-file');
    body.setAttribute('data-morsel-split-storage', 'true');
    notice('split_storage', offline ? { label: 'split_storage_open', run: function () { location.href = offline; } } : null);
  }

  function start() {
    loadCore(function (loaded) {
      if (!loaded) {
        if (document.querySelector('.morsel-quiz, .morsel-scenario')) notice('runtime_failed');
        return;
      }
      core = loaded;
      if (!loadState()) return;
      var lesson = readJson(document.getElementById('morsel-lesson'));
      if (lesson) {
        openLesson(document, lesson);
        trackTime(function () { return lesson.id; });
      }
      // The single-file edition (runtime/web/offline.js) holds every lesson of a course and
      // opens each as its section is shown.
      if (window.MorselOffline) trackTime(window.MorselOffline(openLesson, state));
      splitStorage();
      showStatuses();
      // "My learning" has its own script (runtime/web/dashboard.js), loaded only there.
      if (document.querySelector('[data-morsel-dashboard]')) {
        loadScript(asset('runtime/dashboard.js'), null, function () {
          if (window.MorselDashboard) window.MorselDashboard.start(dashboardApi());
        }, function () { notice('runtime_failed'); });
      }
      // Ask the browser to keep this site's storage (granted or not, nothing else changes).
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().then(null, function () {});
      // Hosted (never file://, which cannot fetch either), site.yml features.offline: the
      // web app manifest, and sw.js, which caches the whole site. Its update checks skip
      // the HTTP cache, so a new build's worker is found even where sw.js is cached.
      if (body.hasAttribute('data-morsel-offline') && /^https?:$/.test(location.protocol)) {
        var manifest = document.createElement('link');
        manifest.rel = 'manifest';
        manifest.href = root + 'manifest.webmanifest';
        document.head.appendChild(manifest);
        if (navigator.serviceWorker) {
          navigator.serviceWorker.register(root + 'sw.js', { updateViaCache: 'none' }).then(null, function () {});
        }
      }
      body.setAttribute('data-morsel-ready', 'true');
    });
  }

  start();
})();
