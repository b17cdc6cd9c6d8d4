#!/usr/bin/env node
/**
 * How the roll-up scales (docs/bundles.md): synthetic district bundles of 100,000 enrolments each, sealed as
 * `peixun bundle` seals them, written to bench-data/bundles/ (never committed). Times `peixun rollup` over a city of
 * them, and the plain-SQL roll-up (docs/rollup.sql) loading more of them into one SQLite file, as a warehouse would.
 * Usage: node scripts/bundle-scale.js [districts for the SQL run, default 100]
 * `peixun rollup` is timed over 16 districts and over 64 (or as many as were made), then 64 are written as Parquet
 * and docs/rollup.sql's @totals is timed over them in DuckDB (a development dependency).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { BUNDLE_FORMAT, BUNDLE_SCHEMA, SEAL_PLACEHOLDER, seal } from '../dist/bundle/format.js';
import { keyFingerprint } from '../dist/privacy/pseudonyms.js';

/** The city's key the bundles are sealed under, and the roll-up's register holds. */
const KEY = '9d4c2b7a1e8f3c6d5b0a9e8d7c6b5a43';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'peixun.js');
const DATA = join(ROOT, 'bench-data', 'bundles');
const ENROLMENTS = 100_000;
const CLASSES = 2_000;
const PEOPLE = 40_000;
const warehouseDistricts = Number(process.argv[2] ?? 100);

let seed = 20261127;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const pick = (n) => Math.floor(random() * n);
const hex = (n) => n.toString(16).padStart(64, '0');

/** One district's bundle: 13 街镇 of 29 居村, 2,000 classes, 100,000 enrolments of 40,000 people (2 % of them also
 * trained in the previous district). */
function bundleOf(index) {
  const db = new Database(':memory:');
  db.exec(BUNDLE_SCHEMA);
  const district = `区${String(index).padStart(4, '0')}`;
  db.transaction(() => {
    const meta = db.prepare('INSERT INTO bundle (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries({
      format: BUNDLE_FORMAT,
      district,
      period_label: '2026Q3',
      period_from: '2026-07-01',
      period_to: '2026-09-30',
      made_at: '2026-10-08T02:00:00.000Z',
      made_by: 'bench@bench',
      peixun_version: 'bench',
      register_schema: '8',
      register_batch: '1',
      key_fingerprint: keyFingerprint(KEY),
      completion_threshold: String(6 / 7),
      registered_on: '2026-10-08',
      content_hash: SEAL_PLACEHOLDER,
    }))
      meta.run(key, value);
    const unit = db.prepare('INSERT INTO units VALUES (?, ?, ?, ?, ?)');
    unit.run(1, null, 1, district, district);
    let id = 2;
    const communities = [];
    for (let s = 0; s < 13; s++) {
      const town = id++;
      unit.run(town, 1, 2, `街镇${s}`, `${district}/街镇${s}`);
      for (let c = 0; c < 29; c++) {
        communities.push(id);
        unit.run(id++, town, 3, `居村${c}`, `${district}/街镇${s}/居村${c}`);
      }
    }
    const klass = db.prepare('INSERT INTO classes VALUES (?, ?, ?, ?, 1, ?, ?, 12, NULL, ?, ?)');
    for (let c = 1; c <= CLASSES; c++)
      klass.run(
        c,
        `K${c}`,
        `班${c}`,
        ['轮训', '专题培训', '示范培训'][c % 3],
        '2026-07-06',
        '2026-07-08',
        3,
        '2026-07-08',
      );
    const session = db.prepare(`INSERT INTO sessions VALUES (?, ?, '')`);
    for (let c = 1; c <= CLASSES; c++)
      for (const date of ['2026-07-06', '2026-07-07', '2026-07-08']) session.run(c, date);
    const enrolment = db.prepare('INSERT INTO enrolments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    // One row per class and person, as a register gives them.
    const taken = new Set();
    // The district's own totals, which the roll-up checks its reading of the rows against.
    const people = new Set();
    let participantTimes = 0;
    let attendedSessions = 0;
    let completed = 0;
    for (let e = 1; e <= ENROLMENTS; e++) {
      const person = pick(PEOPLE);
      const classId = 1 + pick(CLASSES);
      if (taken.has(`${classId}:${person}`)) {
        e--;
        continue;
      }
      taken.add(`${classId}:${person}`);
      // 2 % of a district's people are the previous district's, trained there too.
      const shared = person < PEOPLE * 0.02;
      const owner = shared ? index - 1 : index;
      const who = shared ? person + PEOPLE * 0.02 : person;
      const attended = pick(4);
      if (attended > 0) {
        participantTimes++;
        people.add(`${owner}:${who}`);
      }
      attendedSessions += attended;
      if (attended === 3) completed++;
      enrolment.run(
        e,
        classId,
        hex(owner * 1_000_000 + who),
        'city',
        communities[pick(communities.length)],
        ['居村党组织书记', '社区工作者', '社区志愿者', '业委会主任'][pick(4)],
        3,
        attended,
        attended * 4,
        0,
        attended === 3 ? 1 : 0,
        0,
      );
    }
    const total = db.prepare('INSERT INTO totals VALUES (?, ?)');
    for (const [figure, value] of Object.entries({
      classes: CLASSES,
      participantTimes,
      participants: people.size,
      hours: attendedSessions * 4,
      attendanceRate: attendedSessions / (3 * ENROLMENTS),
      completionRate: completed / ENROLMENTS,
      courses: 0,
      projects: 0,
    }))
      total.run(figure, value);
  })();
  db.exec('VACUUM');
  const { sealed } = seal(db.serialize(), KEY);
  db.close();
  return sealed;
}

