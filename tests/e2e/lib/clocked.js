'use strict';
// A fixture built, served from 127.0.0.1 and opened in Chromium with an injected clock, for
// tests of what depends on the learner's calendar (gamification, certificates):
//   const site = await startClockedSite(FIXTURE, { timezoneId: 'Europe/Berlin' }, time);
//   site.browser, site.server; site.open(page, 'a/b.html'); site.answer(page, question, option);
//   site.browser.context.clock.setSystemTime(later); await site.close();

const { buildSite } = require('./site');
const { launchBrowser, gotoReady } = require('./browser');
const { startServer, stopServer } = require('./server');

async function startClockedSite(fixture, context, time) {
  const built = buildSite({ content: fixture });
  const site = { server: null, browser: null };
  site.close = async () => {
    if (site.server) await stopServer(site.server);
    if (site.browser) await site.browser.dispose();
    built.cleanup();
  };
  try {
    site.server = await startServer(built.dir);
    site.browser = await launchBrowser({ context });
    await site.browser.context.clock.install({ time });
  } catch (error) {
    await site.close();
    throw error;
  }
  site.open = (page, rel) => gotoReady(page, site.server.url + rel);
  // Chooses option `option` of `question`, presses Check and waits for the verdict
  // (`result`: one of data-morsel-result's values, any when not given).
  site.answer = async (page, question, option, result) => {
    const form = page.locator(`form[data-morsel-question="${question}"]`);
    await form.locator(`input[value="${option}"]`).check();
    await form.locator('.morsel-check').click();
    await form.locator(`[data-morsel-feedback][data-morsel-result${result ? `="${result}"` : ''}]`).waitFor();
  };
  return site;
}

module.exports = { startClockedSite };
