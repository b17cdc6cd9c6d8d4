/**
 * A QR sign-in form's export (问卷星 and the like) as sign-ins (formats.md, "Form sign-ins"): each submission is a
 * sign-in at its time, in the session of the class whose window (its start less an hour, to its end) holds that
 * time; a person's earliest submission for a session counts; the class's roster people who did not submit are
 * absent. Who submitted is found as on a sign-in sheet, or by a nickname tied with `peixun alias add`.
 */
import { basename } from 'node:path';
import type { ClassRow } from '../db/classes.js';
import type { RowWriter } from '../db/rows.js';
import type { SessionRow } from '../db/sessions.js';
import type { TraineeKey } from '../db/trainees.js';
import type { AttendanceStatus } from '../domain/attendance.js';
import { problem } from '../errors.js';
import {
  classFromTitle,
  enrolmentFor,
  rowSubjects,
  type AttendanceTally,
  type SignInContext,
} from './attendance.js';
import type { OnlineDefaults, OnlineLookups } from './meeting.js';
import { clockMinutes, parseMoment, wallDay, wallMinutes, type Cell } from './normalise.js';
import {
  ABSORBED,
  signatureOf,
  type DerivedRecord,
  type FileContext,
  type FileNotes,
  type KindHandler,
  type PreparedRow,
  type RowReport,
} from './rows.js';
import { optionalField } from './trainees.js';

/** A form's submissions as its result tells them. */
export interface FormNote {
  /** The sessions its submissions signed in to. */
  sessions: string[];
  /** People on those sessions' class roster who did not submit: absent. */
  absentees: number;
}

declare module './rows.js' {
  interface FileNotes {
    form?: FormNote;
  }
}

/** How long before a session's start a form's QR code is already scanned: an hour. */
const EARLY_MINUTES = 60;

interface Submission {
  row: number;
  cells: Cell[];
  trainee: TraineeKey;
  klass: ClassRow;
  at: number;
}

