/** One person's training record (培训档案): every class, every session, hours per year against the requirement. */
import type { Db } from '../db/handle.js';
import type { TraineeRow } from '../db/trainees.js';
import { mentorshipsOf } from '../db/mentorships.js';
import { certificatesOfTrainee } from '../db/certificates.js';
import { historyOf } from '../db/history.js';
import { onlineLearningOf } from '../db/online.js';
import { configValue } from '../db/settings.js';
import { UnitStore } from '../db/units.js';
import { attendedSql, isAttended, isComplete } from '../domain/attendance.js';
import { maskIdNumber } from '../domain/identity.js';
import { DEFAULT_REQUIRED_HOURS, type Requirement } from '../domain/duty.js';

export { DEFAULT_REQUIRED_HOURS };

/** A category's yearly hours: `config set required-hours.<category>`, else `required-hours`, else the usual 90. */
export function requiredHoursFor(db: Db, category: string): number {
  return requirementOf(db, category).total;
}

/** Where a category's requirement comes from, for the note under a table. */
export type RequirementSource = 'category' | 'register' | 'default';

/** A category's requirements (statistics.md): the total's and, where set, 网络学习's, and where each came from. */
export function requirementOf(
  db: Db,
  category: string,
): Requirement & { source: RequirementSource; onlineSource: RequirementSource | null } {
  const own = configValue(db, `required-hours.${category}`);
  const register = configValue(db, 'required-hours');
  const ownOnline = configValue(db, `required-online-hours.${category}`);
  const registerOnline = configValue(db, 'required-online-hours');
  return {
    total: Number(own ?? register ?? DEFAULT_REQUIRED_HOURS),
    source: own !== undefined ? 'category' : register !== undefined ? 'register' : 'default',
    online:
      ownOnline !== undefined
        ? Number(ownOnline)
        : registerOnline !== undefined
          ? Number(registerOnline)
          : null,
    onlineSource: ownOnline !== undefined ? 'category' : registerOnline !== undefined ? 'register' : null,
  };
}

export interface SessionEntry {
  date: string;
  slot: string;
  status: string;
  hours: number;
}

export interface ClassEntry {
  code: string;
  name: string;
  type: string;
  startDate: string;
  endDate: string | null;
  cancelled: boolean;
  sessions: number;
  attendedSessions: number;
  hours: number;
  completed: boolean;
  records: SessionEntry[];
}

export interface YearHours {
  year: string;
  hours: number;
  required: number;
  /** Hours short of the requirement; 0 when met. */
  short: number;
}

export interface MentoringEntry {
  role: 'mentor' | 'mentee';
  /** The other person of the pair. */
  other: string;
  otherUnit: string;
  from: string;
  to: string | null;
}

export interface TraineeRecord {
  report: 'trainee';
  trainee: {
    name: string;
    idNumber: string;
    gender: string | null;
    unit: string;
    category: string;
    position: string | null;
    leftOn: string | null;
  };
  completionThreshold: number;
  requiredHours: number;
  classes: ClassEntry[];
  years: YearHours[];
  /** The person's mentoring pairs (带教), as mentor or mentee; the key only where there are some. */
  mentoring?: MentoringEntry[];
  /** Hours learnt on the online platform, each counted in its year's hours; the key only where there are some. */
  onlineLearning?: { course: string; hours: number; completedOn: string }[];
  /** Where the person moved (unit or category): each change from its date; the key only where there are some. */
  history?: { from: string; unit: string; category: string }[];
  /** Their 结业证书, void ones marked; the key only where there are some. */
  certificates?: {
    number: string;
    classCode: string;
    className: string;
    issuedOn: string;
    voidedOn: string | null;
  }[];
}

/** One person's record, the person as the register holds them (register/search.ts finds them from a text). */
export function traineeRecord(
  db: Db,
  trainee: TraineeRow,
  /** Without requiredHours, the hours the person's category must reach (the settings). */
  options: { requiredHours?: number; completionThreshold: number },
): TraineeRecord {
  const units = new UnitStore(db);
  const required = options.requiredHours ?? requiredHoursFor(db, trainee.category);
  const classes = classEntries(db, trainee.id, options.completionThreshold);
  const years = new Map<string, number>();
  const addHours = (year: string, hours: number) =>
    years.set(year, Math.round(((years.get(year) ?? 0) + hours) * 1e6) / 1e6);
  // Cancelled classes count nowhere, as in the summaries; a class counts in the year it started.
  for (const entry of classes) if (!entry.cancelled) addHours(entry.startDate.slice(0, 4), entry.hours);
  // Hours learnt on the online platform are the person's too, in the year they were completed.
  const onlineLearning = onlineLearningOf(db, trainee.id).map((record) => ({
    course: record.course,
    hours: record.hours,
    completedOn: record.completed_on,
  }));
  for (const record of onlineLearning) addHours(record.completedOn.slice(0, 4), record.hours);
  const history = historyLines(db, units, trainee.id);
  const certificates = certificatesOfTrainee(db, trainee.id);
  const mentoring = mentoringEntries(db, units, trainee.id);
  return {
    report: 'trainee',
    trainee: {
      name: trainee.name,
      idNumber: maskIdNumber(trainee.id_number),
      gender: trainee.gender,
      unit: units.path(trainee.unit_id),
      category: trainee.category,
      position: trainee.position,
      leftOn: trainee.left_on,
    },
    completionThreshold: options.completionThreshold,
    requiredHours: required,
    classes,
    years: [...years.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([year, hours]) => ({
        year,
        hours,
        required,
        short: Math.max(0, Math.round((required - hours) * 1e6) / 1e6),
      })),
    // Absent rather than empty: a record filed before mentoring existed keeps its hash.
    ...(mentoring.length > 0 ? { mentoring } : {}),
    ...(history.length > 1 ? { history } : {}),
    ...(certificates.length > 0 ? { certificates } : {}),
    ...(onlineLearning.length > 0 ? { onlineLearning } : {}),
  };
}

