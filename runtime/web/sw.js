/* Morsel's service worker: precaches every page and file of the site once a page has
 * registered it (over http(s) only), then answers from that cache, so the site works
 * offline and installed. The generator writes it to the site root as sw.js, prefixed with
 *   var MORSEL_SW = {site: <site id>, version: <content hash of the build>, files: [...]};
 * A new build has a new version, hence a new sw.js: the browser installs it, it fills a
 * new cache, and on activation the caches of older builds of this site are deleted. */
(function () {
  'use strict';
  var config = self.MORSEL_SW;
  var prefix = 'morsel:' + config.site + ':' + self.registration.scope + ':';
  var name = prefix + config.version;

  self.addEventListener('install', function (event) {
    event.waitUntil(caches.open(name).then(function (cache) {
      return cache.addAll(config.files.map(function (file) { return new Request(file, { cache: 'reload' }); }));
    }).then(function () { return self.skipWaiting(); }));
  });

  self.addEventListener('activate', function (event) {
    event.waitUntil(caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key.indexOf(prefix) === 0 && key !== name; })
        .map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); }));
  });

  self.addEventListener('fetch', function (event) {
    var request = event.request;
    if (request.method !== 'GET' || request.url.indexOf(self.registration.scope) !== 0) return;
    // caches.match with a cacheName never creates a cache (caches.open would bring back
    // one that a newer build's worker just deleted). The search page is one file for
    // every ?q=.
    event.respondWith(caches.match(request, { cacheName: name, ignoreSearch: request.mode === 'navigate' })
      .then(function (hit) { return hit || fetch(request); }));
  });
})();
