/* Morsel's light and dark themes. morsel.css follows the system (prefers-color-scheme)
 * unless the learner chose one with the header's toggle ([data-morsel-theme-toggle]),
 * which this browser remembers for every Morsel site ('morsel:theme'): the choice is
 * `data-morsel-theme` on <html>. Loaded in <head> without defer, so a chosen theme shows
 * from the first paint (a few hundred bytes); the single file inlines it. */
(function () {
  'use strict';
  var KEY = 'morsel:theme';
  var root = document.documentElement;
  var system = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function apply(choice) {
    if (choice === 'dark' || choice === 'light') root.setAttribute('data-morsel-theme', choice);
    else root.removeAttribute('data-morsel-theme');
  }
  function dark() {
    var chosen = root.getAttribute('data-morsel-theme');
    return chosen ? chosen === 'dark' : !!(system && system.matches);
  }
  // The toggle says whether the dark theme is on (aria-pressed); it shows once it works.
  function paint() {
    document.querySelectorAll('[data-morsel-theme-toggle]').forEach(function (button) {
      button.hidden = false;
      button.setAttribute('aria-pressed', String(dark()));
    });
  }

  apply(stored());
  document.addEventListener('DOMContentLoaded', paint);
  if (system && system.addEventListener) system.addEventListener('change', paint);
  // Chosen in another tab.
  window.addEventListener('storage', function (event) {
    if (event.key !== KEY) return;
    apply(event.newValue);
    paint();
  });
  document.addEventListener('click', function (event) {
    if (!event.target.closest || !event.target.closest('[data-morsel-theme-toggle]')) return;
    var choice = dark() ? 'light' : 'dark';
    // Back to the system's own theme: nothing is kept, so a later change of the system shows.
    var same = choice === (system && system.matches ? 'dark' : 'light');
    try {
      if (same) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch (e) { /* storage refused: this page only */ }
    apply(same ? null : choice);
    paint();
  });
})();
