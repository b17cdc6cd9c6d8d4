/**
 * Each trainee's unit and category as a dated history (statistics.md, "History stays put"). An entry states the
 * unit, the category or both from its date on; NULL in a column means the entry does not speak of it. The
 * value on a date is that of the latest entry on or before it, else of the earliest entry: so the same facts
 * give the same values whatever order they arrived in.
 *
 * An enrolment's unit and category are the history's values on its class's start date. They are kept on the
 * enrolment row, worked out again whenever the history or a class's start date changes, so that the
 * statistics read one table.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './handle.js';
import { changedColumns, type RowWriter, type StoredRow } from './rows.js';

/** The category of a trainee nobody has said anything about. */
export const DEFAULT_CATEGORY = '其他';

export interface Group {
  unit_id: number | null;
  category: string;
}

export interface HistoryRow {
  id: number;
  trainee_id: number;
  valid_from: string;
  unit_id: number | null;
  category: string | null;
  exact: number;
  effective_unit_id: number | null;
  batch_id: number;
}

/**
 * SQL for the history's value of a column for trainee `t` on date `d` (expressions of the outer query). The unit
 * is read from each statement's effective unit.
 */
function valueOn(
  column: 'effective_unit_id' | 'category',
  trainee: string,
  date: string,
  fallback: string,
): string {
  return `COALESCE(
    (SELECT h.${column} FROM trainee_history h WHERE h.trainee_id = ${trainee} AND h.${column} IS NOT NULL
       AND h.valid_from <= ${date} ORDER BY h.valid_from DESC LIMIT 1),
    (SELECT h.${column} FROM trainee_history h WHERE h.trainee_id = ${trainee} AND h.${column} IS NOT NULL
       ORDER BY h.valid_from LIMIT 1),
    ${fallback})`;
}

const ENROLMENT_GROUP = {
  unit: valueOn(
    'effective_unit_id',
    'enrolments.trainee_id',
    '(SELECT start_date FROM classes WHERE id = enrolments.class_id)',
    '(SELECT unit_id FROM trainees WHERE id = enrolments.trainee_id)',
  ),
  category: valueOn(
    'category',
    'enrolments.trainee_id',
    '(SELECT start_date FROM classes WHERE id = enrolments.class_id)',
    '(SELECT category FROM trainees WHERE id = enrolments.trainee_id)',
  ),
};

/** A trainee's latest statements, where the history has any. */
const LATEST = {
  unit: `COALESCE((SELECT h.effective_unit_id FROM trainee_history h WHERE h.trainee_id = trainees.id
      AND h.effective_unit_id IS NOT NULL ORDER BY h.valid_from DESC LIMIT 1), trainees.unit_id)`,
  category: `COALESCE((SELECT h.category FROM trainee_history h WHERE h.trainee_id = trainees.id
      AND h.category IS NOT NULL ORDER BY h.valid_from DESC LIMIT 1), trainees.category)`,
};

/** Trainees whose unit or category is not their history's latest. */
export const staleTraineesSql = `SELECT id FROM trainees WHERE unit_id IS NOT ${LATEST.unit}
  OR category IS NOT ${LATEST.category}`;

/** Enrolments whose stored group is not the history's, in `scope` (a WHERE fragment on enrolments). */
export function staleEnrolmentsSql(scope: string): string {
  return `SELECT id FROM enrolments WHERE (${scope}) AND (unit_id IS NOT ${ENROLMENT_GROUP.unit}
    OR category IS NOT ${ENROLMENT_GROUP.category})`;
}

/** A new trainee's first statement: their unit and category from the day they were registered. */
export function firstStatement(traineeId: number, from: string, group: Group) {
  return {
    trainee_id: traineeId,
    valid_from: from,
    unit_id: group.unit_id,
    category: group.category,
    effective_unit_id: group.unit_id,
  };
}

export class TraineeHistory {
  private readonly entries;
  private readonly groupOn;
  /**
   * Large statements, compiled only by the commands that move enrolments between groups (a report builds this
   * class too): compiling them was a tenth of the test suite's SQLite time.
   */
  private refreshStatements: { one: Statement; ofClass: Statement } | undefined;
  private readonly trainee;
  private readonly setEffective;
  private readonly parentOf;

  constructor(private readonly db: Db) {
    this.trainee = db.prepare(`SELECT * FROM trainees WHERE id = ?`);
    this.setEffective = db.prepare(`UPDATE trainee_history SET effective_unit_id = ? WHERE id = ?`);
    this.parentOf = db.prepare(`SELECT parent_id FROM units WHERE id = ?`).pluck();
    this.entries = db.prepare(`SELECT * FROM trainee_history WHERE trainee_id = ? ORDER BY valid_from`);
    this.groupOn = db.prepare(
      `SELECT ${valueOn('effective_unit_id', '@trainee', '@date', '(SELECT unit_id FROM trainees WHERE id = @trainee)')} AS unit_id,
              ${valueOn('category', '@trainee', '@date', `IFNULL((SELECT category FROM trainees WHERE id = @trainee), '${DEFAULT_CATEGORY}')`)} AS category`,
    );
  }

