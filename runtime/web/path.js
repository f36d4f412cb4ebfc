/* Morsel's learner's path: on the home and course pages, where to go next (Start, Continue
 * at the lesson left off, or done, as the core's site view says) and progress bars; on a
 * lesson, the course's progress, the time left, the course's outline with each lesson's
 * status, and the moment the lesson, and then its course, is completed, with what is worth
 * another look. Loaded by morsel.js as one of the page's scripts
 * (data-morsel-script="path"), so the glue every page loads first stays within its budget;
 * inlined in the single file. docs/theming.md lists the markup. */
(function () {
  'use strict';
  window.MorselPath = {
    start: function (api) {
      var text = api.text;
      var last = null;  // the region of the lesson completed last: where its course's moment goes

      function attributeJson(el, name) {
        try { return JSON.parse(el.getAttribute(name)); } catch (e) { return null; }
      }

      function link(href, label, className) {
        var a = document.createElement('a');
        a.href = href;
        a.textContent = label;
        if (className) a.className = className;
        return a;
      }

      // `data-morsel-continue` holds the course's lesson URLs in the order of the ids its
      // card (home) or page (course) lists in `data-morsel-course-progress`.
      function paintContinue() {
        document.querySelectorAll('[data-morsel-continue]').forEach(function (p) {
          var urls = attributeJson(p, 'data-morsel-continue') || [];
          var counter = (p.closest('.morsel-card') || document).querySelector('[data-morsel-course-progress]');
          var ids = (counter && attributeJson(counter, 'data-morsel-course-progress')) || [];
          var view = api.progress.call('site_view', {
            state: api.state(), courses: [{ id: 'c', lessons: ids }], now: api.now(), days: 1
          });
          var facts = view.ok && view.courses.c;
          if (!facts || !ids.length || urls.length !== ids.length) return;
          var at = ids.indexOf(facts.next);
          if (at < 0) {
            var done = document.createElement('strong');
            done.textContent = text('course_all_done');
            p.replaceChildren(done, ' ', link(urls[0], text('revisit_course')));
          } else {
            p.replaceChildren(link(urls[at] + (facts.anchor ? '#' + facts.anchor : ''),
              text(facts.started ? 'continue_course' : 'start_course'), 'morsel-button'));
          }
          p.setAttribute('data-morsel-state', at < 0 ? 'done' : facts.started ? 'started' : 'new');
        });
      }

      // The moment at the end of the lesson: a status region (announced once), with where to
      // go next; morsel.css animates it unless the learner prefers reduced motion.
      // `totals`: the course's, when the course was completed.
      function celebrate(region, totals) {
        if (!region) return;
        var line = document.createElement('p');
        var strong = document.createElement('strong');
        strong.textContent = text(totals ? 'course_completed' : 'lesson_completed');
        line.appendChild(strong);
        // The course's score and pass as the core words them (course_progress's `shown`, `verdict`).
        [totals && totals.shown, totals && totals.verdict].forEach(function (said, n) {
          if (said) line.append((n ? ' · ' : ' ') + text(said.key, said));
        });
        var next = (region.closest('[data-morsel-page]') || document).querySelector('.morsel-pager .morsel-next');
        if (next) line.append(' ', link(next.getAttribute('href'), text(next.rel === 'next' ? 'go_next_lesson' : 'go_course')));
        region.setAttribute('data-morsel-done-kind', totals ? 'course' : 'lesson');
        region.replaceChildren(line);
        var again = totals && revisit(totals);
        if (again) region.appendChild(again);
        last = region;
      }

      // The course's lessons by module, from its script (window.MorselOutline), or none.
      var outline = window.MorselOutline || null;
      function outlineLessons() {
        var all = [];
        ((outline && outline.modules) || []).forEach(function (m) { all = all.concat(m.lessons); });
        return all;
      }
      // A lesson's address from this page: `data-morsel-outline` holds the home page's.
      function outlineUrl(lesson) {
        var home = document.querySelector('[data-morsel-outline]');
        return (home ? home.getAttribute('data-morsel-outline').replace(/index\.html$/, '') : '') + lesson.url;
      }

      // The outline on a lesson page: folded, each module's lessons with their status (a
      // mark for the eye, the words for screen readers), this one marked as the current page.
      function paintOutline(statuses) {
        var box = document.querySelector('details[data-morsel-outline]');
        var lesson = document.querySelector('[data-morsel-lesson-body]');
        if (!box || !outline || !lesson) return;
        var here = lesson.getAttribute('data-morsel-lesson-body');
        // The summary is the page's own (it takes its place before this script runs, so
        // nothing below it moves); the link to the course page it folds is replaced by the list.
        var summary = box.querySelector('summary');
        var modules = document.createElement('ol');
        modules.className = 'morsel-outline-modules';
        outline.modules.forEach(function (m) {
          var item = document.createElement('li');
          var title = document.createElement('span');
          title.className = 'morsel-outline-module';
          title.textContent = m.title;
          var list = document.createElement('ol');
          m.lessons.forEach(function (l) {
            var status = statuses[l.id] || 'not_started';
            var a = link(outlineUrl(l), l.title);
            var said = document.createElement('span');
            said.className = 'morsel-visually-hidden';
            said.textContent = ' (' + text('status_' + status) + ')';
            a.appendChild(said);
            if (l.id === here) a.setAttribute('aria-current', 'page');
            var row = document.createElement('li');
            row.setAttribute('data-morsel-outline-status', status);
            row.appendChild(a);
            list.appendChild(row);
          });
          item.append(title, list);
          modules.appendChild(item);
        });
        box.replaceChildren(summary, modules);
      }

      // "About 25 min left": the minutes of the course's lessons not completed yet.
      function timeLeft(statuses) {
        var minutes = 0;
        outlineLessons().forEach(function (l) { if (statuses[l.id] !== 'completed') minutes += l.minutes || 0; });
        return minutes > 0 ? text('course_time_left', { minutes: minutes }) : '';
      }

      // A bar beside each "x of y lessons completed" (home cards, the course page), and on a
      // lesson (`data-morsel-course-bar`) the course's own, its lessons from the course's
      // script (or the single file's island): the core's status view, counted as the glue
      // counts it. The words carry the numbers; the bar is for the eye (aria-hidden).
      function paintBars() {
        var course = window.MorselCourse || api.readJson(document.getElementById('morsel-course')) || {};
        var courseIds = (course.lessons || []).map(function (l) { return l.id; });
        document.querySelectorAll('[data-morsel-course-progress], [data-morsel-course-bar]').forEach(function (el) {
          var own = el.hasAttribute('data-morsel-course-bar');
          var ids = own ? courseIds : attributeJson(el, 'data-morsel-course-progress') || [];
          var view = ids.length && api.core.call('status', { state: api.state(), lessons: ids });
          if (!view || !view.ok) return;
          var done = ids.filter(function (id) { return view.lessons[id] === 'completed'; }).length;
          var bar = el.morselBar;
          if (!bar) {
            bar = el.morselBar = document.createElement('progress');
            bar.className = 'morsel-progress-bar';
            bar.setAttribute('aria-hidden', 'true');
            if (own) el.appendChild(bar);
            else el.parentNode.insertBefore(bar, el);
            if (own) el.appendChild(document.createElement('span'));
          }
          bar.max = ids.length;
          bar.value = done;
          if (!own) return;
          var left = timeLeft(view.lessons);
          el.lastChild.textContent = text('course_progress', { done: done, total: ids.length }) + (left ? ' · ' + left : '');
          paintOutline(view.lessons);
        });
      }

      // After the course's moment: its lessons with questions not all answered right
      // (course_progress's per-lesson totals), each a link, worth another look.
      function revisit(totals) {
        var lessons = (totals && totals.lessons) || {};
        var items = outlineLessons().filter(function (l) {
          var t = lessons[l.id];
          return t && t.max > 0 && t.score < t.max;
        }).map(function (l) {
          var item = document.createElement('li');
          item.append(link(outlineUrl(l), l.title), ' (' + text('lesson_percent', { percent: lessons[l.id].percent }) + ')');
          return item;
        });
        if (!items.length) return null;
        var box = document.createElement('div');
        box.className = 'morsel-revisit';
        var title = document.createElement('p');
        title.textContent = text('revisit_title');
        var list = document.createElement('ul');
        list.append.apply(list, items);
        box.append(title, list);
        return box;
      }

      function paint() {
        paintContinue();
        paintBars();
      }
      paint();
      document.addEventListener('morsel:progress-changed', paint);
      document.addEventListener('morsel:lesson-completed', paintBars);
      document.addEventListener('morsel:lesson-completed', function (e) {
        celebrate(document.querySelector('[data-morsel-done="' + e.detail.lesson + '"]'), null);
      });
      // A course is completed by its last lesson's completion, or later by a better score.
      document.addEventListener('morsel:course-completed', function (e) {
        celebrate(last || document.querySelector('[data-morsel-page]:not([hidden]) [data-morsel-done]') ||
          document.querySelector('[data-morsel-done]'), e.detail.progress);
      });
      // Hosted with features.offline, a course's page registers the course's own service
      // worker (sw.js, scoped to the course's folder), which keeps the course for offline
      // use, once the root one, which the glue registers on every page, is active: the
      // course's worker then takes the runtime from the root's cache instead of downloading it.
      var scope = document.body.getAttribute('data-morsel-offline');
      if (scope && /^https?:$/.test(location.protocol) && navigator.serviceWorker) {
        var root = document.body.getAttribute('data-morsel-root') || '';
        navigator.serviceWorker.ready.then(function () {
          return navigator.serviceWorker.register(root + 'sw.js', { scope: root + scope, updateViaCache: 'none' });
        }).then(null, function () {});
      }
      document.body.setAttribute('data-morsel-path', 'ready');
    }
  };
})();
