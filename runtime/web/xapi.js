/* Morsel xAPI: the statements a course sends to a Learning Record Store (LRS), and the
 * queue that holds them until the LRS has them. Two users:
 *  - the cmi5 adapter (runtime/web/lms.js), in a course packaged with `morsel package
 *    cmi5`: the LMS gives the endpoint and a one-time token in the launch URL;
 *  - a site whose site.yml sets `xapi.endpoint` (the page's data-morsel-xapi), outside any
 *    LMS: the learner's link carries the credentials (`auth`, `actor`, optional
 *    `registration`), never the published site, where anyone could read them.
 * It holds no rule: what happened (an answer, a lesson or course completed, passed or
 * failed) is the core's, as the glue's events (runtime/web/morsel.js) say it.
 * Leaves window.MorselXapi: { Client, uuid, duration, interaction, response, answered,
 * score, verb, log }. */
(function () {
  'use strict';

  var VERSION = '1.0.3';
  var VERB = 'http://adlnet.gov/expapi/verbs/';

  function log(message) {
    if (window.console) console.warn('Morsel xAPI: ' + message);
  }

  // A random (version 4) UUID, as xAPI wants a statement's id.
  function uuid() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(b, function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  // An ISO 8601 duration to the hundredth of a second (what cmi5 asks for): PT#H#M#S.
  function duration(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    return 'PT' + Math.floor(cs / 360000) + 'H' + Math.floor(cs / 6000) % 60 + 'M' +
      ((cs % 6000) / 100).toFixed(2).replace(/\.?0+$/, '') + 'S';
  }

  // The interaction types and response patterns of SCORM 2004 (RTE 4.2.9), which xAPI's
  // cmi.interaction activities reuse; `v12` gives SCORM 1.2's (RTE 3.4.2.7) for lms.js.
  // true_false answers by option like single (the core's options, not 't'/'f').
  function interaction(type, v12) {
    return {
      single: 'choice', multiple: 'choice', true_false: 'choice', poll: 'likert', likert: 'likert',
      fill_blanks: 'fill-in', dropdown: 'fill-in', numeric: 'numeric', matching: 'matching', ordering: 'sequencing',
      attestation: v12 ? 'performance' : 'other', reflection: v12 ? 'performance' : 'long-fill-in'
    }[type] || (v12 ? 'performance' : 'other');
  }
  // 1.2's choice, sequencing and matching responses are single characters 0-9 a-z.
  function response(r, v12) {
    r = r || {};
    function id(n) { return v12 ? Number(n).toString(36).slice(-1) : String(n); }
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

  // A graded answer as xAPI has it: the question as a cmi.interaction activity under `id`,
  // and the result (the response; success unless the question is ungraded).
  function answered(id, type, r, result) {
    var out = { response: response(r, false) };
    if (result && result.graded !== false) out.success = result.correct === true;
    return {
      object: { objectType: 'Activity', id: id, definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: interaction(type, false) } },
      result: out
    };
  }

  // The core's course totals as an xAPI score (percent of 100, scaled 0..1).
  function score(p) {
    return { scaled: Math.round(p.percent * 100) / 10000, raw: Math.round(p.percent * 100) / 100, min: 0, max: 100 };
  }

  /* A client of one LRS. options: endpoint (its base URL), auth (the Authorization header),
   * store (optional { load() → statements, save(statements) }: a queue kept across pages).
   * Statements are sent in order, a batch at a time; a send that fails (no network, the LRS
   * busy or down) is tried again after 1 s, then 2, 4 … up to a minute. The queue is kept
   * until the LRS has accepted it: a statement's id makes a second send harmless. */
  function Client(options) {
    this.endpoint = String(options.endpoint).replace(/\/?$/, '/');
    this.auth = options.auth;
    this.store = options.store || null;
    this.queue = this.store ? this.store.load() : [];
    this.delay = 0;
    this.timer = null;
    this.inflight = null;
    this.one = false;
    this.stopped = false;
    this.pending = null;
    this.writing = false;
  }

  // Every request may outlive the page (fetch's keepalive, whose bodies the browser caps at
  // 64 KB in all): a statement sent as the learner leaves still arrives. `text`: the JSON
  // body, if any.
  Client.prototype.request = function (method, path, text) {
    var headers = { 'X-Experience-API-Version': VERSION, Authorization: this.auth };
    if (text !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(this.endpoint + path, {
      method: method, headers: headers, body: text, credentials: 'omit', cache: 'no-store',
      keepalive: text !== undefined && text.length < 60000
    });
  };

  // Queues `statement` (given its id and timestamp now) and sends what is queued.
  Client.prototype.send = function (statement) {
    statement.id = uuid();
    statement.timestamp = new Date().toISOString();
    if (this.store) this.queue = this.store.load();
    this.queue.push(statement);
    if (this.store) this.store.save(this.queue);
    this.flush();
    return statement;
  };

  Client.prototype.retry = function () {
    var self = this;
    this.delay = this.delay ? Math.min(this.delay * 2, 60000) : 1000;
    this.timer = setTimeout(function () { self.timer = null; self.flush(); }, this.delay);
  };

  Client.prototype.flush = function () {
    var self = this;
    if (this.inflight || this.timer || this.stopped) return;
    if (this.store) this.queue = this.store.load();
    if (!this.queue.length) return;
    var batch = this.queue.slice(0, this.one ? 1 : 50);
    var sent = this.inflight = {};
    batch.forEach(function (s) { sent[s.id] = true; });
    function settle(drop) {
      self.inflight = null;
      if (!drop) return;
      if (self.store) self.queue = self.store.load();
      self.queue = self.queue.filter(function (s) { return !sent[s.id]; });
      if (self.store) self.store.save(self.queue);
    }
    this.request('POST', 'statements', JSON.stringify(batch)).then(function (res) {
      if (res.ok) {
        settle(true);
        self.delay = 0;
        if (!self.queue.length) self.one = false;
        self.flush();
      } else if (res.status === 401 || res.status === 403) {
        // The credentials are refused (a cmi5 token past its session, a revoked key): the
        // statements stay queued, for a later launch that brings credentials.
        settle(false);
        log('the LRS refused the credentials (HTTP ' + res.status + '): ' + self.queue.length + ' statements kept');
        self.stopped = true;
      } else if (res.status === 400 || res.status === 409 || res.status === 413) {
        // Refused for what the batch holds, which no retry changes (a statement the LRS
        // has under its id with other content, 409; one it cannot take). One at a time
        // from here, so that only such a statement is dropped, and said.
        settle(batch.length === 1);
        if (batch.length === 1) log('the LRS refused a statement (HTTP ' + res.status + '): dropped');
        self.one = true;
        self.flush();
      } else {
        settle(false);
        self.retry();
      }
    }, function () {
      settle(false);
      self.retry();
    });
  };

  // The page is going: what is queued and not on its way goes in one last request. A kept
  // queue (`store`) needs none: the site's next page sends it.
  Client.prototype.leave = function () {
    var inflight = this.inflight || {};
    var rest = this.queue.filter(function (s) { return !inflight[s.id]; });
    if (this.store || this.stopped || !rest.length) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.request('POST', 'statements', JSON.stringify(rest)).then(null, function () {});
  };

  // A State API document (xAPI 1.0.3 §7.4): `params` the activityId, agent, registration and
  // stateId. Resolves to the parsed document, or null when there is none (404).
  Client.prototype.getState = function (params) {
    return this.request('GET', 'activities/state?' + query(params)).then(function (res) {
      if (res.status === 404) return null;
      if (!res.ok) throw new Error('HTTP ' + res.status + ' for ' + params.stateId);
      return res.json();
    });
  };

  // Writes a State API document, the newest winning: one write at a time, the latest
  // document waiting for it, and a failed write tried again after 2 s.
  Client.prototype.putState = function (params, doc) {
    this.pending = { params: params, text: JSON.stringify(doc) };
    this.writeState();
  };

  Client.prototype.writeState = function () {
    var self = this;
    if (this.writing || !this.pending) return;
    var next = this.pending;
    this.pending = null;
    this.writing = true;
    this.request('PUT', 'activities/state?' + query(next.params), next.text).then(function (res) {
      return res.ok;
    }, function () { return false; }).then(function (ok) {
      self.writing = false;
      if (!ok && !self.pending) self.pending = next;
      if (!self.pending) return;
      self.stateTimer = setTimeout(function () { self.writeState(); }, ok ? 0 : 2000);
    });
  };

  // The page is going: a document still waiting is written now.
  Client.prototype.leaveState = function () {
    if (!this.pending) return;
    clearTimeout(this.stateTimer);
    this.request('PUT', 'activities/state?' + query(this.pending.params), this.pending.text).then(null, function () {});
    this.pending = null;
  };

  function query(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== undefined && params[k] !== ''; }).map(function (k) {
      var v = params[k];
      return encodeURIComponent(k) + '=' + encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));
    }).join('&');
  }

  window.MorselXapi = {
    Client: Client, uuid: uuid, duration: duration, interaction: interaction, response: response,
    answered: answered, score: score,
    verb: function (name) { return { id: VERB + name, display: { 'en-US': name } }; },
    log: log
  };

  /* ---- a site's own LRS (site.yml xapi.endpoint), outside any LMS ---- */
  var body = document.body;
  var endpoint = body.getAttribute('data-morsel-xapi');
  if (!endpoint || body.getAttribute('data-morsel-lms')) return;
  var site = body.getAttribute('data-morsel-site') || 'site';
  var KEY = 'morsel-xapi:' + site + ':';

  // The learner's link (the launch convention of xAPI's "Tin Can launch": endpoint, auth,
  // actor, registration) gives the credentials: they are kept for this tab only
  // (sessionStorage) and taken out of the address, so that a bookmark or a shared link
  // does not carry them. The endpoint is always site.yml's: a link cannot send the
  // learner's record elsewhere.
  var launch = null;
  try {
    var params = new URLSearchParams(location.search);
    if (params.get('auth') && params.get('actor')) {
      launch = { auth: params.get('auth'), actor: JSON.parse(params.get('actor')), registration: params.get('registration') || '' };
      sessionStorage.setItem(KEY + 'launch', JSON.stringify(launch));
      ['endpoint', 'auth', 'actor', 'registration', 'activity_id'].forEach(function (k) { params.delete(k); });
      var rest = params.toString();
      history.replaceState(history.state, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
    } else {
      launch = JSON.parse(sessionStorage.getItem(KEY + 'launch') || 'null');
    }
  } catch (e) {
    log('the launch parameters could not be read (' + e + ')');
    launch = null;
  }
  if (!launch || !launch.actor || typeof launch.actor !== 'object') {
    log('no credentials in the launch URL (auth, actor): nothing is sent');
    return;
  }

  // One queue per learner: a shared browser sends each learner's statements only when that
  // learner comes back with credentials.
  var queueKey = KEY + 'queue:' + JSON.stringify(launch.actor);
  var client = new Client({
    endpoint: endpoint, auth: launch.auth,
    store: {
      load: function () {
        try {
          var q = JSON.parse(localStorage.getItem(queueKey) || '[]');
          return Array.isArray(q) ? q : [];
        } catch (e) { return []; }
      },
      save: function (q) {
        try {
          if (q.length) localStorage.setItem(queueKey, JSON.stringify(q));
          else localStorage.removeItem(queueKey);
        } catch (e) { log('the queue could not be kept (' + e.name + ')'); }
      }
    }
  });

  var iri = 'urn:morsel:' + site + ':';
  function activity(id, type) {
    return { objectType: 'Activity', id: iri + id, definition: { type: 'http://adlnet.gov/expapi/activities/' + type } };
  }
  // The page's course (a lesson page's runtime/course.<hash>.js, run before this script, or
  // the single file's JSON island), read once: its id groups the statements.
  var courseId = (function () {
    var c = window.MorselCourse;
    try { c = c || JSON.parse(document.getElementById('morsel-course').textContent); } catch (e) { c = null; }
    return c && c.id ? c.id : '';
  })();
  function statement(verb, object, result, parent) {
    var s = { actor: launch.actor, verb: window.MorselXapi.verb(verb), object: object };
    if (result) s.result = result;
    var context = { contextActivities: {} };
    if (launch.registration) context.registration = launch.registration;
    if (parent) context.contextActivities.parent = [parent];
    if (courseId && object.id !== iri + courseId && (!parent || parent.id !== iri + courseId)) {
      context.contextActivities.grouping = [activity(courseId, 'course')];
    }
    if (!Object.keys(context.contextActivities).length) delete context.contextActivities;
    if (Object.keys(context).length) s.context = context;
    return client.send(s);
  }
  document.addEventListener('morsel:question', function (e) {
    var d = e.detail;
    var a = answered(iri + d.block + '/' + d.question, d.type, d.response, d.result);
    statement('answered', a.object, a.result, activity(d.lesson, 'lesson'));
  });
  document.addEventListener('morsel:lesson-completed', function (e) {
    statement('completed', activity(e.detail.lesson, 'lesson'), { completion: true },
      courseId ? activity(courseId, 'course') : null);
  });
  document.addEventListener('morsel:course-completed', function (e) {
    statement('completed', activity(e.detail.course, 'course'), { completion: true });
  });
  document.addEventListener('morsel:course-passed', function (e) {
    statement('passed', activity(e.detail.course, 'course'), { success: true, score: score(e.detail.progress) });
  });
  document.addEventListener('morsel:course-failed', function (e) {
    statement('failed', activity(e.detail.course, 'course'), { success: false, score: score(e.detail.progress) });
  });
  // What earlier pages left queued.
  client.flush();
})();
