'use strict';
// axe-core (WCAG 2.0/2.1 A and AA rules, and 2.2 AA's) on a page as it is now.

const assert = require('node:assert/strict');
const fs = require('node:fs');

const { REPO } = require('./site');

const AXE_PATH = require.resolve('axe-core/axe.min.js', { paths: [REPO] });
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];  // 2.2 AA: target size

// Runs axe on the page as it is now; returns its violations in a compact form.
async function axeViolations(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe === 'object');
  // Evaluated through the DevTools protocol rather than added as a <script>: the single-file
  // edition's Content-Security-Policy (rightly) refuses an injected script.
  if (!hasAxe) await page.evaluate(fs.readFileSync(AXE_PATH, 'utf8'));
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
      // From file:// axe cannot fetch the stylesheets (for css-orientation-lock): it would
      // only log an error trying.
      preload: location.protocol !== 'file:',
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

function describeViolations(label, violations) {
  const lines = [`${violations.length} accessibility violation(s) on ${label}:`];
  for (const v of violations) {
    lines.push(`- ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes) {
      lines.push(`    at ${node.target.join(' ')}`);
      if (node.summary) lines.push(...node.summary.split('\n').map((l) => `      ${l}`));
    }
  }
  return lines.join('\n');
}

function assertNoViolations(label, violations) {
  assert.ok(violations.length === 0, describeViolations(label, violations));
}

module.exports = { axeViolations, assertNoViolations };
