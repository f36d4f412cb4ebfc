/* Morsel gamification: the XP and streak in the header, the achievements page (level,
 * streak, badges, rewards), My learning's summary, and brief celebrations when the learner
 * earns something. Loaded by morsel.js on the pages of a site whose site.yml keeps
 * gamification on; the settings and the site's outline come from the generated
 * runtime/gamification.js (window.MorselGamification). Every figure is the core's
 * (the progress module's `gamification` export, runtime/core/gamification.h): this script
 * only paints, and never reads the state itself. */
(function () {
  'use strict';
  var api = null;
  var text = null;

  // A counted string: the catalogue's forms by CLDR category ({"one": …, "other": …})
  // chosen by the page language's rules (Intl.PluralRules), never "if n is 1". A text that
  // is no key comes back from text() as it is, its values filled in.
  function counted(key, n, values) {
    var forms = (window.MorselStrings || {})[key] || {};
    var rules = window.Intl && Intl.PluralRules && new Intl.PluralRules(document.documentElement.lang || 'en');
    return text(forms[rules ? rules.select(n) : n === 1 ? 'one' : 'other'] || forms.other || key, values);
  }
  var site = null;
  var current = null;

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function dateText(ms) {
    return new Date(ms).toLocaleDateString(document.documentElement.lang || undefined,
      { year: 'numeric', month: 'long', day: 'numeric' });
  }

  // A local date (YYYY-MM-DD) as the learner reads dates.
  function dayText(date) {
    var parts = date.split('-').map(Number);
    return dateText(new Date(parts[0], parts[1] - 1, parts[2]).getTime());
  }

  // The core's view; with `before`, also what changed since (its "news").
  function gamification(before, state) {
    var input = { state: state || api.state(), settings: site.settings, courses: site.courses, now: api.now() };
    if (before) input.before = before;
    var result = api.progress.call('gamification', input);
    return result.ok ? result : null;
  }

  function courseTitle(id) {
    var course = site.courses.filter(function (c) { return c.id === id; })[0];
    return course ? course.title : id;
  }

  // A badge's rule in the learner's words.
  function ruleText(rule) {
    if (rule.complete_course) return text('rule_complete_course', { name: courseTitle(rule.complete_course) });
    if (rule.complete_module) return text('rule_complete_module', { name: (site.modules || {})[rule.complete_module] || rule.complete_module });
    if (rule.pass_course) {
      var name = courseTitle(rule.pass_course.course);
      return rule.pass_course.min_percent ? text('rule_pass_course_percent', { name: name, percent: rule.pass_course.min_percent })
        : text('rule_pass_course', { name: name });
    }
    if (rule.streak_days) return text('rule_streak_days', { days: rule.streak_days });
    if (rule.reviews_done) return text('rule_reviews_done', { count: rule.reviews_done });
    return text('rule_all_courses_done');
  }

  function badgeImage(badge) {
    if (!badge.image) return null;
    var img = el('img', 'morsel-badge-image');
    img.src = (document.body.getAttribute('data-morsel-root') || '') + badge.image;
    img.alt = '';
    img.width = 64;
    img.height = 64;
    return img;
  }

  function earnedText(badge) {
    if (badge.earned_on) return text('badge_earned_on', { date: dayText(badge.earned_on) });
    if (badge.earned_at) return text('badge_earned_on', { date: dateText(badge.earned_at) });
    return '';
  }

  /* ---- painting: the header, the achievements page, My learning's summary ---- */
  function paintHeader(view) {
    var chip = document.querySelector('[data-morsel-xp]');
    if (!chip) return;
    var values = { level: view.level.level, xp: view.xp.total, days: view.streak.current };
    chip.textContent = text(view.streak.current > 1 ? 'xp_chip_streak' : 'xp_chip', values);
    chip.hidden = false;
  }

  function paragraph(target, content) {
    var p = el('p', '', content);
    target.appendChild(p);
    return p;
  }

  function paintLevel(target, view) {
    target.textContent = '';
    var level = view.level;
    paragraph(target, text('level_line', { level: level.level, xp: view.xp.total })).className = 'morsel-level-line';
    if (level.next !== null) {
      var meter = el('progress', 'morsel-level-meter');
      meter.max = level.next - level.floor;
      meter.value = level.into;
      var label = text('level_next', { to_next: level.to_next, next: level.level + 1 });
      meter.setAttribute('aria-label', label);
      target.appendChild(meter);
      paragraph(target, label);
    } else {
      paragraph(target, text('level_top'));
    }
  }

  function paintStreak(target, view) {
    target.textContent = '';
    var s = view.streak;
    paragraph(target, s.current ? text('streak_current', { current: s.current }) : text('streak_none')).className = 'morsel-streak-line';
    if (s.current) paragraph(target, text(s.today ? 'streak_today_done' : 'streak_today_pending'));
    if (s.longest) paragraph(target, counted('streak_longest', s.longest, { longest: s.longest }));
    if ((site.settings && site.settings.streak && site.settings.streak.freezes) || s.freezes_left) {
      paragraph(target, text('streak_freezes', { count: s.freezes_left }));
    }
    if (s.frozen.length) paragraph(target, text('streak_frozen', { dates: s.frozen.map(dayText).join(', ') }));
  }

  function paintBadges(target, view) {
    target.textContent = '';
    view.badges.forEach(function (badge) {
      var item = el('li', 'morsel-badge' + (badge.earned ? ' morsel-badge-earned' : ' morsel-badge-locked'));
      item.setAttribute('data-morsel-badge', badge.id);
      var image = badgeImage(badge);
      if (image) item.appendChild(image);
      var body = el('div', 'morsel-badge-body');
      body.appendChild(el('h3', '', badge.name));
      if (badge.description) body.appendChild(el('p', '', badge.description));
      body.appendChild(el('p', 'morsel-badge-rule', ruleText(badge.rule)));
      var status = el('p', 'morsel-badge-status', badge.earned ? earnedText(badge) || text('status_completed') : text('badge_locked'));
      if (!badge.earned && badge.progress) {
        status.textContent += ' · ' + text('badge_progress', badge.progress);
        var meter = el('progress', 'morsel-badge-meter');
        meter.max = badge.progress.need;
        meter.value = Math.min(badge.progress.have, badge.progress.need);
        meter.setAttribute('aria-label', text('badge_progress', badge.progress));
        body.appendChild(meter);
      }
      body.appendChild(status);
      item.appendChild(body);
      target.appendChild(item);
    });
  }

  function paintRewards(target, view) {
    target.textContent = '';
    view.rewards.filter(function (r) { return r.due; }).forEach(function (reward) {
      var item = el('li', 'morsel-reward', reward.message);
      item.setAttribute('data-morsel-reward', reward.id);
      target.appendChild(item);
    });
    return target.children.length;
  }

  function paintXpTable(table, view) {
    var tbody = table.querySelector('tbody');
    tbody.textContent = '';
    [['xp_lessons', view.xp.lessons], ['xp_questions', view.xp.questions], ['xp_reviews', view.xp.reviews],
      ['xp_courses', view.xp.courses]].forEach(function (row) {
      var tr = el('tr');
      tr.appendChild(el('th', '', text(row[0]))).setAttribute('scope', 'row');
      tr.appendChild(el('td', '', String(row[1].count)));
      tr.appendChild(el('td', '', String(row[1].xp)));
      tbody.appendChild(tr);
    });
    var total = el('tr', 'morsel-xp-total');
    total.appendChild(el('th', '', text('xp_total'))).setAttribute('scope', 'row');
    total.appendChild(el('td'));
    total.appendChild(el('td', '', String(view.xp.total)));
    tbody.appendChild(total);
  }

  function paintPage(view) {
    var page = document.querySelector('[data-morsel-achievements]');
    if (!page) return;
    paintLevel(page.querySelector('[data-morsel-level]'), view);
    paintStreak(page.querySelector('[data-morsel-streak]'), view);
    page.querySelector('[data-morsel-badges-section]').hidden = !view.badges.length;
    paintBadges(page.querySelector('[data-morsel-badges]'), view);
    page.querySelector('[data-morsel-rewards-section]').hidden = !paintRewards(page.querySelector('[data-morsel-rewards]'), view);
    paintXpTable(page.querySelector('[data-morsel-xp-table]'), view);
    page.hidden = false;
  }

  function paintSummary(view) {
    var summary = document.querySelector('[data-morsel-achievements-summary]');
    if (!summary) return;
    var facts = summary.querySelector('[data-morsel-achievements-facts]');
    facts.textContent = '';
    var earned = view.badges.filter(function (b) { return b.earned; }).length;
    paragraph(facts, text('summary_facts', { level: view.level.level, xp: view.xp.total, badges: earned, total: view.badges.length }));
    paragraph(facts, view.streak.current ? text('summary_streak', view.streak) : text('streak_none'));
    summary.hidden = false;
  }

  function paint(view) {
    paintHeader(view);
    paintPage(view);
    paintSummary(view);
  }

  /* ---- celebrations: brief, skippable, announced, still under reduced motion ---- */
  var region = null;
  var hideTimer = null;
  function celebrationRegion() {
    if (region) return region;
    region = el('div', 'morsel-celebrations');
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('data-morsel-celebrations', '');
    document.body.appendChild(region);
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && region.firstChild) closeCelebration();
    });
    return region;
  }

  function closeCelebration() {
    clearTimeout(hideTimer);
    if (region) region.textContent = '';
  }

  // One card for everything one action earned; XP alone is only the header's.
  function celebrate(news, view) {
    var chip = document.querySelector('[data-morsel-xp]');
    if (news.xp > 0 && chip) {
      chip.textContent += ' (' + text('celebrate_xp', { xp: news.xp }) + ')';
      setTimeout(function () { paintHeader(current); }, 4000);
    }
    var lines = [];
    if (news.level !== null) lines.push({ text: text('celebrate_level', { level: news.level }) });
    news.badges.forEach(function (id) {
      var badge = view.badges.filter(function (b) { return b.id === id; })[0];
      if (badge) lines.push({ text: text('celebrate_badge', { name: badge.name }), badge: badge });
    });
    news.rewards.forEach(function (id) {
      var reward = view.rewards.filter(function (r) { return r.id === id; })[0];
      if (reward) lines.push({ text: text('celebrate_reward') + ': ' + reward.message, reward: true });
    });
    if (!lines.length) return;
    var target = celebrationRegion();
    closeCelebration();
    var card = el('div', 'morsel-celebration');
    card.setAttribute('data-morsel-celebration', '');
    var heading = el('p', 'morsel-celebration-title', text('celebration_label'));
    card.appendChild(heading);
    if (news.xp > 0) card.appendChild(el('p', 'morsel-celebration-xp', text('celebrate_xp', { xp: news.xp })));
    lines.forEach(function (line) {
      var p = el('p', line.reward ? 'morsel-celebration-reward' : 'morsel-celebration-line');
      var image = line.badge && badgeImage(line.badge);
      if (image) p.appendChild(image);
      p.appendChild(document.createTextNode(line.text));
      card.appendChild(p);
    });
    var close = el('button', 'morsel-celebration-close', text('close'));
    close.type = 'button';
    close.addEventListener('click', closeCelebration);
    card.appendChild(close);
    target.appendChild(card);
    // A reward's message may say how to claim a prize: it stays until closed. The rest
    // leaves on its own, unless the learner is reading it (pointer or focus inside).
    if (news.rewards.length) return;
    var hide = function () {
      hideTimer = setTimeout(function () {
        if (card.matches(':hover') || card.contains(document.activeElement)) hide();
        else if (card.parentNode) closeCelebration();
      }, 8000);
    };
    hide();
  }

  // Several events can follow one action (an answer that completes a lesson that completes
  // a course): one look at the core after them, one celebration for all.
  var pending = null;
  function update() {
    if (pending) return;
    pending = setTimeout(function () {
      pending = null;
      var result = gamification(current);
      if (!result) return;
      current = result.view;
      paint(current);
      celebrate(result.news, current);
    }, 50);
  }

  window.MorselEngage = {
    start: function (given) {
      site = window.MorselGamification;
      if (!site) return;
      api = given;
      text = api.text;
      // What the page's own visit earned (a lesson completed by reading it, a course it
      // finished) is news too: the first view is the state as the page found it.
      var result = gamification(null, api.loaded());
      if (!result) return;
      current = result.view;
      update();
      ['morsel:answer', 'morsel:lesson-completed', 'morsel:course-completed', 'morsel:course-passed',
        'morsel:review', 'morsel:progress-changed'].forEach(function (name) {
        document.addEventListener(name, update);
      });
    }
  };
})();
