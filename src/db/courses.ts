import type { Db } from './handle.js';

export interface CourseSummary {
  id: number;
  code: string;
  name: string;
  category: string | null;
}

export function courseById(db: Db, id: number): CourseSummary | undefined {
  return db.prepare(`SELECT id, code, name, category FROM courses WHERE id = ?`).get(id) as
    CourseSummary | undefined;
}
