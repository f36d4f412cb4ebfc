/* Morsel spaced-repetition review: the Review page (review.html) shows what is due today,
 * one item at a time across all courses, and flashcards on any page offer their
 * self-rating. Loaded by morsel.js only where a part of the page names it
 * (data-morsel-script="review"). Every rule — what is due, the daily limit, grading,
 * scheduling — is the core's (the review module's review_queue, review_answer and
 * review_rate), reached through the api morsel.js passes in; this file paints. */
(function () {
  'use strict';
  var api = null;
  var engine = null;
  var text = null;

  // The review module (morsel-review: review_queue, review_answer, review_rate), through
  // morsel.js's loader; `call` as the glue's own: JSON in, JSON out.
  function loadReview(done) {
    window.MorselLoader.wasm('morsel-review', 'MorselReviewRuntime', 'MorselReviewWasm').then(function (m) {
      done({
        call: function (name, input) {
          var json = JSON.stringify(input);
          var size = m.lengthBytesUTF8(json) + 1;
          var ptr = m._malloc(size);
          m.stringToUTF8(json, ptr, size);
          var out = m.UTF8ToString(m['_morsel_' + name](ptr));
          m._free(ptr);
          return JSON.parse(out);
        }
      });
    }, function () { api.notice('runtime_failed'); });
  }

  // "YYYY-MM-DD" (the learner's local date, as the core gives it) in the page's language.
  function dateText(date) {
    var p = String(date).split('-').map(Number);
    return new Date(p[0], p[1] - 1, p[2]).toLocaleDateString(document.documentElement.lang || undefined,
      { year: 'numeric', month: 'long', day: 'numeric' });
  }

  function tomorrow() {
    var p = api.now().local_date.split('-').map(Number);
    var d = new Date(p[0], p[1] - 1, p[2] + 1);
    function pad(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function live(element) {
    element.setAttribute('role', 'status');
    element.setAttribute('aria-live', 'polite');
  }

  // What the core said of a review: when the item comes back, and whether this one counted.
  function outcomeText(result) {
    return text(result.counted ? 'review_next_due' : 'review_not_counted', { date: dateText(result.due) });
  }

  // A flashcards block: each card gets the block's rating buttons inside it (seen once the
  // card is turned over); a rating is recorded by the core. `rated(card, result)` follows.
  function wireCards(section, rated) {
    var template = section.querySelector('[data-morsel-rate-template]');
    if (!template || section.morselRating) return;
    section.morselRating = true;
    var settings = null;
    try { settings = JSON.parse(section.getAttribute('data-morsel-review-settings')); } catch (e) { settings = null; }
    section.querySelectorAll('[data-morsel-card]').forEach(function (card) {
      var buttons = template.content.firstElementChild.cloneNode(true);
      card.querySelector('[data-morsel-card-details]').appendChild(buttons);
      var status = card.querySelector('[data-morsel-rate-status]');
      live(status);
      buttons.addEventListener('click', function (event) {
        var button = event.target.closest('[data-morsel-rating]');
        if (!button) return;
        var result = engine.call('review_rate', {
          state: api.state(), item: card.getAttribute('data-morsel-card'),
          rating: Number(button.getAttribute('data-morsel-rating')), settings: settings || {}, now: api.now()
        });
        if (!api.commit(result)) return;
        reviewed(card.getAttribute('data-morsel-card'), result);
        status.textContent = outcomeText(result);
        if (rated) rated(card, result);
      });
    });
  }

  // A review recorded: the page's other scripts (engage.js's XP and badges) follow it.
  function reviewed(item, result) {
    document.dispatchEvent(new CustomEvent('morsel:review', { detail: { item: item, counted: result.counted, due: result.due } }));
  }

  /* ---- the Review page ---- */
  function startReview(root) {
    var data = api.readJson(document.getElementById('morsel-review'));
    if (!data) return;
    var status = root.querySelector('[data-morsel-review-status]');
    var item = root.querySelector('[data-morsel-review-item]');
    var where = root.querySelector('[data-morsel-review-where]');
    var stage = root.querySelector('[data-morsel-review-stage]');
    var after = root.querySelector('[data-morsel-review-after]');
    var next = root.querySelector('[data-morsel-review-next]');
    var shelf = root.querySelector('[data-morsel-review-blocks]');
    var blocks = {};
    root.querySelectorAll('[data-morsel-review-block]').forEach(function (b) {
      blocks[b.getAttribute('data-morsel-review-block')] = b;
    });
    // Items shown in this visit: never asked twice, whatever the core says next.
    var asked = {};
    var current = null;
    next.textContent = text('review_next_item');
    next.addEventListener('click', show);
    root.hidden = false;

    function queue() {
      var result = engine.call('review_queue', { state: api.state(), items: data.items, settings: data.settings, now: api.now() });
      return result.ok ? result : null;
    }

    // What comes after today's reviews: the limit reached, tomorrow's, or the next date.
    function summary(q) {
      var parts = [];
      var waiting = q.due_count + q.new_count;
      if (waiting > 0 && q.left_today === 0) {
        parts.push(text('review_limit_reached', { limit: data.settings.daily_limit, n: waiting }));
      } else if (q.today_done > 0) {
        parts.push(text('review_done_today', { n: q.today_done }));
      } else if (!q.next) {
        parts.push(text('review_nothing_yet'));
      } else {
        parts.push(text('review_none_due'));
      }
      if (q.next) {
        parts.push(q.next.date === tomorrow() ? text('review_tomorrow', { n: q.next.count })
          : waiting > 0 ? text('review_next_on', { n: q.next.count, date: dateText(q.next.date) })
            : text('review_nothing_until', { date: dateText(q.next.date) }));
      }
      return parts.join(' ');
    }

    function shelve() {
      if (current) shelf.appendChild(current);
      current = null;
    }

    function show() {
      shelve();
      after.textContent = '';
      next.hidden = true;
      var q = queue();
      if (!q) return;
      var key = q.due.filter(function (k) { return !asked[k]; })[0];
      var entry = key && data.items.filter(function (i) { return i.key === key; })[0];
      var cut = key ? key.lastIndexOf('/') : -1;
      var block = entry && blocks[key.slice(0, cut)];
      if (!block) {
        item.hidden = true;
        status.textContent = summary(q);
        return;
      }
      asked[key] = true;
      var lesson = data.lessons[entry.lesson] || {};
      status.textContent = text('review_item_of', { n: q.today_done + 1, total: q.today_done + q.due.length });
      var link = document.createElement('a');
      link.href = lesson.url || '#';
      link.textContent = lesson.title || entry.lesson;
      where.replaceChildren(text('review_where', { course: lesson.course || '' }) + ' ', link);
      current = block;
      stage.appendChild(block);
      item.hidden = false;
      var part = key.slice(cut + 1);
      var focus = entry.card ? showCard(block, key) : showQuestion(block, key, part);
      item.focus();
      if (focus) focus.focus();
    }

    function done(result) {
      after.textContent = outcomeText(result);
      next.hidden = false;
      next.focus();
    }

    // One card of a flashcards block, face down.
    function showCard(block, key) {
      var section = block.querySelector('[data-morsel-flashcards]');
      // Wired once per block: whichever of its cards is on show was rated.
      wireCards(section, function () {
        after.textContent = '';
        next.hidden = false;
        next.focus();
      });
      var shown = null;
      section.querySelectorAll('[data-morsel-card]').forEach(function (card) {
        var mine = card.getAttribute('data-morsel-card') === key;
        card.hidden = !mine;
        if (!mine) return;
        shown = card;
        card.querySelector('[data-morsel-card-details]').open = false;
        card.querySelector('[data-morsel-rate-status]').textContent = '';
      });
      return shown && shown.querySelector('summary');
    }

    // One question of a quiz block, blank, graded by the core when checked.
    function showQuestion(block, key, questionId) {
      var section = block.querySelector('[data-morsel-quiz]');
      var runtime = api.readJson(section.querySelector('[data-morsel-block-data]'));
      var shown = null;
      section.querySelectorAll('form[data-morsel-question]').forEach(function (form) {
        var mine = form.getAttribute('data-morsel-question') === questionId;
        form.hidden = !mine;
        if (mine) shown = form;
      });
      if (!shown || !runtime) return null;
      var form = shown;
      form.reset();
      var feedback = form.querySelector('[data-morsel-feedback]');
      feedback.replaceChildren();
      feedback.removeAttribute('data-morsel-result');
      form.querySelectorAll('[data-morsel-mark]').forEach(function (m) { m.remove(); });
      form.querySelectorAll('[data-morsel-answer]').forEach(function (o) { o.removeAttribute('data-morsel-answer'); });
      form.querySelectorAll('input, select, textarea, button').forEach(function (el) { el.disabled = false; });
      form.querySelectorAll('[data-morsel-number]').forEach(function (n) { n.hidden = true; });
      form.querySelector('[data-morsel-check]').hidden = false;
      live(feedback);
      form.morselReview = { key: key, block: runtime, question: questionId };
      if (!form.morselWired) {
        form.morselWired = true;
        form.addEventListener('submit', function (event) {
          event.preventDefault();
          var ask = form.morselReview;
          var result = engine.call('review_answer', {
            state: api.state(), item: ask.key, block: ask.block, question: ask.question,
            response: api.typeOf(form).read(form), settings: data.settings, now: api.now()
          });
          if (!result.ok) {
            feedback.removeAttribute('data-morsel-result');
            feedback.textContent = text(result.error && result.error.code === 'incomplete' ? result.error.missing : 'answer_every_part');
            return;
          }
          if (api.commit(result)) reviewed(ask.key, result);
          // As a lesson page shows it: the verdict, the feedback, what show_answers reveals.
          api.showResult(form, result.result);
          form.querySelectorAll('input, select, textarea, button').forEach(function (el) { el.disabled = true; });
          done(result);
        });
      }
      return form.querySelector('input, select, textarea');
    }

    show();
  }

  window.MorselReview = {
    start: function (given) {
      api = given;
      text = api.text;
      loadReview(function (module) {
        engine = module;
        var root = document.querySelector('[data-morsel-review]');
        if (root) {
          startReview(root);
          return;
        }
        document.querySelectorAll('[data-morsel-flashcards]').forEach(function (section) { wireCards(section, null); });
      });
    }
  };
})();
