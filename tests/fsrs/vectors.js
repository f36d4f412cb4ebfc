#!/usr/bin/env node
// Writes the FSRS cross-check vectors: a fixed set of review sequences scheduled by ts-fsrs
// (npm, pinned in package-lock.json) the way Morsel schedules, in whole days (no intra-day
// learning steps: enable_short_term false; no fuzz), which tests/unit/core/fsrs_test.cc
// replays through runtime/core/fsrs.h, natively and under wasm. The sequences come from a
// seeded generator, so the file changes only when this script or ts-fsrs does: ctest
// `fsrs-vectors` runs it with --check and fails on any difference.
// usage: vectors.js            rewrite tests/unit/core/fsrs_vectors.json
//        vectors.js --check    compare with it, exit 1 on a difference
'use strict';
const fs = require('fs');
const path = require('path');

const REPO = path.join(__dirname, '..', '..');
const OUT = path.join(REPO, 'tests', 'unit', 'core', 'fsrs_vectors.json');
const DAY_MS = 86400000;

let tsfsrs;
try {
  tsfsrs = require(path.join(REPO, 'node_modules', 'ts-fsrs'));
} catch (e) {
  console.error('vectors: ts-fsrs is not installed; run scripts/deps.sh (npm ci) first');
  process.exit(1);
}
const { fsrs, createEmptyCard, default_w: defaultWeights, State } = tsfsrs;
const tsfsrsVersion = require(path.join(REPO, 'node_modules', 'ts-fsrs', 'package.json')).version;

// mulberry32: a small seeded generator, so that the sequences are the same on every run.
function generator(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(20261206);
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));  // integers lo..hi
const pick = (list) => list[Math.floor(random() * list.length)];

// When the next review happens, from the card as the last review left it: on the due day,
// early (any day from the last review's to the day before due), late, on the same day, or
// after a long gap. Each review lands at some time of its UTC day, so that the vectors
// also show that ts-fsrs counts UTC calendar days, not 24-hour periods.
const TIMINGS = {
  due: (last, due) => due,
  early: (last, due) => (due - last > 1 ? between(last, due - 1) : last),
  late: (last, due) => due + between(1, Math.max(1, 3 * (due - last))),
  same: (last) => last,
  gap: (last, due) => due + pick([100, 365, 1000, 3650, 20000]) + between(0, 30),
};

// One sequence: a name, the parameters, and per review a rating and a timing.
function sequence(name, reviews, options = {}) {
  const retention = options.retention ?? 0.9;
  const maxInterval = options.maxInterval ?? 36500;
  const f = fsrs({
    w: [...defaultWeights],
    request_retention: retention,
    maximum_interval: maxInterval,
    enable_short_term: false,
    enable_fuzz: false,
  });
  const startDay = options.startDay ?? between(19000, 21000);
  let card = createEmptyCard(new Date(startDay * DAY_MS));
  let lastDay = startDay;
  let dueDay = startDay;
  const steps = [];
  for (const [rating, timing] of reviews) {
    const day = steps.length === 0 ? startDay : TIMINGS[timing](lastDay, dueDay);
    const ms = day * DAY_MS + between(0, DAY_MS - 1);
    const { card: next, log } = f.next(card, new Date(ms), rating);
    // The retrievability the scheduler used: the forgetting curve at the elapsed UTC days
    // (0 for a new card, as ts-fsrs's get_retrievability says).
    const used = card.state === State.New ? 0 : f.forgetting_curve(log.elapsed_days, card.stability);
    const due = Math.floor(next.due.getTime() / DAY_MS);
    steps.push([ms, rating, log.elapsed_days, used, next.stability, next.difficulty, next.scheduled_days, due,
                next.reps, next.lapses, next.state]);
    card = next;
    lastDay = Math.floor(ms / DAY_MS);
    dueDay = due;
  }
  return { name, retention, max_interval: maxInterval, steps };
}

const RATINGS = [1, 2, 3, 4];
const NAMES = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };
const repeat = (n, rating, timing = 'due') => Array.from({ length: n }, () => [rating, timing]);
const sequences = [];

// The same rating every time, on the due day.
for (const rating of RATINGS) sequences.push(sequence(`all-${NAMES[rating]}`, repeat(12, rating)));
// Every first and second rating, then Good on the due day.
for (const first of RATINGS) {
  for (const second of RATINGS) {
    sequences.push(sequence(`${NAMES[first]}-then-${NAMES[second]}`,
                            [[first, 'due'], [second, 'due'], ...repeat(6, 3)]));
  }
}
// Each rating after a few Goods, reviewed early, late, on the same day and after a long gap.
for (const timing of ['early', 'late', 'same', 'gap']) {
  for (const rating of RATINGS) {
    sequences.push(sequence(`good-then-${NAMES[rating]}-${timing}`,
                            [...repeat(4, 3), [rating, timing], [3, 'due'], [rating, timing], [3, 'due']]));
  }
}
// Lapses: a card learnt well, then forgotten once, twice, and relearnt.
sequences.push(sequence('lapse-once', [...repeat(6, 3), [1, 'due'], ...repeat(5, 3)]));
sequences.push(sequence('lapse-twice', [...repeat(5, 3), [1, 'due'], [3, 'due'], [1, 'due'], ...repeat(5, 3)]));
sequences.push(sequence('lapse-after-gap', [...repeat(5, 4), [1, 'gap'], ...repeat(4, 3)]));
sequences.push(sequence('again-same-day', [[3, 'due'], [1, 'same'], [1, 'same'], [3, 'same'], ...repeat(4, 3)]));
sequences.push(sequence('easy-to-the-maximum', repeat(20, 4)));

