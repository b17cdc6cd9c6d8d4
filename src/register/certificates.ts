/**
 * 结业证书 (statistics.md, "Certificates"): one for each completed enrolment of a class, numbered once
 * (`{prefix}{year}-{code}-{sequence}`, in roster order), kept in the register. A run issues what is due, voids what a
 * late correction made incomplete, and reissues on request; it is one batch, undone like an import.
 */
import {
  certificateListing,
  certificatesOfClass,
  enrolmentCompletions,
  heldSessionCount,
  insertCertificate,
} from '../db/certificates.js';
import type { Db } from '../db/handle.js';
import { configValue } from '../db/settings.js';
import { UnitStore } from '../db/units.js';
import { isComplete } from '../domain/attendance.js';
import { maskIdNumber } from '../domain/identity.js';
import { PeixunError, problem } from '../errors.js';
import { inEditBatch, type EditEnvironment } from './batch.js';
import { findClass } from './classes.js';
import type { TraineeHit } from './search.js';

export interface Certificate {
  number: string;
  name: string;
  unit: string;
  idNumber: string;
  issuedOn: string;
}

export interface CertificateRun {
  class: { code: string; name: string; startDate: string; endDate: string | null; organiser: string };
  /** Issued by this run. */
  issued: Certificate[];
  /** Made void by this run: no longer completed, or reissued. */
  voided: Certificate[];
  /** Every certificate of the class that holds, in number order: what is printed. */
  valid: Certificate[];
  batchId: number | null;
}

export interface CertificateOptions {
  completionThreshold: number;
  today: string;
  reissue?: TraineeHit;
  /** The first character of a text the certificate's font cannot draw, if any: such a name is refused. */
  missingGlyph?: (text: string) => string | undefined;
}

/** The number of a class's nth certificate: `2023-K1-001`, after `config set certificate.prefix`. */
export function certificateNumber(prefix: string, startDate: string, code: string, sequence: number): string {
  return `${prefix}${startDate.slice(0, 4)}-${code}-${String(sequence).padStart(3, '0')}`;
}

export async function certificateRun(
  env: EditEnvironment,
  code: string,
  options: CertificateOptions,
): Promise<CertificateRun> {
  const { db } = env;
  const klass = findClass(db, code);
  if (klass.status === 'cancelled')
    throw new PeixunError(problem('certificateCancelled', { code: klass.code }));
  const units = new UnitStore(db);
  const prefix = configValue(db, 'certificate.prefix') ?? '';
  const held = heldSessionCount(db, klass.id);
  const enrolments = enrolmentCompletions(db, klass.id);
  const byEnrolment = new Map(enrolments.map((enrolment) => [enrolment.enrolmentId, enrolment]));
  const shown = (enrolmentId: number, number: string, issuedOn: string): Certificate => {
    const enrolment = byEnrolment.get(enrolmentId);
    return {
      number,
      name: enrolment?.name ?? '',
      unit: units.path(enrolment?.unitId ?? null),
      idNumber: maskIdNumber(enrolment?.idNumber ?? null),
      issuedOn,
    };
  };
  const completed = (enrolmentId: number) =>
    isComplete(byEnrolment.get(enrolmentId)?.attended ?? 0, held, options.completionThreshold);
  const reissued = options.reissue
    ? enrolments.find((enrolment) => enrolment.traineeId === options.reissue?.id)
    : undefined;
  if (options.reissue && (!reissued || !completed(reissued.enrolmentId)))
    throw new PeixunError(
      problem('certificateNotCompleted', { name: options.reissue.name, code: klass.code }),
    );
  const issued: Certificate[] = [];
  const voided: Certificate[] = [];
  const { batchId } = await inEditBatch(env, 'certificate', klass.code, (writer) => {
    const existing = certificatesOfClass(db, klass.id);
    const { toVoid, toIssue } = certificateChanges(
      existing,
      enrolments,
      completed,
      reissued,
      options.missingGlyph,
    );
    for (const certificate of toVoid) {
      writer.update('certificates', certificate, { voided_on: options.today });
      voided.push(shown(certificate.enrolment_id, certificate.number, certificate.issued_on));
    }
    let sequence = Math.max(0, ...existing.map((certificate) => certificate.sequence));
    for (const enrolment of toIssue) {
      sequence++;
      const number = certificateNumber(prefix, klass.start_date, klass.code, sequence);
      insertCertificate(writer, {
        enrolment_id: enrolment.enrolmentId,
        number,
        sequence,
        issued_on: options.today,
      });
      issued.push(shown(enrolment.enrolmentId, number, options.today));
    }
    return { value: undefined, changed: issued.length + voided.length };
  });
  const valid = certificatesOfClass(db, klass.id)
    .filter((certificate) => certificate.voided_on === null)
    .map((certificate) => shown(certificate.enrolment_id, certificate.number, certificate.issued_on));
  const organiser = klass.organiser_unit_id === null ? '' : units.path(klass.organiser_unit_id);
  return {
    class: {
      code: klass.code,
      name: klass.name,
      startDate: klass.start_date,
      endDate: klass.end_date,
      organiser: organiser.split('/').at(-1) ?? '',
    },
    issued,
    voided,
    valid,
    batchId,
  };
}

/**
 * The certificates to void (a late correction left the enrolment short of completion, or a reissue was asked for)
 * and the enrolments to issue one to. Every name to be printed is checked against the font before anything is
 * written: never a blank in a name.
 */
function certificateChanges(
  existing: ReturnType<typeof certificatesOfClass>,
  enrolments: ReturnType<typeof enrolmentCompletions>,
  completed: (enrolmentId: number) => boolean,
  reissued: { enrolmentId: number } | undefined,
  missingGlyph: CertificateOptions['missingGlyph'],
) {
  const toVoid = existing.filter(
    (certificate) =>
      certificate.voided_on === null &&
      (!completed(certificate.enrolment_id) || certificate.enrolment_id === reissued?.enrolmentId),
  );
  const holding = new Set(
    existing
      .filter((certificate) => certificate.voided_on === null && !toVoid.includes(certificate))
      .map((certificate) => certificate.enrolment_id),
  );
  const toIssue = enrolments.filter(
    (enrolment) => !holding.has(enrolment.enrolmentId) && completed(enrolment.enrolmentId),
  );
  for (const enrolment of enrolments) {
    if (!holding.has(enrolment.enrolmentId) && !toIssue.includes(enrolment)) continue;
    const missing = missingGlyph?.(enrolment.name);
    if (missing !== undefined)
      throw new PeixunError(problem('certificateGlyph', { name: enrolment.name, character: missing }));
  }
  return { toVoid, toIssue };
}

export interface CertificateListing {
  number: string;
  name: string;
  idNumber: string;
  unit: string;
  classCode: string;
  className: string;
  issuedOn: string;
  voidedOn: string | null;
}

export function listCertificates(db: Db, code?: string): CertificateListing[] {
  const classId = code === undefined ? undefined : findClass(db, code).id;
  const units = new UnitStore(db);
  return certificateListing(db, classId).map((row) => ({
    number: row.number,
    name: row.name,
    idNumber: maskIdNumber(row.idNumber),
    unit: units.path(row.unitId),
    classCode: row.classCode,
    className: row.className,
    issuedOn: row.issuedOn,
    voidedOn: row.voidedOn,
  }));
}
