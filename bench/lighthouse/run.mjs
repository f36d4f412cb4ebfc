// Lighthouse (pinned 12.2.3, the last that installs from a lock here and runs on Node 20)
// against Debian's Chromium, on the demo's home page and a lesson page, mobile (Lighthouse's
// default: a mid-range phone, 4x CPU and slow 4G, simulated). Not a test and not in CI
// (issue 17 wants the scores recorded, bench/lighthouse/README.md).
//
//     cd bench/lighthouse && npm ci && node run.mjs [SITE_DIR] [RUNS]
//
// SITE_DIR (default: the repository's site/, from scripts/build.sh) is served from
// 127.0.0.1 as a static host should serve it (docs/hosting.md): gzip, hashed files cached
// for a year, everything else revalidated. Each page is audited RUNS times (default 3), the
// median score per category printed, with the median performance metrics; the last
// reports are written to build/lighthouse/.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const SITE = path.resolve(process.argv[2] || path.join(REPO, 'site'));
const RUNS = Number(process.argv[3] || 3);
const OUT = path.join(REPO, 'build', 'lighthouse');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml',
  '.vtt': 'text/vtt', '.jpg': 'image/jpeg', '.webp': 'image/webp',
};
const HASHED = /\.[0-9a-f]{10}\.[a-z0-9]+$|\/search\/[0-9a-f]{10}\//;

function serve(root) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(fs.readFileSync(path.join(root, '404.html')));
      return;
    }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    const headers = {
      'Content-Type': type,
      'Cache-Control': HASHED.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    let body = fs.readFileSync(file);
    if (/text|javascript|json|svg|xml|wasm|manifest/.test(type) && /gzip/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!fs.existsSync(path.join(SITE, 'index.html'))) throw new Error(`no site in ${SITE}: run scripts/build.sh first`);
  const lesson = fs.readdirSync(SITE, { recursive: true })
    .find((f) => /^[^/]+\/[^/]+\/[^/]+\.html$/.test(f.split(path.sep).join('/')) && !f.endsWith('-offline.html'));
  const server = await serve(SITE);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.MORSEL_CHROMIUM || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(OUT, { recursive: true });
  try {
    for (const [name, rel] of [['home', ''], ['lesson', lesson.split(path.sep).join('/')]]) {
      const scores = {};
      const metrics = {};
      for (let run = 0; run < RUNS; run++) {
        const result = await lighthouse(base + rel, {
          port: chrome.port, output: ['json', 'html'], logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        });
        for (const [id, category] of Object.entries(result.lhr.categories)) {
          (scores[id] = scores[id] || []).push(Math.round(category.score * 100));
        }
        for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
          (metrics[id] = metrics[id] || []).push(result.lhr.audits[id].numericValue);
        }
        if (run === RUNS - 1) {
          fs.writeFileSync(path.join(OUT, `${name}.json`), result.report[0]);
          fs.writeFileSync(path.join(OUT, `${name}.html`), result.report[1]);
          const failing = Object.values(result.lhr.audits)
            .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
            .map((a) => `${a.id} (${a.displayValue || a.score})`);
          console.log(`${name}: audits below full marks: ${failing.join(', ') || 'none'}`);
        }
      }
      console.log(`${name} (${rel || 'index.html'}), median of ${RUNS}: ` +
        Object.entries(scores).map(([id, xs]) => `${id} ${median(xs)}`).join(', '));
      console.log(`  FCP ${median(metrics['first-contentful-paint']).toFixed(0)} ms, ` +
        `LCP ${median(metrics['largest-contentful-paint']).toFixed(0)} ms, ` +
        `TBT ${median(metrics['total-blocking-time']).toFixed(0)} ms, ` +
        `CLS ${median(metrics['cumulative-layout-shift']).toFixed(3)}, ` +
        `SI ${median(metrics['speed-index']).toFixed(0)} ms`);
    }
  } finally {
    await chrome.kill();
    server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