function timed(label, work) {
  const start = process.hrtime.bigint();
  const result = work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label}: ${seconds.toFixed(2)} s`);
  return { result, seconds };
}

rmSync(DATA, { recursive: true, force: true });
mkdirSync(DATA, { recursive: true });
const files = [];
timed(`made ${warehouseDistricts} bundles of ${ENROLMENTS.toLocaleString('en')} enrolments`, () => {
  for (let index = 1; index <= warehouseDistricts; index++) {
    const file = join(DATA, `${index}.peixun`);
    writeFileSync(file, bundleOf(index));
    files.push(file);
  }
});
console.log(`bundle size: ${(statSync(files[0]).size / 1e6).toFixed(1)} MB`);

// The city's register: it holds the key every seal is checked with.
const city = join(DATA, 'city.db');
writeFileSync(join(DATA, 'city.key'), `${KEY}\n`);
spawnSync(process.execPath, [
  BIN,
  '--db',
  city,
  'config',
  'set',
  'city-key',
  '--from-file',
  join(DATA, 'city.key'),
]);

/** `peixun rollup ARGS` in a process of its own: its time and peak memory. */
function rollupProcess(label, args) {
  const run = timed(label, () =>
    spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, 'rollup', ...args], {
      encoding: 'utf8',
      env: { ...process.env, PEIXUN_DB: city },
      maxBuffer: 1e9,
    }),
  );
  if (run.result.status !== 0) console.log(run.result.stderr);
  else
    console.log(`  peak memory ${(Number(run.result.stderr.trim().split('\n').pop()) / 1024).toFixed(0)} MB`);
}

// peixun rollup over one city (16 districts) and over more: time and peak memory.
for (const count of [16, Math.min(64, files.length)]) {
  rollupProcess(
    `peixun rollup, ${count} districts (${(count * ENROLMENTS).toLocaleString('en')} enrolments)`,
    [...files.slice(0, count), '--by', 'district', '--format', 'csv'],
  );
}

// Past one machine: the same districts as Parquet, and docs/rollup.sql over them in DuckDB.
const parquetCount = Math.min(64, files.length);
const parquetFolder = join(DATA, 'parquet');
rollupProcess(`peixun rollup --format parquet, ${parquetCount} districts`, [
  ...files.slice(0, parquetCount),
  '--format',
  'parquet',
  '--out',
  parquetFolder,
]);

// The warehouse: every bundle loaded into one SQLite file with docs/rollup.sql, then its figures.
const sql = readFileSync(join(ROOT, 'docs', 'rollup.sql'), 'utf8');
const parts = {};
let name = '';
for (const line of sql.split('\n')) {
  const marker = /^-- @([\w-]+)/.exec(line);
  if (marker) name = marker[1];
  else if (name) parts[name] = `${parts[name] ?? ''}${line}\n`;
}
const statements = (part) =>
  part
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^--.*$/gm, '').trim())
    .filter(Boolean);
const warehouseFile = join(DATA, 'warehouse.db');
const warehouse = new Database(warehouseFile);
warehouse.pragma('journal_mode = OFF');
warehouse.pragma('synchronous = OFF');
warehouse.exec(parts.create);
const load = statements(parts.load);
timed(
  `warehouse: loaded ${files.length} bundles (${(files.length * ENROLMENTS).toLocaleString('en')} enrolments)`,
  () => {
    for (const bundle of files) {
      // Each statement is prepared once the one before it ran: the INSERTs name the attached bundle's tables.
      for (const statement of load)
        warehouse.prepare(statement).run(statement.includes(':bundle') ? { bundle } : {});
    }
  },
);
timed('warehouse: totals (docs/rollup.sql @totals)', () => warehouse.prepare(parts.totals).get());
timed('warehouse: by district (@by-district)', () => warehouse.prepare(parts['by-district']).all());
warehouse.close();
console.log(`warehouse size: ${(statSync(warehouseFile).size / 1e9).toFixed(2)} GB`);

const { DuckDBInstance } = await import('@duckdb/node-api');
const duck = await (await DuckDBInstance.create(':memory:')).connect();
for (const statement of statements(parts.parquet.replaceAll('{dir}', parquetFolder)))
  await duck.run(statement);
const started = process.hrtime.bigint();
const totals = (await duck.runAndReadAll(parts.totals)).getRowObjects()[0];
console.log(
  `DuckDB over the Parquet of ${parquetCount} districts: @totals ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s` +
    ` (participants ${totals.participants})`,
);
const startedByDistrict = process.hrtime.bigint();
await duck.runAndReadAll(parts['by-district']);
console.log(`  @by-district ${(Number(process.hrtime.bigint() - startedByDistrict) / 1e9).toFixed(1)} s`);
duck.closeSync();
