/** Reading the register's records whole, in a stable order, for export. */
import type { CourseRow } from './classes.js';
import type { Db } from './handle.js';

export interface TraineeRecord {
  idNumber: string | null;
  name: string;
  gender: string | null;
  birthDate: string | null;
  phone: string | null;
  unitId: number | null;
  position: string | null;
  category: string;
}

export interface ClassRecord {
  code: string;
  name: string;
  type: string;
  organiserUnitId: number | null;
  startDate: string;
  endDate: string | null;
  plannedHours: number | null;
  venue: string | null;
  status: string | null;
  planCode: string | null;
}

export interface AttendanceRecord {
  classCode: string;
  date: string;
  slot: string;
  idNumber: string | null;
  name: string;
  unitId: number | null;
  status: string;
  hours: number | null;
  courseCode: string | null;
  online: number;
  teacher: string | null;
  venue: string | null;
}

/** A course as exported: its row without the register's own ids. */
export type CourseRecord = Omit<CourseRow, 'id' | 'batch_id'>;

export interface ProjectRecord {
  code: string;
  name: string;
  unitId: number | null;
  approvedOn: string | null;
  status: string | null;
  sourceClass: string | null;
}

export interface PlanRecord {
  code: string;
  name: string;
  kind: string | null;
  year: number;
  quarter: number | null;
  organiserUnitId: number | null;
  targetCategory: string | null;
  plannedClasses: number | null;
  plannedParticipantTimes: number | null;
  plannedHours: number | null;
}

export function planRecords(db: Db): PlanRecord[] {
  return db
    .prepare(
      `SELECT code, name, kind, year, quarter, organiser_unit_id AS organiserUnitId, target_category AS targetCategory,
              planned_classes AS plannedClasses, planned_participant_times AS plannedParticipantTimes,
              planned_hours AS plannedHours
       FROM plans ORDER BY year, IFNULL(quarter, 0), code`,
    )
    .all() as PlanRecord[];
}

export function courseRecords(db: Db): CourseRecord[] {
  return db
    .prepare(`SELECT code, name, category, hours, teacher, method FROM courses ORDER BY code`)
    .all() as CourseRecord[];
}

export function projectRecords(db: Db): ProjectRecord[] {
  return db
    .prepare(
      `SELECT p.code, p.name, p.unit_id AS unitId, p.approved_on AS approvedOn, p.status, c.code AS sourceClass
       FROM projects p LEFT JOIN classes c ON c.id = p.source_class_id ORDER BY p.code`,
    )
    .all() as ProjectRecord[];
}

export function traineeRecords(db: Db): TraineeRecord[] {
  return db
    .prepare(
      `SELECT id_number AS idNumber, name, gender, birth_date AS birthDate, phone, unit_id AS unitId, position, category
       FROM trainees ORDER BY id`,
    )
    .all() as TraineeRecord[];
}

export function classRecords(db: Db): ClassRecord[] {
  return db
    .prepare(
      `SELECT c.code, c.name, c.type, c.organiser_unit_id AS organiserUnitId, c.start_date AS startDate,
              c.end_date AS endDate, c.planned_hours AS plannedHours, c.venue, c.status, p.code AS planCode
       FROM classes c LEFT JOIN plans p ON p.id = c.plan_id ORDER BY c.start_date, c.code`,
    )
    .all() as ClassRecord[];
}

export interface EnrolmentRecord {
  classCode: string;
  idNumber: string | null;
  name: string;
  unitId: number | null;
  category: string;
}

/** Class rosters: each enrolment with the unit and category it counts under (the trainee's at the class). */
export function enrolmentRecords(db: Db): EnrolmentRecord[] {
  return db
    .prepare(
      `SELECT c.code AS classCode, t.id_number AS idNumber, t.name, e.unit_id AS unitId, e.category
       FROM enrolments e
       JOIN classes c ON c.id = e.class_id
       JOIN trainees t ON t.id = e.trainee_id
       ORDER BY c.start_date, c.code, e.id`,
    )
    .all() as EnrolmentRecord[];
}

/**
 * Attendance with the trainee's unit today (that is how a sign-in row names a person without an ID number) and
 * its session's values, as a sheet states them.
 */
export function attendanceRecords(db: Db): AttendanceRecord[] {
  return db
    .prepare(
      `SELECT c.code AS classCode, s.date, s.slot, t.id_number AS idNumber, t.name, t.unit_id AS unitId,
              a.status, a.hours, co.code AS courseCode, s.online, s.teacher, s.venue
       FROM attendance a
       JOIN sessions s ON s.id = a.session_id
       LEFT JOIN courses co ON co.id = s.course_id
       JOIN enrolments e ON e.id = a.enrolment_id
       JOIN classes c ON c.id = e.class_id
       JOIN trainees t ON t.id = e.trainee_id
       ORDER BY c.start_date, c.code, s.date, s.slot, t.id`,
    )
    .all() as AttendanceRecord[];
}

export interface SessionRecord {
  classCode: string;
  date: string;
  slot: string;
  startTime: string | null;
  endTime: string | null;
  hours: number | null;
  courseCode: string | null;
  teacher: string | null;
  venue: string | null;
  online: number;
}

/** Every session, planned and held: the register's timetable. */
export function sessionRecords(db: Db): SessionRecord[] {
  return db
    .prepare(
      `SELECT c.code AS classCode, s.date, s.slot, s.start_time AS startTime, s.end_time AS endTime, s.hours,
              co.code AS courseCode, s.teacher, s.venue, s.online
       FROM sessions s JOIN classes c ON c.id = s.class_id LEFT JOIN courses co ON co.id = s.course_id
       ORDER BY c.start_date, c.code, s.date, s.slot`,
    )
    .all() as SessionRecord[];
}
