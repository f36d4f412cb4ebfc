/* Morsel "Share" on a lesson page: the system's share sheet where there is one, else the
 * lesson's address copied, else shown to copy. Hosted only (a file:// address means nothing
 * to anyone else): the button stays hidden otherwise. Loaded by morsel.js as one of the
 * page's scripts (data-morsel-script), so pages that have no use for it carry none of it. */
(function () {
  'use strict';
  window.MorselShare = {
    start: function (api) {
      var button = document.querySelector('[data-morsel-share]');
      if (!button || !/^https?:$/.test(location.protocol)) return;
      // The canonical address when site.yml gives base_url, else this page's.
      var url = (document.querySelector('link[rel=canonical]') || location).href;
      button.hidden = false;
      button.addEventListener('click', function () {
        if (navigator.share) {
          navigator.share({ title: document.title, url: url }).then(null, function () {});
          return;
        }
        function show() { button.textContent = api.text('share_failed', { url: url }); }
        if (!navigator.clipboard) { show(); return; }
        navigator.clipboard.writeText(url).then(function () { button.textContent = api.text('link_copied'); }, show);
      });
    }
  };
})();