  private get refresh(): { one: Statement; ofClass: Statement } {
    const refresh = (scope: string) =>
      this.db.prepare(
        `UPDATE enrolments SET unit_id = ${ENROLMENT_GROUP.unit}, category = ${ENROLMENT_GROUP.category}
         WHERE id IN (${staleEnrolmentsSql(scope)})`,
      );
    this.refreshStatements ??= { one: refresh('trainee_id = ?'), ofClass: refresh('class_id = ?') };
    return this.refreshStatements;
  }

  /** The trainee's unit and category on a date: the group an enrolment in a class starting then counts under. */
  groupAt(traineeId: number, date: string): Group {
    return this.groupOn.get({ trainee: traineeId, date }) as Group;
  }

  /**
   * Trainees whose history holds more than one unit or more than one category: for everyone else the value on
   * any date is the one value there is, which the trainee row holds too.
   */
  movedTrainees(): Set<number> {
    // Two statements of one person with different values (a blank is no value, as in valueOn): a join along the
    // (trainee_id, valid_from) index, where grouping every person's statements to count distinct values took
    // four times as long on a city's 200,000.
    return new Set(
      this.db
        .prepare(
          `SELECT DISTINCT h.trainee_id FROM trainee_history h
           JOIN trainee_history o ON o.trainee_id = h.trainee_id AND o.valid_from > h.valid_from
           WHERE o.effective_unit_id <> h.effective_unit_id OR o.category <> h.category`,
        )
        .pluck()
        .all() as number[],
    );
  }

  /** The values from the latest entries: the trainee as the register knows them today. */
  latest(traineeId: number): Group {
    return this.groupAt(traineeId, '9999-12-31');
  }

  /** A new trainee's first statement (see {@link firstStatement}). */
  begin(writer: RowWriter, traineeId: number, from: string, group: Group): void {
    writer.insert('trainee_history', firstStatement(traineeId, from, group));
  }

  /**
   * States the trainee's unit and/or category from a date on. Every statement is kept as a fact, even one that
   * repeats what the history already implies: which facts are redundant depends on what else has arrived, and
   * the history must come out the same whatever the order. The same statement twice changes nothing. The
   * trainee's own row follows the latest entries. Returns the trainee's latest group when the history changed.
   */
  state(
    writer: RowWriter,
    traineeId: number,
    from: string,
    values: Partial<Group>,
    how: { exact: boolean } = { exact: false },
  ): Group | undefined {
    const atDate = (this.entries.all(traineeId) as HistoryRow[]).find((entry) => entry.valid_from === from);
    const exact = how.exact ? 1 : 0;
    const changes: { unit_id?: number; category?: string; exact?: number } = {};
    // The same day's finer unit stays against a roster naming the unit above it (as with an earlier day's).
    const coarserSameDay =
      !how.exact &&
      atDate?.unit_id != null &&
      values.unit_id != null &&
      atDate.unit_id !== values.unit_id &&
      this.isWithin(atDate.unit_id, values.unit_id);
    if (
      values.unit_id != null &&
      !coarserSameDay &&
      (atDate?.unit_id !== values.unit_id || atDate.exact !== exact)
    ) {
      changes.unit_id = values.unit_id;
      changes.exact = exact;
    }
    if (values.category != null && atDate?.category !== values.category) changes.category = values.category;
    if (Object.keys(changes).length === 0) return undefined;
    if (atDate) writer.update('trainee_history', atDate, changes);
    else {
      writer.insert('trainee_history', {
        trainee_id: traineeId,
        valid_from: from,
        unit_id: changes.unit_id ?? null,
        category: changes.category ?? null,
        exact: changes.exact ?? 0,
      });
    }
    return this.follow(writer, traineeId);
  }

  /**
   * formats.md: a roster row never moves a person to a coarser unit than the one on record. Each statement's
   * effective unit is its own, unless a roster named a unit that holds the effective unit of the statement before
   * it (a 街镇-level row for a 居村 member): then that earlier unit. Worked out over the statements in date order,
   * so the same statements give the same units whatever order they came in. Derived, so set directly.
   */
  private settleEffectiveUnits(traineeId: number): void {
    for (const { entry, effective } of this.effectiveUnits(traineeId)) {
      if (entry.effective_unit_id !== effective) this.setEffective.run(effective, entry.id);
    }
  }

