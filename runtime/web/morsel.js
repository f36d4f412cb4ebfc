/* Morsel runtime glue: loads the wasm rules engine, reads and writes the learner's state
 * in localStorage, and wires the page's forms. All rules (grading, progress) live in the
 * wasm core; this file only does I/O and DOM updates. A classic script (no modules, no
 * fetch) so that it works from file:// as well as from any static host. */
(function () {
  'use strict';

  var body = document.body;
  var root = body.getAttribute('data-morsel-root') || '';
  // The fingerprints of the files loaded after the page, by logical name, set by
  // runtime/strings.<hash>.js (generator/assets.h LazyAssetMap): runtime/a.js is published
  // as runtime/a.<fingerprint>.js; the single-file edition loads nothing and has none.
  var assets = window.MorselAssets || {};
  function asset(path) {
    var hash = assets[path];
    return root + (hash ? path.replace(/\.\w+$/, '.' + hash + '$&') : path);
  }
  var siteId = body.getAttribute('data-morsel-site') || 'site';
  var STATE_SCHEMA_PREFIX = 'morsel:v1:' + siteId + ':';
  // The runtime's strings: a page's runtime/strings.<hash>.js (loaded before this script)
  // set window.MorselStrings; the single file holds them as a JSON island.
  var strings = window.MorselStrings || readJson(document.getElementById('morsel-strings')) || {};

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

  // An element with a class and a text, either optional.
  function make(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (content != null) el.textContent = content;
    return el;
  }

  /* ---- notices: one polite message per problem, never an alert() ---- */
  var shown = {};
  function notice(key, action) {
    if (shown[key]) return;
    shown[key] = true;
    var area = document.querySelector('[data-morsel-notices]');
    if (!area) return;
    var box = make('div', 'morsel-notice');
    box.setAttribute('data-morsel-notice', key);
    var p = make('p', '', text(key) + ' ');
    if (action) {
      var act = make('button', '', text(action.label));
      act.type = 'button';
      act.addEventListener('click', action.run);
      p.appendChild(act);
    }
    var close = make('button', '', text('dismiss'));
    close.type = 'button';
    close.addEventListener('click', function () { box.remove(); });
    p.appendChild(close);
    box.appendChild(p);
    area.appendChild(box);
  }

  /* ---- storage: localStorage when it works, memory for this visit when it does not ---- */
  function isQuota(e) {
    return !!e && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22);
  }
  var memory = {};
  // In a course packaged for an LMS (runtime/web/lms.js found its API), the learner's state
  // comes from the LMS alone and goes back to it: nothing is read from or written to this
  // browser's storage, which on a shared computer holds someone else's progress.
  var lms = window.MorselLms || null;
  // Full storage still reads: what is stored is shown, and each save that finds no room
  // says "storage full" (never "unavailable", which is storage the browser refuses).
  var storage = lms ? null : (function () {
    try {
      var ls = window.localStorage;
      var probe = STATE_SCHEMA_PREFIX + 'probe';
      ls.getItem(probe);
      try {
        ls.setItem(probe, '1');
        ls.removeItem(probe);
      } catch (e) {
        if (!isQuota(e)) return null;
      }
      return ls;
    } catch (e) {
      return null;
    }
  })();
  function load(key) {
    if (!storage) return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
    try { return storage.getItem(STATE_SCHEMA_PREFIX + key); } catch (e) { return null; }
  }
  function drop(key) {
    if (!storage) { delete memory[key]; return; }
    try { storage.removeItem(STATE_SCHEMA_PREFIX + key); } catch (e) { /* nothing to drop */ }
  }
  // This site's keys that start with `start`, without the site's prefix.
  function keysStartingWith(start) {
    var keys = storage ? [] : Object.keys(memory).filter(function (k) { return k.indexOf(start) === 0; });
    for (var i = 0; storage && i < storage.length; i++) {
      var key = storage.key(i);
      if (key.indexOf(STATE_SCHEMA_PREFIX + start) === 0) keys.push(key.slice(STATE_SCHEMA_PREFIX.length));
    }
    return keys;
  }
  // 'ok', 'quota' (the browser's storage is full: nothing was written) or 'memory'.
  function save(key, value) {
    if (storage) {
      try {
        storage.setItem(STATE_SCHEMA_PREFIX + key, value);
        return 'ok';
      } catch (e) {
        if (isQuota(e)) return 'quota';
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

  /* ---- loading: classic scripts only, so that file:// works (it fetches nothing) ---- */
  // Shared with search.js (window.MorselLoader), which the layout runs after this file.
  var scripts = {};
  function loadScript(src, charset) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        if (charset) script.charset = charset;
        script.src = src;
        script.onload = resolve;
        script.onerror = function () { delete scripts[src]; reject(new Error('could not load ' + src)); };
        document.head.appendChild(script);
      });
    }
    return scripts[src];
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

  // Loads one wasm module and resolves to it: `name` is its file (morsel-runtime,
  // morsel-progress, morsel-search), `factory` and `packed` the globals its loader and its
  // packed wasm set.
  function loadWasm(name, factory, packed) {
    var options = { locateFile: function (path) { return asset('runtime/' + path); } };
    function unpack() { options.wasmBinary = unpackWasm(window[packed] || ''); }
    var ready;
    if (window[factory] && window[packed]) {
      // The single-file edition carries the module and its loader inline: load nothing.
      unpack();
      ready = Promise.resolve();
    } else if (location.protocol !== 'file:') {
      ready = loadScript(asset('runtime/' + name + '.js'));
    } else {
      // A separate .wasm cannot be fetched from file:// (origin 'null'): the same bytes come
      // packed in a script (scripts/pack-wasm.js: one ISO-8859-1 character per byte, +48).
      ready = loadScript(asset('runtime/' + name + '.wasm.js'), 'ISO-8859-1').then(function () {
        unpack();
        return loadScript(asset('runtime/' + name + '.js'));
      });
    }
    return ready.then(function () { return window[factory](options); });
  }
  window.MorselLoader = { script: loadScript, wasm: loadWasm };

  // Loads a module of the core and calls `done` with its API, or with null if it failed.
  function loadModule(name, factory, packed, done) {
    loadWasm(name, factory, packed).then(function (module) { done(makeCore(module)); }, function () { done(null); });
  }

  // The progress module (merge, compact, reset, My learning's view): loaded in the
  // background once the page is ready, or at once by the first call that needs it. Each
  // `run` is called with it once it is loaded; a failed load is tried again by the next.
  var progress = null;
  var progressWaiting = null;
  function withProgress(run) {
    if (progress) { run(progress); return; }
    if (progressWaiting) { progressWaiting.push(run); return; }
    progressWaiting = [run];
    loadModule('morsel-progress', 'MorselProgressRuntime', 'MorselProgressWasm', function (loaded) {
      var waiting = progressWaiting;
      progressWaiting = null;
      if (!loaded) return;
      progress = loaded;
      waiting.forEach(function (r) { r(progress); });
    });
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

  // The core's reading of a stored value (null: none): {ok, state, status}; a learner with
  // nothing stored gets a new random id.
  function readStored(stored) {
    return core.call('load_state', { stored: stored, learner: newLearnerId(), now: now() });
  }

  var loaded = null;
  function loadState() {
    var stored = load('state');
    var result = readStored(stored);
    if (!result.ok) {
      // Not even readable as text (e.g. broken Unicode): treat it as corrupt.
      result = readStored(null);
      if (!result.ok) return false;
      result.status = 'corrupt';
    }
    state = result.state;
    lastStateText = stored;
    resetMark = load('reset');
    if (result.status === 'migrated') save('state-backup-' + Date.now(), stored);
    if (result.status === 'corrupt' || result.status === 'newer-schema') {
      keepUnreadable(stored, result.status);
      if (!persist) return true;
      // Do not merge the unreadable value back in on the next write.
      lastStateText = null;
      save('state', JSON.stringify(state));
      lastStateText = load('state');
      return true;
    }
    if (result.status !== 'ok') writeState();
    return true;
  }

  // A stored value this tab cannot read (damaged, or written by a newer Morsel) is the
  // learner's only record of it: kept under a backup key, offered for download, and a
  // newer one is never overwritten (this tab stops saving).
  function keepUnreadable(stored, status) {
    var kept = save('state-backup-' + Date.now(), stored) === 'ok';
    // With no room for the backup, the value stays where it is: this visit saves nothing.
    if (status === 'newer-schema' || !kept) persist = false;
    notice(status === 'newer-schema' ? 'storage_newer' : kept ? 'storage_recovered' : 'storage_unreadable_full', {
      label: 'storage_backup',
      run: function () { download('morsel-progress-backup-' + siteId + '.json', stored); }
    });
  }

  // What the core makes of a stored value another tab left: 'ok', 'migrated', 'corrupt' or
  // 'newer-schema'.
  function storedStatus(stored) {
    var result = readStored(stored);
    return result.ok ? result.status : 'corrupt';
  }

  // A reset (My learning) is the one change a merge must not undo, and another tab still
  // holds the old progress in memory: the resetting tab leaves a mark after the reset state,
  // and a tab that finds a mark it has not seen drops the same progress before it merges.
  // Called with the progress module loaded.
  var resetMark = null;
  function followReset() {
    var mark = load('reset');
    if (!mark || mark === resetMark) return;
    resetMark = mark;
    var how = {};
    try { how = JSON.parse(mark) || {}; } catch (e) { /* unreadable: as a reset of everything */ }
    var result = how.lessons ? progress.call('reset', { state: state, lessons: how.lessons, course: how.course })
      : readStored(load('state'));
    if (result.ok) state = result.state;
  }

  // A write that needs the progress module (another tab's reset to follow or state to
  // merge, a state to compact) while it loads waits for it: the state stays in memory and
  // the latest is written once it is there. Never a write that would drop progress.
  var writeWaiting = false;
  function writeLater() {
    if (writeWaiting) return;
    writeWaiting = true;
    withProgress(function () {
      writeWaiting = false;
      writeState();
    });
  }

  function writeState() {
    if (lms) { writeLms(); return; }
    if (!persist) return;
    var current = load('state');
    var textNow = JSON.stringify(state);
    if (!progress) {
      var mark = load('reset');
      if ((mark && mark !== resetMark) || (current !== null && current !== lastStateText) || textNow.length > STATE_BUDGET) {
        writeLater();
        return;
      }
    } else {
      followReset();
      current = load('state');
      if (current !== null && current !== lastStateText) {
        var merged = progress.call('merge', { state: state, incoming: current });
        if (merged.ok) {
          state = merged.state;
        } else {
          // Never overwrite what this tab could not read without keeping it first.
          var status = storedStatus(current);
          if (status === 'corrupt' || status === 'newer-schema') keepUnreadable(current, status);
          if (!persist) return;
        }
      }
      textNow = JSON.stringify(state);
    }
    var compacted = false;
    function compact(budget) {
      var small = progress.call('compact', { state: state, budget: budget });
      if (!small.ok) return;
      state = small.state;
      textNow = JSON.stringify(state);
      compacted = true;
    }
    if (textNow.length > STATE_BUDGET) compact(STATE_BUDGET);
    var outcome = save('state', textNow);
    if (outcome === 'quota') {
      if (!progress) {
        writeLater();
        return;
      }
      // Make room from this site's own history, then try again: never drop the newest.
      compact(Math.floor(textNow.length / 2));
      outcome = save('state', textNow);
      if (outcome === 'quota') notice('storage_full');
    }
    if (outcome === 'ok') lastStateText = textNow;
    if (compacted && outcome === 'ok') notice('storage_compacted');
  }

  /* ---- under an LMS: the state from and to suspend_data (lms.js), the totals reported ---- */
  // The state the LMS suspended, or a fresh one for its learner (none suspended yet, or
  // one the core cannot read, which the learner is told of); called with the progress
  // module loaded (it holds the compact encoding).
  function loadLmsState() {
    var result = window.MorselLmsState.resume(lms, progress, courseScoring(), newLearnerId(), now());
    if (!result) return false;
    if (result.status === 'corrupt') notice('lms_state_unreadable');
    state = result.state;
    return true;
  }

  function writeLms() {
    var course = courseScoring();
    var totals = course ? courseTotals(course) : null;
    var resume = statusView([]).resume;
    window.MorselLmsState.write(lms, progress, state, course, resume ? resume.lesson + (resume.anchor ? '#' + resume.anchor : '') : '',
      totals && totals.ok ? totals.progress : null);
  }

  function commit(result) {
    if (!result.ok) return false;
    state = result.state;
    writeState();
    return true;
  }

  // A page left while a write waited for the progress module: its state is kept under a
  // key of its own with the reset mark it had followed, and the next page to load the
  // module merges it in (keepUnmerged) — unless a reset came since: the merge would bring
  // back progress the learner reset, so that stash is dropped.
  function stashOnLeave() {
    window.addEventListener('pagehide', function () {
      if (writeWaiting && persist) save('unmerged-' + Date.now(), JSON.stringify({ mark: resetMark, state: state }));
    });
  }
  function keepUnmerged() {
    var keys = keysStartingWith('unmerged-');
    if (!keys.length || !persist) return;
    followReset();
    keys.forEach(function (key) {
      var stash = null;
      try { stash = JSON.parse(load(key)); } catch (e) { stash = null; }
      if (!stash || stash.mark !== resetMark) return;
      var merged = progress.call('merge', { state: state, incoming: JSON.stringify(stash.state) });
      if (merged.ok) state = merged.state;
    });
    writeState();
    if (lastStateText === JSON.stringify(state)) keys.forEach(drop);
  }

  // Another tab saved: take its progress in, so this page shows it and later writes keep it.
  window.addEventListener('storage', function (event) {
    if (lms || !core || !state || !event.newValue) return;
    if (event.key !== STATE_SCHEMA_PREFIX + 'reset' && event.key !== STATE_SCHEMA_PREFIX + 'state') return;
    withProgress(function () {
      if (event.key === STATE_SCHEMA_PREFIX + 'reset') {
        followReset();
      } else {
        var merged = progress.call('merge', { state: state, incoming: event.newValue });
        if (!merged.ok) return;
        state = merged.state;
        // Unless this tab wrote since (the module may have loaded in between).
        if (load('state') === event.newValue) lastStateText = event.newValue;
      }
      showStatuses();
      if (window.MorselDashboard && window.MorselDashboard.refresh) window.MorselDashboard.refresh();
    });
  });

  // Records a finished course when this page knows its scoring: fires the host events.
  // Saved only when the core says something changed (the first completion or pass, the percent).
  // Course totals come from the progress module: at once when it is loaded, else when it is.
  // The course's scoring: in the single file, a JSON island; on a lesson page, the course's
  // own script (runtime/course.<hash>.js, loaded before this one) set window.MorselCourse.
  // Under an LMS that sets its own pass mark (SCORM's mastery score, cmi5's masteryScore),
  // the core judges by that one.
  function courseScoring() {
    var course = readJson(document.getElementById('morsel-course')) || window.MorselCourse || null;
    // Parsed afresh (the single file, where an LMS is): changing it changes no other copy.
    if (course && lms && lms.passMark != null) course.pass_mark = lms.passMark;
    return course;
  }

  // The core's totals and locks of `course` (with `at`, a finished course recorded too),
  // its locks painted; call with the progress module loaded.
  function courseTotals(course, at) {
    var result = progress.call('course_progress', { state: state, course: course, now: at });
    if (result.ok) paintLocks(course.id, result.locks);
    return result;
  }

  function recordCourse(course) {
    if (!course) return;
    withProgress(function () {
      var result = courseTotals(course, now());
      if (!result.ok || !result.state || !result.changed) return;
      commit(result);
      if (result.newly.completed) dispatch('morsel:course-completed', { course: course.id, progress: result.progress });
      if (result.newly.passed) dispatch('morsel:course-passed', { course: course.id, progress: result.progress });
      if (result.newly.failed) dispatch('morsel:course-failed', { course: course.id, progress: result.progress });
    });
  }

  /* ---- pages: statuses and scores, as the core's status view says ---- */
  function statusView(ids) {
    var result = core.call('status', { state: state, lessons: ids });
    return result.ok ? result : { lessons: {}, resume: null };
  }

  function lessonStatus(id) {
    return statusView([id]).lessons[id] || 'not_started';
  }

  function attributeJson(el, name) {
    try { return JSON.parse(el.getAttribute(name)); } catch (e) { return null; }
  }

  function showStatuses() {
    var items = document.querySelectorAll('[data-morsel-lesson-status]');
    var counters = document.querySelectorAll('[data-morsel-course-progress]');
    var ids = [];
    items.forEach(function (item) { ids.push(item.getAttribute('data-morsel-lesson-status')); });
    counters.forEach(function (p) { ids = ids.concat(attributeJson(p, 'data-morsel-course-progress') || []); });
    document.querySelectorAll('[data-morsel-lesson-score]').forEach(function (m) { ids.push(m.getAttribute('data-morsel-lesson-score')); });
    var statuses = lastStatuses = statusView(ids).lessons;
    paintItems();
    var scores = document.querySelectorAll('[data-morsel-course-score]');
    if (scores.length) withProgress(function () { scores.forEach(showScore); });
    counters.forEach(function (p) {
      var list = attributeJson(p, 'data-morsel-course-progress') || [];
      var done = list.filter(function (id) { return statuses[id] === 'completed'; }).length;
      p.textContent = text('course_progress', { done: done, total: list.length });
    });
  }

  // Each lesson's status as the core's status view has it, or "locked" as its CourseLocks
  // does (a completed lesson never is).
  var lastStatuses = {};
  var lockedBy = {};
  function paintItems() {
    document.querySelectorAll('[data-morsel-lesson-status]').forEach(function (item) {
      var id = item.getAttribute('data-morsel-lesson-status');
      var status = lastStatuses[id] || 'not_started';
      if (status !== 'completed' && Object.keys(lockedBy).some(function (c) { return lockedBy[c][id]; })) status = 'locked';
      item.setAttribute('data-morsel-state', status);
      var label = item.querySelector('[data-morsel-status-text]');
      if (label) label.textContent = text('status_' + status);
    });
  }

  // A lesson locked (a sequential module, prerequisites) shows what opens it, as the core's
  // CourseLocks lists what is missing, instead of its content. A lock guides: the page
  // still holds the lesson (docs/engagement.md).
  function paintLocks(courseId, locks) {
    lockedBy[courseId] = locks.lessons;
    document.querySelectorAll('[data-morsel-lock]').forEach(function (panel) {
      var id = panel.getAttribute('data-morsel-lock');
      var lacks = locks.lessons[id];
      var content = document.querySelector('[data-morsel-lesson-body="' + id + '"]');
      panel.hidden = !lacks;
      panel.setAttribute('data-morsel-judged', '');
      if (content) content.hidden = !!lacks;
      // "lesson:<id>" or "course:<id>": shown while the core lists it as missing.
      panel.querySelectorAll('[data-morsel-unlock]').forEach(function (item) {
        var key = item.getAttribute('data-morsel-unlock').split(':');
        item.hidden = !lacks || (key[0] === 'course' ? locks.courses : lacks).indexOf(key[1]) < 0;
      });
    });
    paintItems();
  }

  // A course's score (course pages, home, My learning), from the progress module.
  function showScore(p) {
    var course = attributeJson(p, 'data-morsel-course-score');
    var result = course && courseTotals(course);
    if (!result || !result.ok || result.progress.max <= 0) return;
    var totals = result.progress;
    p.textContent = [scoreText(totals), scoreText({ shown: totals.verdict })].filter(String).join(' · ');
    // The same page's module sections and lesson items show their share.
    [['modules', 'data-morsel-module-score'], ['lessons', 'data-morsel-lesson-score']].forEach(function (kind) {
      document.querySelectorAll('[' + kind[1] + ']').forEach(function (m) {
        var share = (totals[kind[0]] || {})[m.getAttribute(kind[1])];
        m.textContent = share ? scoreText(share) : '';
      });
    });
  }

  // A share's score as the core shows it (`shown`: of everything, or so far; a course's
  // `verdict` too).
  function scoreText(share) {
    return share.shown ? text(share.shown.key, share.shown) : '';
  }

  function showMessage(form, key) {
    var feedback = form.querySelector('[data-morsel-feedback]');
    feedback.removeAttribute('data-morsel-result');
    feedback.textContent = text(key);
  }

  function showResult(form, result, note) {
    var feedback = form.querySelector('[data-morsel-feedback]');
    var verdict = make('strong');
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
    var detail = make('span');
    // Feedback is HTML the generator rendered from the author's Markdown (raw HTML off).
    detail.innerHTML = result.feedback || '';
    feedback.replaceChildren(verdict, ' ', detail);
    if (note) {
      feedback.appendChild(make('span', 'morsel-attempts', ' ' + text(note.key, { n: note.n })));
    }
    showReveal(form, result.reveal);
  }

  // When the quiz's show_answers policy allows: mark the right options, add the explanation.
  function showReveal(form, reveal) {
    if (!reveal) return;
    (reveal.correct_options || []).forEach(function (i) { markOption(form, i, 'correct', 'right_answer'); });
    if (reveal.explanation) {
      var explanation = make('p', 'morsel-explanation');
      // Generator-rendered HTML from the author's Markdown (raw HTML off).
      explanation.innerHTML = reveal.explanation;
      form.querySelector('[data-morsel-feedback]').appendChild(explanation);
    }
  }

  // Option `i` of a choice question marked `answer` ("correct", "wrong") in words, once.
  function markOption(form, i, answer, key) {
    var input = form.querySelector('input[value="' + Number(i) + '"]');
    var option = input && input.closest('[data-morsel-option]');
    if (!option || option.querySelector('[data-morsel-mark]')) return;
    option.setAttribute('data-morsel-answer', answer);
    var mark = make('span', 'morsel-answer-mark', text(key));
    mark.setAttribute('data-morsel-mark', '');
    option.appendChild(mark);
  }

  /* ---- question types: how each reads its form and restores a response (markup: the
     theme's quiz template). Reading only: whether an answer is complete is the core's. ---- */
  function values(form, selector) {
    return Array.prototype.map.call(form.querySelectorAll(selector), function (el) { return el.value; });
  }
  function picks(form, selector) {
    return values(form, selector).map(function (v) { return v === '' ? -1 : Number(v); });
  }
  function setAll(form, selector, list) {
    form.querySelectorAll(selector).forEach(function (el, i) {
      if (list && list[i] !== undefined) el.value = String(list[i]);
    });
  }
  function check(form, index) {
    var input = form.querySelector('input[value="' + Number(index) + '"]');
    if (input) input.checked = true;
  }
  var choiceType = {
    read: function (form) {
      var checked = form.querySelector('input[type="radio"]:checked');
      return { choice: checked ? Number(checked.value) : null };
    },
    restore: function (form, r) { check(form, r.choice); }
  };
  var TYPES = {
    single: choiceType, true_false: choiceType, poll: choiceType, likert: choiceType,
    multiple: {
      read: function (form) { return { choices: values(form, 'input[type="checkbox"]:checked').map(Number) }; },
      restore: function (form, r) { (r.choices || []).forEach(function (c) { check(form, c); }); }
    },
    fill_blanks: {
      read: function (form) { return { blanks: values(form, '[data-morsel-blank]') }; },
      restore: function (form, r) { setAll(form, '[data-morsel-blank]', r.blanks); }
    },
    dropdown: {
      read: function (form) { return { choices: picks(form, '[data-morsel-gap-choice]') }; },
      restore: function (form, r) { setAll(form, '[data-morsel-gap-choice]', r.choices); }
    },
    numeric: {
      read: function (form) { return { text: form.querySelector('[data-morsel-numeric]').value }; },
      restore: function (form, r) { form.querySelector('[data-morsel-numeric]').value = String(r.text || r.value || ''); }
    },
    matching: {
      read: function (form) { return { matches: picks(form, '[data-morsel-left]') }; },
      restore: function (form, r) { setAll(form, '[data-morsel-left]', r.matches); }
    },
    ordering: {
      read: function (form) { return { positions: picks(form, '[data-morsel-item]') }; },
      restore: function (form, r) {
        var position = [];
        (r.order || []).forEach(function (item, p) { position[item] = p; });
        setAll(form, '[data-morsel-item]', position);
      }
    },
    attestation: {
      read: function (form) { return { agreed: form.querySelector('[data-morsel-agree]').checked }; },
      restore: function (form, r) { form.querySelector('[data-morsel-agree]').checked = r.agreed === true; }
    },
    reflection: {
      read: function (form) { return { text: form.querySelector('[data-morsel-reflection]').value }; },
      restore: function (form, r) { form.querySelector('[data-morsel-reflection]').value = String(r.text || ''); }
    }
  };
  function typeOf(form) { return TYPES[form.getAttribute('data-morsel-type')] || choiceType; }

  /* ---- quizzes: the page paints the core's view of each block ---- */
  function questionForms(section) {
    var forms = {};
    section.querySelectorAll('form[data-morsel-question]').forEach(function (f) {
      forms[f.getAttribute('data-morsel-question')] = f;
    });
    return forms;
  }

  function setLocked(form, locked) {
    form.querySelectorAll('input, select, textarea, button').forEach(function (el) { el.disabled = locked; });
    if (locked) form.setAttribute('data-morsel-locked', 'true');
    else form.removeAttribute('data-morsel-locked');
  }

  // The questions in the core's order (a draw hides the others), options in its order.
  function paintOrder(section, view) {
    var forms = questionForms(section);
    var authored = Object.keys(forms);
    if (view.questions.join('\n') === authored.join('\n') && !Object.keys(view.options).length) return;
    var anchor = section.querySelector('[data-morsel-assessment]') || section.querySelector('[data-morsel-block-data]');
    authored.forEach(function (id) { forms[id].hidden = view.questions.indexOf(id) < 0; });
    view.questions.forEach(function (id, n) {
      var f = forms[id];
      if (!f) return;
      section.insertBefore(f, anchor);
      var number = f.querySelector('[data-morsel-number]');
      if (number) number.textContent = text('question_of', { n: n + 1, total: view.questions.length }) + ' ';
      var order = view.options[id];
      if (order) {
        var fieldset = f.querySelector('fieldset');
        var options = Array.prototype.slice.call(fieldset.querySelectorAll('[data-morsel-option]'));
        order.forEach(function (i) { if (options[i]) fieldset.appendChild(options[i]); });
      }
    });
  }

  // One question as the view has it: cleared, then its answer and result or its message.
  // At the first paint (`first`), what the learner chose before the page was ready stays,
  // unless the view has an answer of its own.
  function paintItem(form, item, first) {
    if (!(first && form.morselTouched && !item.response)) form.reset();
    var feedback = form.querySelector('[data-morsel-feedback]');
    feedback.replaceChildren();
    feedback.removeAttribute('data-morsel-result');
    form.querySelectorAll('[data-morsel-mark]').forEach(function (m) { m.remove(); });
    form.querySelectorAll('[data-morsel-answer]').forEach(function (o) { o.removeAttribute('data-morsel-answer'); });
    if (item.message) showMessage(form, item.message);
    if (item.response && item.result) {
      try { typeOf(form).restore(form, item.response); } catch (e) { /* stale markup: leave blank */ }
      showResult(form, item.result, item.note);
      // The options the learner chose that were wrong, marked in words (not by colour
      // alone), as the result's parts say: one per chosen option, in the response's order.
      // Other types have no [data-morsel-option] to mark; poll and likert are not graded.
      if (item.result.graded) (item.response.choices || [item.response.choice]).forEach(function (i, n) {
        if ((item.result.parts || [])[n] === false) markOption(form, i, 'wrong', 'your_wrong_answer');
      });
    }
    setLocked(form, item.locked === true);
  }

  function paintQuiz(section, view, first) {
    paintOrder(section, view);
    var forms = questionForms(section);
    view.questions.forEach(function (id) { if (forms[id]) paintItem(forms[id], view.items[id], first); });
  }

  // The lesson on screen: the page's lesson (`base`), the same with only the questions this
  // learner is shown (`lesson`, from the core, passed to answer and submit) and its blocks.
  function lessonContext(scope, lesson) {
    function data(selector) {
      return Array.prototype.map.call(scope.querySelectorAll(selector), readJson).filter(function (b) { return b; });
    }
    return {
      base: lesson, lesson: lesson,
      blocks: data('[data-morsel-quiz] [data-morsel-block-data]'), scenarios: data('[data-morsel-scenario] [data-morsel-block-data]')
    };
  }

  // The core's view of the lesson's blocks; `fresh` names assessments tried again.
  function viewLesson(ctx, fresh) {
    var result = core.call('view', { state: state, lesson: ctx.base, blocks: ctx.blocks, scenarios: ctx.scenarios, fresh: fresh || [] });
    if (!result.ok) return {};
    ctx.lesson = result.lesson;
    return result.views;
  }

  function wireQuiz(section, ctx, view) {
    var block = readJson(section.querySelector('[data-morsel-block-data]'));
    if (!block || !view) return;
    if (view.mode === 'assessment') {
      wireAssessment(section, ctx, block, view);
      return;
    }
    paintQuiz(section, view, true);
    var forms = questionForms(section);
    Object.keys(forms).forEach(function (questionId) {
      var form = forms[questionId];
      form.morselWired = true;
      form.querySelector('[data-morsel-check]').hidden = false;
      var hint = form.querySelector('[data-morsel-hint]');
      var hintUsed = false;
      if (hint) hint.addEventListener('toggle', function () { if (hint.open) hintUsed = true; });
      // The feedback becomes a live region only after a restored result is shown, so
      // that screen readers announce new results but not the ones restored on load.
      var region = form.querySelector('[data-morsel-feedback]');
      region.setAttribute('role', 'status');
      region.setAttribute('aria-live', 'polite');
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var response = typeOf(form).read(form);
        var result = core.call('answer', {
          state: state, lesson: ctx.lesson, block: block, question: questionId,
          response: response, hint_used: hintUsed, now: now()
        });
        if (!result.ok) {
          var code = result.error && result.error.code;
          if (code === 'no-attempts-left') setLocked(form, true);
          showMessage(form, code === 'no-attempts-left' ? 'no_attempts_left'
            : code === 'incomplete' ? result.error.missing : 'answer_every_part');
          return;
        }
        var before = lessonStatus(ctx.lesson.id);
        graded(ctx.lesson.id, block.id, questionId, form.getAttribute('data-morsel-type'), response, result.result);
        commit(result);
        paintItem(form, result.view.items[questionId]);
        answered(ctx.lesson, block.id, questionId, result.result, before, result.lesson_status);
        showStatuses();
      });
      // A Check pressed before the page was ready: answered now (unless the draw left it out).
      if (form.morselEarly && !form.hidden) form.dispatchEvent(new Event('submit', { cancelable: true }));
    });
  }

  // Each question answered, with the learner's response and the core's result: for the LMS
  // (its interactions, cmi5's statements) and the host page (runtime/web/xapi.js sends them
  // to a site's LRS), an assessment's questions one by one.
  function graded(lessonId, blockId, questionId, type, response, result) {
    if (lms) lms.answered(lessonId, blockId, questionId, type, response, result);
    dispatch('morsel:question', { lesson: lessonId, block: blockId, question: questionId, type: type, response: response, result: result });
  }

  // After an answer is recorded: the host page's events, and a finished course.
  function answered(lesson, blockId, questionId, result, statusBefore, statusAfter) {
    dispatch('morsel:answer', { lesson: lesson.id, block: blockId, question: questionId, result: result });
    progressed(lesson, statusBefore, statusAfter);
  }

  // After a visit or an answer (whose result says the lesson's status after it): a lesson
  // it completed, and the course, whose pass can also come from a better score in a lesson
  // completed before.
  function progressed(lesson, statusBefore, statusAfter) {
    if (statusBefore !== 'completed' && statusAfter === 'completed') {
      dispatch('morsel:lesson-completed', { lesson: lesson.id });
    }
    recordCourse(courseScoring());
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
    function flush(lessonId, at) {
      tick();
      if (pending < 1000 || !lessonId) return;
      commit(core.call('track', { state: state, lesson: lessonId, ms: Math.round(pending), anchor: at, now: now() }));
      pending = 0;
    }
    function here() { flush(currentLesson(), anchor()); }
    // The single file shows one lesson after another: the time until the next is shown is
    // the last one's (under a second of it, none), not the next one's.
    var shown = currentLesson();
    window.addEventListener('hashchange', function () {
      var next = currentLesson();
      if (next === shown) return;
      flush(shown, '');
      pending = 0;
      shown = next;
    });
    setInterval(here, 15000);
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') here();
      else lastTick = Date.now();
    });
    window.addEventListener('pagehide', here);
  }

  /* ---- assessments: answer every question, submit once, see the results ---- */
  function showSummary(summary, s) {
    var parts = [text('assessment_attempt', { n: s.attempt }),
      text('assessment_result', {
        score: Math.round(s.score * 100) / 100, max: Math.round(s.max_score * 100) / 100,
        percent: Math.round(s.percent)
      })];
    if (s.pass_mark) parts.push(text(s.passed ? 'assessment_passed' : 'assessment_not_passed', { mark: s.pass_mark }));
    else parts.push(text(s.passed ? 'assessment_all_right' : 'assessment_not_all_right'));
    if (s.note) parts.push(text(s.note.key, { n: s.note.n }));
    summary.setAttribute('data-morsel-result', s.passed ? 'correct' : 'incorrect');
    summary.textContent = parts.join(' ');
  }

  // A submission the core refused as incomplete (nothing recorded): which questions, in
  // the order shown, still need an answer, and why; the first one gets the focus.
  function showMissing(forms, shownIds, missing, summary) {
    var list = [];
    var first = null;
    shownIds.forEach(function (id, n) {
      if (!missing[id]) { forms[id].querySelector('[data-morsel-feedback]').replaceChildren(); return; }
      showMessage(forms[id], missing[id]);
      list.push(text('question_n', { n: n + 1 }));
      first = first || forms[id];
    });
    summary.removeAttribute('data-morsel-result');
    summary.textContent = text('assessment_incomplete', { list: list.join(', ') });
    summary.setAttribute('role', 'alert');
    var field = first && first.querySelector('input, select, textarea');
    if (field) field.focus();
  }

  function wireAssessment(section, ctx, block, view) {
    var panel = section.querySelector('[data-morsel-assessment]');
    if (!panel) return;
    var submit = panel.querySelector('[data-morsel-submit-all]');
    var retry = panel.querySelector('[data-morsel-retry]');
    var summary = panel.querySelector('[data-morsel-results]');
    var forms = questionForms(section);
    var hints = {};
    panel.hidden = false;
    Object.keys(forms).forEach(function (id) {
      var form = forms[id];
      var hint = form.querySelector('[data-morsel-hint]');
      if (hint) hint.addEventListener('toggle', function () { if (hint.open) hints[id] = true; });
      // Enter in a field must not send one question on its own.
      form.addEventListener('submit', function (event) { event.preventDefault(); });
      form.querySelector('[data-morsel-feedback]').setAttribute('aria-live', 'off');
    });

    // The block as the view has it: the last submission with its summary, or an attempt open.
    function paint(next) {
      view = next;
      paintQuiz(section, view);
      summary.textContent = '';
      summary.removeAttribute('data-morsel-result');
      if (view.summary) showSummary(summary, view.summary);
      submit.hidden = view.submitted;
      retry.hidden = !view.can_retry;
      if (!view.submitted) hints = {};
    }

    submit.addEventListener('click', function () {
      var responses = {};
      view.questions.forEach(function (id) { if (forms[id]) responses[id] = typeOf(forms[id]).read(forms[id]); });
      var result = core.call('submit', {
        state: state, lesson: ctx.lesson, block: block, responses: responses, hints: hints, now: now()
      });
      if (!result.ok) {
        var code = result.error && result.error.code;
        if (code !== 'incomplete') {
          summary.textContent = text(code === 'no-attempts-left' ? 'no_attempts_left' : 'answer_every_part');
          return;
        }
        showMissing(forms, view.questions, result.error.missing, summary);
        return;
      }
      var before = lessonStatus(ctx.lesson.id);
      view.questions.forEach(function (id) {
        if (forms[id] && result.results[id]) {
          graded(ctx.lesson.id, block.id, id, forms[id].getAttribute('data-morsel-type'), responses[id], result.results[id]);
        }
      });
      commit(result);
      answered(ctx.lesson, block.id, null, result.quiz, before, result.lesson_status);
      summary.removeAttribute('role');
      paint(result.view);
      summary.focus();
      showStatuses();
    });

    retry.addEventListener('click', function () {
      paint(viewLesson(ctx, [block.id])[block.id]);
      var first = forms[view.questions[0]];
      var field = first && first.querySelector('input, select, textarea');
      if (field) field.focus();
    });

    paint(view);
    // Results are announced once the learner submits, not when restored on load.
    summary.setAttribute('aria-live', 'polite');
  }

  /* ---- case studies (```scenario): one situation at a time, choices as buttons ---- */
  function wireScenario(section, ctx, view) {
    var block = readJson(section.querySelector('[data-morsel-block-data]'));
    if (!block || !view) return;
    var nodes = section.querySelectorAll('[data-morsel-node]');
    var list = section.querySelector('[data-morsel-path]');
    var feedback = section.querySelector('[data-morsel-feedback]');
    var restart = section.querySelector('[data-morsel-restart]');
    var path = null;
    section.querySelectorAll('[data-morsel-choice]').forEach(function (b) { b.hidden = false; });
    section.querySelectorAll('[data-morsel-choice-text]').forEach(function (t) { t.hidden = true; });

    function nodeElement(id) {
      return Array.prototype.find.call(nodes, function (n) { return n.getAttribute('data-morsel-node') === id; });
    }

    function show(step, moveFocus) {
      nodes.forEach(function (n) { n.hidden = n.getAttribute('data-morsel-node') !== step.node; });
      list.replaceChildren();
      (path.choices || []).forEach(function (c, i) {
        var from = nodeElement(path.nodes[i]);
        var button = from && from.querySelectorAll('[data-morsel-choice]')[c];
        list.appendChild(make('li', '', text('you_chose', { choice: button ? button.textContent.trim() : '' })));
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

    path = view.path;
    show(view.step, false);
    feedback.setAttribute('role', 'status');
    feedback.setAttribute('aria-live', 'polite');

    section.addEventListener('click', function (event) {
      var button = event.target.closest('[data-morsel-choice]');
      if (!button || !path) return;
      var before = lessonStatus(ctx.lesson.id);
      var result = core.call('scenario_choose', {
        state: state, lesson: ctx.lesson, block: block, path: path,
        choice: Number(button.getAttribute('data-morsel-choice')), now: now()
      });
      if (!commit(result)) return;
      path = result.path;
      show(result.step, true);
      if (result.step.ended) progressed(ctx.lesson, before, result.lesson_status);
      showStatuses();
    });
    restart.addEventListener('click', function () {
      var started = core.call('scenario_start', { block: block });
      if (!started.ok) return;
      path = started.path;
      show(started.step, true);
    });
  }

  function escapeText(value) {
    return make('span', '', value).innerHTML;
  }

  // What the dashboard script may use: the core and the state, through the same commit
  // path as every page (merge with other tabs, compaction, quota handling).
  function dashboardApi() {
    return {
      core: core, progress: progress, text: text, now: now, notice: notice, download: download, readJson: readJson,
      showStatuses: showStatuses, commit: commit, siteId: siteId, budget: STATE_BUDGET, typeOf: typeOf,
      showResult: showResult,
      state: function () { return state; },
      // The state as the page found it, before its own visit.
      loaded: function () { return loaded; },
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
      // A new learner's empty state, for "Reset all progress".
      freshState: function () { return readStored(null); }
    };
  }

  // A lesson shown (its page loaded, or its section of the single file): a visit, and its
  // blocks painted from the core's view and wired the first time. One that can be locked
  // is visited (and so perhaps completed by being read) only once the core says it is open;
  // its blocks work at once all the same (a lock guides, it hides nothing for good), painted
  // as the visit would leave them (a `preview`, not kept), so that an answer chosen while the
  // progress module loads is neither wiped by a later paint nor sent as a form.
  function openLesson(scope, lesson) {
    if (!scope.querySelector('[data-morsel-lock="' + lesson.id + '"]') || lessonStatus(lesson.id) === 'completed') {
      return visit(scope, lesson);
    }
    if (!scope.morselWired) visit(scope, lesson, true);
    withProgress(function () {
      var course = courseScoring();
      var result = course && courseTotals(course);
      if (!result || !result.ok || !result.locks.lessons[lesson.id]) visit(scope, lesson);
    });
  }

  function visit(scope, lesson, preview) {
    var ctx = scope.morselContext = scope.morselContext || lessonContext(scope, lesson);
    var statusBefore = lessonStatus(lesson.id);
    var visited = core.call('visit', {
      state: state, lesson: ctx.base, blocks: ctx.blocks, scenarios: ctx.scenarios, now: now(),
      stale: body.getAttribute('data-morsel-stale') === 'keep' ? 'keep' : 'ask_again'
    });
    if (!(preview ? visited.ok : commit(visited))) return;
    ctx.lesson = visited.lesson;
    // A lesson completed by reading it.
    if (!preview && statusBefore !== 'completed' && visited.lesson_status === 'completed') {
      progressed(ctx.lesson, statusBefore, visited.lesson_status);
    }
    if (!scope.morselWired) {
      scope.morselWired = true;
      scope.querySelectorAll('[data-morsel-quiz]').forEach(function (section) {
        var block = readJson(section.querySelector('[data-morsel-block-data]'));
        wireQuiz(section, ctx, block && visited.views[block.id]);
      });
      scope.querySelectorAll('[data-morsel-scenario]').forEach(function (section) {
        var block = readJson(section.querySelector('[data-morsel-block-data]'));
        wireScenario(section, ctx, block && visited.views[block.id]);
      });
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
    if (keysStartingWith('probe-').some(function (key) { return key !== mine; })) return;
    if (count < 2 && (!before || before === location.pathname)) return;
    var offline = body.getAttribute('data-morsel-single-file');
    body.setAttribute('data-morsel-split-storage', 'true');
    notice('split_storage', offline ? { label: 'split_storage_open', run: function () { location.href = offline; } } : null);
  }

  // Before the core is ready (on a slow phone, a second or more after the page shows), a
  // question already takes its answer: what the learner chooses is kept when the page is
  // wired, and a Check pressed meanwhile is answered then. Not an assessment's questions,
  // which are submitted together (its panel sits beside the forms).
  document.querySelectorAll('[data-morsel-lesson-body] [data-morsel-quiz] form').forEach(function (form) {
    form.addEventListener('input', function () { form.morselTouched = true; });
    form.addEventListener('submit', function (event) {
      if (form.morselWired) return;
      event.preventDefault();
      form.morselEarly = true;
    });
    if (!form.parentNode.querySelector('[data-morsel-assessment]')) form.querySelector('[data-morsel-check]').hidden = false;
  });

  function start() {
    loadModule('morsel-runtime', 'MorselRuntime', 'MorselWasm', function (loaded) {
      if (!loaded) {
        if (document.querySelector('[data-morsel-quiz], [data-morsel-scenario]')) notice('runtime_failed');
        return;
      }
      core = loaded;
      // Under an LMS the state is read through the progress module (its compact encoding).
      if (lms) {
        // An adapter that must fetch the state first (cmi5: from the LRS) calls back when it has it.
        var whenReady = lms.whenReady || function (run) { run(); };
        withProgress(function () { whenReady(function () {
          if (lms.unreachable) notice('lms_unreachable');
          if (!loadLmsState()) return;
          begin();
          // The LMS hears at once that the course was opened ("incomplete" rather than "not
          // attempted"), or, resumed, where it stands.
          writeState();
          // After the last time flush (trackTime's pagehide listener comes first): once.
          window.addEventListener('pagehide', function () { lms.finish(); });
        }); });
        return;
      }
      if (!loadState()) return;
      begin();
    });
  }

  function begin() {
    loaded = state;
    var lesson = readJson(document.getElementById('morsel-lesson'));
    if (lesson) {
      openLesson(document, lesson);
      trackTime(function () { return lesson.id; });
    }
    // The single-file edition (runtime/web/offline.js) holds every lesson of a course and
    // opens each as its section is shown.
    // Under an LMS a relaunch opens where the learner left off, as SCORM's resume expects.
    if (window.MorselOffline) trackTime(window.MorselOffline(openLesson, statusView([]).resume, !!lms));
    splitStorage();
    showStatuses();
    // The scripts of a page's own, named by `data-morsel-script` on the elements that need
    // them ("dashboard" on My learning, "review" on the Review page and on flashcards to
    // rate; on <body>, "engage" on every page of a site with gamification and "share" on
    // lessons), each loaded once the progress module is and started as
    // window.Morsel<Name>.start(api).
    var named = {};
    document.querySelectorAll('[data-morsel-script]').forEach(function (el) {
      el.getAttribute('data-morsel-script').split(' ').forEach(function (name) {
        if (!name || named[name]) return;
        named[name] = 1;
        withProgress(function () {
          // Already there when inlined (the single file).
          var global = 'Morsel' + name[0].toUpperCase() + name.slice(1);
          (window[global] ? Promise.resolve() : loadScript(asset('runtime/' + name + '.js'))).then(function () {
            if (window[global]) window[global].start(dashboardApi());
          }, function () { notice('runtime_failed'); });
        });
      });
    });
    // Ask the browser to keep this site's storage (granted or not, nothing else changes).
    if (!lms && navigator.storage && navigator.storage.persist) navigator.storage.persist().then(null, function () {});
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
    if (lms) return;
    // The page is ready: the progress module loads in the background, and takes in what
    // a page left before it could merge.
    stashOnLeave();
    withProgress(keepUnmerged);
  }

  start();
})();
