/**
 * Nicknames a meeting app or sign-in form shows (`小王老师`, `高境一村-张三`), each tied to one trainee once, for
 * every later import (formats.md, "Meeting exports").
 */
import { nameKey } from '../domain/names.js';
import type { Db } from './handle.js';
import type { RowWriter } from './rows.js';

export interface AliasRow {
  id: number;
  nickname: string;
  nickname_key: string;
  trainee_id: number;
  batch_id: number;
}

/** The trainee a nickname is tied to, matched on the names' key (`小王 老师` is `小王老师`). */
export function aliasOf(db: Db, nickname: string): AliasRow | undefined {
  return db.prepare(`SELECT * FROM aliases WHERE nickname_key = ?`).get(nameKey(nickname)) as
    AliasRow | undefined;
}

export function aliasRows(
  db: Db,
): (AliasRow & { name: string; id_number: string | null; unit_id: number | null })[] {
  return db
    .prepare(
      `SELECT a.*, t.name, t.id_number, t.unit_id FROM aliases a JOIN trainees t ON t.id = a.trainee_id
       ORDER BY a.nickname_key`,
    )
    .all() as (AliasRow & { name: string; id_number: string | null; unit_id: number | null })[];
}

export function aliasRowsOf(db: Db, traineeId: number): AliasRow[] {
  return db.prepare(`SELECT * FROM aliases WHERE trainee_id = ?`).all(traineeId) as AliasRow[];
}

export function insertAlias(writer: RowWriter, nickname: string, traineeId: number): number {
  return writer.insert('aliases', { nickname, nickname_key: nameKey(nickname), trainee_id: traineeId });
}
