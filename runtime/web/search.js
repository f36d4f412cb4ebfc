/* Morsel search: the glue between the header's search field and the search module.
 * A classic script (no modules, no fetch), so it works from file:// too: index files load
 * as scripts there, and as data over http. Nothing loads until the field is first focused
 * or typed into: then the search module (wasm) and the index manifest, and per query only
 * the index files it needs: for one word its card file (its ranking and its best results,
 * ready to show; the word's shard only when a longer word may complete it), else shards,
 * and the fragments of results shown without a card. The index and its format are
 * generator/search_index.cc's; ranking, stemming and snippets are runtime/core/search.cc's.
 * Keyboard: "/" focuses the field (only when focus is not in a text field, so it never
 * takes a key a learner types); Down/Up move through the results, Enter opens one, Escape
 * closes the list. */
(function () {
  'use strict';

  var form = document.querySelector('[data-morsel-search-form]');
  var input = form && form.querySelector('input');
  if (!input) return;
  var body = document.body;
  var root = body.getAttribute('data-morsel-root') || '';
  // The index's files are in search/<fingerprint>/, which search/manifest.js names: the one
  // index file under a fixed name, so that a build that changes only the index rewrites no
  // page (a page named the folder until issue 16).
  var folder = '';
  function indexFile(name) {
    return root + 'search/' + (folder ? folder + '/' : '') + name + '.js';
  }
  // runtime/strings.<hash>.js, loaded before this script (search is not in the single file).
  var strings = window.MorselStrings || {};
  function t(key, fallback, n) {
    var s = strings['search_' + key] || fallback;
    return n === undefined ? s : s.replace('{n}', String(n));
  }

  // Why there are no results: offline (the search index is not kept for offline use: it
  // grows with the whole site), or the search could not start.
  function failed() {
    return navigator.onLine === false ? t('offline', 'Search needs a connection, and you are offline.')
      : t('failed', 'Search could not start on this page.');
  }

  var POPUP_RESULTS = 6;
  var PAGE_RESULTS = 30;
  var SNIPPET_WORDS = 24;  // as long as a card's passage (kSearchPassageWords)
  // The core reads a query's first 256 bytes (kMaxSearchQueryBytes): the field and the search
  // page's ?q= keep no more, so a pasted megabyte is neither searched nor shown.
  var MAX_QUERY = 256;
  input.maxLength = MAX_QUERY;

  /* ---- loading: morsel.js's loader (classic scripts only), run before this file ---- */
  var loader = window.MorselLoader;
  if (!loader) return;
  var loaded = {};  // index files read as data (loadIndex)

  // The index files call these as they load.
  var manifestText = null;
  var shardData = {};
  var docs = {};
  var cards = Object.create(null);  // term → doc → [doc, title, url, trail, passage]
  window.MorselSearch = {
    manifest: function (text, hash) {
      manifestText = text;
      folder = /^[0-9a-f]+$/.test(hash || '') ? hash : '';
    },
    shard: function (name, data) { shardData[name] = data; },
    doc: function (id, data) { docs[id] = data; },
    cards: function (name, lines, byTerm) {
      shardData[name] = lines;  // the engine's part: its terms' head lines
      Object.keys(byTerm).forEach(function (term) {
        var byDoc = {};
        byTerm[term].forEach(function (card) { byDoc[card[0]] = card; });
        cards[term] = byDoc;
      });
    }
  };

  var engine = null;
  function start() {
    if (engine) return engine;
    var module = loader.wasm('morsel-search', 'MorselSearchRuntime', 'MorselSearchWasm');
    engine = Promise.all([module, loadIndex(root + 'search/manifest.js', true)]).then(function (both) {
      var m = both[0];
      var api = makeApi(m);
      if (!api.call('init', [manifestText || ''])) throw new Error('bad search manifest');
      return api;
    });
    engine.catch(function () { engine = null; });
    return engine;
  }

  function makeApi(m) {
    function call(name, args) {
      var pointers = [];
      var values = args.map(function (a) {
        if (typeof a === 'number') return a;
        var size = m.lengthBytesUTF8(a) + 1;
        var p = m._malloc(size);
        m.stringToUTF8(a, p, size);
        pointers.push(p);
        return p;
      });
      var out = m['_morsel_search_' + name].apply(null, values);
      pointers.forEach(function (p) { m._free(p); });
      return out;
    }
    return {
      call: call,
      text: function (name, args) { return m.UTF8ToString(call(name, args)); }
    };
  }

  // An index file is one call of the functions above with JSON arguments. Over http it is
  // read as data, which is about 1 ms sooner than as a script (measured in Chromium: a
  // script waits for a task of its own to run); from file://, where XMLHttpRequest cannot
  // read files, and whenever reading fails, it loads as a script. A `fresh` file (the
  // manifest, whose name stays while the build changes) is revalidated with the server.
  function loadIndex(src, fresh) {
    if (loaded[src]) return loaded[src];
    if (location.protocol === 'file:') return loader.script(src);
    loaded[src] = new Promise(function (resolve, reject) {
      var request = new XMLHttpRequest();
      function asScript() {
        delete loaded[src];
        loader.script(src).then(resolve, reject);
      }
      request.onload = function () {
        var call = request.status === 200 &&
          /^MorselSearch\.(manifest|shard|cards|doc)\(([\s\S]*)\);\s*$/.exec(request.responseText);
        try {
          window.MorselSearch[call[1]].apply(null, JSON.parse('[' + call[2] + ']'));
          resolve();
        } catch (e) {
          asScript();
        }
      };
      request.onerror = asScript;
      request.open('GET', src);
      if (fresh) request.setRequestHeader('Cache-Control', 'max-age=0');
      request.send();
    });
    return loaded[src];
  }

  /* ---- a query: plan → shards (and one word's cards) → rank → fragments ---- */
  function loadIndexFile(api, name) {
    return loadIndex(indexFile(name)).then(function () {
      api.call('add_shard', [name, shardData[name] || '']);
      delete shardData[name];
    });
  }

  // While a word is typed: the card files of its likeliest completions, so that when the
  // word is finished it ranks and shows without waiting for a file (one read costs 7-12 ms
  // in Chromium even from a local server; a card file is about 2 KB).
  var LIKELY = 3;
  function loadAhead(query) {
    if (engine) {
      engine.then(function (api) {
        api.text('likely', [query, LIKELY]).split('\n').filter(Boolean).forEach(function (name) {
          loadIndexFile(api, name).catch(function () { /* a real query will say so */ });
        });
      }, function () {});
    }
  }
  function search(query, limit) {
    return start().then(function (api) {
      function round(left) {
        var needed = api.text('plan', [query]).split('\n').filter(Boolean);
        if (!needed.length || !left) return Promise.resolve();
        return Promise.all(needed.map(function (name) { return loadIndexFile(api, name); }))
          .then(function () { return round(left - 1); });
      }
      return round(3).then(function () {
        var lines = api.text('query', [query, limit]).split('\n');
        var hits = lines.slice(1).filter(Boolean).map(function (line) { return Number(line.split(' ')[0]); });
        // One word: its best documents have cards (a completion of the word being typed
        // may not: its fragment then). Several words: fragments.
        var terms = api.text('terms', [query]).split('\n').filter(Boolean);
        var carded = (terms.length === 1 && cards[terms[0]]) || {};
        return Promise.all(hits.filter(function (doc) { return !carded[doc]; }).map(function (doc) {
          return loadIndex(indexFile('d/' + doc));
        })).then(function () {
          return {
            total: Number(lines[0]) || 0,
            results: hits.map(function (doc) {
              var c = carded[doc];
              var d = c ? { t: c[1], u: c[2], p: c[3], x: c[4] } : docs[doc] || { t: '', u: '', p: '', x: '' };
              return {
                doc: doc,
                url: root + d.u,
                title: api.text('snippet', [d.t, query, 0]),
                trail: d.p,
                snippet: api.text('snippet', [d.x, query, SNIPPET_WORDS])
              };
            })
          };
        });
      });
    });
  }

  // For pages and tools that want results without the field (the bench uses it):
  // resolves to { total, results: [{ url, title, trail, snippet }] }.
  window.MorselSearch.query = search;

  /* ---- rendering ---- */
  // Text between \x01 and \x02 is a match: it becomes <mark>. Never innerHTML.
  function highlighted(element, text) {
    var parts = text.split(/[\x01\x02]/);
    var inMark = text.charAt(0) === '\x01';
    if (inMark) parts.shift();
    parts.forEach(function (part, i) {
      var marked = inMark ? i % 2 === 0 : i % 2 === 1;
      if (!part) return;
      if (marked) {
        var mark = document.createElement('mark');
        mark.textContent = part;
        element.appendChild(mark);
      } else {
        element.appendChild(document.createTextNode(part));
      }
    });
    return element;
  }

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function pageUrl(query) {
    return root + 'search/index.html?q=' + encodeURIComponent(query);
  }

  /* ---- the header field: a combobox with a listbox of results ---- */
  var popup = make('div', 'morsel-search-popup');
  popup.hidden = true;
  var status = make('p', 'morsel-search-status');
  status.setAttribute('role', 'status');
  var list = make('ul', 'morsel-search-results');
  list.id = 'morsel-search-listbox';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', t('results_label', 'Search results'));
  var more = make('a', 'morsel-search-more', t('all_results', 'See all results'));
  // A link from the start (crawlers and Lighthouse read it before any search): the page.
  more.href = pageUrl('');
  popup.appendChild(status);
  popup.appendChild(list);
  popup.appendChild(more);
  form.appendChild(popup);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-keyshortcuts', '/');

  var active = -1;
  var shown = [];
  var sequence = 0;

  function open(isOpen) {
    popup.hidden = !isOpen;
    input.setAttribute('aria-expanded', isOpen ? 'true' : 'false');
    if (!isOpen) setActive(-1);
  }

  function setActive(index) {
    var options = list.children;
    if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
    active = index;
    if (index >= 0 && options[index]) {
      options[index].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function renderPopup(query, found) {
    list.textContent = '';
    shown = found.results;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    found.results.forEach(function (r, i) {
      var option = make('li', 'morsel-search-result');
      option.id = 'morsel-search-option-' + i;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      option.appendChild(highlighted(make('span', 'morsel-search-title'), r.title));
      if (r.trail) option.appendChild(make('span', 'morsel-search-trail', r.trail));
      option.appendChild(highlighted(make('span', 'morsel-search-snippet'), r.snippet));
      option.addEventListener('mousedown', function (e) { e.preventDefault(); });
      option.addEventListener('click', function () { location.href = r.url; });
      list.appendChild(option);
    });
    status.textContent = found.total === 0 ? t('no_results', 'No results for “{q}”.').replace('{q}', query)
      : found.total === 1 ? t('one_result', '1 result') : t('results', '{n} results', found.total);
    more.hidden = found.total <= found.results.length;
    more.href = pageUrl(query);
    list.hidden = found.results.length === 0;
    popup.setAttribute('data-morsel-query', query);
    open(true);
  }

  // Each keystroke searches at once (no pause to wait out); keystrokes made while a query
  // is still loading make one query when it ends, so fast typing loads fewer index files.
  // When a query is shown and no keystroke waits, the card files of the word's likeliest
  // completions load ahead (loadAhead).
  var busy = false;
  var pending = false;
  function update() {
    var query = input.value;
    if (!query.trim()) {
      ++sequence;
      open(false);
      return;
    }
    if (busy) {
      ++sequence;  // what is loading now is for an older text: not shown
      pending = true;
      return;
    }
    var mine = ++sequence;
    busy = true;
    function done() {
      busy = false;
      if (pending) {
        pending = false;
        update();
      } else {
        loadAhead(query);
      }
    }
    search(query, POPUP_RESULTS).then(function (found) {
      if (mine === sequence && document.activeElement === input) renderPopup(query, found);
    }, function (error) {
      if (window.console) console.warn('Morsel search:', error);
      if (mine !== sequence) return;
      list.textContent = '';
      list.hidden = true;
      more.hidden = true;
      status.textContent = failed();
      open(true);
    }).then(done, done);
  }

  input.addEventListener('focus', function () {
    start();
    if (input.value.trim()) update();
  });
  input.addEventListener('input', update);
  input.addEventListener('blur', function () { open(false); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (popup.hidden) {
        update();
        return;
      }
      if (!shown.length) return;
      e.preventDefault();
      var step = e.key === 'ArrowDown' ? 1 : -1;
      var next = active + step;
      setActive(next < -1 ? shown.length - 1 : next >= shown.length ? -1 : next);
    } else if (e.key === 'Enter' && active >= 0 && shown[active]) {
      e.preventDefault();
      location.href = shown[active].url;
    } else if (e.key === 'Escape') {
      if (!popup.hidden) {
        e.preventDefault();
        open(false);
      } else if (input.value) {
        e.preventDefault();
        input.value = '';
      }
    }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (input.value.trim()) location.href = pageUrl(input.value);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var el = document.activeElement;
    var tag = el ? el.tagName : '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el && el.isContentEditable)) return;
    e.preventDefault();
    input.focus();
  });

  /* ---- the search page: every result, with links ---- */
  var page = document.querySelector('[data-morsel-search-page]');
  if (page) {
    var notice = page.querySelector('.morsel-search-nojs');
    if (notice) notice.remove();
    var query = (new URLSearchParams(location.search).get('q') || '').slice(0, MAX_QUERY);
    var pageStatus = make('p', 'morsel-search-status');
    pageStatus.setAttribute('role', 'status');
    var results = make('ol', 'morsel-search-page-results');
    page.appendChild(pageStatus);
    page.appendChild(results);
    input.value = query;
    if (!query.trim()) {
      pageStatus.textContent = t('prompt', 'Type in the search field to find lessons.');
    } else {
      pageStatus.textContent = t('searching', 'Searching…');
      search(query, PAGE_RESULTS).then(function (found) {
        pageStatus.textContent = found.total === 0 ? t('no_results', 'No results for “{q}”.').replace('{q}', query)
          : found.total === 1 ? t('one_result', '1 result') : t('results', '{n} results', found.total);
        found.results.forEach(function (r) {
          var item = make('li', 'morsel-search-result');
          var link = highlighted(make('a', 'morsel-search-title'), r.title);
          link.href = r.url;
          item.appendChild(link);
          if (r.trail) item.appendChild(make('span', 'morsel-search-trail', r.trail));
          item.appendChild(highlighted(make('p', 'morsel-search-snippet'), r.snippet));
          results.appendChild(item);
        });
      }, function () {
        pageStatus.textContent = failed();
      });
    }
  }
})();
