/**
 * The figures of statistics.md for one period, from the register: one row per enrolment of the period's classes
 * (each sign-in read once), and what a grouping needs besides (the active trainees per group on a given day, the
 * sign-ins split by session group). The counting is the engine's (engine.ts).
 */
import type { Db } from '../db/handle.js';
import { TraineeHistory } from '../db/history.js';
import { mentorshipsDuring } from '../db/mentorships.js';
import { onlineLearningDuring } from '../db/online.js';
import { UnitStore } from '../db/units.js';
import { attendedSql } from '../domain/attendance.js';
import type { Period } from '../domain/periods.js';
import { countCross, type CrossRequest, type CrossSummary } from './cross.js';
import {
  countSummary,
  groupingFor,
  type ClassFact,
  type EnrolmentFact,
  type PeriodFacts,
  type ProjectFact,
  type RegisteredGroup,
  type SessionGrouping,
  type Summary,
  type SummaryRequest,
} from './engine.js';

export * from './engine.js';
export * from './cross.js';

/** A summary of the register's own facts: the day whose active trainees are coverage's denominators. */
export interface RegisterRequest extends SummaryRequest {
  today: string;
}

const SESSION_GROUP: Record<SessionGrouping, string> = {
  'course-category': `IFNULL(co.category, '')`,
  // The teacher a sign-in sheet names for its session, else its course's (docs/statistics.md).
  teacher: `COALESCE(NULLIF(s.teacher, ''), co.teacher, '')`,
};

/** The facts of one period, read from the register (each sign-in once). */
export function periodFacts(db: Db, period: Period): PeriodFacts {
  const classes = db
    .prepare(
      `SELECT c.id, c.code, c.type, c.organiser_unit_id AS organiserUnitId, c.planned_hours AS plannedHours,
              c.plan_id AS planId,
              COUNT(s.id) AS sessions, MAX(s.date) AS lastSession
       FROM classes c
       -- A class's held sessions: those with a sign-in of one of its enrolments. Asked session by session (the
       -- first enrolment nearly always has one), not by reading every sign-in: a tenth of a city quarter's report.
       LEFT JOIN sessions s ON s.class_id = c.id
         AND EXISTS (SELECT 1 FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id
                     WHERE e.class_id = c.id AND a.session_id = s.id)
       WHERE c.start_date BETWEEN ? AND ? AND IFNULL(c.status, '') <> 'cancelled'
       GROUP BY c.id ORDER BY c.code`,
    )
    .all(period.from, period.to) as ClassFact[];
  const classById = new Map(classes.map((fact) => [fact.id, fact]));
  const enrolments = enrolmentFacts(db, period, classById);
  const projects = db
    .prepare(
      `SELECT unit_id AS unitId, source_class_id AS sourceClassId FROM projects WHERE approved_on BETWEEN ? AND ?`,
    )
    .all(period.from, period.to) as ProjectFact[];
  const pairs = mentorshipsDuring(db, period.from, period.to);
  const learnt = onlineLearningDuring(db, period.from, period.to);
  const history = pairs.length > 0 || learnt.length > 0 ? new TraineeHistory(db) : undefined;
  const mentorships = pairs.map((pair) => {
    const group = history?.groupAt(pair.menteeId, pair.from);
    return { id: pair.id, unitId: group?.unit_id ?? null, category: group?.category ?? '' };
  });
  // Platform hours count under the trainee's group on the day they were completed.
  const platform = learnt.map((record) => {
    const group = history?.groupAt(record.traineeId, record.completedOn);
    return {
      id: record.id,
      unitId: group?.unit_id ?? null,
      category: group?.category ?? '',
      hours: record.hours,
    };
  });
  return { classes, enrolments, projects, mentorships, platform };
}

/** The sessions of the period's classes that are held: each with a sign-in. */
export function periodSessions(db: Db, period: Period) {
  return db
    .prepare(
      `SELECT s.class_id AS classId, s.date, s.slot
       FROM classes c
       CROSS JOIN sessions s ON s.class_id = c.id
       WHERE c.start_date BETWEEN ? AND ? AND IFNULL(c.status, '') <> 'cancelled'
         AND EXISTS (SELECT 1 FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id
                     WHERE e.class_id = c.id AND a.session_id = s.id)
       ORDER BY 1, 2, 3`,
    )
    .all(period.from, period.to) as { classId: number; date: string; slot: string }[];
}

/** The register's summary: its facts, completed with what the grouping needs, counted by the engine. */
export function summarise(
  db: Db,
  request: RegisterRequest,
  report = 'quarterly',
  facts: PeriodFacts = periodFacts(db, request.period),
): Summary {
  // The units (thousands of them) only for a grouping: the total needs none.
  const units = request.by === undefined && request.within === undefined ? undefined : new UnitStore(db);
  return countSummary(completedFacts(db, request, facts, units), units, request, report);
}

/** The register's cross table (`--by unit,category`), counted as the one-way summary is. */
export function crossSummarise(
  db: Db,
  request: CrossRequest & RegisterRequest,
  report = 'quarterly',
  facts: PeriodFacts = periodFacts(db, request.period),
): CrossSummary {
  const units = new UnitStore(db);
  return countCross(completedFacts(db, request, facts, units, request.then), units, request, report);
}

/**
 * The facts with what the grouping asked for needs from the register besides: the active trainees per group on
 * the request's day (coverage), and the sign-ins split by their sessions' course category or teacher.
 */
