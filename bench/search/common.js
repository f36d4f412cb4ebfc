'use strict';
// What the search bench scripts share: the repository, the tests' browser and server, and
// command-line options.
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const { chromium } = require(require.resolve('playwright-core', { paths: [REPO] }));
const { startServer } = require(path.join(REPO, 'tests', 'e2e', 'lib', 'server'));
const { CHROMIUM_ARGS } = require(path.join(REPO, 'tests', 'e2e', 'lib', 'browser'));

const args = process.argv.slice(2);
// The value after `name` on the command line, or `fallback`.
function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

module.exports = { REPO, chromium, startServer, CHROMIUM_ARGS, args, option };