  /** Each statement with the effective unit it should have. */
  private effectiveUnits(traineeId: number): { entry: HistoryRow; effective: number | null }[] {
    let before: number | null = null;
    return (this.entries.all(traineeId) as HistoryRow[]).map((entry) => {
      if (entry.unit_id === null) return { entry, effective: null };
      const coarser: boolean =
        !entry.exact && before !== null && before !== entry.unit_id && this.isWithin(before, entry.unit_id);
      const effective: number | null = coarser ? before : entry.unit_id;
      before = effective;
      return { entry, effective };
    });
  }

  /** Statements whose stored effective unit is not what the rule gives (for `db check`). */
  staleEffectiveUnits(): number[] {
    const trainees = this.db
      .prepare(`SELECT DISTINCT trainee_id FROM trainee_history`)
      .pluck()
      .all() as number[];
    return trainees.flatMap((traineeId) =>
      this.effectiveUnits(traineeId)
        .filter(({ entry, effective }) => entry.effective_unit_id !== effective)
        .map(({ entry }) => entry.id),
    );
  }

  private isWithin(unitId: number, ancestorId: number): boolean {
    for (let at: number | null = unitId; at !== null;) {
      if (at === ancestorId) return true;
      at = (this.parentOf.get(at) as number | null | undefined) ?? null;
    }
    return false;
  }

  /**
   * Two records of one person become one: where the kept record's history never speaks of the unit (or the
   * category), the other's entries do; the other's entries then go. The kept row follows its latest entries.
   */
  mergeInto(writer: RowWriter, keepId: number, dropId: number): void {
    const kept = this.entries.all(keepId) as HistoryRow[];
    const silent = {
      unit_id: kept.every((entry) => entry.unit_id === null),
      category: kept.every((entry) => entry.category === null),
    };
    for (const entry of this.entries.all(dropId) as HistoryRow[]) {
      const fill: { unit_id?: number; category?: string } = {};
      if (silent.unit_id && entry.unit_id !== null) fill.unit_id = entry.unit_id;
      if (silent.category && entry.category !== null) fill.category = entry.category;
      writer.delete('trainee_history', entry);
      if (Object.keys(fill).length === 0) continue;
      const sameDay = kept.find((other) => other.valid_from === entry.valid_from);
      if (sameDay) writer.update('trainee_history', sameDay, fill);
      else {
        writer.insert('trainee_history', {
          trainee_id: keepId,
          valid_from: entry.valid_from,
          unit_id: fill.unit_id ?? null,
          category: fill.category ?? null,
        });
      }
    }
    this.follow(writer, keepId);
  }

  /** The trainee's row takes the latest entries' unit and category; their enrolments, the history's groups. */
  private follow(writer: RowWriter, traineeId: number): Group {
    this.settleEffectiveUnits(traineeId);
    this.refreshEnrolmentsOf(traineeId);
    const latest = this.latest(traineeId);
    const trainee = this.trainee.get(traineeId) as StoredRow & Group;
    const moved = changedColumns(trainee, latest);
    if (Object.keys(moved).length > 0) writer.update('trainees', trainee, moved);
    return latest;
  }

  refreshEnrolmentsOf(traineeId: number): void {
    this.refresh.one.run(traineeId);
  }

  refreshEnrolmentsOfClass(classId: number): void {
    this.refresh.ofClass.run(classId);
  }

  /**
   * After an undo, which may have taken statements out of any history: every trainee takes their latest
   * statements again and every enrolment its group. Both are derived from the history, so they are set, not
   * recorded as changes of the batch.
   */
  refreshAll(): void {
    const trainees = this.db
      .prepare(`SELECT DISTINCT trainee_id FROM trainee_history`)
      .pluck()
      .all() as number[];
    for (const traineeId of trainees) this.settleEffectiveUnits(traineeId);
    this.db
      .prepare(
        `UPDATE trainees SET unit_id = ${LATEST.unit}, category = ${LATEST.category}
         WHERE id IN (${staleTraineesSql})`,
      )
      .run();
    this.db
      .prepare(
        `UPDATE enrolments SET unit_id = ${ENROLMENT_GROUP.unit}, category = ${ENROLMENT_GROUP.category}
         WHERE id IN (${staleEnrolmentsSql('1')})`,
      )
      .run();
  }
}

/** Every category any trainee has had; the history's category index answers it. */
export function historyCategories(db: Db): string[] {
  return db
    .prepare(`SELECT DISTINCT category FROM trainee_history WHERE category IS NOT NULL`)
    .pluck()
    .all() as string[];
}

/** A trainee's unit and category as they stood from each statement's date: their record's unit history. */
export function historyOf(
  db: Db,
  traineeId: number,
): { validFrom: string; unitId: number | null; category: string | null }[] {
  return db
    .prepare(
      `SELECT valid_from AS validFrom, effective_unit_id AS unitId, category FROM trainee_history
       WHERE trainee_id = ? ORDER BY valid_from`,
    )
    .all(traineeId) as { validFrom: string; unitId: number | null; category: string | null }[];
}
