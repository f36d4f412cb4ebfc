#!/usr/bin/env node
// Time to interactive of a lesson page on a slow phone: Chromium with its CPU slowed 4×
// (DevTools' Emulation.setCPUThrottlingRate, as Lighthouse's mobile profile does), the demo's
// first lesson opened in a fresh profile, over http (a local server) and from file://. For
// each run: first contentful paint, and when the page is ready (body[data-morsel-ready]:
// the Check button answers), both from navigation start; the gap between them is what
// issue 17's target (≤ 300 ms) measures. Medians of the runs. Not a test: see README.md.
// usage: node bench/interactive/run.js [SITE_DIR] [--runs N] [--rate R] [--page PATH]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { REPO, chromium, startServer, CHROMIUM_ARGS, args, option } = require('../search/common');

const site = path.resolve(args[0] && !args[0].startsWith('--') ? args[0] : path.join(REPO, 'site'));
const runs = Number(option('--runs', '7'));
const rate = Number(option('--rate', '4'));
const page = option('--page', 'security-awareness/phishing/spot-the-hook.html');
const CHROMIUM = process.env.MORSEL_CHROMIUM || '/usr/bin/chromium';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function once(url) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-tti-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 375, height: 800 },
  });
  try {
    const tab = context.pages()[0] || await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await tab.addInitScript(() => {
      // Ready: the core answers. Usable: the first Check button is shown (the glue shows it
      // as soon as it runs, and keeps a Check pressed before ready for then).
      new MutationObserver((changes, observer) => {
        if (window.__morselUsable === undefined && document.querySelector('.morsel-check:not([hidden])')) {
          window.__morselUsable = performance.now();
        }
        if (document.body && document.body.getAttribute('data-morsel-ready') === 'true') {
          window.__morselReady = performance.now();
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-morsel-ready', 'hidden'] });
    });
    await tab.goto(url, { waitUntil: 'load' });
    await tab.waitForFunction(() => window.__morselReady !== undefined, null, { timeout: 60000 });
    return await tab.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { fcp: fcp ? fcp.startTime : NaN, ready: window.__morselReady, usable: window.__morselUsable };
    });
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function measure(label, url) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once(url));
  const fcp = median(results.map((r) => r.fcp));
  const ready = median(results.map((r) => r.ready));
  const gap = median(results.map((r) => r.ready - r.fcp));
  // Shown before the first paint counts as 0 ms after it.
  const usable = median(results.map((r) => Math.max(0, r.usable - r.fcp)));
  console.log(`${label.padEnd(8)} first paint ${fcp.toFixed(0).padStart(5)} ms  ready ${ready.toFixed(0).padStart(5)} ms  ` +
    `ready after paint ${gap.toFixed(0).padStart(5)} ms  Check usable after paint ${usable.toFixed(0).padStart(5)} ms  ` +
    `(medians of ${runs}, CPU ${rate}× slower)`);
}

(async () => {
  if (!fs.existsSync(path.join(site, page))) throw new Error(`${path.join(site, page)} is missing: build the site first`);
  const server = await startServer(site);
  try {
    await measure('http', server.url + page);
    await measure('file://', pathToFileURL(path.join(site, page)).href);
  } finally {
    await server.close();
  }
})().catch((error) => { console.error(error.message); process.exit(1); });
