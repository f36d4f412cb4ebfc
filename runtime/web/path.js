/* Morsel's learner's path: on the home and course pages, where to go next (Start, Continue
 * at the lesson left off, or done, as the core's site view says) and progress bars; on a
 * lesson, the course's progress and the moment it, and then its course, is completed. Loaded by morsel.js as one of the page's scripts
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
        last = region;
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
          if (own) el.lastChild.textContent = text('course_progress', { done: done, total: ids.length });
        });
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
      document.body.setAttribute('data-morsel-path', 'ready');
    }
  };
})();
