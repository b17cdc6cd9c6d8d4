/**
 * The year's duty (`peixun report hours YEAR`, statistics.md): each trainee's 集中培训 and 网络学习 hours of a year
 * against the requirement of their category, who met it and who is short by how much; or per unit or category,
 * how many met it. The rule is domain/duty.ts's.
 */
import type { Db } from '../db/handle.js';
import { TraineeHistory } from '../db/history.js';
import { onlineLearningDuring } from '../db/online.js';
import { everyTrainee } from '../db/trainees.js';
import { LEVELS, UnitStore, type LevelName } from '../db/units.js';
import { yearDuty } from '../domain/duty.js';
import { maskIdNumber } from '../domain/identity.js';
import { yearPeriod } from '../domain/periods.js';
import { chineseOrder } from '../order.js';
import { periodFacts } from './summary.js';
import { requirementOf, type RequirementSource } from './trainee.js';

export interface DutyRow {
  /** The record number (`#12`), for people without an ID number. */
  record: number;
  name: string;
  idNumber: string;
  unit: string;
  category: string;
  /** The day they left, where it falls in the year (marked, not dropped). */
  leftOn: string | null;
  centralHours: number;
  onlineHours: number;
  totalHours: number;
  required: number;
  /** 网络学习 required; null where no requirement of it applies. */
  requiredOnline: number | null;
  short: number;
  shortOnline: number | null;
  met: boolean;
}

export interface DutyGroup {
  group: string;
  trainees: number;
  met: number;
  /** met ÷ trainees; null for an empty group. */
  metRate: number | null;
  averageHours: number | null;
}

/** Which requirement applied, and where it came from: said under the table. */
export interface DutyRequirement {
  category: string;
  total: number;
  source: RequirementSource;
  online: number | null;
}

export interface DutyReport {
  report: 'hours';
  year: number;
  /** The day whose unit and category each trainee counts under: 31 December, or today in the current year. */
  day: string;
  by: 'unit' | 'category' | null;
  level: LevelName | null;
  unmet: boolean;
  rows: DutyRow[];
  groups?: DutyGroup[];
  total: Omit<DutyGroup, 'group'>;
  requirements: DutyRequirement[];
}

export interface DutyRequest {
  year: number;
  by?: 'unit' | 'category';
  level?: LevelName;
  /** Only those short of a requirement. */
  unmet?: boolean;
}

export function yearDutyReport(db: Db, request: DutyRequest, today: string): DutyReport {
  const period = yearPeriod(request.year);
  const day = today >= period.from && today <= period.to ? today : period.to;
  const units = new UnitStore(db);
  const history = new TraineeHistory(db);
  const central = new Map<number, number>();
  for (const fact of periodFacts(db, period).enrolments)
    central.set(fact.traineeId, (central.get(fact.traineeId) ?? 0) + fact.hours);
  const online = new Map<number, number>();
  for (const record of onlineLearningDuring(db, period.from, period.to))
    online.set(record.traineeId, (online.get(record.traineeId) ?? 0) + record.hours);
  const requirements = new Map<string, ReturnType<typeof requirementOf>>();
  const requirementFor = (category: string) => {
    let found = requirements.get(category);
    if (!found) requirements.set(category, (found = requirementOf(db, category)));
    return found;
  };
  const everyone: (DutyRow & { unitId: number | null })[] = [];
  for (const trainee of everyTrainee(db)) {
    // Active at some time of the year: not gone before it began.
    if (trainee.left_on !== null && trainee.left_on < period.from) continue;
    const group = history.groupAt(trainee.id, day);
    const requirement = requirementFor(group.category);
    const hours = { central: central.get(trainee.id) ?? 0, online: online.get(trainee.id) ?? 0 };
    const duty = yearDuty(hours, requirement);
    everyone.push({
      record: trainee.id,
      name: trainee.name,
      idNumber: maskIdNumber(trainee.id_number),
      unit: units.path(group.unit_id),
      unitId: group.unit_id,
      category: group.category,
      leftOn: trainee.left_on !== null && trainee.left_on <= period.to ? trainee.left_on : null,
      centralHours: Math.round(hours.central * 1e6) / 1e6,
      onlineHours: Math.round(hours.online * 1e6) / 1e6,
      totalHours: duty.total,
      required: requirement.total,
      requiredOnline: requirement.online,
      short: duty.short,
      shortOnline: duty.shortOnline,
      met: duty.met,
    });
  }
  everyone.sort(
    (a, b) => chineseOrder(a.unit, b.unit) || chineseOrder(a.name, b.name) || a.record - b.record,
  );
  const groups = request.by ? dutyGroups(everyone, request.by, request.level, units) : undefined;
  const rows = (request.unmet ? everyone.filter((row) => !row.met) : everyone).map(
    ({ unitId: _unit, ...row }) => row,
  );
  return {
    report: 'hours',
    year: request.year,
    day,
    by: request.by ?? null,
    level: request.by === 'unit' ? (request.level ?? null) : null,
    unmet: Boolean(request.unmet),
    rows,
    ...(groups ? { groups } : {}),
    total: tally(everyone),
    requirements: [...requirements]
      .sort(([a], [b]) => chineseOrder(a, b))
      .map(([category, requirement]) => ({
        category,
        total: requirement.total,
        source: requirement.source,
        online: requirement.online,
      })),
  };
}

/** How many of `rows` met their requirement, and their average hours. */
function tally(rows: readonly DutyRow[]): Omit<DutyGroup, 'group'> {
  const met = rows.filter((row) => row.met).length;
  const hours = rows.reduce((sum, row) => sum + row.totalHours, 0);
  return {
    trainees: rows.length,
    met,
    metRate: rows.length > 0 ? met / rows.length : null,
    averageHours: rows.length > 0 ? hours / rows.length : null,
  };
}

/** The rows by category, or by unit (at `level`, else each their own), the unplaced last. */
function dutyGroups(
  everyone: readonly (DutyRow & { unitId: number | null })[],
  by: 'unit' | 'category',
  level: LevelName | undefined,
  units: UnitStore,
): DutyGroup[] {
  const keyOf = (row: (typeof everyone)[number]) => {
    if (by === 'category') return row.category;
    const unit = level ? units.ancestorAt(row.unitId, LEVELS[level]) : units.get(row.unitId);
    return unit ? units.path(unit.id) : '';
  };
  const byGroup = new Map<string, DutyRow[]>();
  for (const row of everyone) byGroup.set(keyOf(row), [...(byGroup.get(keyOf(row)) ?? []), row]);
  return [...byGroup]
    .sort(([a], [b]) => Number(a === '') - Number(b === '') || chineseOrder(a, b))
    .map(([group, rows]) => ({ group, ...tally(rows) }));
}
