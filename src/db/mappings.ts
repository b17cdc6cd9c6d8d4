/** Saved header mappings: the columns of an office's own file format, named once and reused. */
import type { Db } from './handle.js';

export interface SavedMapping {
  name: string;
  kind: string;
  aliases: Record<string, string>;
}

export function saveHeaderMapping(db: Db, mapping: SavedMapping, createdAt: string): void {
  db.prepare(
    `INSERT INTO header_mappings (name, kind, aliases, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, aliases = excluded.aliases, created_at = excluded.created_at`,
  ).run(mapping.name, mapping.kind, JSON.stringify(mapping.aliases), createdAt);
}

export function headerMapping(db: Db, name: string): SavedMapping | undefined {
  const row = db.prepare(`SELECT name, kind, aliases FROM header_mappings WHERE name = ?`).get(name) as
    { name: string; kind: string; aliases: string } | undefined;
  return row ? { ...row, aliases: JSON.parse(row.aliases) as Record<string, string> } : undefined;
}

export function headerMappingNames(db: Db): string[] {
  return db.prepare(`SELECT name FROM header_mappings ORDER BY name`).pluck().all() as string[];
}

export interface MappingListing extends SavedMapping {
  createdAt: string;
}

export function headerMappings(db: Db): MappingListing[] {
  const rows = db
    .prepare(`SELECT name, kind, aliases, created_at AS createdAt FROM header_mappings ORDER BY name`)
    .all() as { name: string; kind: string; aliases: string; createdAt: string }[];
  return rows.map((row) => ({ ...row, aliases: JSON.parse(row.aliases) as Record<string, string> }));
}

/** Forgets a saved mapping; false when there was none of that name. */
export function deleteHeaderMapping(db: Db, name: string): boolean {
  return db.prepare(`DELETE FROM header_mappings WHERE name = ?`).run(name).changes > 0;
}