/** The person's classes, each with their sign-ins, sessions attended, hours and whether they completed it. */
function classEntries(db: Db, traineeId: number, completionThreshold: number): ClassEntry[] {
  const rows = db
    .prepare(
      `WITH class_sessions AS (
         SELECT e.class_id, COUNT(DISTINCT a.session_id) AS sessions
         FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id
         -- Only this person's classes: a record needs their sessions, not every class's.
         WHERE e.class_id IN (SELECT class_id FROM enrolments WHERE trainee_id = @trainee)
         GROUP BY e.class_id)
       SELECT c.code, c.name, c.type, c.start_date AS startDate, c.end_date AS endDate,
              IFNULL(c.status, '') = 'cancelled' AS cancelled, cs.sessions,
              s.date, s.slot, a.status,
              CASE WHEN ${attendedSql('a.status')}
                   THEN COALESCE(a.hours, s.hours, c.planned_hours / cs.sessions, 0) ELSE 0 END AS hours
       FROM enrolments e
       JOIN classes c ON c.id = e.class_id
       JOIN class_sessions cs ON cs.class_id = c.id
       JOIN attendance a ON a.enrolment_id = e.id
       JOIN sessions s ON s.id = a.session_id
       WHERE e.trainee_id = @trainee
       ORDER BY c.start_date, c.code, s.date, s.slot`,
    )
    .all({ trainee: traineeId }) as (Omit<
    ClassEntry,
    'records' | 'attendedSessions' | 'hours' | 'completed' | 'cancelled'
  > &
    SessionEntry & { cancelled: number })[];
  const classes = new Map<string, ClassEntry>();
  for (const row of rows) {
    let entry = classes.get(row.code);
    if (!entry) {
      entry = {
        code: row.code,
        name: row.name,
        type: row.type,
        startDate: row.startDate,
        endDate: row.endDate,
        cancelled: row.cancelled === 1,
        sessions: row.sessions,
        attendedSessions: 0,
        hours: 0,
        completed: false,
        records: [],
      };
      classes.set(row.code, entry);
    }
    entry.records.push({ date: row.date, slot: row.slot, status: row.status, hours: row.hours });
    if (isAttended(row.status)) entry.attendedSessions++;
    entry.hours = Math.round((entry.hours + row.hours) * 1e6) / 1e6;
  }
  for (const entry of classes.values())
    entry.completed =
      !entry.cancelled && isComplete(entry.attendedSessions, entry.sessions, completionThreshold);
  return [...classes.values()];
}

/** Unit and category as they stood: a line a change (statements that change nothing left out). */
function historyLines(db: Db, units: UnitStore, traineeId: number): NonNullable<TraineeRecord['history']> {
  const history: NonNullable<TraineeRecord['history']> = [];
  let previous = { unit: '', category: '' };
  for (const entry of historyOf(db, traineeId)) {
    const now = {
      unit: entry.unitId === null ? previous.unit : units.path(entry.unitId),
      category: entry.category ?? previous.category,
    };
    if (now.unit !== previous.unit || now.category !== previous.category)
      history.push({ from: entry.validFrom, ...now });
    previous = now;
  }
  return history;
}

/** The pairs the person is in, as mentor or mentee, each naming the other. */
function mentoringEntries(db: Db, units: UnitStore, traineeId: number): MentoringEntry[] {
  return mentorshipsOf(db, traineeId).map((pair): MentoringEntry =>
    pair.mentorId === traineeId
      ? {
          role: 'mentor',
          other: pair.mentee,
          otherUnit: units.path(pair.menteeUnitId),
          from: pair.from,
          to: pair.to,
        }
      : {
          role: 'mentee',
          other: pair.mentor,
          otherUnit: units.path(pair.mentorUnitId),
          from: pair.from,
          to: pair.to,
        },
  );
}
