#!/usr/bin/env node
/**
 * The national roll-up's SQL (docs/rollup.sql @totals and @by-district) in DuckDB at 3,000 districts × 100,000
 * enrolments, as far as this machine goes (docs/bundles.md). DuckDB is not a dependency of peixun: install it for
 * the measurement only, `npm install --no-save @duckdb/node-api`, then `node scripts/duckdb-scale.js [districts]`.
 * The city's tables are generated inside DuckDB with the bundles' columns and shapes (2,000 classes and 100,000
 * enrolments of 40,000 people per district, 2 % of them also trained in the previous district); loading real bundles
 * is the `sqlite` extension's work, which DuckDB downloads on first use and this machine cannot.
 */
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const districts = Number(process.argv[2] ?? 3000);
const { DuckDBInstance } = await import('@duckdb/node-api');
const folder = join(ROOT, 'bench-data', 'duckdb');
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
const file = join(folder, 'city.duckdb');
const instance = await DuckDBInstance.create(file, { memory_limit: '16GB', temp_directory: folder });
const db = await instance.connect();

const sql = readFileSync(join(ROOT, 'docs', 'rollup.sql'), 'utf8');
const parts = {};
let name = '';
for (const line of sql.split('\n')) {
  const marker = /^-- @([\w-]+)/.exec(line);
  if (marker) name = marker[1];
  else if (name) parts[name] = `${parts[name] ?? ''}${line}\n`;
}

async function timed(label, work) {
  const start = process.hrtime.bigint();
  const result = await work();
  console.log(`${label}: ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s`);
  return result;
}

await db.run(parts.create);
await timed(`generated ${districts.toLocaleString('en')} districts' classes and enrolments`, async () => {
  await db.run(`INSERT INTO city_classes
    SELECT 'D' || (i // 2000), i % 2000 + 1, 'K' || (i % 2000 + 1), '班', '轮训', 1, '2026-07-06', '2026-07-08', 12,
           NULL, 3, '2026-07-08'
    FROM range(${districts} * 2000) t(i)`);
  // A person is one of the district's 40,000; 2 % of them (p < 800) are the previous district's people, trained
  // there too.
  await db.run(`INSERT INTO city_enrolments
    SELECT 'D' || d, i % 100000 + 1, hash(i) % 2000 + 1,
           sha256(CAST(CASE WHEN p < 800 THEN (d - 1) * 1000000 + p + 800 ELSE d * 1000000 + p END AS VARCHAR)),
           'city', 1,
           '社区工作者', 3, a, a * 4, 0, CASE WHEN a = 3 THEN 1 ELSE 0 END
    FROM (SELECT i, i // 100000 AS d, hash(i * 7) % 40000 AS p, hash(i * 13) % 4 AS a
          FROM range(${districts} * 100000) t(i))`);
});
await db.run('CHECKPOINT');
console.log(`database: ${(statSync(file).size / 1e9).toFixed(1)} GB`);
const totals = await timed('@totals', async () => (await db.runAndReadAll(parts.totals)).getRowObjects());
console.log(totals);
await timed(
  '@by-district',
  async () => (await db.runAndReadAll(parts['by-district'])).getRowObjects().length,
);