export function completedFacts(
  db: Db,
  request: RegisterRequest,
  facts: PeriodFacts,
  units: UnitStore | undefined,
  then?: SummaryRequest['by'],
): PeriodFacts {
  const rules = [request.by, then].map((by) =>
    by === undefined || !units ? undefined : groupingFor({ ...request, by }, units),
  );
  const byTrainee = rules.some((rule) => rule?.of === 'trainee');
  const bySession = rules.find((rule) => rule?.of === 'session');
  const classById = new Map(facts.classes.map((fact) => [fact.id, fact]));
  return {
    ...facts,
    registered: facts.registered ?? (byTrainee ? activeTraineeGroups(db, request.today) : undefined),
    ...(bySession?.of === 'session'
      ? { sessionEnrolments: enrolmentFacts(db, request.period, classById, bySession.by) }
      : {}),
  };
}

/**
 * One fact per enrolment of the period's classes (or per enrolment and course category): its records, attended
 * records and credited hours. A record without its own hours earns its session's (a timetable's), else the class's
 * planned hours shared evenly among the class's held sessions; the sessions come from the class facts, so the
 * attendance is read once.
 */
function enrolmentFacts(
  db: Db,
  period: Period,
  classes: ReadonlyMap<number, ClassFact>,
  bySession?: SessionGrouping,
): EnrolmentFact[] {
  const category = bySession ? SESSION_GROUP[bySession] : '';
  const withCourses =
    Boolean(bySession) || Boolean(db.prepare(`SELECT EXISTS (SELECT 1 FROM courses)`).pluck().get());
  const withOnline = Boolean(
    db.prepare(`SELECT EXISTS (SELECT 1 FROM sessions WHERE online = 1)`).pluck().get(),
  );
  // A record's hours: its own, else its session's (a timetable's); null: the class's share, added below.
  const hours = 'COALESCE(a.hours, s.hours)';
  // Rows as arrays, made into facts here: better-sqlite3 builds an object a column at a time, which for the
  // tens of thousands of enrolments of a city's quarter cost more than the query itself. Stepped through: read all
  // at once they were a tenth faster, but held the quarter's rows twice (the annual report peaked 48 MB higher).
  const rows = db
    .prepare(
      `SELECT e.class_id, e.trainee_id, e.unit_id, e.category,
              COUNT(*),
              SUM(${attendedSql('a.status')}),
              IFNULL(SUM(CASE WHEN ${attendedSql('a.status')} THEN ${hours} END), 0),
              SUM(${attendedSql('a.status')} AND ${hours} IS NULL)
              ${withCourses ? ', GROUP_CONCAT(DISTINCT s.course_id)' : ''}
              ${withOnline ? `, IFNULL(SUM(CASE WHEN ${attendedSql('a.status')} AND s.online = 1 THEN ${hours} END), 0)` : ''}
              ${withOnline ? `, SUM(${attendedSql('a.status')} AND ${hours} IS NULL AND s.online = 1)` : ''}
              ${category ? `, ${category}` : ''}
       FROM classes c
       -- CROSS JOIN keeps the period's classes as the outer loop: a quarter, not every enrolment ever.
       CROSS JOIN enrolments e ON e.class_id = c.id
       JOIN attendance a ON a.enrolment_id = e.id
       JOIN sessions s ON s.id = a.session_id
       ${withCourses ? 'LEFT JOIN courses co ON co.id = s.course_id' : ''}
       WHERE c.start_date BETWEEN ? AND ? AND IFNULL(c.status, '') <> 'cancelled'
       GROUP BY e.id ${category ? `, ${category}` : ''}`,
    )
    .raw()
    .iterate(period.from, period.to) as IterableIterator<unknown[]>;
  const facts: EnrolmentFact[] = [];
  for (const row of rows) {
    const classId = row[0] as number;
    const givenHours = row[6] as number;
    const attendedWithoutHours = row[7] as number;
    let column = 8;
    const courseIds = withCourses ? (row[column++] as string | null) : null;
    const klass = classes.get(classId);
    const share =
      klass?.plannedHours != null && klass.sessions > 0 ? klass.plannedHours / klass.sessions : null;
    const fact: EnrolmentFact = {
      classId,
      traineeId: row[1] as number,
      unitId: row[2] as number | null,
      category: row[3] as string,
      records: row[4] as number,
      attended: row[5] as number,
      hours: givenHours + attendedWithoutHours * (share ?? 0),
      unhoured: share === null ? attendedWithoutHours : 0,
      courseIds,
    };
    if (withOnline) {
      const onlineGiven = row[column++] as number;
      const onlineWithout = row[column++] as number;
      fact.onlineHours = onlineGiven + onlineWithout * (share ?? 0);
    }
    if (category) fact.sessionGroup = row[column] as string;
    facts.push(fact);
  }
  return facts;
}

/** Active trainees on a day, per unit and category, counted in SQL. */
export function activeTraineeGroups(db: Db, today: string): RegisteredGroup[] {
  // A leave date still to come leaves the person active until then.
  return db
    .prepare(
      `SELECT unit_id AS unitId, category, COUNT(*) AS count FROM trainees
       WHERE left_on IS NULL OR left_on > ? GROUP BY unit_id, category`,
    )
    .all(today) as RegisteredGroup[];
}
