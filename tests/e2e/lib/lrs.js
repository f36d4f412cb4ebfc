'use strict';
// A small Learning Record Store for the e2e tests (issue 14): enough of xAPI 1.0.3 and of a
// cmi5 LMS to check what a course sends. 127.0.0.1 only, an ephemeral port, bodies up to
// 1 MB, at most 10,000 statements, and it stops itself after `lifetimeMs` (default 3 min)
// should a test forget to. It answers the browser's CORS preflights, as a real LRS on
// another origin must.
//
//   const lrs = await startLrs({ tokens: ['secret'], refuse: 2 });
//   lrs.endpoint        base URL of the xAPI resources (ends with '/')
//   lrs.fetchUrl(token) a cmi5 fetch URL that hands out `token` once (cmi5 §8.2)
//   lrs.statements      every statement accepted, in the order received
//   lrs.refused         how many statement requests were refused (503) as `refuse` asked
//   lrs.requests        [method, path] of every request
//   lrs.setState(params, doc) / lrs.state(params)   State API documents
//   lrs.refuseNext(n)   refuse the next n statement requests (503)
//   lrs.addToken(t)     accept `Basic t` (plain xAPI: the credentials in a learner's link)
//   lrs.problems        what the LRS rejected and why (a test expects it empty)
//   lrs.stop()

const http = require('node:http');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Experience-API-Version',
  'Access-Control-Max-Age': '600',
};

function stateKey(params) {
  return JSON.stringify([params.activityId, typeof params.agent === 'string' ? JSON.parse(params.agent) : params.agent,
    params.registration || '', params.stateId]);
}

// What xAPI 1.0.3 (§2.4) requires of a statement, as far as these tests need.
function statementProblems(s) {
  const out = [];
  if (!s || typeof s !== 'object') return ['not an object'];
  if (!UUID.test(s.id || '')) out.push(`id ${s.id} is not a UUID`);
  if (!s.timestamp || Number.isNaN(Date.parse(s.timestamp))) out.push('no timestamp');
  if (!s.actor || (!s.actor.account && !s.actor.mbox)) out.push('no actor');
  if (!s.verb || !/^https?:\/\//.test(s.verb.id || '')) out.push('no verb IRI');
  if (!s.object || !s.object.id) out.push('no object id');
  if (s.result && s.result.score) {
    const sc = s.result.score;
    if (sc.scaled !== undefined && (sc.scaled < -1 || sc.scaled > 1)) out.push('scaled out of range');
    if (sc.raw !== undefined && (sc.min === undefined || sc.max === undefined)) out.push('raw without min and max');
  }
  return out;
}

function startLrs(options = {}) {
  const tokens = new Set(options.tokens || []);
  const handedOut = new Map();
  const states = new Map();
  const lrs = { statements: [], requests: [], refused: 0, problems: [] };
  let refuse = options.refuse || 0;

  function send(res, status, body, type) {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, Object.assign({
      'Content-Type': type || 'application/json', 'Content-Length': Buffer.byteLength(text), 'X-Experience-API-Version': '1.0.3',
    }, CORS));
    res.end(text);
  }

  function handle(req, res, body) {
    const url = new URL(req.url, 'http://127.0.0.1');
    lrs.requests.push([req.method, url.pathname]);
    if (req.method === 'OPTIONS') return send(res, 204);
    // cmi5 fetch: POST only, the token once, an error (still 200) after.
    if (url.pathname.startsWith('/fetch/')) {
      if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
      const key = decodeURIComponent(url.pathname.slice(7));
      if (handedOut.has(key)) return send(res, 200, { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' });
      handedOut.set(key, true);
      tokens.add(key);
      return send(res, 200, { 'auth-token': key });
    }
    if (!url.pathname.startsWith('/xapi/')) return send(res, 404, { error: 'not found' });
    const auth = req.headers.authorization || '';
    if (!auth.startsWith('Basic ') || !tokens.has(auth.slice(6))) {
      lrs.problems.push(`${req.method} ${url.pathname}: bad Authorization "${auth}"`);
      return send(res, 401, { error: 'unauthorized' });
    }
    if (req.headers['x-experience-api-version'] !== '1.0.3') {
      lrs.problems.push(`${req.method} ${url.pathname}: no X-Experience-API-Version`);
      return send(res, 400, { error: 'version' });
    }
    const resource = url.pathname.slice(6);
    if (resource === 'statements' && req.method === 'POST') {
      if (refuse > 0) {
        refuse--;
        lrs.refused++;
        return send(res, 503, { error: 'refused by the test' });
      }
      let list;
      try { list = JSON.parse(body); } catch (e) { return send(res, 400, { error: 'not JSON' }); }
      if (!Array.isArray(list)) list = [list];
      for (const s of list) {
        const problems = statementProblems(s);
        if (problems.length) {
          lrs.problems.push(`statement ${JSON.stringify(s).slice(0, 200)}: ${problems.join('; ')}`);
          return send(res, 400, { error: problems.join('; ') });
        }
      }
      const ids = [];
      for (const s of list) {
        ids.push(s.id);
        const had = lrs.statements.find((t) => t.id === s.id);
        if (had) {
          if (JSON.stringify(had) !== JSON.stringify(s)) return send(res, 409, { error: 'conflict' });
          continue;
        }
        if (lrs.statements.length >= 10000) return send(res, 507, { error: 'full' });
        lrs.statements.push(s);
      }
      return send(res, 200, ids);
    }
    if (resource === 'activities/state') {
      const params = Object.fromEntries(url.searchParams);
      if (!params.activityId || !params.agent || !params.stateId) return send(res, 400, { error: 'activityId, agent and stateId' });
      const key = stateKey(params);
      if (req.method === 'GET') return states.has(key) ? send(res, 200, states.get(key)) : send(res, 404, { error: 'no document' });
      if (req.method === 'PUT' || req.method === 'POST') {
        try { JSON.parse(body); } catch (e) { return send(res, 400, { error: 'not JSON' }); }
        states.set(key, body);
        return send(res, 204);
      }
    }
    if (resource === 'agents/profile' && req.method === 'GET') return send(res, 404, { error: 'no document' });
    return send(res, 405, { error: 'not supported here' });
  }

  const server = http.createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 1 << 20) { send(res, 413, { error: 'too large' }); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        lrs.problems.push(String(e && e.stack || e));
        send(res, 500, { error: 'stub failed' });
      }
    });
  });
  const lifetime = setTimeout(() => server.close(), options.lifetimeMs || 180_000);
  lifetime.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const base = `http://127.0.0.1:${server.address().port}`;
      Object.assign(lrs, {
        endpoint: base + '/xapi/',
        fetchUrl: (token) => `${base}/fetch/${encodeURIComponent(token)}`,
        setState: (params, doc) => states.set(stateKey(params), JSON.stringify(doc)),
        state: (params) => {
          const text = states.get(stateKey(params));
          return text === undefined ? undefined : JSON.parse(text);
        },
        refuseNext: (n) => { refuse = n; },
        addToken: (token) => tokens.add(token),
        stop: () => new Promise((done) => {
          clearTimeout(lifetime);
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
      resolve(lrs);
    });
  });
}

module.exports = { startLrs };
