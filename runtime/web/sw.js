/* Morsel's service worker (over http(s) only). The generator writes it to the site root as
 * sw.js, prefixed with
 *   var MORSEL_SW = {site: <site id>, version: <content hash of the build>,
 *                    shell: [...], courses: {"<course folder>/": [...]}};
 *
 * One script, registered twice over: every page registers it at the site root (scope
 * "./"), where it precaches the shell (the pages outside any course, the runtime, the
 * assets, the courses' covers); a course's pages register it again with the course's
 * folder as scope, where it precaches that course (its pages and files) and the runtime
 * and assets those pages run on (taken from the root worker's cache of the same build when
 * that is there, else downloaded). A learner who opens one course downloads that course,
 * not the whole site. The search index is not precached: it grows with the whole site.
 *
 * Fingerprinted files (name.<10 hex>.ext) never change under their name: they come from
 * the cache first. Everything else (pages, content images, the manifest) comes from the
 * network first and from a cache only when the network fails, so an online learner sees a
 * new build at once, even while the previous build's worker still runs. A cache is read
 * in this order: the worker's own, this build's others, then any other of this site here.
 *
 * A new build has a new version, hence a new sw.js: the browser installs it, it fills a
 * new cache, and on activation the caches of older builds under the same scope are
 * deleted. Only install writes to a cache, and only to its own build's: a fetch never
 * writes, so a worker still answering a request after a newer one activated cannot bring
 * back the cache that the newer one deleted. */
(function () {
  'use strict';
  var config = self.MORSEL_SW;
  var scope = self.registration.scope;
  var root = new URL('./', self.location.href).href;
  // "" for the root worker, else the course's folder ("<course>/").
  var folder = scope.indexOf(root) === 0 ? scope.slice(root.length) : '';
  var site = 'morsel:' + config.site + ':' + root;
  var prefix = 'morsel:' + config.site + ':' + scope + ':';
  var name = prefix + config.version;
  var rootCache = 'morsel:' + config.site + ':' + root + ':' + config.version;
  // A course that this build no longer has: its worker keeps nothing and retires.
  var gone = folder !== '' && !Object.prototype.hasOwnProperty.call(config.courses, folder);
  var files = folder === '' ? config.shell : gone ? [] : config.courses[folder].concat(config.shell.filter(function (file) {
    return /^(runtime|assets)\//.test(file);
  }));
  // A path below the root that names one version of a file for ever.
  var IMMUTABLE = /\.[0-9a-f]{10}\.[a-z0-9]+$/;

  self.addEventListener('install', function (event) {
    event.waitUntil(caches.open(name).then(function (cache) {
      var downloads = [];
      return Promise.all(files.map(function (file) {
        var url = new URL(file, root).href;
        // A course's worker takes the runtime and assets from the root worker's cache of
        // this build (read only) rather than download them again.
        var there = folder === '' ? Promise.resolve(undefined) : caches.match(url, { cacheName: rootCache });
        return there.then(function (hit) {
          if (hit) return cache.put(url, hit);
          downloads.push(new Request(url, { cache: 'reload' }));
        });
      })).then(function () { return cache.addAll(downloads); });
    }).then(function () {
      return self.skipWaiting();
    }, function (error) {
      // This worker is discarded; leave no empty cache behind under its name.
      return caches.delete(name).then(function () { throw error; });
    }));
  });

  self.addEventListener('activate', function (event) {
    event.waitUntil(caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key.indexOf(prefix) === 0 && (gone || key !== name); })
        .map(function (key) { return caches.delete(key); }));
    }).then(function () {
      return gone ? self.registration.unregister() : self.clients.claim();
    }));
  });

  // caches.match with a cacheName reads that cache only and never creates it (caches.open
  // would). The search page is one file for every ?q=.
  function fromCache(request) {
    function look(names) {
      if (!names.length) return Promise.resolve(undefined);
      return caches.match(request, { cacheName: names[0], ignoreSearch: request.mode === 'navigate' })
        .then(function (hit) { return hit || look(names.slice(1)); });
    }
    return caches.keys().then(function (keys) {
      var others = keys.filter(function (key) { return key.indexOf(site) === 0 && key !== name; });
      var thisBuild = others.filter(function (key) { return key.slice(-config.version.length) === config.version; });
      return look([name].concat(thisBuild, others.filter(function (key) { return thisBuild.indexOf(key) < 0; })));
    });
  }

  self.addEventListener('fetch', function (event) {
    var request = event.request;
    if (request.method !== 'GET' || request.url.indexOf(root) !== 0) return;
    var path = request.url.slice(root.length).split(/[?#]/)[0];
    if (IMMUTABLE.test(path)) {
      event.respondWith(fromCache(request).then(function (hit) { return hit || fetch(request); }));
      return;
    }
    // No timeout: a slow network still wins over the cache, which would be the old build.
    event.respondWith(fetch(request).catch(function (error) {
      return fromCache(request).then(function (hit) {
        if (hit) return hit;
        throw error;
      });
    }));
  });
})();
