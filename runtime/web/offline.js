/* Morsel single-file edition: the course page and every lesson are sections of one
 * document, shown one at a time by the address's #fragment (a lesson's id, or any element
 * inside a section), so links, Back and Forward work without leaving the file. Inlined only
 * into the single file, before the glue (morsel.js), which calls window.MorselOffline with
 * its openLesson: each lesson shown is then visited, and its blocks wired, with its own
 * lesson data. Returns to the glue who is current, for time tracking. */
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
        section.morselLesson = JSON.parse(section.querySelector('script.morsel-lesson-data').textContent);
      } catch (e) {
        return null;
      }
    }
    return section.morselLesson;
  }

  function show(moveFocus) {
    var id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ''; }
    var target = id ? document.getElementById(id) : null;
    var section = target && target.closest('[data-morsel-page]');
    if (!section) {
      section = sections[0];
      target = null;
    }
    sections.forEach(function (s) { s.hidden = s !== section; });
    document.title = section.getAttribute('data-morsel-title');
    current = lessonOf(section);
    if (target && target !== section) {
      target.scrollIntoView();
    } else {
      window.scrollTo(0, 0);
      var heading = section.querySelector('h1');
      if (moveFocus && heading) heading.focus();
    }
    if (open && current) open(section, current);
  }

  window.addEventListener('hashchange', function () { show(true); });
  show(false);

  window.MorselOffline = function (openLesson) {
    open = openLesson;
    if (current) open(sections.filter(function (s) { return !s.hidden; })[0], current);
    return function () { return current ? current.id : ''; };
  };
})();
