/* Morsel LMS adapter: in a course packaged for an LMS (`morsel package`, whose page carries
 * data-morsel-lms="scorm-1.2", "scorm-2004" or "cmi5"), finds the LMS (SCORM: its API in a
 * parent or opener window; cmi5: the launch URL's endpoint and token) and speaks its data
 * model. It holds no rule: what the learner has done comes from the wasm core through the
 * glue (runtime/web/morsel.js), which hands this file the compact state to suspend, the
 * course's totals to report and each graded answer. Runs after runtime/web/xapi.js (the
 * LRS client, the interaction types and responses) and before the glue, and leaves
 * window.MorselLms for it; with no LMS found the page is the standalone single file. */
(function () {
  'use strict';

  var kind = document.body.getAttribute('data-morsel-lms');
  var X = window.MorselXapi;

  // The learner's state to and from the LMS, through the progress module's compact encoding
  // (`progress`, handed in by the glue), kept here rather than in the glue every page loads.
  // SCORM 1.2 keeps 4,096 characters of suspend_data; 2004 64,000; cmi5's State API has no
  // limit, but the document written as the page goes must fit a keepalive request (64 KB).
  window.MorselLmsState = {
    // The suspended state (a fresh one for `learner` when there is none, or one that could
    // not be read: `status` 'corrupt'), or null.
    resume: function (lms, progress, course, learner, now) {
      var result = progress.call('lms_resume', { data: lms.suspended, course: course, learner: lms.learner || learner, now: now });
      if (!result.ok) return null;
      if (result.status === 'corrupt') lms.log('suspend_data could not be read (' + result.problem + '): starting afresh');
      return result;
    },
    // Suspends `state` with the place to come back to (`where`) and the course's totals.
    write: function (lms, progress, state, course, where, totals) {
      var budget = { 'scorm-1.2': 4096, cmi5: 32000 }[lms.kind] || 64000;
      var packed = progress.call('lms_suspend', { state: state, course: course, budget: budget });
      if (!packed.ok) {
        lms.log('the state could not be encoded: ' + (packed.error ? packed.error.message : ''));
        return;
      }
      if (packed.degraded && packed.degraded.length) lms.log('to fit suspend_data, left out: ' + packed.degraded.join(', '));
      lms.save(packed.data, where, totals);
    }
  };

  if (kind === 'cmi5') return cmi5();
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

  if (String(call('init', '')) !== 'true') return unreachable('the LMS refused to initialise the session');
  var counted = Number(get(el.interactions + '_count'));
  var started = Date.now();
  var lastAnswer = started;
  var finished = false;
  // What was last reported: every lesson completed, and passed / failed / unknown.
  var reported = null;

  // Durations: SCORM 1.2 CMITimespan HHHH:MM:SS.SS, 2004 ISO 8601 (PT#H#M#S).
  function duration(ms) {
    if (!v12) return X.duration(ms);
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000);
    var m = Math.floor(cs / 6000) % 60;
    var s = (cs % 6000) / 100;
    function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }
    return pad(h, 4) + ':' + pad(m, 2) + ':' + pad(s.toFixed(2), 5);
  }
  function timestamp(date) {
    var iso = date.toISOString();
    return v12 ? iso.slice(11, 19) : iso.slice(0, 19);
  }

  // Interactions of earlier sessions stay in the LMS: this session's follow them.
  var interactions = counted > 0 ? counted : 0;
  function interaction(lesson, block, question, type, response, result) {
    var n = el.interactions + interactions + '.';
    var qtype = X.interaction(type, v12);
    var text = X.response(response, v12).slice(0, v12 ? 255 : 4000);
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

  // An LMS that launched the page but cannot be spoken to: the learner is told the visit is
  // not recorded, and nothing goes to this browser's storage either (a shared computer).
  function unreachable(why) {
    log(why + ': this visit is not recorded');
    window.MorselLms = {
      kind: kind, learner: '', suspended: '', passMark: null, unreachable: true, log: log,
      save: function () {}, answered: function () {}, finish: function () {}
    };
  }

  function passMark(text, scale) {
    var n = text === '' ? NaN : Number(text) * scale;
    return isFinite(n) && n >= 0 && n <= 100 ? n : null;
  }

  window.MorselLms = {
    kind: kind,
    learner: get(el.learner),
    // The pass mark the LMS sets for this learner (SCORM 1.2 mastery_score 0-100, 2004
    // scaled_passing_score -1..1), over the package's: null when it sets none.
    passMark: passMark(v12 ? get('cmi.student_data.mastery_score') : get('cmi.scaled_passing_score'), v12 ? 1 : 100),
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

  /* cmi5 (the AICC/ADL profile of xAPI): the LMS launches the page with endpoint, fetch,
   * actor, registration and activityId in its URL (cmi5 §8.1). The token comes once from
   * `fetch` (§8.2); LMS.LaunchData (§10) gives the context template, the launch mode, the
   * mastery score and the return URL; the learner's state is a State API document of the
   * AU's own (never this browser's storage). Statements: initialized first, then the
   * answers ("cmi5 allowed", without the cmi5 category), completed / passed / failed once
   * the core's totals say so (once per registration each, failed never after passed, none
   * but initialized and terminated outside the Normal launch mode), terminated last. */
  function cmi5() {
    var CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/';
    var EXT = 'https://w3id.org/xapi/cmi5/context/extensions/';
    var launch = {};
    var query = new URLSearchParams(location.search);
    var names = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'];
    names.forEach(function (k) { launch[k] = query.get(k) || ''; });
    var missing = names.filter(function (k) { return !launch[k]; });
    // None: the file opened by itself. Some: an LMS's launch gone wrong.
    if (missing.length === names.length) return;
    if (missing.length) return unreachable('the launch URL lacks ' + missing.join(', '));
    var actor;
    try { actor = JSON.parse(launch.actor); } catch (e) { actor = null; }
    if (!actor || typeof actor !== 'object') return unreachable('the launch URL\'s actor is not a JSON agent');
    var account = actor.account || {};
    var client = null;
    var launchData = {};
    var normal = true;
    var mastery = null;
    var started = Date.now();
    var lastAnswer = started;
    var finished = false;
    // Morsel's State API document: the compact state, the place to come back to, and the
    // cmi5 verbs already sent in this registration.
    var doc = { data: '', location: '', sent: {} };
    var stateOf = function (stateId) {
      return { activityId: launch.activityId, agent: actor, registration: launch.registration, stateId: stateId };
    };
    var STATE = stateOf('https://w3id.org/xapi/morsel/state');

    // The LMS's context template, copied (never changed), with the registration and, for a
    // cmi5-defined statement, the cmi5 category (and moveon's, with a success or completion).
    function context(defined, moveOn, extensions) {
      var c = JSON.parse(JSON.stringify(launchData.contextTemplate || {}));
      c.registration = launch.registration;
      if (defined) {
        var activities = c.contextActivities = c.contextActivities || {};
        activities.category = (activities.category || []).concat([{ id: CATEGORY + 'cmi5' }]);
        if (moveOn) activities.category.push({ id: CATEGORY + 'moveon' });
      }
      if (extensions) {
        c.extensions = c.extensions || {};
        for (var k in extensions) if (!(k in c.extensions)) c.extensions[k] = extensions[k];
      }
      return c;
    }
    function send(verb, result, options) {
      options = options || {};
      var s = {
        actor: actor, verb: X.verb(verb),
        object: options.object || { objectType: 'Activity', id: launch.activityId },
        context: context(!options.allowed, !!result && ('success' in result || 'completion' in result), options.extensions)
      };
      if (result) s.result = result;
      client.send(s);
    }

    // The course's totals as the core's CourseProgress has them (with the LMS's mastery
    // score as the pass mark, passMark below): each verb once, completed before passed.
    function report(progress) {
      if (!progress || !normal) return;
      var spent = X.duration(Date.now() - started);
      var sent = doc.sent;
      var masteryExt = null;
      if (mastery !== null) (masteryExt = {})[EXT + 'masteryscore'] = mastery;
      if (progress.total > 0 && progress.completed >= progress.total && !sent.completed) {
        send('completed', { completion: true, duration: spent });
        sent.completed = true;
      }
      if (progress.max > 0 && progress.passed === true && !sent.passed) {
        send('passed', { score: X.score(progress), success: true, duration: spent }, { extensions: masteryExt });
        sent.passed = true;
      } else if (progress.max > 0 && progress.failed === true && !sent.passed && !sent.failed) {
        send('failed', { score: X.score(progress), success: false, duration: spent }, { extensions: masteryExt });
        sent.failed = true;
      }
    }

    var self = window.MorselLms = {
      kind: 'cmi5',
      learner: (account.homePage || '') + '|' + (account.name || JSON.stringify(actor)),
      suspended: '',
      passMark: null,
      // Set when the LMS could not be reached: the visit goes on, recorded nowhere.
      unreachable: false,
      // The token, the launch data, the learner's preferences (§11: read at start) and the
      // state; then initialized, and `run` (the glue's start).
      whenReady: function (run) {
        fetch(launch.fetch, { method: 'POST', credentials: 'omit', cache: 'no-store' }).then(function (res) {
          return res.json();
        }).then(function (token) {
          if (!token || typeof token['auth-token'] !== 'string') {
            throw new Error(token && token['error-text'] ? token['error-text'] + ' (error ' + token['error-code'] + ')' : 'no auth-token');
          }
          client = new X.Client({ endpoint: launch.endpoint, auth: 'Basic ' + token['auth-token'] });
          return Promise.all([
            client.getState(stateOf('LMS.LaunchData')),
            client.request('GET', 'agents/profile?profileId=cmi5LearnerPreferences&agent=' +
              encodeURIComponent(JSON.stringify(actor))).then(null, function () { return null; }),
            client.getState(STATE)
          ]);
        }).then(function (got) {
          if (!got[0] || typeof got[0] !== 'object') throw new Error('no LMS.LaunchData state document');
          launchData = got[0];
          normal = !launchData.launchMode || launchData.launchMode === 'Normal';
          var m = Number(launchData.masteryScore);
          if (launchData.masteryScore !== undefined && isFinite(m) && m >= 0 && m <= 1) {
            mastery = m;
            self.passMark = m * 100;
          }
          var kept = got[2];
          if (kept && typeof kept === 'object') {
            doc.data = typeof kept.data === 'string' ? kept.data : '';
            doc.location = typeof kept.location === 'string' ? kept.location : '';
            doc.sent = kept.sent && typeof kept.sent === 'object' ? kept.sent : {};
          }
          self.suspended = doc.data;
          // The LMS's page to go back to (§10.2.6): the theme's exit button goes there.
          var exit = document.querySelector('[data-morsel-lms-exit]');
          if (exit && typeof launchData.returnURL === 'string' && launchData.returnURL) {
            exit.hidden = false;
            exit.addEventListener('click', function () {
              self.finish();
              location.href = launchData.returnURL;
            });
          }
          started = lastAnswer = Date.now();
          send('initialized');
          run();
        }).then(null, function (e) {
          log('the LMS could not be reached (' + (e && e.message ? e.message : e) + '): this visit is not recorded');
          client = null;
          self.unreachable = true;
          run();
        });
      },
      save: function (data, where, progress) {
        if (finished || !client) return;
        doc.data = data;
        doc.location = where || '';
        report(progress);
        client.putState(STATE, doc);
      },
      // A graded answer: a "cmi5 allowed" statement about the question, part of the AU.
      answered: function (lesson, block, question, type, response, result) {
        if (finished || !client) return;
        var at = Date.now();
        var a = X.answered(launch.activityId + '/' + [block, question].map(encodeURIComponent).join('/'), type, response, result);
        a.result.duration = X.duration(at - lastAnswer);
        lastAnswer = at;
        send('answered', a.result, { allowed: true, object: a.object });
      },
      log: log,
      // Once, when the page goes (or the learner exits): terminated, the last statement,
      // and what is still queued, in requests that outlive the page.
      finish: function () {
        if (finished || !client) return;
        finished = true;
        send('terminated', { duration: X.duration(Date.now() - started) });
        client.leave();
        client.leaveState();
      }
    };
  }
})();
