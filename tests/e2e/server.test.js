'use strict';
// The e2e static server itself: MIME types, 404s, and no way out of the served folder.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');

const { startServer } = require('./lib/server');

// A raw GET, so that the path reaches the server exactly as written (no URL normalising).
function get(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', timeout: 5000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

describe('e2e static server', () => {
  let tmp;
  let server;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'morsel-e2e-server-'));
    const root = path.join(tmp, 'root');
    fs.mkdirSync(path.join(root, 'runtime'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>home</title>');
    fs.writeFileSync(path.join(root, 'runtime', 'x.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
    fs.writeFileSync(path.join(root, 'runtime', 'x.js'), '1');
    fs.writeFileSync(path.join(root, 'a b.css'), 'a{}');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'link.txt'));
    server = await startServer(root);
  });
  after(async () => {
    if (server) await server.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('listens on 127.0.0.1 on an ephemeral port', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(server.port > 0);
  });

  test('serves files with their MIME types', async () => {
    const cases = [
      ['/index.html', 'text/html; charset=utf-8'],
      ['/', 'text/html; charset=utf-8'],
      ['/runtime/x.wasm', 'application/wasm'],
      ['/runtime/x.js', 'text/javascript; charset=utf-8'],
      ['/a%20b.css', 'text/css; charset=utf-8'],
    ];
    for (const [p, type] of cases) {
      const res = await get(server.port, p);
      assert.equal(res.status, 200, p);
      assert.equal(res.type, type, p);
    }
    assert.deepEqual([...(await get(server.port, '/runtime/x.wasm')).body], [0, 0x61, 0x73, 0x6d]);
  });

  test('answers 404 for missing files', async () => {
    for (const p of ['/missing.html', '/runtime/', '/runtime/missing.wasm', '/favicon.ico']) {
      assert.equal((await get(server.port, p)).status, 404, p);
    }
  });

  test('refuses paths that leave the served folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/runtime/..%2f..%2fsecret.txt',
      '/..%5csecret.txt', '/%2e%2e%2fsecret.txt', '/link.txt', '/%00']) {
      const res = await get(server.port, p);
      assert.ok(res.status === 403 || res.status === 404 || res.status === 400, `${p} -> ${res.status}`);
      assert.ok(!res.body.toString().includes('secret'), `${p} must not leak the file`);
    }
  });
});
