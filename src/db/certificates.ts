/** 结业证书 as the register keeps them: one number per completed enrolment, never reused (statistics.md). */
import { attendedSql } from '../domain/attendance.js';
import type { Db } from './handle.js';
import type { RowWriter } from './rows.js';

export interface CertificateRow {
  id: number;
  enrolment_id: number;
  number: string;
  sequence: number;
  issued_on: string;
  voided_on: string | null;
  batch_id: number;
}

/** A class's enrolment, as a certificate run weighs it: who, and how many held sessions they attended. */
export interface EnrolmentCompletion {
  enrolmentId: number;
  traineeId: number;
  name: string;
  unitId: number | null;
  idNumber: string | null;
  attended: number;
}

/** Every enrolment of the class in roster order (the order it was enrolled in, then name), with its attendance. */
export function enrolmentCompletions(db: Db, classId: number): EnrolmentCompletion[] {
  return db
    .prepare(
      `SELECT e.id AS enrolmentId, t.id AS traineeId, t.name, e.unit_id AS unitId, t.id_number AS idNumber,
              IFNULL((SELECT SUM(${attendedSql('a.status')}) FROM attendance a WHERE a.enrolment_id = e.id), 0) AS attended
       FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
       WHERE e.class_id = ? ORDER BY e.id, t.name`,
    )
    .all(classId) as EnrolmentCompletion[];
}

/** The class's sessions with a sign-in: those completion is counted over. */
export function heldSessionCount(db: Db, classId: number): number {
  return db
    .prepare(
      `SELECT COUNT(DISTINCT a.session_id) FROM enrolments e JOIN attendance a ON a.enrolment_id = e.id
       WHERE e.class_id = ?`,
    )
    .pluck()
    .get(classId) as number;
}

export function certificatesOfClass(db: Db, classId: number): CertificateRow[] {
  return db
    .prepare(
      `SELECT r.* FROM certificates r JOIN enrolments e ON e.id = r.enrolment_id WHERE e.class_id = ?
       ORDER BY r.sequence`,
    )
    .all(classId) as CertificateRow[];
}

export function certificatesOfEnrolment(db: Db, enrolmentId: number): CertificateRow[] {
  return db
    .prepare(`SELECT * FROM certificates WHERE enrolment_id = ? ORDER BY sequence`)
    .all(enrolmentId) as CertificateRow[];
}

export function insertCertificate(
  writer: RowWriter,
  values: Pick<CertificateRow, 'enrolment_id' | 'number' | 'sequence' | 'issued_on'>,
): number {
  return writer.insert('certificates', { ...values, voided_on: null });
}

/** Every certificate with its trainee and class, for `certificate list` (one class, or all). */
export function certificateListing(db: Db, classId?: number) {
  return db
    .prepare(
      `SELECT r.number, r.issued_on AS issuedOn, r.voided_on AS voidedOn, t.name, t.id AS traineeId,
              t.id_number AS idNumber, e.unit_id AS unitId, c.code AS classCode, c.name AS className
       FROM certificates r JOIN enrolments e ON e.id = r.enrolment_id JOIN trainees t ON t.id = e.trainee_id
       JOIN classes c ON c.id = e.class_id
       ${classId === undefined ? '' : 'WHERE c.id = @classId'}
       ORDER BY c.code, r.sequence`,
    )
    .all(classId === undefined ? {} : { classId }) as {
    number: string;
    issuedOn: string;
    voidedOn: string | null;
    name: string;
    traineeId: number;
    idNumber: string | null;
    unitId: number | null;
    classCode: string;
    className: string;
  }[];
}

/** A trainee's certificates, every class, for their record. */
export function certificatesOfTrainee(db: Db, traineeId: number) {
  return db
    .prepare(
      `SELECT r.number, r.issued_on AS issuedOn, r.voided_on AS voidedOn, c.code AS classCode, c.name AS className
       FROM certificates r JOIN enrolments e ON e.id = r.enrolment_id JOIN classes c ON c.id = e.class_id
       WHERE e.trainee_id = ? ORDER BY r.issued_on, r.number`,
    )
    .all(traineeId) as {
    number: string;
    issuedOn: string;
    voidedOn: string | null;
    classCode: string;
    className: string;
  }[];
}
