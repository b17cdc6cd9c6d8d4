/**
 * Coverage of the register today: of the trainees registered and active in each group, how many attended at
 * least one class in the period; and, for follow-up, who did not.
 */
import type { Db } from '../db/handle.js';
import { LEVELS, UnitStore, type LevelName } from '../db/units.js';
import { maskIdNumber } from '../domain/identity.js';
import type { Period } from '../domain/periods.js';
import { attendedSql } from '../domain/attendance.js';
import { chineseOrder } from '../order.js';
import { NONE_LABEL } from './summary.js';

/** Coverage is counted over people, so it groups by what a person has: a category, a unit. */
export const COVERAGE_GROUPINGS = ['category', 'unit'] as const;
export type CoverageGrouping = (typeof COVERAGE_GROUPINGS)[number];

export interface CoverageRow {
  group: string | null;
  registered: number;
  trained: number;
  untrained: number;
  coverage: number | null;
}

export interface UntrainedTrainee {
  name: string;
  idNumber: string;
  unit: string;
  category: string;
  position: string | null;
}

export interface CoverageReport {
  report: 'coverage';
  period: Period;
  by: CoverageGrouping | null;
  level: LevelName | null;
  rows: CoverageRow[];
  total: CoverageRow;
  /** With --list: the active trainees with no attended class in the period. */
  untrained?: UntrainedTrainee[];
}

export function coverageReport(
  db: Db,
  request: { period: Period; by?: CoverageGrouping; level?: LevelName; list: boolean },
  /** The day whose active trainees are counted. */
  today: string,
): CoverageReport {
  const units = new UnitStore(db);
  const trainees = activeTrainees(db, request.period, today);
  const groupOf = (trainee: ActiveTrainee): { key: string; rank: number } => {
    if (request.by === 'category') return { key: trainee.category || NONE_LABEL, rank: 0 };
    if (request.by === 'unit') {
      const unit = request.level
        ? units.ancestorAt(trainee.unitId, LEVELS[request.level])
        : units.get(trainee.unitId);
      return unit
        ? { key: units.path(unit.id), rank: unit.id }
        : { key: NONE_LABEL, rank: Number.MAX_SAFE_INTEGER };
    }
    return { key: '', rank: 0 };
  };
  const groups = new Map<string, CoverageRow & { rank: number }>();
  const total: CoverageRow = { group: null, registered: 0, trained: 0, untrained: 0, coverage: null };
  for (const trainee of trainees) {
    const { key, rank } = groupOf(trainee);
    let row = groups.get(key);
    if (!row)
      groups.set(key, (row = { group: key, registered: 0, trained: 0, untrained: 0, coverage: null, rank }));
    for (const target of [row, total]) {
      target.registered++;
      if (trainee.trained) target.trained++;
      else target.untrained++;
    }
  }
  const finish = (row: CoverageRow): CoverageRow => ({
    ...row,
    coverage: row.registered > 0 ? row.trained / row.registered : null,
  });
  const rows = request.by
    ? [...groups.values()]
        .sort(
          (a, b) =>
            Number(a.group === NONE_LABEL) - Number(b.group === NONE_LABEL) ||
            a.rank - b.rank ||
            chineseOrder(a.group ?? '', b.group ?? ''),
        )
        .map(({ rank: _rank, ...row }) => finish(row))
    : [];
  return {
    report: 'coverage',
    period: request.period,
    by: request.by ?? null,
    level: request.by === 'unit' ? (request.level ?? null) : null,
    rows,
    total: finish(total),
    ...(request.list
      ? {
          untrained: trainees
            .filter((trainee) => !trainee.trained)
            .map((trainee) => ({
              name: trainee.name,
              idNumber: maskIdNumber(trainee.idNumber),
              unit: units.path(trainee.unitId),
              category: trainee.category,
              position: trainee.position,
            })),
        }
      : {}),
  };
}

interface ActiveTrainee {
  id: number;
  name: string;
  idNumber: string | null;
  unitId: number | null;
  category: string;
  position: string | null;
  /** Attended a class of the period (cancelled classes count nowhere). */
  trained: number;
}

/** The trainees active on `today` (not gone by then), each marked trained or not in the period. */
function activeTrainees(db: Db, period: Period, today: string): ActiveTrainee[] {
  return db
    .prepare(
      `SELECT t.id, t.name, t.id_number AS idNumber, t.unit_id AS unitId, t.category, t.position,
              EXISTS (
                SELECT 1 FROM enrolments e
                JOIN classes c ON c.id = e.class_id
                JOIN attendance a ON a.enrolment_id = e.id
                WHERE e.trainee_id = t.id AND c.start_date BETWEEN ? AND ? AND IFNULL(c.status, '') <> 'cancelled'
                  AND ${attendedSql('a.status')}
              ) AS trained
       FROM trainees t WHERE t.left_on IS NULL OR t.left_on > ? ORDER BY t.id`,
    )
    .all(period.from, period.to, today) as ActiveTrainee[];
}
