/* Morsel single-file edition: the course page and every lesson are sections of one
 * document, shown one at a time by the address's #fragment (a lesson's id, or any element
 * inside a section), so links, Back and Forward work without leaving the file. Inlined only
 * into the single file, before the glue (morsel.js), which calls window.MorselOffline with
 * its openLesson and the learner's state: each lesson shown is then visited, and its blocks
 * wired, with its own lesson data. Returns to the glue who is current, for time tracking.
 *
 * Ids: each page had its own, so the generator (generator/single_file.cc) prefixes every id
 * of a page's content with its section's id: a lesson's heading "summary" is
 * "<lesson id>:summary" here, and the links and labels of the file's markup say so. */
(function () {
  'use strict';

  var sections = Array.prototype.slice.call(document.querySelectorAll('[data-morsel-page]'));
  var open = null;
  var current = null;

  function lessonOf(section) {
    if (section.getAttribute('data-morsel-page') !== 'lesson') return null;
    // Parsed once: the glue keeps its draws in this object.
    if (!section.morselLesson) {
      try {
        section.morselLesson = JSON.parse(section.querySelector('script[data-morsel-lesson-data]').textContent);
      } catch (e) {
        return null;
      }
    }
    return section.morselLesson;
  }

  function decode(text) {
    try { return decodeURIComponent(text); } catch (e) { return ''; }
  }

  function show(moveFocus) {
    var id = decode(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var section = target && target.closest('[data-morsel-page]');
    if (!section) {
      section = sections[0];
      target = null;
    }
    sections.forEach(function (s) { s.hidden = s !== section; });
    document.title = section.getAttribute('data-morsel-title');
    current = lessonOf(section);
    // Opened first: wiring its blocks the first time changes the layout above the target.
    if (open && current) open(section, current);
    if (target && target !== section) {
      target.scrollIntoView();
    } else {
      window.scrollTo(0, 0);
      var heading = section.querySelector('h1');
      if (moveFocus && heading) heading.focus();
    }
  }

  // The page a section was (data-morsel-url: its path from this file), as an absolute URL.
  function pageUrl(section) {
    var path = section.getAttribute('data-morsel-url');
    return path === null ? null : new URL(path, location.href);
  }

  // A link or image URL written for `section`'s own page, as the generator maps the markup:
  // a page of the course becomes its section ("#" + its id, or "#" + its id + ":" + the
  // anchor's id), anything else an absolute URL beside this file. Mapped URLs map to
  // themselves, so a block the glue moves is safe to see again.
  function mapUrl(section, url) {
    var base = pageUrl(section);
    if (!url || !base || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return url;
    var to = new URL(url, base);
    var anchor = to.hash.slice(1);
    to.hash = '';
    var target = sections.filter(function (s) {
      var page = pageUrl(s);
      return page && page.href === to.href;
    })[0];
    if (!target) return to.href + (anchor ? '#' + anchor : '');
    var id = decode(anchor);
    if (id && document.getElementById(target.id + ':' + id)) return '#' + target.id + ':' + anchor;
    return '#' + (id && id !== 'main' && document.getElementById(id) ? anchor : target.id);
  }

  // HTML the glue inserts (quiz feedback and explanations, case-study feedback; always into a
  // [data-morsel-feedback] element) comes from the block data, whose links are the lesson page's
  // own: the feedback of a quiz is sealed with its answer key, which the generator leaves as
  // the core wrote it. Its links are mapped here as they appear, before the next paint.
  function mapInserted(records) {
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.addedNodes, function (node) {
        if (node.nodeType !== 1) return;
        var section = node.closest('[data-morsel-page]');
        var links = Array.prototype.slice.call(node.querySelectorAll('a[href], img[src]'));
        if (node.matches('a[href], img[src]')) links.push(node);
        links.forEach(function (el) {
          if (!section || !el.closest('[data-morsel-feedback]')) return;
          var name = el.tagName === 'IMG' ? 'src' : 'href';
          el.setAttribute(name, mapUrl(section, el.getAttribute(name)));
        });
      });
    });
  }

  // "Continue where you left off": the course section's start link goes to the lesson and
  // heading of the state's resume position, which holds the heading's id as on the lesson's
  // own page (the same state serves the multi-page site), unless that lesson is done.
  // `jump` (a relaunch from an LMS): the file opens there, unless its address names a place.
  function offerResume(at, jump) {
    var lesson = at && typeof at.lesson === 'string' && document.getElementById(at.lesson);
    if (!lesson || lesson.getAttribute('data-morsel-page') !== 'lesson') return;
    var heading = at.anchor && document.getElementById(at.lesson + ':' + at.anchor);
    if (jump && !location.hash) location.replace('#' + (heading ? heading.id : at.lesson));
    var link = sections[0].querySelector('a[data-morsel-start]');
    if (!link || at.status === 'completed') return;
    var strings = {};
    try { strings = JSON.parse(document.getElementById('morsel-strings').textContent); } catch (e) { strings = {}; }
    var title = lesson.querySelector('h1');
    link.setAttribute('href', '#' + (heading ? heading.id : at.lesson));
    link.textContent = (strings.continue_at || '{title}').split('{title}').join(title ? title.textContent : '');
  }

  if (window.MutationObserver) {
    new MutationObserver(mapInserted).observe(document.querySelector('main') || document.body, { childList: true, subtree: true });
  }
  window.addEventListener('hashchange', function () { show(true); });
  show(false);

  // `resume`: the core's status view of where the learner left off ({lesson, anchor, status});
  // `jump`: go there now.
  window.MorselOffline = function (openLesson, resume, jump) {
    open = openLesson;
    offerResume(resume, jump);
    // The lesson shown since the file loaded is opened now, and its target scrolled to again.
    if (current) show(false);
    return function () { return current ? current.id : ''; };
  };
})();
