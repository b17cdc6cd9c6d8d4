/** The teachers (师资库): named once each, full-time (专职), part-time (兼职) or invited (外聘). */
import { nameKey } from '../domain/names.js';
import type { Db } from './handle.js';
import type { RowWriter } from './rows.js';

export const TEACHER_TYPES = ['专职', '兼职', '外聘'] as const;
export type TeacherType = (typeof TEACHER_TYPES)[number];

export interface TeacherRow {
  id: number;
  name: string;
  type: TeacherType | null;
  unit: string | null;
  specialty: string | null;
  phone: string | null;
  batch_id: number;
}

/** A teacher is their name, compared on its NFKC form: sheets and course lists name them that way. */
/** A teacher is matched by name as a trainee is (any dot between a name's parts, no invisible character). */
export const teacherKey = (name: string) => nameKey(name);

export class TeacherStore {
  private readonly byKey = new Map<string, TeacherRow>();
  constructor(db: Db) {
    for (const row of everyTeacher(db)) this.byKey.set(teacherKey(row.name), row);
  }

  named(name: string): TeacherRow | undefined {
    return this.byKey.get(teacherKey(name));
  }

  insert(writer: RowWriter, values: Omit<TeacherRow, 'id' | 'batch_id'>): number {
    const id = writer.insert('teachers', { ...values });
    this.byKey.set(teacherKey(values.name), { ...values, id, batch_id: writer.batchId });
    return id;
  }

  update(writer: RowWriter, row: TeacherRow, changes: Partial<Omit<TeacherRow, 'id' | 'batch_id'>>): void {
    writer.update('teachers', row, changes);
  }
}

export function everyTeacher(db: Db): TeacherRow[] {
  return db.prepare(`SELECT * FROM teachers ORDER BY id`).all() as TeacherRow[];
}
