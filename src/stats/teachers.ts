/**
 * What the teachers taught in a period (师资): for each teacher the sessions taught, the teaching hours, and the
 * trainees reached (人次: enrolments with an attended session of theirs; 人数: people); the same by teacher type.
 * A session's teacher is its own (a timetable's or a sign-in sheet's 授课教师), else its course's (课程 授课教师). A
 * session's length is its own hours, else the most hours an attended record of it has, else its class's planned
 * share, as the summaries credit it.
 */
import type { Db } from '../db/handle.js';
import { everyTeacher, teacherKey, type TeacherType } from '../db/teachers.js';
import { attendedSql } from '../domain/attendance.js';
import { chineseOrder } from '../order.js';
import type { Period } from '../domain/periods.js';
import { periodFacts } from './summary.js';

export interface TeacherFigures {
  sessions: number;
  teachingHours: number;
  participantTimes: number;
  participants: number;
}

export interface TeacherLine extends TeacherFigures {
  name: string;
  type: TeacherType | null;
  unit: string | null;
  specialty: string | null;
  /** False for a name sheets or courses give that the teachers' list does not hold. */
  registered: boolean;
}

export interface TeachersReport {
  report: 'teachers';
  period: Period;
  teachers: TeacherLine[];
  types: ({ type: TeacherType | null; teachers: number } & TeacherFigures)[];
  total: { teachers: number } & TeacherFigures;
}

interface Taught {
  sessions: Set<string>;
  enrolments: Set<number>;
  trainees: Set<number>;
}

export function teacherReport(db: Db, period: Period): TeachersReport {
  const { classes } = periodFacts(db, period);
  const share = new Map(
    classes.map((klass) => [
      klass.id,
      klass.plannedHours != null && klass.sessions > 0 ? klass.plannedHours / klass.sessions : 0,
    ]),
  );
  const { taught, names, longest } = whatWasTaught(taughtRecords(db, period), share);
  const lengthOf = (session: string) =>
    longest.get(session) ?? share.get(Number(session.slice(0, session.indexOf('|')))) ?? 0;
  const figuresOf = (parts: readonly Taught[]): TeacherFigures => {
    return {
      sessions: parts.reduce((sum, part) => sum + part.sessions.size, 0),
      teachingHours:
        Math.round(
          parts.reduce(
            (sum, part) => sum + [...part.sessions].reduce((hours, s) => hours + lengthOf(s), 0),
            0,
          ) * 1e6,
        ) / 1e6,
      participantTimes: new Set(parts.flatMap((part) => [...part.enrolments])).size,
      participants: new Set(parts.flatMap((part) => [...part.trainees])).size,
    };
  };
  const registered = new Map(everyTeacher(db).map((row) => [teacherKey(row.name), row]));
  const empty: Taught = { sessions: new Set(), enrolments: new Set(), trainees: new Set() };
  const keys = [...new Set([...registered.keys(), ...taught.keys()])];
  const teachers: TeacherLine[] = keys
    .map((key) => {
      const row = registered.get(key);
      return {
        name: row?.name ?? names.get(key) ?? key,
        type: row?.type ?? null,
        unit: row?.unit ?? null,
        specialty: row?.specialty ?? null,
        registered: row !== undefined,
        ...figuresOf([taught.get(key) ?? empty]),
      };
    })
    .sort((a, b) => b.sessions - a.sessions || chineseOrder(a.name, b.name));
  const partsOf = (lines: readonly TeacherLine[]) =>
    lines.map((line) => taught.get(teacherKey(line.name)) ?? empty);
  const typeOrder: (TeacherType | null)[] = ['专职', '兼职', '外聘', null];
  return {
    report: 'teachers',
    period,
    teachers,
    types: typeOrder
      .map((type) => {
        const lines = teachers.filter((line) => line.type === type);
        return { type, teachers: lines.length, ...figuresOf(partsOf(lines)) };
      })
      .filter((line) => line.teachers > 0),
    total: { teachers: teachers.length, ...figuresOf(partsOf(teachers)) },
  };
}

interface TaughtRecord {
  classId: number;
  sessionId: number;
  sessionHours: number | null;
  enrolmentId: number;
  traineeId: number;
  attended: number;
  hours: number | null;
  teacher: string;
}

/** Every sign-in of a session with a teacher (its own, else its course's), of the period's classes. */
function taughtRecords(db: Db, period: Period): TaughtRecord[] {
  return db
    .prepare(
      `SELECT e.class_id AS classId, a.session_id AS sessionId, e.id AS enrolmentId, e.trainee_id AS traineeId,
              ${attendedSql('a.status')} AS attended, COALESCE(a.hours, s.hours) AS hours,
              s.hours AS sessionHours, COALESCE(NULLIF(s.teacher, ''), co.teacher) AS teacher
       FROM classes c
       CROSS JOIN enrolments e ON e.class_id = c.id
       JOIN attendance a ON a.enrolment_id = e.id
       JOIN sessions s ON s.id = a.session_id
       LEFT JOIN courses co ON co.id = s.course_id
       WHERE c.start_date BETWEEN ? AND ? AND IFNULL(c.status, '') <> 'cancelled'
         AND COALESCE(NULLIF(s.teacher, ''), co.teacher) IS NOT NULL`,
    )
    .all(period.from, period.to) as TaughtRecord[];
}

/**
 * By teacher (their key): the sessions they taught and who attended them; each teacher's name as first written;
 * each session's length, the most hours an attended record of it was credited (a timetable's hours, whoever came).
 */
function whatWasTaught(records: readonly TaughtRecord[], share: ReadonlyMap<number, number>) {
  const taught = new Map<string, Taught>();
  const names = new Map<string, string>();
  const longest = new Map<string, number>();
  for (const record of records) {
    const key = teacherKey(record.teacher);
    if (!key) continue;
    names.set(key, names.get(key) ?? record.teacher);
    const session = `${record.classId}|${record.sessionId}`;
    const own = taught.get(key) ?? { sessions: new Set(), enrolments: new Set(), trainees: new Set() };
    taught.set(key, own);
    own.sessions.add(session);
    if (record.sessionHours !== null) longest.set(session, record.sessionHours);
    if (!record.attended) continue;
    own.enrolments.add(record.enrolmentId);
    own.trainees.add(record.traineeId);
    if (record.sessionHours !== null) continue;
    const credited = record.hours ?? share.get(record.classId) ?? 0;
    longest.set(session, Math.max(longest.get(session) ?? 0, credited));
  }
  return { taught, names, longest };
}
