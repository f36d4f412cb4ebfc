#!/usr/bin/env node
'use strict';
// Screenshots of every page type of the demo, for people to look at (not a test, not run
// in CI): at 375 and 1280 px wide, in the light and the dark theme, in English and in
// Arabic (right to left).
//
//   node scripts/screenshots.js [OUT_DIR]     (default: build/screenshots)
//
// Needs build/bin/morsel (scripts/build.sh) and Debian's chromium. Writes OUT_DIR/index.html,
// a page of every picture, to open in any browser.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '..');
const OUT = path.resolve(process.argv[2] || path.join(REPO, 'build', 'screenshots'));
const MORSEL = path.join(REPO, 'build', 'bin', 'morsel');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// One page of each type (paths in the demo's site).
const PAGES = [
  ['home', 'index.html'],
  ['course', 'security-awareness/index.html'],
  ['lesson', 'security-awareness/phishing/spot-the-hook.html'],
  ['lesson-dropdown', 'security-awareness/handling-data/sharing-safely.html'],
  ['assessment', 'security-awareness/reporting/final-check.html'],
  ['my-learning', 'my-learning.html'],
  ['review', 'review.html'],
  ['achievements', 'badges.html'],
  ['search', 'search/index.html?q=password'],
  ['single-file', 'security-awareness/security-awareness-offline.html'],
  ['404', '404.html'],
];

function build(language) {
  const content = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-shots-content-'));
  fs.cpSync(path.join(REPO, 'content'), content, { recursive: true });
  const yml = path.join(content, 'site.yml');
  fs.writeFileSync(yml, fs.readFileSync(yml, 'utf8').replace(/^language:.*$/m, '') + `\nlanguage: ${language}\n`);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-shots-site-'));
  execFileSync(MORSEL, ['build', content, '--out', path.join(out, 'site'), '--quiet'], { stdio: 'inherit' });
  fs.rmSync(content, { recursive: true, force: true });
  return { dir: path.join(out, 'site'), cleanup: () => fs.rmSync(out, { recursive: true, force: true }) };
}

async function main() {
  if (!fs.existsSync(MORSEL)) throw new Error(`${MORSEL} is missing: run scripts/build.sh first`);
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.MORSEL_CHROMIUM || '/usr/bin/chromium', args: ARGS });
  const shots = [];
  try {
    for (const language of ['en', 'ar']) {
      const site = build(language);
      try {
        for (const scheme of ['light', 'dark']) {
          for (const width of [375, 1280]) {
            const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
            const page = await context.newPage();
            for (const [name, rel] of PAGES) {
              await page.goto('file://' + path.join(site.dir, rel.split('?')[0]) + (rel.includes('?') ? '?' + rel.split('?')[1] : ''));
              await page.waitForSelector('body[data-morsel-ready="true"]', { timeout: 10_000 }).catch(() => {});
              await page.waitForTimeout(400);
              const file = `${language}-${scheme}-${width}-${name}.png`;
              await page.screenshot({ path: path.join(OUT, file), fullPage: true });
              shots.push({ file, language, scheme, width, name });
            }
            await context.close();
          }
        }
      } finally {
        site.cleanup();
      }
    }
  } finally {
    await browser.close();
  }
  const rows = shots.map((s) => `<figure><a href="${s.file}"><img src="${s.file}" alt="${s.name}, ${s.language}, ${s.scheme}, ${s.width} px" loading="lazy" width="240"></a><figcaption>${s.name} · ${s.language} · ${s.scheme} · ${s.width} px</figcaption></figure>`);
  fs.writeFileSync(path.join(OUT, 'index.html'), `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Morsel screenshots</title>
<style>body{font-family:system-ui,sans-serif;display:flex;flex-wrap:wrap;gap:1rem;padding:1rem}figure{margin:0;width:240px}img{border:1px solid #ccc;max-height:480px;object-fit:cover;object-position:top}</style>
${rows.join('\n')}\n`);
  console.log(`${shots.length} screenshots in ${OUT} (open index.html)`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
