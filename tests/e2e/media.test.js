'use strict';
// End-to-end: a lesson's audio block (issue 17) opened from disk, as a downloaded course is:
// the file is published and plays (its length is read), nothing plays by itself, the
// captions and chapters tracks load (they travel inline: a file:// page may not load a
// track from a file), the transcript opens from the keyboard and reads the captions under
// the chapters' titles, and the page is axe-clean. The fixture is written at run time: a
// one-second tone made here, so the repository holds no binary media.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { buildSite } = require('./lib/site');
const { launchBrowser, gotoReady } = require('./lib/browser');
const { startServer, stopServer } = require('./lib/server');
const { toneWav } = require('./lib/media');
const { axeViolations, assertNoViolations } = require('./lib/axe');

function writeFixture() {
  const content = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-media-'));
  const mod = path.join(content, 'c', '01-m');
  fs.mkdirSync(mod, { recursive: true });
  fs.writeFileSync(path.join(content, 'site.yml'), 'title: Media\nid: media\n');
  fs.writeFileSync(path.join(content, 'c', '_index.md'), '---\ntitle: Course\n---\n');
  fs.writeFileSync(path.join(mod, '_index.md'), '---\ntitle: Module\n---\n');
  fs.writeFileSync(path.join(mod, 'tone.wav'), toneWav(1));
  fs.writeFileSync(path.join(mod, 'tone.en.vtt'),
    'WEBVTT\n\n00:00.000 --> 00:00.500\n<v Sam>Hello &amp; welcome.\n\n00:00.500 --> 00:01.000\nThis is a tone.\n');
  fs.writeFileSync(path.join(mod, 'chapters.vtt'),
    'WEBVTT\n\n00:00.000 --> 00:00.500\nWelcome\n\n00:00.500 --> 00:01.000\nThe tone\n');
  fs.writeFileSync(path.join(mod, 'listen.md'), '---\ntitle: Listen\n---\nListen to the tone.\n\n' +
    '```audio\nsrc: tone.wav\ntitle: A tone\ncaptions: tone.en.vtt\nchapters: chapters.vtt\n```\n\nThe end.\n');
  return content;
}

describe('video and audio blocks', { timeout: 120_000 }, () => {
  let site;
  let browser;
  before(async () => {
    site = buildSite({ content: writeFixture(), removeContent: true });
    browser = await launchBrowser();
  });
  after(async () => {
    if (browser) await browser.dispose();
    if (site) site.cleanup();
  });

  test('from disk: plays, never by itself, tracks inline, transcript by keyboard', async () => {
    const { page, recorder } = await browser.newPage();
    await gotoReady(page, site.fileUrl('c/m/listen.html'));
    const audio = 'figure.morsel-media audio';
    // The file is there and plays: the browser reads its length.
    await page.waitForFunction((sel) => document.querySelector(sel).readyState >= 1, audio);
    const state = await page.$eval(audio, (a) => ({ duration: a.duration, paused: a.paused, autoplay: a.autoplay,
      tracks: Array.from(a.textTracks).map((t) => [t.kind, t.language, t.label]) }));
    assert.ok(Math.abs(state.duration - 1) < 0.05, `duration ${state.duration}`);
    assert.equal(state.paused, true);
    assert.equal(state.autoplay, false);
    assert.deepEqual(state.tracks, [['captions', 'en', 'Captions'], ['chapters', 'en', 'en']]);
    // Both tracks load from the page itself.
    const cues = await page.$eval(audio, (a) => new Promise((resolve) => {
      const tracks = Array.from(a.textTracks);
      tracks.forEach((t) => { t.mode = 'hidden'; });
      const done = () => tracks.every((t) => t.cues && t.cues.length === 2);
      const poll = () => (done() ? resolve(tracks.map((t) => Array.from(t.cues).map((c) => c.text))) : setTimeout(poll, 50));
      poll();
    }));
    assert.deepEqual(cues, [['<v Sam>Hello &amp; welcome.', 'This is a tone.'], ['Welcome', 'The tone']]);

    // The transcript: folded, opened with the keyboard from the player.
    assert.equal(await page.$eval('details.morsel-transcript', (d) => d.open), false);
    // Tab from the top of the page (past the breadcrumb and the course outline, which the
    // page's script may or may not have shown yet): through the player's own controls,
    // then the transcript's summary.
    await page.focus('main');
    const visited = [];
    const atTranscript = () => page.evaluate(() => document.activeElement.matches('.morsel-transcript > summary'));
    for (let i = 0; i < 20 && !(await atTranscript()); i++) {
      await page.keyboard.press('Tab');
      visited.push(await page.evaluate(() => document.activeElement.tagName));
    }
    assert.ok(visited.includes('AUDIO'), `the player's controls take focus: ${visited}`);
    assert.ok(await atTranscript(), `focus went ${visited}`);
    assert.ok(visited.indexOf('AUDIO') < visited.length - 1, 'the player comes before its transcript');
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval('details.morsel-transcript', (d) => d.open), true);
    const text = await page.$$eval('.morsel-transcript-text > *', (els) => els.map((e) => e.textContent));
    assert.deepEqual(text, ['Welcome 0:00', '0:00 Hello & welcome.', 'The tone 0:00', '0:00 This is a tone.']);
    recorder.assertClean();
    await page.close();
  });

  test('on paper: no player, the transcript unfolded though closed on screen', async () => {
    const { page, recorder } = await browser.newPage();
    await gotoReady(page, site.fileUrl('c/m/listen.html'));
    const shown = () => page.evaluate(() => ({
      open: document.querySelector('details.morsel-transcript').open,
      player: document.querySelector('figure.morsel-media audio').checkVisibility(),
      transcript: document.querySelector('.morsel-transcript-text').checkVisibility(),
    }));
    assert.deepEqual(await shown(), { open: false, player: true, transcript: false }, 'on screen');
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await shown(), { open: false, player: false, transcript: true }, 'in print');
    await page.emulateMedia({ media: 'screen' });
    recorder.assertClean();
    await page.close();
  });

  test('axe-clean, transcript open, over http', async () => {
    const server = await startServer(site.dir);
    const { page, recorder } = await browser.newPage();
    try {
      await gotoReady(page, server.url + 'c/m/listen.html');
      await page.click('details.morsel-transcript summary');
      assertNoViolations('the audio lesson, transcript open', await axeViolations(page));
      recorder.assertClean();
    } finally {
      await page.close();
      await stopServer(server);
    }
  });
});