// Random sequences: each with its own mix of ratings (from mostly Good to mostly Again)
// and of timings.
function randomSequence(name, options) {
  const weights = RATINGS.map(() => random() + 0.05);
  weights[2] += random() * 3;  // Good is the usual answer
  const total = weights.reduce((a, b) => a + b, 0);
  const rating = () => {
    let x = random() * total;
    for (let i = 0; i < 4; i++) {
      x -= weights[i];
      if (x < 0) return RATINGS[i];
    }
    return 4;
  };
  const timings = ['due', 'due', 'due', 'early', 'late', 'late', 'same', 'gap'];
  const gaps = random() < 0.3;  // only some sequences have long gaps
  const length = between(3, 14);
  const reviews = [];
  for (let i = 0; i < length; i++) {
    let timing = pick(timings);
    if (timing === 'gap' && !gaps) timing = 'late';
    reviews.push([rating(), timing]);
  }
  return sequence(name, reviews, options);
}
for (let i = 0; i < 150; i++) sequences.push(randomSequence(`random-${i}`));
// Other desired retentions, and small maximum intervals (where ts-fsrs's rule that Again <
// Hard < Good < Easy pushes the longer ones past the maximum).
for (const retention of [0.7, 0.8, 0.95, 0.99]) {
  sequences.push(sequence(`all-good-retention-${retention}`, repeat(10, 3), { retention }));
  for (let i = 0; i < 8; i++) sequences.push(randomSequence(`random-retention-${retention}-${i}`, { retention }));
}
for (const maxInterval of [1, 3, 10, 30, 365]) {
  sequences.push(sequence(`all-easy-max-${maxInterval}`, repeat(8, 4), { maxInterval }));
  for (let i = 0; i < 4; i++) {
    sequences.push(randomSequence(`random-max-${maxInterval}-${i}`, { maxInterval }));
  }
}
sequences.push(sequence('retention-0.8-max-30', repeat(10, 3), { retention: 0.8, maxInterval: 30 }));

// One sequence per object, one step per line: readable, and a change shows as a few lines.
const columns = ['ms', 'rating', 'elapsed_days', 'retrievability', 'stability', 'difficulty', 'interval', 'due_day',
                 'reps', 'lapses', 'state'];
const lines = [
  '{',
  `  "about": "FSRS-6 review sequences scheduled by ts-fsrs ${tsfsrsVersion} (enable_short_term false, enable_fuzz false); written by tests/fsrs/vectors.js, see tests/fsrs/README.md",`,
  `  "ts_fsrs": ${JSON.stringify(tsfsrsVersion)},`,
  `  "weights": ${JSON.stringify([...defaultWeights])},`,
  `  "columns": ${JSON.stringify(columns)},`,
  '  "sequences": [',
];
sequences.forEach((s, i) => {
  lines.push(`    {"name": ${JSON.stringify(s.name)}, "retention": ${s.retention}, "max_interval": ${s.max_interval}, "steps": [`);
  s.steps.forEach((step, j) => lines.push(`      ${JSON.stringify(step)}${j + 1 < s.steps.length ? ',' : ''}`));
  lines.push(`    ]}${i + 1 < sequences.length ? ',' : ''}`);
});
lines.push('  ]', '}', '');
const text = lines.join('\n');

if (process.argv.includes('--check')) {
  const committed = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  if (committed === text) {
    console.log(`vectors: ${path.relative(REPO, OUT)} is what ts-fsrs ${tsfsrsVersion} gives (${sequences.length} sequences)`);
    process.exit(0);
  }
  const old = committed.split('\n');
  const now = text.split('\n');
  const line = now.findIndex((l, i) => l !== old[i]);
  console.error(`vectors: ${path.relative(REPO, OUT)} differs from what ts-fsrs ${tsfsrsVersion} gives, from line ${line + 1}:`);
  console.error(`  committed: ${old[line] ?? '(end of file)'}`);
  console.error(`  now:       ${now[line] ?? '(end of file)'}`);
  console.error('vectors: rerun tests/fsrs/vectors.js and check the change (tests/fsrs/README.md)');
  process.exit(1);
}
fs.writeFileSync(OUT, text);
console.log(`vectors: wrote ${path.relative(REPO, OUT)} (${sequences.length} sequences, ` +
            `${sequences.reduce((n, s) => n + s.steps.length, 0)} reviews)`);
