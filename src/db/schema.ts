/**
 * The register's schema must be exactly peixun's: a file with a planted trigger or view could run code on every
 * import and hide or change figures, and one with missing tables makes every command fail. The expected schema is
 * what the migrations make in an empty database, so it can never drift from them.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import type { Db } from './open.js';

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

const expected = new Map<number, Map<string, SchemaObject>>();

function objectsOf(db: Db): Map<string, SchemaObject> {
  const rows = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as { type: string; name: string; sql: string | null }[];
  return new Map(
    rows.map((row) => [
      `${row.type} ${row.name}`,
      { type: row.type, name: row.name, sql: (row.sql ?? '').replace(/\s+/g, ' ').trim() },
    ]),
  );
}

/** The schema the first `version` migrations make. */
function expectedSchema(version: number): Map<string, SchemaObject> {
  let objects = expected.get(version);
  if (!objects) {
    const db = new Database(':memory:');
    try {
      for (const migration of MIGRATIONS.slice(0, version)) {
        if (typeof migration === 'string') db.exec(migration);
        else migration(db);
      }
      objects = objectsOf(db);
    } finally {
      db.close();
    }
    expected.set(version, objects);
  }
  return objects;
}

/** What differs from peixun's schema at the database's version: `trigger x: not peixun's` and the like. */
export function schemaDifferences(db: Db, version: number): string[] {
  const want = expectedSchema(version);
  const have = objectsOf(db);
  const differences: string[] = [];
  for (const [key, object] of have) {
    const wanted = want.get(key);
    if (!wanted) differences.push(`${object.type} ${object.name}: not peixun's`);
    else if (wanted.sql !== object.sql) differences.push(`${object.type} ${object.name}: altered`);
  }
  for (const [key, object] of want)
    if (!have.has(key)) differences.push(`${object.type} ${object.name}: missing`);
  return differences;
}
