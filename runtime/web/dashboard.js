/* Morsel "My learning" page: progress per course, the activity chart, export/import,
 * progress codes and resets. Loaded by morsel.js only on that page, so lesson pages do not
 * carry it; all rules stay in the wasm core, reached through the api morsel.js passes in. */
(function () {
  'use strict';
  var api = null;
  var core = null;
  // The progress module: My learning's view, imports and resets.
  var progress = null;
  var text = null;

  // A counted string: the catalogue's forms by CLDR category ({"one": …, "other": …})
  // chosen by the page language's rules (Intl.PluralRules), never "if n is 1". A text that
  // is no key comes back from text() as it is, its values filled in.
  function counted(key, n, values) {
    var forms = (window.MorselStrings || {})[key] || {};
    var rules = window.Intl && Intl.PluralRules && new Intl.PluralRules(document.documentElement.lang || 'en');
    return text(forms[rules ? rules.select(n) : n === 1 ? 'one' : 'other'] || forms.other || key, values);
  }

  function dateText(ms) {
    return new Date(ms).toLocaleDateString(document.documentElement.lang || undefined,
      { year: 'numeric', month: 'long', day: 'numeric' });
  }

  function el(tag, attributes, content) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (content !== undefined) node.textContent = content;
    return node;
  }

  var SVG = 'http://www.w3.org/2000/svg';
  // The core's view of My learning: per course what is done and where to continue, and
  // the last 30 days of activity on the learner's calendar.
  function siteView(data) {
    var courses = data.courses.map(function (c) { return { id: c.id, lessons: c.lessons.map(function (l) { return l.id; }) }; });
    var result = progress.call('site_view', { state: api.state(), courses: courses, now: api.now(), days: 30 });
    return result.ok ? result : { courses: {}, activity: [], totals: { minutes: 0, answers: 0, days: 0 } };
  }

  // The activity as bars of minutes, an image whose text alternative is the summary.
  function activityChart(target, view) {
    var summary = view.totals.days ? text('activity_summary', view.totals) : text('activity_none');
    var max = Math.max.apply(null, view.activity.map(function (d) { return Math.max(d.minutes, d.answers > 0 ? 1 : 0); }).concat([1]));
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 300 80');
    svg.setAttribute('class', 'morsel-chart');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', summary);
    view.activity.forEach(function (d, i) {
      var value = Math.max(d.minutes, d.answers > 0 ? 1 : 0);
      var h = value ? Math.max(2, Math.round(70 * value / max)) : 0;
      var bar = document.createElementNS(SVG, 'rect');
      bar.setAttribute('x', String(i * 10 + 1));
      bar.setAttribute('y', String(75 - h));
      bar.setAttribute('width', '8');
      bar.setAttribute('height', String(h));
      var title = document.createElementNS(SVG, 'title');
      var parts = d.date.split('-').map(Number);
      title.textContent = text('activity_day', {
        date: dateText(new Date(parts[0], parts[1] - 1, parts[2]).getTime()), minutes: d.minutes, answers: d.answers
      });
      bar.appendChild(title);
      svg.appendChild(bar);
    });
    var axis = document.createElementNS(SVG, 'line');
    axis.setAttribute('x1', '0'); axis.setAttribute('x2', '300'); axis.setAttribute('y1', '75.5'); axis.setAttribute('y2', '75.5');
    svg.appendChild(axis);
    target.replaceChildren(svg, el('p', { 'class': 'morsel-meta' }, summary));
  }

  function renderDashboard() {
    var data = api.readJson(document.getElementById('morsel-dashboard')) || { courses: [] };
    var view = siteView(data);
    // Others painting from the state (engage.js's achievements) follow an import or reset.
    document.dispatchEvent(new CustomEvent('morsel:progress-changed'));
    api.showStatuses();
    data.courses.forEach(function (course) {
      var card = document.querySelector('[data-morsel-dashboard-course="' + course.id + '"]');
      var facts = view.courses[course.id];
      if (!card || !facts) return;
      var bar = card.querySelector('[data-morsel-course-bar]');
      var meter = el('progress', { max: String(facts.total || 1), value: String(facts.done) });
      meter.setAttribute('aria-label', text('course_progress', { done: facts.done, total: facts.total }));
      bar.replaceChildren(meter);
      var lines = [text('time_spent', { minutes: Math.round(facts.time_ms / 60000) })];
      if (facts.last_activity) lines.push(text('last_activity', { date: dateText(facts.last_activity) }));
      card.querySelector('[data-morsel-course-activity]').textContent = lines.join(' · ');
      // Continue where the learner left off in this course, else the first lesson not done.
      var where = card.querySelector('[data-morsel-continue]');
      var next = course.lessons.filter(function (l) { return l.id === facts.next; })[0];
      if (next) {
        var link = el('a', { 'class': 'morsel-button', href: next.url + (facts.anchor ? '#' + facts.anchor : '') },
          text(facts.started ? 'continue_at' : 'start_at', { title: next.title }));
        where.replaceChildren(link);
      } else {
        where.textContent = text('course_done', { date: dateText(facts.completed_at) });
      }
      // A finished course (every lesson completed, as the view says above) offers its
      // completion receipt.
      var receipt = card.querySelector('[data-morsel-receipt-row]');
      if (receipt) receipt.hidden = !!next;
    });
    activityChart(document.querySelector('[data-morsel-activity]'), view);
    reviewDue(data.review);
  }

  // How many items are due for review today, and a link to the Review page (site.yml's
  // features.review; the core counts them, without the daily limit).
  function reviewDue(review) {
    var line = document.querySelector('[data-morsel-review-due]');
    if (!line || !review) return;
    // The review module (runtime/wasm/review_bindings.cc) counts, through morsel.js's loader.
    window.MorselLoader.wasm('morsel-review', 'MorselReviewRuntime', 'MorselReviewWasm').then(function (m) {
      var input = JSON.stringify({ state: api.state(), items: review.items, settings: review.settings, now: api.now(), limit: -1 });
      var size = m.lengthBytesUTF8(input) + 1;
      var ptr = m._malloc(size);
      m.stringToUTF8(input, ptr, size);
      var queue = JSON.parse(m.UTF8ToString(m._morsel_review_queue(ptr)));
      m._free(ptr);
      if (!queue.ok) return;
      var n = queue.due_count + queue.new_count;
      var link = el('a', { 'class': 'morsel-button', href: review.url }, text('review_start'));
      line.replaceChildren(n ? counted('review_due', n, { n: n }) : text('review_none_due'), ' ', link);
      line.hidden = false;
    }, function () {});
  }

  function toolsStatus(message) {
    var status = document.querySelector('[data-morsel-tools-status]');
    if (status) status.textContent = message;
  }

  function exportText() {
    return JSON.stringify({ morsel_progress: 1, site: api.siteId, exported_at: new Date().toISOString(), state: api.state() });
  }

  function importText(incoming) {
    var result = progress.call('merge', { state: api.state(), incoming: incoming, site: api.siteId, budget: api.budget });
    if (!result.ok) {
      toolsStatus(text('import_failed', { reason: result.error ? result.error.message : '' }));
      return;
    }
    api.commit(result);
    var s = result.summary;
    toolsStatus(text('import_done', { lessons: s.lessons_added, completed: s.lessons_completed, attempts: s.attempts_added + s.quiz_attempts_added }));
    renderDashboard();
  }

  // A progress code: the export, deflated where the browser can (CompressionStream),
  // in URL-safe base64, prefixed with its form ("M1." deflate-raw, "M0." plain).
  function toBase64(bytes) {
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function fromBase64(textIn) {
    var binary = atob(textIn.replace(/-/g, '+').replace(/_/g, '/'));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  function pipe(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }
  function makeCode(done) {
    var bytes = new TextEncoder().encode(exportText());
    if (!window.CompressionStream) return done('M0.' + toBase64(bytes));
    pipe(bytes, new CompressionStream('deflate-raw')).then(function (z) { done('M1.' + toBase64(z)); },
      function () { done('M0.' + toBase64(bytes)); });
  }
  function readCode(code, done) {
    code = code.replace(/\s+/g, '');
    try {
      var bytes = fromBase64(code.slice(3));
      if (code.indexOf('M0.') === 0) return done(new TextDecoder().decode(bytes));
      if (code.indexOf('M1.') === 0 && window.DecompressionStream) {
        return pipe(bytes, new DecompressionStream('deflate-raw')).then(function (b) { done(new TextDecoder().decode(b)); },
          function () { done(null); });
      }
    } catch (e) { /* falls through */ }
    done(null);
  }

  // The core makes the receipt (its checksum over the text it returns, which is saved as
  // it is); the page passes the course as its data has it and the name typed, if any.
  function downloadReceipt(data, courseId) {
    var course = data.courses.filter(function (c) { return c.id === courseId; })[0];
    if (!course || !course.receipt) return;
    var name = document.querySelector('[data-morsel-receipt-name]');
    var site = data.site || {};
    var game = window.MorselGamification;
    var result = progress.call('receipt', {
      state: api.state(), now: api.now(), course: course.receipt,
      site: { id: api.siteId, title: site.title || '', content_version: site.content_version || '' },
      learner_name: name ? name.value.trim() : '',
      // The badges earned, by the site's settings and outline (runtime/gamification.js).
      gamification: game ? game.settings : null,
      courses: game ? game.courses : []
    });
    if (!result.ok) {
      toolsStatus(text('receipt_failed', { reason: result.error ? result.error.message : '' }));
      return;
    }
    api.download(result.filename, result.receipt);
    toolsStatus(text('receipt_done', { file: result.filename }));
  }

  function wireDashboard() {
    var root = document.querySelector('[data-morsel-dashboard]');
    root.hidden = false;
    renderDashboard();
    if (/^((?!chrome|android|crios|fxios|edg).)*safari/i.test(navigator.userAgent)) api.notice('safari_eviction');
    root.addEventListener('click', function (event) {
      var target = event.target.closest('button');
      if (!target) return;
      var data = api.readJson(document.getElementById('morsel-dashboard')) || { courses: [] };
      if (target.hasAttribute('data-morsel-reset-course')) {
        var course = data.courses.filter(function (c) { return c.id === target.getAttribute('data-morsel-reset-course'); })[0];
        if (!course || !window.confirm(text('confirm_reset_course', { title: course.title }))) return;
        var lessons = course.lessons.map(function (l) { return l.id; });
        if (!api.commit(progress.call('reset', { state: api.state(), course: course.id, lessons: lessons }))) return;
        api.markReset(lessons, course.id);
        toolsStatus(text('reset_done'));
        renderDashboard();
      } else if (target.hasAttribute('data-morsel-reset-all')) {
        if (!window.confirm(text('confirm_reset_all'))) return;
        var fresh = api.freshState();
        if (!fresh.ok) return;
        api.replaceState(fresh.state);
        api.markReset();
        toolsStatus(text('reset_done'));
        renderDashboard();
      } else if (target.hasAttribute('data-morsel-receipt')) {
        downloadReceipt(data, target.getAttribute('data-morsel-receipt'));
      } else if (target.hasAttribute('data-morsel-export')) {
        var name = 'morsel-progress-' + api.siteId + '-' + api.now().local_date + '.json';
        api.download(name, exportText());
        toolsStatus(text('export_done', { file: name }));
      } else if (target.hasAttribute('data-morsel-code-make')) {
        makeCode(function (code) {
          var box = root.querySelector('[data-morsel-code]');
          box.value = code;
          box.focus();
          box.select();
          toolsStatus(text('code_made'));
        });
      } else if (target.hasAttribute('data-morsel-code-use')) {
        readCode(root.querySelector('[data-morsel-code]').value, function (textIn) {
          if (textIn === null) toolsStatus(text('code_failed'));
          else importText(textIn);
        });
      }
    });
    root.querySelector('[data-morsel-import]').addEventListener('change', function (event) {
      var file = event.target.files && event.target.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () { importText(String(reader.result)); };
      reader.onerror = function () { toolsStatus(text('import_failed', { reason: file.name })); };
      reader.readAsText(file);
      event.target.value = '';
    });
  }

  // morsel.js starts the page's own script as window.Morsel<Name> (data-morsel-script).
  window.MorselDashboard = {
    start: function (given) {
      api = given;
      core = api.core;
      progress = api.progress;
      text = api.text;
      wireDashboard();
    },
    refresh: function () { if (api) renderDashboard(); }
  };
})();
