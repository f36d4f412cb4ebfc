/* Morsel LMS adapter: in a course packaged for an LMS (`morsel package`, whose page carries
 * data-morsel-lms="scorm-1.2" or "scorm-2004"), finds the LMS's API and speaks its data
 * model. It holds no rule: what the learner has done comes from the wasm core through the
 * glue (runtime/web/morsel.js), which hands this file the compact state to suspend, the
 * course's totals to report and each graded answer. Runs before the glue and leaves
 * window.MorselLms for it; with no LMS found the page is the standalone single file. */
(function () {
  'use strict';

  var kind = document.body.getAttribute('data-morsel-lms');
  if (kind !== 'scorm-1.2' && kind !== 'scorm-2004') return;
  var v12 = kind === 'scorm-1.2';

  // The standard search (ADL's SCORM run-time guidelines): this window's parents, then the
  // opener's. A parent on another origin throws on access: skip it and go on up.
  function scan(win, name) {
    for (var hops = 0; win && hops < 500; hops++) {
      try {
        if (win[name]) return win[name];
      } catch (e) { /* another origin */ }
      var parent = null;
      try { parent = win.parent; } catch (e) { parent = null; }
      if (!parent || parent === win) break;
      win = parent;
    }
    return null;
  }
  function findApi(name) {
    var api = scan(window, name);
    try {
      if (!api && window.top && window.top.opener) api = scan(window.top.opener, name);
    } catch (e) { /* opener on another origin */ }
    try {
      if (!api && window.opener) api = scan(window.opener, name);
    } catch (e) { /* opener on another origin */ }
    return api;
  }

  var api = findApi(v12 ? 'API' : 'API_1484_11');
  if (!api) return;
  var fn = v12
    ? { init: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', finish: 'LMSFinish', error: 'LMSGetLastError' }
    : { init: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit', finish: 'Terminate', error: 'GetLastError' };
  var el = v12
    ? { learner: 'cmi.core.student_id', location: 'cmi.core.lesson_location', exit: 'cmi.core.exit',
      time: 'cmi.core.session_time', score: 'cmi.core.score.', interactions: 'cmi.interactions.' }
    : { learner: 'cmi.learner_id', location: 'cmi.location', exit: 'cmi.exit',
      time: 'cmi.session_time', score: 'cmi.score.', interactions: 'cmi.interactions.' };

  // What went wrong goes to the browser's console (an LMS's SCORM debug view shows the
  // calls themselves): SCORM has no element for a course's own log.
  function log(message) {
    if (window.console) console.warn('Morsel LMS: ' + message);
  }
  function call(name, a, b) {
    var out;
    try {
      out = b === undefined ? api[fn[name]](a) : api[fn[name]](a, b);
    } catch (e) {
      log(fn[name] + ' threw ' + e);
      return '';
    }
    if (name !== 'get' && String(out) !== 'true') {
      var code = '';
      try { code = String(api[fn.error]()); } catch (e) { code = '?'; }
      log(fn[name] + (a ? '(' + a + ')' : '') + ' failed: error ' + code);
    }
    return out;
  }
  function get(element) { return String(call('get', element) || ''); }
  function set(element, value) { return call('set', element, String(value)); }

  if (String(call('init', '')) !== 'true') return;
  var counted = Number(get(el.interactions + '_count'));
  var started = Date.now();
  var lastAnswer = started;
  var finished = false;
  // What was last reported: every lesson completed, and passed / failed / unknown.
  var reported = null;

  // Durations: SCORM 1.2 CMITimespan HHHH:MM:SS.SS, 2004 ISO 8601 (PT#H#M#S).
  function duration(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000);
    var m = Math.floor(cs / 6000) % 60;
    var s = (cs % 6000) / 100;
    if (!v12) return 'PT' + h + 'H' + m + 'M' + s.toFixed(2).replace(/\.?0+$/, '') + 'S';
    function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }
    return pad(h, 4) + ':' + pad(m, 2) + ':' + pad(s.toFixed(2), 5);
  }
  function timestamp(date) {
    var iso = date.toISOString();
    return v12 ? iso.slice(11, 19) : iso.slice(0, 19);
  }

  // The interaction types and response formats of each version (SCORM 1.2 RTE 3.4.2.7;
  // 2004 RTE 4.2.9): a question type of the core maps to the nearest.
  // true_false answers by option like single (the core's options, not 't'/'f').
  var TYPE = {
    single: 'choice', multiple: 'choice', true_false: 'choice', poll: 'likert', likert: 'likert',
    fill_blanks: 'fill-in', dropdown: 'fill-in', numeric: 'numeric', matching: 'matching', ordering: 'sequencing',
    attestation: v12 ? 'performance' : 'other', reflection: v12 ? 'performance' : 'long-fill-in'
  };
  // 1.2's choice, sequencing and matching responses are single characters 0-9 a-z.
  function id(n) { return v12 ? Number(n).toString(36).slice(-1) : String(n); }
  function responseText(type, r) {
    r = r || {};
    var sep = v12 ? ',' : '[,]';
    var list;
    if (r.choices) list = r.choices.map(id);
    else if (r.choice !== undefined) list = [id(r.choice)];
    else if (r.blanks) list = r.blanks.map(String);
    else if (r.positions) list = r.positions.map(id);
    else if (r.matches) return r.matches.map(function (t, i) { return id(i) + (v12 ? '.' : '[.]') + id(t); }).join(sep);
    else if (r.agreed !== undefined) return r.agreed ? (v12 ? 't' : 'true') : (v12 ? 'f' : 'false');
    else if (r.text !== undefined) return String(r.text);
    else return '';
    return list.join(sep);
  }
  // Interactions of earlier sessions stay in the LMS: this session's follow them.
  var interactions = counted > 0 ? counted : 0;
  function interaction(lesson, block, question, type, response, result) {
    var n = el.interactions + interactions + '.';
    var qtype = TYPE[type] || (v12 ? 'performance' : 'other');
    var text = responseText(type, response).slice(0, v12 ? 255 : 4000);
    // Identifiers: 1.2 CMIIdentifier (no spaces, 255), 2004 long_identifier_type (a URN-like id).
    var ident = (lesson + '/' + block + '/' + question).replace(/[^A-Za-z0-9_.:/-]/g, '_').slice(0, 250);
    var at = new Date();
    set(n + 'id', ident);
    set(n + 'type', qtype);
    set(n + (v12 ? 'time' : 'timestamp'), timestamp(at));
    if (text !== '' && qtype !== 'performance') set(n + (v12 ? 'student_response' : 'learner_response'), text);
    var graded = result && result.graded !== false;
    set(n + 'result', !graded ? 'neutral' : result.correct === true ? 'correct' : v12 ? 'wrong' : 'incorrect');
    set(n + 'latency', duration(at.getTime() - lastAnswer));
    lastAnswer = at.getTime();
    interactions++;
  }

  // The course's totals as the core's CourseProgress has them, score first, then status.
  // Completed: every lesson completed. Passed: the core's verdict once every lesson is
  // completed; failed: the core's `failed`, when the pass mark is out of reach (no attempts
  // left), never from leaving the page. A course without graded questions reports
  // completion only.
  function report(progress) {
    if (!progress) return;
    var graded = progress.max > 0;
    if (graded) {
      if (!v12) set(el.score + 'scaled', Math.round(progress.percent * 100) / 10000);
      set(el.score + 'raw', Math.round(progress.percent * 100) / 100);
      set(el.score + 'min', 0);
      set(el.score + 'max', 100);
    }
    var done = progress.total > 0 && progress.completed >= progress.total;
    var success = !graded ? 'unknown' : progress.passed === true ? 'passed' : progress.failed === true ? 'failed' : 'unknown';
    // 1.2 has one status: a graded course is "completed" only through passed or failed.
    if (reported && reported.done === done && reported.success === success) return;
    reported = { done: done, success: success };
    if (v12) {
      set('cmi.core.lesson_status', success !== 'unknown' ? success : done && !graded ? 'completed' : 'incomplete');
    } else {
      set('cmi.completion_status', done ? 'completed' : 'incomplete');
      set('cmi.success_status', success);
    }
  }

  window.MorselLms = {
    kind: kind,
    learner: get(el.learner),
    // The learner's compact state as last suspended ('' on a first launch).
    suspended: get('cmi.suspend_data'),
    // The glue's save: the compact state, the place to come back to, the totals; committed.
    save: function (data, location, progress) {
      if (finished) return;
      set('cmi.suspend_data', data);
      if (location) set(el.location, location.slice(0, v12 ? 255 : 1000));
      report(progress);
      call('commit', '');
    },
    answered: interaction,
    log: log,
    // Once, when the page goes: the session's time, suspended while not complete.
    finish: function () {
      if (finished) return;
      finished = true;
      set(el.time, duration(Date.now() - started));
      // Suspended while the course is not finished: completed, passed or failed.
      var over = reported && (reported.done || reported.success !== 'unknown');
      set(el.exit, over ? (v12 ? '' : 'normal') : 'suspend');
      call('commit', '');
      call('finish', '');
    }
  };
})();
