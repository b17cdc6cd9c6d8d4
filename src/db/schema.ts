/**
 * The register's schema must be exactly peixun's: a file with a planted trigger or view could run code on every
 * import and hide or change figures, and one with missing tables makes every command fail. The expected schema is
 * what the migrations make in an empty database, so it can never drift from them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import type { Db } from './handle.js';

/**
 * The expected schema of the current version, written by `npm run build` (scripts/expected-schema.js): making it
 * from the migrations took 20 ms of every command that opens the register. A build without it, or one whose
 * migrations have changed since it was written, makes it as before.
 */
export const EXPECTED_SCHEMA_URL = new URL('./expected-schema.json', import.meta.url);

interface WrittenSchema {
  /** The digest of the migrations it was made from. */
  migrations: string;
  objects: [string, SchemaObject][];
}

export interface SchemaObject {
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

/**
 * The first `version` migrations as one digest: a schema written from other migrations is not theirs. A migration
 * written as a function counts by its name (its compiled text differs between the build and the tests).
 */
function migrationsDigest(version: number): string {
  const hash = createHash('sha256');
  for (const migration of MIGRATIONS.slice(0, version))
    hash.update(`${typeof migration === 'string' ? migration : migration.name}\u0000`);
  return hash.digest('base64');
}

/** The schema written at build, if it was written from the first `version` migrations (else undefined). */
export function readWrittenSchema(text: string, version: number): Map<string, SchemaObject> | undefined {
  try {
    const written = JSON.parse(text) as WrittenSchema;
    return written.migrations === migrationsDigest(version) ? new Map(written.objects) : undefined;
  } catch {
    return undefined;
  }
}

/** What `npm run build` writes to EXPECTED_SCHEMA_URL. */
export function writtenSchemaText(): string {
  const written: WrittenSchema = {
    migrations: migrationsDigest(SCHEMA_VERSION),
    objects: [...madeSchema(SCHEMA_VERSION)],
  };
  return `${JSON.stringify(written)}\n`;
}

function writtenSchema(version: number): Map<string, SchemaObject> | undefined {
  if (version !== SCHEMA_VERSION) return undefined;
  let text: string;
  try {
    text = readFileSync(EXPECTED_SCHEMA_URL, 'utf8');
  } catch {
    return undefined;
  }
  return readWrittenSchema(text, version);
}

/** The schema the first `version` migrations make. */
function expectedSchema(version: number): Map<string, SchemaObject> {
  let objects = expected.get(version);
  if (!objects) {
    objects = writtenSchema(version) ?? madeSchema(version);
    expected.set(version, objects);
  }
  return objects;
}

/** The schema the first `version` migrations make in an empty database. */
export function madeSchema(version: number): Map<string, SchemaObject> {
  const db = new Database(':memory:');
  try {
    for (const migration of MIGRATIONS.slice(0, version)) {
      if (typeof migration === 'string') db.exec(migration);
      else migration(db, []);
    }
    return objectsOf(db);
  } finally {
    db.close();
  }
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
