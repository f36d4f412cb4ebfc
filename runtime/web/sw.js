/* Morsel's service worker: precaches every page and file of the site once a page has
 * registered it (over http(s) only), so the site works offline and installed. The
 * generator writes it to the site root as sw.js, prefixed with
 *   var MORSEL_SW = {site: <site id>, version: <content hash of the build>, files: [...]};
 *
 * Fingerprinted files (name.<10 hex>.ext, the search index under search/<10 hex>/) never
 * change under their name: they come from the cache first. Everything else (pages, the
 * search page, content images, the manifest) comes from the network first and from the
 * cache only when the network fails, so an online learner sees a new build at once,
 * even while the previous build's worker still runs.
 *
 * A new build has a new version, hence a new sw.js: the browser installs it, it fills a
 * new cache, and on activation the caches of older builds of this site are deleted. Only
 * install writes to a cache, and only to its own build's: a fetch never writes, so a
 * worker still answering a request after a newer one activated cannot bring back the
 * cache that the newer one deleted. */
(function () {
  'use strict';
  var config = self.MORSEL_SW;
  var scope = self.registration.scope;
  var prefix = 'morsel:' + config.site + ':' + scope + ':';
  var name = prefix + config.version;
  // A path below the scope that names one version of a file for ever.
  var IMMUTABLE = /^search\/[0-9a-f]{10}\/|\.[0-9a-f]{10}\.[a-z0-9]+$/;

  self.addEventListener('install', function (event) {
    event.waitUntil(caches.open(name).then(function (cache) {
      return cache.addAll(config.files.map(function (file) { return new Request(file, { cache: 'reload' }); }));
    }).then(function () {
      return self.skipWaiting();
    }, function (error) {
      // This worker is discarded; leave no empty cache behind under its name.
      return caches.delete(name).then(function () { throw error; });
    }));
  });

  self.addEventListener('activate', function (event) {
    event.waitUntil(caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key.indexOf(prefix) === 0 && key !== name; })
        .map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); }));
  });

  // caches.match with a cacheName reads that cache only and never creates it (caches.open
  // would). The search page is one file for every ?q=.
  function fromCache(request) {
    return caches.match(request, { cacheName: name, ignoreSearch: request.mode === 'navigate' });
  }

  self.addEventListener('fetch', function (event) {
    var request = event.request;
    if (request.method !== 'GET' || request.url.indexOf(scope) !== 0) return;
    var path = request.url.slice(scope.length).split(/[?#]/)[0];
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
