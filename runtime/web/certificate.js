/* Morsel certificates and recertification: a course's pass and when it is due again (on
 * its course page, its lessons and My learning), what is due on My learning, the
 * certificate page, and the learner's name kept for certificates and receipts. morsel.js
 * loads it where an element says data-morsel-script="certificate"; every rule (what a pass
 * says, due dates, a new round) is the wasm core's (runtime/core/certificate.h), reached
 * through the progress module. */
(function () {
  'use strict';
  var api = null;
  var text = null;

  function el(tag, attributes, content) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (content !== undefined) node.textContent = content;
    return node;
  }

  // A "YYYY-MM-DD" day of the learner's calendar, in words of the page's language.
  function dayText(date) {
    var p = String(date).split('-').map(Number);
    return new Date(p[0], p[1] - 1, p[2]).toLocaleDateString(document.documentElement.lang || undefined,
      { year: 'numeric', month: 'long', day: 'numeric' });
  }

  function dataOf(node, attribute) {
    try { return JSON.parse(node.getAttribute(attribute)); } catch (e) { return null; }
  }

  // The core's facts for every course the page shows: {name, courses: {id: facts}, due}.
  function facts(courses) {
    var result = api.progress.call('certificate', {
      do: 'facts', state: api.state(), now: api.now(),
      courses: courses.map(function (c) { return { id: c.id, recertify_after: c.recertify_after || null }; })
    });
    return result.ok ? result : null;
  }

  function certificateLink(course, key) {
    return course.certificate ? el('a', { href: course.certificate, 'class': 'morsel-certificate-link' }, text(key)) : null;
  }

  // One course's line: passed on, its certificate, due again on, or a new round to start.
  function paintStatus(node, course, f) {
    var parts = [];
    var pct = f.percent === null || f.percent === undefined ? '' : Math.round(f.percent);
    if (f.status === 'not_passed') {
      node.hidden = true;
      return;
    }
    if (f.status === 'due') {
      parts.push(text(f.renewing ? 'recert_renewing_due' : 'recert_due', { date: dayText(f.due_on) }));
      // A new round starts where the page knows the course's lessons (its page, My
      // learning); elsewhere the way there.
      if (!f.renewing && course.lessons) {
        parts.push(' ', el('button', { type: 'button', 'class': 'morsel-button', 'data-morsel-recertify': course.id },
          text('recert_start')));
      } else if (!f.renewing) {
        parts.push(' ', el('a', { href: course.url }, text('recert_go')));
      }
    } else {
      parts.push(text(f.renewing ? 'recert_renewing' : 'certificate_passed', { date: dayText(f.passed_on), percent: pct }));
      if (f.due_on) parts.push(' ', text('recert_due_on', { date: dayText(f.due_on) }));
    }
    var link = certificateLink(course, 'certificate_view');
    if (link) parts.push(' ', link);
    node.replaceChildren.apply(node, parts);
    node.hidden = false;
  }

  // My learning: the courses due again today, each linked to its course.
  function paintDue(list, courses, found) {
    var due = courses.filter(function (c) { var f = found.courses[c.id]; return f && f.status === 'due'; });
    list.hidden = !due.length;
    if (!due.length) return;
    var items = el('ul', {});
    due.forEach(function (c) {
      var item = el('li', {});
      item.append(el('a', { href: c.url }, c.title), ' ', text('recert_due_short', { date: dayText(found.courses[c.id].due_on) }));
      items.appendChild(item);
    });
    list.replaceChildren(el('h2', {}, text('recert_due_title')), items);
  }

  // The certificate page: the learner's latest pass of the course, or what is missing.
  function paintCertificate(root, course, f, name) {
    var passed = f && f.status !== 'not_passed';
    root.querySelector('[data-morsel-certificate-pending]').hidden = passed;
    var sheet = root.querySelector('[data-morsel-certificate-sheet]');
    sheet.hidden = !passed;
    root.querySelector('[data-morsel-certificate-tools]').hidden = !passed;
    if (!passed) return;
    var fill = function (what, value) {
      var target = sheet.querySelector('[data-morsel-certificate-' + what + ']');
      if (target) target.textContent = value;
    };
    fill('name', name || text('certificate_no_name'));
    sheet.querySelector('[data-morsel-certificate-name]').classList.toggle('morsel-certificate-blank', !name);
    fill('date', dayText(f.passed_on));
    fill('score', text('certificate_score', { percent: f.percent === null ? '' : Math.round(f.percent) }));
    fill('number', text('certificate_number', { number: f.number }));
    fill('valid', f.due_on ? text(f.status === 'due' ? 'certificate_expired' : 'certificate_valid',
      { date: dayText(f.due_on) }) : '');
  }

  function courses() {
    var list = [];
    document.querySelectorAll('[data-morsel-certificate-status],[data-morsel-certificate]').forEach(function (node) {
      var course = dataOf(node, node.hasAttribute('data-morsel-certificate') ? 'data-morsel-certificate' : 'data-morsel-certificate-status');
      if (course && course.id) list.push({ node: node, course: course });
    });
    return list;
  }

  function paint() {
    var shown = courses();
    var found = facts(shown.map(function (s) { return s.course; })) || { courses: {}, name: '', due: [] };
    shown.forEach(function (s) {
      var f = found.courses[s.course.id];
      if (!f) return;
      if (s.node.hasAttribute('data-morsel-certificate')) paintCertificate(s.node, s.course, f, found.name);
      else paintStatus(s.node, s.course, f);
    });
    var due = document.querySelector('[data-morsel-due-list]');
    if (due) {
      var seen = {};
      paintDue(due, shown.map(function (s) { return s.course; }).filter(function (c) {
        return seen[c.id] ? false : (seen[c.id] = true);
      }), found);
    }
    document.querySelectorAll('[data-morsel-learner-name]').forEach(function (input) {
      if (document.activeElement !== input) input.value = found.name;
    });
  }

  function recertify(id) {
    var course = courses().filter(function (s) { return s.course.id === id; })[0];
    if (!course || !window.confirm(text('recert_confirm', { title: course.course.title }))) return;
    if (!api.commit(api.progress.call('certificate', { do: 'recertify', state: api.state(), course: id, lessons: course.course.lessons, now: api.now() }))) return;
    api.showStatuses();
    if (window.MorselDashboard) window.MorselDashboard.refresh();
    paint();
  }

  function keepName(input) {
    var result = api.progress.call('certificate', { do: 'name', state: api.state(), name: input.value, now: api.now() });
    if (!api.commit(result)) return;
    paint();
    var status = document.querySelector('[data-morsel-name-status]');
    if (status) status.textContent = result.name ? text('name_kept', { name: result.name }) : text('name_forgotten');
  }

  // morsel.js starts the page's own script as window.Morsel<Name> (data-morsel-script).
  window.MorselCertificate = {
    start: function (given) {
      api = given;
      text = api.text;
      paint();
      document.addEventListener('click', function (event) {
        var target = event.target.closest && event.target.closest('[data-morsel-recertify],[data-morsel-print]');
        if (!target) return;
        if (target.hasAttribute('data-morsel-print')) window.print();
        else recertify(target.getAttribute('data-morsel-recertify'));
      });
      document.querySelectorAll('[data-morsel-learner-name]').forEach(function (input) {
        input.addEventListener('change', function () { keepName(input); });
      });
      // A pass on this page, an import or a reset on My learning: paint again.
      ['morsel:course-passed', 'morsel:course-completed', 'morsel:progress-changed'].forEach(function (name) {
        document.addEventListener(name, paint);
      });
    }
  };
})();
