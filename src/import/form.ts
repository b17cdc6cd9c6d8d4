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
  type DataRow,
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

function holds(session: SessionRow, at: number): boolean {
  return (
    session.start_time !== null &&
    session.end_time !== null &&
    at >= wallMinutes(session.date, clockMinutes(session.start_time)) - EARLY_MINUTES &&
    at <= wallMinutes(session.date, clockMinutes(session.end_time))
  );
}

function moment(at: number): string {
  const { day, minutesOfDay } = wallDay(at);
  const whole = Math.floor(minutesOfDay);
  return `${day} ${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

export function formHandler(
  context: SignInContext,
  lookups: OnlineLookups,
  defaults: OnlineDefaults,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  return new FormSubmissions(context, lookups, defaults, writer, tally);
}

/** A form's submissions, held to the end of its file: each person's earliest for a session is their sign-in. */
class FormSubmissions implements KindHandler {
  private readonly subjects: ReturnType<typeof rowSubjects>;
  private headerRow = 0;
  private submissions: Submission[] = [];
  /** The file's class, from --class, its title or its name; else each submission's is found by its time. */
  private fileClass: ClassRow | undefined;

  constructor(
    private readonly context: SignInContext,
    private readonly lookups: OnlineLookups,
    private readonly defaults: OnlineDefaults,
    private readonly writer: RowWriter,
    tally: AttendanceTally,
  ) {
    this.subjects = rowSubjects(context, defaults, writer, tally);
  }

  finish(): void {
    this.context.attendance.write();
  }

  beginFile({ file: name, header }: FileContext): FileNotes {
    this.headerRow = header.row;
    this.submissions = [];
    const fromTitle: NonNullable<FileNotes['fromTitle']> = {};
    const klass = this.subjects.beginFile(header, fromTitle);
    this.fileClass = klass;
    // Else the form's own name: `居村书记轮训班签到.xlsx`.
    if (!klass && !header.mapping.columns.has('classCode')) {
      // `问卷星-M1-0906签到.xlsx`: its parts set apart, as a title's words are.
      const title = basename(name)
        .replace(/\.[^.]+$/, '')
        .replace(/[-_]+/g, ' ');
      const named = classFromTitle(title, this.context.classes.all());
      if (named.length === 1 && named[0]) {
        this.subjects.setFileClass(named[0]);
        this.fileClass = named[0];
        fromTitle.classCode = named[0].code;
      }
    }
    return Object.keys(fromTitle).length > 0 ? { fromTitle } : {};
  }

  prepare(row: DataRow, report: RowReport): PreparedRow | undefined | typeof ABSORBED {
    const at = optionalField(row, report, 'submittedAt', (cell) => parseMoment(cell));
    if (at === undefined && !report.failed) report.problem('submittedAt', problem('required'));
    // No class named anywhere: the one class with a session whose window holds the submission.
    const klass =
      row.has('classCode') || this.fileClass || at === undefined
        ? this.subjects.classOf(row, report)
        : this.classAt(at, report);
    const aliased = row.text('idNumber') === '' ? this.lookups.alias(row.text('name')) : undefined;
    const trainee =
      (aliased === undefined ? undefined : this.context.trainees.byId(aliased)) ??
      this.subjects.findTrainee(row, report);
    if (report.failed || at === undefined || !klass || !trainee) return undefined;
    this.submissions.push({ row: row.row, cells: row.cells, trainee, klass, at });
    return ABSORBED;
  }

  endFile() {
    const records: DerivedRecord[] = [];
    const note: FormNote = { sessions: [], absentees: 0 };
    // The earliest submission of each person for each session; the later ones are repeats of it.
    const earliest = new Map<string, { submission: Submission; session: SessionRow; written?: number }>();
    const touched = new Map<number, { klass: ClassRow; session: SessionRow; signed: Set<number> }>();
    const ordered = [...this.submissions].sort((a, b) => a.at - b.at || a.row - b.row);
    for (const submission of ordered) {
      const session = this.sessionHolding(submission.klass, submission.at);
      if (!session) {
        records.push({
          row: submission.row,
          cells: submission.cells,
          prepare: (report) => report.problem('submittedAt', this.outsideSessions(submission)),
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
          wallMinutes(session.date, clockMinutes(session.start_time)) + this.defaults.lateGraceMinutes
          ? 'late'
          : 'present';
      records.push({
        row: submission.row,
        cells: submission.cells,
        prepare: () => {
          const prepared = this.signIn(submission.trainee, submission.klass, session, status);
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
    for (const entry of touched.values()) records.push(...this.absentees(entry, note));
    return { records, notes: { form: note } };
  }

  /** The class's roster on a session the form touched: who submitted nothing (and has no line yet) is absent. */
  private absentees(
    { klass, session, signed }: { klass: ClassRow; session: SessionRow; signed: Set<number> },
    note: FormNote,
  ): DerivedRecord[] {
    const records: DerivedRecord[] = [];
    note.sessions.push(`${klass.code} ${session.date} ${session.slot}`.trim());
    for (const traineeId of this.context.attendance.enrolledIn(klass.id)) {
      if (signed.has(traineeId)) continue;
      const trainee = this.context.trainees.byId(traineeId);
      const enrolment = this.context.attendance.enrolment(klass.id, traineeId);
      if (!trainee || enrolment === undefined || this.context.attendance.record(enrolment, session.id))
        continue;
      records.push({
        row: this.headerRow,
        cells: undefined,
        prepare: () => {
          note.absentees++;
          return this.signIn(trainee, klass, session, 'absent');
        },
      });
    }
    return records;
  }

  /** The class of the one session, of any class, whose window holds the moment. */
  private classAt(at: number, report: RowReport): ClassRow | undefined {
    const { day } = wallDay(at);
    const classIds = [
      ...new Set(
        this.lookups
          .sessionsOn(day)
          .filter((session) => holds(session, at))
          .map((session) => session.class_id),
      ),
    ];
    const klass = classIds.length === 1 ? this.context.classes.byId(classIds[0] ?? 0) : undefined;
    if (!klass) report.problem('submittedAt', problem('formNoClass', { time: moment(at) }));
    return klass;
  }

  /** The session of the class whose window, from an hour before its start to its end, holds the moment. */
  /**
   * Why a submission has no session: outside every session's window, or on a day whose sessions have no times
   * (signed in from a sheet, never timetabled), where the way out is to give them times.
   */
  private outsideSessions(submission: Submission) {
    const { day } = wallDay(submission.at);
    const untimed = this.context.sessions
      .all(submission.klass.id)
      .some((session) => session.date === day && (session.start_time === null || session.end_time === null));
    return untimed
      ? problem('formSessionUntimed', { time: moment(submission.at), date: day })
      : problem('formOutsideSessions', { time: moment(submission.at) });
  }

  private sessionHolding(klass: ClassRow, at: number): SessionRow | undefined {
    const { day } = wallDay(at);
    return this.context.sessions.all(klass.id).find((session) => session.date === day && holds(session, at));
  }

  /** The person's sign-in of the session: written, or the line already there updated (a later statement). */
  private signIn(
    trainee: TraineeKey,
    klass: ClassRow,
    session: SessionRow,
    status: AttendanceStatus,
  ): PreparedRow {
    const enrolled = this.context.attendance.enrolment(klass.id, trainee.id);
    const existing =
      enrolled === undefined ? undefined : this.context.attendance.record(enrolled, session.id);
    return {
      existingId: existing?.id,
      signature: signatureOf([status]),
      write: () => {
        if (existing) {
          if (existing.status === status) return { outcome: 'unchanged', id: existing.id };
          this.context.attendance.updateRecord(this.writer, existing, { status });
          return { outcome: 'updated', id: existing.id };
        }
        const enrolment = enrolmentFor(this.context, this.writer, klass, trainee, enrolled);
        const id = this.context.attendance.insertRecord(this.writer, {
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
