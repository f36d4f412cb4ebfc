'use strict';
// A tiny static file server for the e2e tests: 127.0.0.1 only, ephemeral port,
// GET/HEAD only, correct MIME types (incl. application/wasm), 404 for missing files,
// and no way out of the served directory. Options, as a static host would have them:
// a sub-path the site is served under, extra response headers (a Content-Security-Policy)
// and a page served with every 404.

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function send(res, status, body, headers) {
  res.writeHead(status, Object.assign({
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  }, headers || {}));
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

// Maps a request URL path onto a file under `root`, or returns null when the path is
// malformed or would leave `root` (.., encoded .., backslashes, NUL bytes, symlinks out).
function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch (e) {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const candidate = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  return candidate;
}

function handler(root, options) {
  const prefix = options.prefix || '/';
  const extra = options.headers || {};
  const notFound = (res) => {
    const page = options.notFoundPage ? path.join(root, options.notFoundPage) : null;
    if (page && fs.existsSync(page)) {
      const body = fs.readFileSync(page);
      res.writeHead(404, Object.assign({ 'Content-Type': mimeType(page), 'Content-Length': body.length,
        'Cache-Control': 'no-store' }, extra));
      res.end(res.req.method === 'HEAD' ? undefined : body);
      return;
    }
    send(res, 404, 'Not found\n');
  };
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    let urlPath;
    try {
      urlPath = new URL(req.url, 'http://127.0.0.1').pathname;
    } catch (e) {
      send(res, 400, 'Bad request\n');
      return;
    }
    if (!urlPath.startsWith(prefix)) {
      notFound(res);
      return;
    }
    urlPath = '/' + urlPath.slice(prefix.length);
    let file = resolveFile(root, urlPath);
    if (file === null) {
      send(res, 403, 'Forbidden\n');
      return;
    }
    fs.stat(file, (err, stat) => {
      if (!err && stat.isDirectory()) {
        file = path.join(file, 'index.html');
        try { stat = fs.statSync(file); err = null; } catch (e) { err = e; }
      }
      if (err || !stat.isFile()) {
        notFound(res);
        return;
      }
      // Refuse files reached through a symlink that points outside root.
      let real;
      try { real = fs.realpathSync(file); } catch (e) { send(res, 404, 'Not found\n'); return; }
      if (real !== root && !real.startsWith(root + path.sep)) {
        send(res, 403, 'Forbidden\n');
        return;
      }
      res.writeHead(200, Object.assign({
        'Content-Type': mimeType(file),
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      }, extra));
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    });
  };
}

// Starts serving `dir`; resolves to { url, port, close() }. `url` ends with '/'.
// options: prefix ('/some/sub/path/': the site's URL path; anything else is 404),
// headers (added to every file and 404 page), notFoundPage (a file under `dir`, e.g.
// '404.html', served with every 404).
async function startServer(dir, options = {}) {
  const root = fs.realpathSync(path.resolve(dir));
  const server = http.createServer(handler(root, options));
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();
  let closed = false;
  return {
    root,
    port,
    url: `http://127.0.0.1:${port}${options.prefix || '/'}`,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

async function stopServer(server) {
  if (server) await server.close();
}

module.exports = { startServer, stopServer, mimeType, resolveFile };