export function formHandler(
  context: SignInContext,
  lookups: OnlineLookups,
  defaults: OnlineDefaults,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  const { sessions, attendance } = context;
  const subjects = rowSubjects(context, defaults, writer, tally);
  let headerRow = 0;
  let submissions: Submission[] = [];
  /** The file's class, from --class, its title or its name; else each submission's is found by its time. */
  let fileClass: ClassRow | undefined;

  return {
    finish: () => attendance.write(),

    beginFile({ file: name, header }: FileContext): FileNotes {
      headerRow = header.row;
      submissions = [];
      const fromTitle: NonNullable<FileNotes['fromTitle']> = {};
      const klass = subjects.beginFile(header, fromTitle);
      fileClass = klass;
      // Else the form's own name: `居村书记轮训班签到.xlsx`.
      if (!klass && !header.mapping.columns.has('classCode')) {
        // `问卷星-M1-0906签到.xlsx`: its parts set apart, as a title's words are.
        const title = basename(name)
          .replace(/\.[^.]+$/, '')
          .replace(/[-_]+/g, ' ');
        const named = classFromTitle(title, context.classes.all());
        if (named.length === 1 && named[0]) {
          subjects.setFileClass(named[0]);
          fileClass = named[0];
          fromTitle.classCode = named[0].code;
        }
      }
      return Object.keys(fromTitle).length > 0 ? { fromTitle } : {};
    },

    prepare(row, report) {
      const at = optionalField(row, report, 'submittedAt', (cell) => parseMoment(cell));
      if (at === undefined && !report.failed) report.problem('submittedAt', problem('required'));
      // No class named anywhere: the one class with a session whose window holds the submission.
      const klass =
        row.has('classCode') || fileClass || at === undefined
          ? subjects.classOf(row, report)
          : classAt(at, report);
      const aliased = row.text('idNumber') === '' ? lookups.alias(row.text('name')) : undefined;
      const trainee =
        (aliased === undefined ? undefined : context.trainees.byId(aliased)) ??
        subjects.findTrainee(row, report);
      if (report.failed || at === undefined || !klass || !trainee) return undefined;
      submissions.push({ row: row.row, cells: row.cells, trainee, klass, at });
      return ABSORBED;
    },

    endFile() {
      const records: DerivedRecord[] = [];
      const note: FormNote = { sessions: [], absentees: 0 };
      // The earliest submission of each person for each session; the later ones are repeats of it.
      const earliest = new Map<string, { submission: Submission; session: SessionRow; written?: number }>();
      const touched = new Map<number, { klass: ClassRow; session: SessionRow; signed: Set<number> }>();
      const ordered = [...submissions].sort((a, b) => a.at - b.at || a.row - b.row);
      for (const submission of ordered) {
        const session = sessionHolding(submission.klass, submission.at);
        if (!session) {
          records.push({
            row: submission.row,
            cells: submission.cells,
            prepare: (report) =>
              report.problem('submittedAt', problem('formOutsideSessions', { time: moment(submission.at) })),
          });
          continue;
        }
        const key = `${submission.trainee.id}:${session.id}`;
        const first = earliest.get(key);
        const entry = touched.get(session.id) ?? {
          klass: submission.klass,
          session,
          signed: new Set<number>(),
        };
        entry.signed.add(submission.trainee.id);
        touched.set(session.id, entry);
        if (first) {
          records.push({
            row: submission.row,
            cells: submission.cells,
            // A repeat of the person's first submission: the same record, counted once.
            prepare: () => ({
              existingId: first.written,
              signature: 'repeat',
              write: () => ({ outcome: 'unchanged', id: first.written ?? 0 }),
            }),
          });
          continue;
        }
        const kept = { submission, session, written: undefined as number | undefined };
        earliest.set(key, kept);
        const status: AttendanceStatus =
          session.start_time !== null &&
          submission.at >
            wallMinutes(session.date, clockMinutes(session.start_time)) + defaults.lateGraceMinutes
            ? 'late'
            : 'present';
        records.push({
          row: submission.row,
          cells: submission.cells,
          prepare: () => {
            const prepared = signIn(submission.trainee, submission.klass, session, status);
            return {
              ...prepared,
              // Its record's id, for the repeats that follow (and so are counted as duplicates).
              signature: 'repeat',
              write: () => {
                const written = prepared.write();
                kept.written = written.id;
                return written;
              },
            };
          },
        });
      }
      for (const { klass, session, signed } of touched.values()) {
        note.sessions.push(`${klass.code} ${session.date} ${session.slot}`.trim());
        for (const traineeId of attendance.enrolledIn(klass.id)) {
          if (signed.has(traineeId)) continue;
          const trainee = context.trainees.byId(traineeId);
          const enrolment = attendance.enrolment(klass.id, traineeId);
          if (!trainee || enrolment === undefined || attendance.record(enrolment, session.id)) continue;
          records.push({
            row: headerRow,
            cells: undefined,
            prepare: () => {
              note.absentees++;
              return signIn(trainee, klass, session, 'absent');
            },
          });
        }
      }
      return { records, notes: { form: note } };
    },
  };

  /** The class of the one session, of any class, whose window holds the moment. */
  function classAt(at: number, report: RowReport): ClassRow | undefined {
    const { day } = wallDay(at);
    const classIds = [
      ...new Set(
        lookups
          .sessionsOn(day)
          .filter((session) => holds(session, at))
          .map((session) => session.class_id),
      ),
    ];
    const klass = classIds.length === 1 ? context.classes.byId(classIds[0] ?? 0) : undefined;
    if (!klass) report.problem('submittedAt', problem('formNoClass', { time: moment(at) }));
    return klass;
  }

  function holds(session: SessionRow, at: number): boolean {
    return (
      session.start_time !== null &&
      session.end_time !== null &&
      at >= wallMinutes(session.date, clockMinutes(session.start_time)) - EARLY_MINUTES &&
      at <= wallMinutes(session.date, clockMinutes(session.end_time))
    );
  }

  /** The session of the class whose window, from an hour before its start to its end, holds the moment. */
  function sessionHolding(klass: ClassRow, at: number): SessionRow | undefined {
    const { day } = wallDay(at);
    return sessions.all(klass.id).find((session) => session.date === day && holds(session, at));
  }

  function moment(at: number): string {
    const { day, minutesOfDay } = wallDay(at);
    const whole = Math.floor(minutesOfDay);
    return `${day} ${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
  }

  /** The person's sign-in of the session: written, or the line already there updated (a later statement). */
  function signIn(
    trainee: TraineeKey,
    klass: ClassRow,
    session: SessionRow,
    status: AttendanceStatus,
  ): PreparedRow {
    const enrolled = attendance.enrolment(klass.id, trainee.id);
    const existing = enrolled === undefined ? undefined : attendance.record(enrolled, session.id);
    return {
      existingId: existing?.id,
      signature: signatureOf([status]),
      write() {
        if (existing) {
          if (existing.status === status) return { outcome: 'unchanged', id: existing.id };
          attendance.updateRecord(writer, existing, { status });
          return { outcome: 'updated', id: existing.id };
        }
        const enrolment = enrolmentFor(context, writer, klass, trainee, enrolled);
        const id = attendance.insertRecord(writer, {
          enrolment_id: enrolment,
          session_id: session.id,
          status,
          hours: null,
        });
        return { outcome: 'inserted', id };
      },
    };
  }
}
