/**
 * Records in words for what a batch changed: a unit by its path, a sign-in by its person and session, a session by
 * its class, date and slot; and each reference a change names (`unit_id`, `session_id` …) the same way, so that
 * `imports show` says `单位: 高境一村居委 → 天平村`, not `#91 → #93`. Where a record is gone, its number.
 */
import type { ChangeTable } from './changes.js';
import type { Db } from './handle.js';
import { UnitStore } from './units.js';

/** Reference columns and the table they point into. */
const REFERENCE_TABLES: Readonly<Record<string, ChangeTable>> = {
  unit_id: 'units',
  effective_unit_id: 'units',
  organiser_unit_id: 'units',
  parent_id: 'units',
  trainee_id: 'trainees',
  mentor_id: 'trainees',
  mentee_id: 'trainees',
  class_id: 'classes',
  source_class_id: 'classes',
  course_id: 'courses',
  plan_id: 'plans',
  session_id: 'sessions',
  enrolment_id: 'enrolments',
};

export function referencedTable(column: string): ChangeTable | undefined {
  return REFERENCE_TABLES[column];
}

export class RecordLabels {
  private units: UnitStore | undefined;
  private readonly cache = new Map<string, string>();
  constructor(private readonly db: Db) {}

  /** A record of a table in words; `#id` where it no longer exists. */
  of(table: ChangeTable, id: number): string {
    const key = `${table}:${id}`;
    let label = this.cache.get(key);
    if (label === undefined) {
      label = this.make(table, id) ?? this.deleted(table, id) ?? `#${id}`;
      this.cache.set(key, label);
    }
    return label;
  }

  /**
   * A record a batch deleted (a merged unit, a removed class), named from its values before the deletion: shown
   * as what it was, not as a number that no longer leads anywhere.
   */
  private deleted(table: ChangeTable, id: number): string | undefined {
    const before = this.db
      .prepare(
        `SELECT before FROM batch_changes WHERE table_name = ? AND row_id = ? AND action = 'delete'
         ORDER BY batch_id DESC, id DESC LIMIT 1`,
      )
      .pluck()
      .get(table, id) as string | undefined;
    if (before === undefined) return undefined;
    const row = JSON.parse(before) as Record<string, unknown>;
    const text = (column: string) => (typeof row[column] === 'string' ? row[column] : undefined);
    if (table === 'units' && text('name') !== undefined)
      return typeof row.parent_id === 'number'
        ? `${this.of('units', row.parent_id)}/${text('name')}`
        : text('name');
    return text('code') ?? text('name') ?? text('nickname') ?? text('number');
  }

  private make(table: ChangeTable, id: number): string | undefined {
    const get = (sql: string) => this.db.prepare(sql).pluck().get(id) as string | undefined;
    switch (table) {
      case 'units':
        this.units ??= new UnitStore(this.db);
        return this.units.get(id) ? this.units.path(id) : undefined;
      case 'trainees':
        return get(`SELECT name FROM trainees WHERE id = ?`);
      case 'classes':
      case 'courses':
      case 'projects':
      case 'plans':
        return get(`SELECT code FROM ${table} WHERE id = ?`);
      case 'sessions':
        return get(
          `SELECT TRIM(c.code || ' ' || s.date || ' ' || s.slot) FROM sessions s JOIN classes c ON c.id = s.class_id
           WHERE s.id = ?`,
        );
      case 'enrolments':
        return get(
          `SELECT t.name || ' ' || c.code FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
           JOIN classes c ON c.id = e.class_id WHERE e.id = ?`,
        );
      case 'attendance':
        return get(
          `SELECT TRIM(t.name || ' ' || c.code || ' ' || s.date || ' ' || s.slot) FROM attendance a
           JOIN enrolments e ON e.id = a.enrolment_id JOIN trainees t ON t.id = e.trainee_id
           JOIN sessions s ON s.id = a.session_id JOIN classes c ON c.id = s.class_id WHERE a.id = ?`,
        );
      case 'trainee_history':
        return get(
          `SELECT t.name || ' ' || h.valid_from FROM trainee_history h JOIN trainees t ON t.id = h.trainee_id
           WHERE h.id = ?`,
        );
      case 'mentorships':
        return get(
          `SELECT m.name || ' → ' || e.name FROM mentorships p JOIN trainees m ON m.id = p.mentor_id
           JOIN trainees e ON e.id = p.mentee_id WHERE p.id = ?`,
        );
      case 'online_learning':
        return get(
          `SELECT t.name || ' ' || o.course FROM online_learning o JOIN trainees t ON t.id = o.trainee_id
           WHERE o.id = ?`,
        );
      case 'teachers':
      case 'venues':
        return get(`SELECT name FROM ${table} WHERE id = ?`);
      case 'certificates':
        return get(
          `SELECT r.number || ' ' || t.name FROM certificates r JOIN enrolments e ON e.id = r.enrolment_id
           JOIN trainees t ON t.id = e.trainee_id WHERE r.id = ?`,
        );
      case 'aliases':
        return get(
          `SELECT a.nickname || ' → ' || t.name FROM aliases a JOIN trainees t ON t.id = a.trainee_id WHERE a.id = ?`,
        );
    }
  }
}
