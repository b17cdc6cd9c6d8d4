/**
 * Sign-in sheets (签到表): one (class, trainee, date, slot) per row. The class, date and slot may come from
 * the command line, from the sheet's title, or from the class itself.
 */
import type { AttendanceStore } from '../db/attendance.js';
import type { ClassRow, ClassStore, CourseStore } from '../db/classes.js';
import type { RowWriter } from '../db/rows.js';
import type { SessionRow, SessionStore } from '../db/sessions.js';
import type { TraineeKey } from '../db/trainees.js';
import { teacherKey } from '../db/teachers.js';
import { venueKey } from '../db/venues.js';
import { PeixunError, problem } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import {
  findDateInText,
  findSlotInText,
  parseSessionDay,
  parseHours,
  parseIdNumber,
  parsePhone,
  parseSlot,
  parseMode,
  parseStatus,
  textDateIso,
  signInClock,
  weekdayOnDate,
  timeOfDayIn,
  clockMinutes,
  sessionValuesInTitle,
  weekdayProblem,
  type Problem,
  type TextDate,
} from './normalise.js';
import { isValidIsoDate } from '../domain/dates.js';
import { birthDateFromId, genderFromId, maskIdNumber } from '../domain/identity.js';
import { nameKey, titleNameKey } from '../domain/names.js';
import { statusInNote, type AttendanceStatus, type Slot, MAX_SESSION_HOURS } from '../domain/attendance.js';
import {
  FileSessionStatements,
  sessionDate,
  sessionSlot,
  STATED_FIELDS,
  titleDate,
  type StatedField,
  type StatedSession,
} from './sessions.js';
import { unitProblemField, type UnitCells } from './units.js';
import {
  signatureOf,
  type FileContext,
  type FileNotes,
  type DataRow,
  type KindHandler,
  type PreparedRow,
  type RowReport,
} from './rows.js';
import {
  DEFAULT_CATEGORY,
  describeTrainee,
  optionalField,
  traineesNamedIn,
  unitCells,
  type TraineeMatchContext,
} from './trainees.js';

export interface AttendanceDefaults {
  classCode?: string;
  date?: string;
  slot?: Slot;
  addUnknown: boolean;
  /** A sign-in this many minutes after its session's start is still on time (config late-grace-minutes). */
  lateGraceMinutes: number;
}

export interface AttendanceTally {
  /** Rows whose status cell was empty: absent, as an unsigned line on a sign-in sheet. */
  blankStatus: number;
  /** Trainees created by `--add-unknown`. */
  addedTrainees: number;
  /** Sessions the import opened, as `K1 2023-07-17 上午`. */
  openedSessions: string[];
  /** Lines made late by a sign-in time after their session's start. */
  madeLate: number;
  /** What a file changed of sessions recorded before it. */
  sessionChanges: SessionChange[];
}

/** A session value a file stated otherwise than the register held it: said in the result, undone with its batch. */
export interface SessionChange {
  file: string;
  session: string;
  field: StatedField;
  from: string;
  to: string;
}

/** A 日期 cell's day: as written, or a month and day in the class's year (titleDate's rule), checked once it has one. */
export function dayOfClass(
  date: string | TextDate,
  klass: ClassRow,
  row: DataRow,
  report: RowReport,
): string | undefined {
  if (typeof date === 'string') return date;
  const iso = titleDate(date, klass);
  const written = row.text('date');
  if (!isValidIsoDate(iso)) return report.problem('date', problem('dateImpossible', { value: written }));
  const wrong = weekdayProblem(date, iso, written);
  return wrong ? report.problem('date', wrong) : iso;
}

/**
 * The row's slot: its 时段 cell, or the one its 日期 cell names after the day (`5月10日上午`); both, they must say
 * the same.
 */
export function slotOnRow(row: DataRow, report: RowReport, inDate: Slot | undefined): Slot | undefined {
  const own = row.text('slot') ? optionalField(row, report, 'slot', parseSlot) : undefined;
  if (own && inDate && own !== inDate)
    return report.problem('slot', problem('slotDisagreesWithDate', { slot: own, date: row.text('date') }));
  return own || inDate;
}

/** A code stands alone in a title: K1 is not in 班级编号：K10, nor PX2023-001 in PX2023-0012. */
function codeIn(text: string, code: string): boolean {
  // The title is NFKC already: full-width letters and digits are ASCII here. A Chinese character beside a code
  // (班K1签到) leaves it whole.
  const joins = (char: string | undefined) => char !== undefined && /[A-Za-z0-9_-]/.test(char);
  for (let at = text.indexOf(code); at >= 0; at = text.indexOf(code, at + 1)) {
    if (!joins(text[at - 1]) && !joins(text[at + code.length])) return true;
  }
  return false;
}

/**
 * The one class whose code or name appears in the title; a name inside a longer matching name gives way. Where no
 * name appears as written, one written with its numbers and brackets otherwise does (第三期 for 第3期, 第十一街道
 * for 第11街道, （第三期） for 第3期: titleNameKey).
 */
export function classFromTitle(title: string, classes: readonly ClassRow[]): ClassRow[] {
  const text = title.normalize('NFKC');
  const found = classes.filter(
    (candidate) => codeIn(text, candidate.code) || text.includes(candidate.name.normalize('NFKC')),
  );
  if (found.length > 0) return longestNames(found, (name) => name.normalize('NFKC'));
  const loose = titleNameKey(title);
  return longestNames(
    classes.filter((candidate) => loose.includes(titleNameKey(candidate.name))),
    titleNameKey,
  );
}

/** Of the classes a title names, those whose name is not inside another's (轮训班 gives way to 书记轮训班). */
function longestNames(found: readonly ClassRow[], key: (name: string) => string): ClassRow[] {
  return found.filter(
    (candidate) =>
      !found.some(
        (other) =>
          other !== candidate &&
          key(other.name).includes(key(candidate.name)) &&
          key(other.name) !== key(candidate.name),
      ),
  );
}

export type SignInContext = TraineeMatchContext & {
  classes: ClassStore;
  courses: CourseStore;
  sessions: SessionStore;
  attendance: AttendanceStore;
};

/**
 * A trainee's enrolment in a class: the one there is, else one made now under their unit and category on the
 * class's start date (a sheet, list or form is the first to name them in it).
 */
export function enrolmentFor(
  context: SignInContext,
  writer: RowWriter,
  klass: ClassRow,
  trainee: TraineeKey,
  enrolled: number | undefined,
): number {
  return (
    enrolled ??
    context.attendance.enrol(writer, {
      class_id: klass.id,
      trainee_id: trainee.id,
      ...context.trainees.groupAt(trainee, klass.start_date),
    })
  );
}

/**
 * What a sign-in row and a roster row share: the class (its own cell, `--class`, or the one class the sheet's
 * title names) and the trainee (by ID number, else by name within the unit, a phone telling namesakes apart).
 */
export function rowSubjects(
  context: SignInContext,
  defaults: Pick<AttendanceDefaults, 'classCode' | 'addUnknown'>,
  writer: RowWriter,
  tally: Pick<AttendanceTally, 'addedTrainees'>,
): RowSubjects {
  return new RowSubjects(context, defaults, writer, tally);
}

class RowSubjects {
  private readonly optionClass: ClassRow | undefined;
  private fileClass: ClassRow | undefined;
  /** Class codes (or '' for no class at all) already said to be missing in this file. */
  private fileMissing = new Set<string>();
  /** The code of the last line's class, as written, and the class it named. */
  private lastClass: { code: string; klass: ClassRow } | undefined;
  /** The class code column is headed plain 编号, which sheets also use to number their lines. */
  private codeMaybeSerial = false;

  constructor(
    private readonly context: SignInContext,
    private readonly defaults: Pick<AttendanceDefaults, 'classCode' | 'addUnknown'>,
    private readonly writer: RowWriter,
    private readonly tally: Pick<AttendanceTally, 'addedTrainees'>,
  ) {
    this.optionClass = defaults.classCode ? context.classes.named(defaults.classCode) : undefined;
    if (defaults.classCode && !this.optionClass) {
      throw new PeixunError(problem('classOptionUnknown', { code: defaults.classCode }));
    }
  }

  /** The file's class when its rows name none: `--class`, else the title's; noted in `fromTitle`. */
  beginFile(header: FileContext['header'], fromTitle: NonNullable<FileNotes['fromTitle']>) {
    this.fileMissing = new Set();
    this.fileClass = this.optionClass;
    this.codeMaybeSerial = header.headerText.get('classCode') === '编号';
    if (!this.fileClass && (!header.mapping.columns.has('classCode') || this.codeMaybeSerial)) {
      const found = classFromTitle(header.titleText, this.context.classes.all());
      if (found.length === 1) {
        this.fileClass = found[0];
        fromTitle.classCode = found[0]?.code;
      }
    }
    return this.fileClass;
  }

  /** The file's class, found otherwise (a form's own name). */
  setFileClass(klass: ClassRow) {
    this.fileClass = klass;
  }

  classOf(row: Parameters<KindHandler['prepare']>[0], report: RowReport): ClassRow | undefined {
    const written = row.text('classCode');
    // A sheet numbering its lines 编号 1, 2, 3: a number that names no class is the line's, and the class is the
    // file's (--class, the title), as on a sheet without the column.
    const code =
      this.codeMaybeSerial && /^\d{1,4}$/.test(written) && !this.context.classes.named(written)
        ? ''
        : written;
    // Sheets come a class at a time: the class of the line before, without looking it up again.
    if (code !== '' && code === this.lastClass?.code) return this.lastClass.klass;
    const klass = code ? this.context.classes.named(code) : this.fileClass;
    if (code && klass) this.lastClass = { code, klass };
    // formats.md: a class missing from the register is said once per file, not once per row.
    if (!klass) {
      const missing: Problem = code
        ? { code: 'classUnknown', params: { value: code } }
        : { code: 'classMissing' };
      report.problem('classCode', missing, this.fileMissing.has(code));
      this.fileMissing.add(code);
    }
    return klass;
  }

  findTrainee(row: Parameters<KindHandler['prepare']>[0], report: RowReport): TraineeKey | undefined {
    const name = row.text('name');
    const phone = optionalField(row, report, 'phone', parsePhone);
    const unitField = row.has('unit') ? 'unit' : 'community';
    if (row.text('idNumber') !== '') {
      // A number the register holds as written was checked when it was taken in: once everyone is read in (a large
      // sheet), it is found without checking it again.
      const held = this.context.trainees.heldWithIdNumber(row.text('idNumber'));
      const idNumber = held?.id_number ?? optionalField(row, report, 'idNumber', parseIdNumber);
      if (!idNumber) return undefined;
      const trainee = held ?? this.context.trainees.withIdNumber(idNumber);
      if (trainee) {
        if (name && nameKey(name) !== nameKey(trainee.name)) {
          report.warn('name', { code: 'nameDisagrees', params: { value: name, registered: trainee.name } });
        }
        return trainee;
      }
      if (!this.defaults.addUnknown) {
        return report.problem('idNumber', {
          code: 'traineeUnknownId',
          params: { value: maskIdNumber(idNumber) },
        });
      }
      if (!name) return report.problem('name', { code: 'required' });
      return this.addTrainee(row, report, { name, idNumber, phone, cells: unitCells(row), unitField });
    }
    // Read only here: most sheets name their people by ID number, and a million rows make no unit cells.
    const cells = unitCells(row);
    const unit = this.context.units.resolve(cells, undefined);
    let candidates = unit.ok ? traineesNamedIn(this.context, name, unit.value) : [];
    // A phone on the sheet tells namesakes apart.
    if (candidates.length > 1 && phone) {
      const digits = (text: string | null) => text?.replace(/\D/g, '').slice(-11) ?? '';
      const withPhone = candidates.filter(
        (candidate) => digits(this.context.trainees.row(candidate).phone) === digits(phone),
      );
      if (withPhone.length > 0) candidates = withPhone;
    }
    if (candidates.length === 1) return candidates[0];
    if (candidates.length > 1) {
      const list = candidates
        .map((trainee) => describeTrainee(trainee, this.context.units, this.context.unitOf))
        .join('; ');
      return report.problem('name', { code: 'traineeAmbiguous', params: { name, candidates: list } });
    }
    if (this.defaults.addUnknown) return this.addTrainee(row, report, { name, phone, cells, unitField });
    if (!unit.ok) return report.problem(unitProblemField(cells, unit.problem, unitField), unit.problem);
    return report.problem('name', { code: 'traineeUnknownName', params: { name } });
  }

  /** `--add-unknown`: a trainee from what the sign-in row says of them. */
  private addTrainee(
    row: Parameters<KindHandler['prepare']>[0],
    report: RowReport,
    given: { name: string; idNumber?: string; phone?: string; cells: UnitCells; unitField: string },
  ): TraineeKey | undefined {
    const created = this.context.units.resolve(given.cells, { batchId: this.writer.batchId });
    if (!created.ok)
      return report.problem(unitProblemField(given.cells, created.problem, given.unitField), created.problem);
    this.tally.addedTrainees++;
    return this.context.trainees.insert(this.writer, {
      id_number: given.idNumber ?? null,
      name: given.name,
      gender: given.idNumber ? genderFromId(given.idNumber) : null,
      birth_date: given.idNumber ? birthDateFromId(given.idNumber) : null,
      phone: given.phone ?? null,
      unit_id: created.value?.id ?? null,
      position: row.text('position') || null,
      category: row.text('category') || DEFAULT_CATEGORY,
      left_on: null,
    });
  }
}

/** How a stated session value reads to a person: a course by its code, a mode in words. */
function shownValue(courses: CourseStore) {
  return (field: StatedField, value: string | number): string => {
    if (field === 'online') return value === 1 ? '线上' : '线下';
    if (field === 'course_id') return courses.byId(Number(value))?.code ?? String(value);
    return String(value);
  };
}

/** The column a session value comes from, for messages. */
const STATED_COLUMN: Record<StatedField, string> = {
  course_id: 'course',
  teacher: 'teacher',
  venue: 'venue',
  online: 'mode',
};

/** A sheet line's session and person, once its class, date and slot are known. */
interface SheetLine {
  klass: ClassRow;
  date: string;
  slot: Slot;
  stated: StatedSession;
  trainee: TraineeKey;
}

/**
 * A line's sign-in: its own column, else a paper sheet's signature or time column; blank, absent (a line blank
 * but for the time its person signed in at: they came); a 备注 of 迟到, 早退 or 请假 says which. A time, in either
 * column, is when they signed in: late after the session's start (formats.md).
 */
function signInOnRow(
  row: DataRow,
  report: RowReport,
): { status: { status: AttendanceStatus; blank: boolean } | undefined; signedAt: number | undefined } {
  const name = row.text('name');
  const signInField = row.has('status') ? 'status' : row.has('signedAt') ? 'signedAt' : undefined;
  let status = signInField
    ? (optionalField(row, report, signInField, (cell) => parseStatus(cell, name)) ??
      (row.text(signInField) === '' ? { status: 'absent' as AttendanceStatus, blank: true } : undefined))
    : { status: 'present' as AttendanceStatus, blank: false };
  // The time a person wrote in the sign-in column itself (签到: 8:41) is their sign-in time as much as a 签到时间's.
  const signedAt = row.has('signedAt')
    ? timeOfDayIn(row.cell('signedAt'))
    : signInField === 'status' && status?.status === 'present' && !status.blank
      ? signInClock(row.cell('status'))
      : undefined;
  if (status?.blank && signedAt !== undefined) status = { status: 'present', blank: false };
  return { status: status && notedStatus(row, report, status), signedAt };
}

export function attendanceHandler(
  context: SignInContext,
  defaults: AttendanceDefaults,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  return new SignInSheets(context, defaults, writer, tally);
}

/** Sign-in sheets, one file after another: each line a sign-in of its session, made by the first file naming it. */
class SignInSheets implements KindHandler {
  private readonly subjects: RowSubjects;
  private readonly shown: ReturnType<typeof shownValue>;
  private fileClass: ClassRow | undefined;
  private fileDate: TextDate | undefined;
  private fileSlot: Slot | undefined;
  /** The file's notes: a title date without a year is told in full once a row's class gives the year. */
  private fileTitle: NonNullable<FileNotes['fromTitle']> = {};
  /** What the title says of the session, each value as a line would (formats.md). */
  private titleStated: StatedSession = {};
  private titleProblem: { field: string; problem: Problem } | undefined;
  private statements = new FileSessionStatements();
  /** Sessions this file opened: its own statements about them are no change to report. */
  private openedHere = new Set<number>();
  private fileName = '';

  constructor(
    private readonly context: SignInContext,
    private readonly defaults: AttendanceDefaults,
    private readonly writer: RowWriter,
    private readonly tally: AttendanceTally,
  ) {
    this.subjects = rowSubjects(context, defaults, writer, tally);
    this.shown = shownValue(context.courses);
  }

  beginFile({ file, header }: FileContext): FileNotes {
    this.fileName = file;
    const fromTitle: NonNullable<FileNotes['fromTitle']> = {};
    this.fileTitle = fromTitle;
    this.statements = new FileSessionStatements();
    this.openedHere = new Set();
    this.fileClass = this.subjects.beginFile(header, fromTitle);
    // A blank cell of a date or slot column is no value for that row: the title still speaks for it.
    this.fileDate = this.defaults.date ? undefined : findDateInText(header.titleText);
    if (this.fileDate) {
      if (this.fileClass) fromTitle.date = titleDate(this.fileDate, this.fileClass);
      else if (this.fileDate.year !== undefined)
        fromTitle.date = textDateIso(this.fileDate, this.fileDate.year);
      else fromTitle.date = textDateIso(this.fileDate, 0).replace(/^0+-/, '');
      // A title naming a weekday that is not its date's is refused, as the same text in a 日期 cell is.
      const wrongDay = /^\d{4}-/.test(fromTitle.date)
        ? weekdayProblem(
            this.fileDate,
            fromTitle.date,
            header.titleText.split('\n').find((line) => /\d/.test(line)) ?? '',
          )
        : undefined;
      if (wrongDay) throw new PeixunError(problem('titleProblem', { file, message: wrongDay }));
    }
    this.fileSlot = this.defaults.slot || findSlotInText(header.titleText) || undefined;
    if (!this.defaults.slot && this.fileSlot) fromTitle.slot = this.fileSlot;
    const title = sessionValuesInTitle(header.titleText);
    this.titleStated = {};
    this.titleProblem = undefined;
    if (title.teacher) this.titleStated.teacher = title.teacher;
    if (title.venue) this.titleStated.venue = title.venue;
    if (title.online !== undefined) this.titleStated.online = title.online;
    if (title.course) {
      const course = this.context.courses.withCodeOrName(title.course);
      if (course) this.titleStated.course_id = course.id;
      else
        this.titleProblem = {
          field: 'course',
          problem: { code: 'courseUnknown', params: { value: title.course } },
        };
    }
    const signInColumn =
      ['status', 'signedAt'].some((field) => header.mapping.columns.has(field)) ||
      (header.sessionColumns?.length ?? 0) > 0;
    return {
      ...(Object.keys(fromTitle).length > 0 ? { fromTitle } : {}),
      ...(signInColumn ? {} : { noSignInColumn: true }),
      ...(header.sessionColumns
        ? { sessionColumns: header.sessionColumns.map(({ header: text, slot }) => ({ header: text, slot })) }
        : {}),
    };
  }

  finish(): void {
    this.context.attendance.write();
  }

  prepare(row: DataRow, report: RowReport): PreparedRow | undefined {
    const klass = this.subjects.classOf(row, report);
    const day = optionalField(row, report, 'date', parseSessionDay);
    const rowDate = klass && day ? dayOfClass(day.date, klass, row, report) : undefined;
    const wrongDay = rowDate && row.has('weekday') ? weekdayOnDate(row.cell('weekday'), rowDate) : undefined;
    if (wrongDay) report.problem('weekday', wrongDay);
    const rowSlot = slotOnRow(row, report, day?.slot);
    const { status, signedAt } = signInOnRow(row, report);
    const hours = optionalField(row, report, 'hours', (cell) => parseHours(cell, MAX_SESSION_HOURS));
    const stated = statedOnRow(row, report, this.context.courses, this.titleStated);
    if (this.titleProblem) report.problem(this.titleProblem.field, this.titleProblem.problem);
    const trainee = this.subjects.findTrainee(row, report);
    if (report.failed || !klass || !trainee || !status) return undefined;
    const fromTitleDate = this.fileDate ? titleDate(this.fileDate, klass) : undefined;
    // A title date without a year (`07-12` so far) is told in full once a row's class has given the year.
    const yearless = this.fileTitle.date !== undefined && !/^\d{4}-/.test(this.fileTitle.date);
    if (!rowDate && !this.defaults.date && fromTitleDate && yearless) this.fileTitle.date = fromTitleDate;
    const dated = sessionDate(klass, rowDate ?? this.defaults.date ?? fromTitleDate);
    if (!dated.ok) return report.problem('date', dated.problem);
    const slotted = sessionSlot(
      this.context.sessions.slotsOn(klass.id, dated.value),
      klass,
      dated.value,
      rowSlot || this.fileSlot,
    );
    if (!slotted.ok) return report.problem('slot', slotted.problem);
    const line: SheetLine = { klass, date: dated.value, slot: slotted.value, stated, trainee };
    if (this.disagrees(row, report, line)) return undefined;
    const recorded = this.context.sessions.find(klass.id, line.date, line.slot);
    // Signed in after the session began (and its grace): late, unless the sheet gave another status.
    const start = recorded?.start_time;
    const late =
      status.status === 'present' &&
      signedAt !== undefined &&
      start !== null &&
      start !== undefined &&
      signedAt > clockMinutes(start) + this.defaults.lateGraceMinutes;
    return this.signIn(
      line,
      recorded,
      { status: late ? 'late' : status.status, hours: hours ?? null },
      () => {
        if (status.blank) this.tally.blankStatus++;
        if (late) this.tally.madeLate++;
      },
    );
  }

  /**
   * Two lines of one session in one file that say different things of it: neither can be trusted, each is
   * refused naming the other. Most sheets state nothing of their session (the timetable did): nothing to weigh.
   */
  private disagrees(row: DataRow, report: RowReport, line: SheetLine): boolean {
    const { klass, date, slot, stated } = line;
    if (stated === NOTHING_STATED) return false;
    const sessionKey = `${klass.id}|${date}|${slot}`;
    this.statements.remember(sessionKey, this.titleStated, 0, this.shown);
    const disagreement = this.statements.disagreement(sessionKey, stated, this.shown);
    if (!disagreement) {
      this.statements.remember(sessionKey, stated, row.row, this.shown);
      return false;
    }
    const field = STATED_COLUMN[disagreement.field];
    const params = {
      row: disagreement.earlier.row,
      value: disagreement.value,
      other: disagreement.earlier.shown,
    };
    report.problem(field, {
      code: disagreement.earlier.row === 0 ? 'sessionDisagreesWithTitle' : 'sessionDisagrees',
      params,
    });
    if (disagreement.earlier.row > 0)
      report.rejectEarlier(disagreement.earlier.row, field, {
        code: 'sessionDisagrees',
        params: { row: row.row, value: disagreement.earlier.shown, other: disagreement.value },
      });
    return true;
  }

  /** A line's sign-in as it will be written: new, the same as recorded, or the recorded one updated. */
  private signIn(
    line: SheetLine,
    recorded: SessionRow | undefined,
    values: { status: AttendanceStatus; hours: number | null },
    counted: () => void,
  ): PreparedRow {
    const { klass, date, slot, stated, trainee } = line;
    const { attendance } = this.context;
    const enrolled = attendance.enrolment(klass.id, trainee.id);
    const existing =
      enrolled === undefined || !recorded ? undefined : attendance.record(enrolled, recorded.id);
    return {
      existingId: existing?.id,
      signature: signatureOf([values.status, values.hours]),
      write: () => {
        counted();
        const session = this.sessionFor(klass, date, slot, stated);
        if (!existing) {
          const enrolment = enrolmentFor(this.context, this.writer, klass, trainee, enrolled);
          const id = attendance.insertRecord(this.writer, {
            enrolment_id: enrolment,
            session_id: session.id,
            ...values,
          });
          return { outcome: 'inserted', id };
        }
        if (existing.status === values.status && existing.hours === values.hours) {
          return { outcome: 'unchanged', id: existing.id };
        }
        // A sheet's line is the later statement of a sign-in a meeting list made: it stands from now on (its minutes
        // go with the list's word), so that list and sheet give the same figures in either order.
        attendance.updateRecord(this.writer, existing, {
          ...values,
          ...(existing.minutes !== null ? { minutes: null } : {}),
        });
        return { outcome: 'updated', id: existing.id };
      },
    };
  }

  /**
   * The session a line belongs to, made by the first file to name it; what the line states of it is written (a
   * file that states another value than the one recorded updates the session, said in the result).
   */
  private sessionFor(klass: ClassRow, date: string, slot: Slot, stated: StatedSession): SessionRow {
    const recorded = this.context.sessions.find(klass.id, date, slot);
    if (!recorded) {
      const session = this.context.sessions.insert(this.writer, {
        class_id: klass.id,
        date,
        slot,
        ...stated,
      });
      this.openedHere.add(session.id);
      this.tally.openedSessions.push(`${klass.code} ${date} ${slot}`.trim());
      return session;
    }
    if (stated === NOTHING_STATED) return recorded;
    const before = { ...recorded };
    // A session without a venue or teacher of its own has its class's venue and its course's teacher: a sheet
    // that names those (the printed sheet does) says nothing new.
    const effective = { ...stated };
    if (
      recorded.venue === null &&
      stated.venue !== undefined &&
      venueKey(stated.venue) === venueKey(klass.venue ?? '')
    )
      delete effective.venue;
    const courseTeacher =
      recorded.course_id === null ? null : this.context.courses.byId(recorded.course_id)?.teacher;
    if (
      recorded.teacher === null &&
      stated.teacher !== undefined &&
      courseTeacher &&
      teacherKey(stated.teacher) === teacherKey(courseTeacher)
    )
      delete effective.teacher;
    const changes = this.context.sessions.update(this.writer, recorded, effective);
    if (!this.openedHere.has(recorded.id)) {
      for (const field of STATED_FIELDS) {
        const now = changes[field];
        if (now === undefined || now === null) continue;
        const was = before[field];
        this.tally.sessionChanges.push({
          file: this.fileName,
          session: `${klass.code} ${date} ${slot}`.trim(),
          field,
          from: was === null ? '' : this.shown(field, was),
          to: this.shown(field, now),
        });
      }
    }
    return recorded;
  }
}

/** The session's course (by code or name, which must be registered) and mode, where the row gives them. */
export function courseAndMode(
  row: DataRow,
  report: RowReport,
  courses: CourseStore,
): Pick<StatedSession, 'course_id' | 'online'> {
  const values: Pick<StatedSession, 'course_id' | 'online'> = {};
  const courseText = row.text('course');
  if (courseText) {
    const course = courses.withCodeOrName(courseText);
    if (course) values.course_id = course.id;
    else report.problem('course', { code: 'courseUnknown', params: { value: courseText } });
  }
  // 线上/线下: a line without the column (or a blank cell) says nothing of the session's mode.
  if (row.text('mode')) {
    const online = optionalField(row, report, 'mode', parseMode);
    if (online !== undefined) values.online = online;
  }
  return values;
}

/** The columns of a sign-in sheet that state its session's values. */
const SESSION_COLUMNS = ['course', 'mode', 'teacher', 'venue'] as const;

/** What a line states when neither it nor its title says anything of its session (the common case). */
const NOTHING_STATED: StatedSession = Object.freeze({});

/** What a line states of its session: its own cells, else what the file's title says. */
function statedOnRow(
  row: Parameters<KindHandler['prepare']>[0],
  report: RowReport,
  courses: CourseStore,
  title: StatedSession,
): StatedSession {
  const columns = SESSION_COLUMNS.some((field) => row.has(field) && row.text(field) !== '');
  if (!columns) return Object.keys(title).length === 0 ? NOTHING_STATED : title;
  const stated: StatedSession = { ...title, ...courseAndMode(row, report, courses) };
  const teacher = row.written('teacher');
  if (teacher) stated.teacher = teacher;
  const venue = row.written('venue');
  if (venue) stated.venue = venue;
  return stated;
}

/**
 * A class roster before its first session (报名名单): one (class, trainee) per row, no date, no status. It
 * enrols; `attend` and the printed sign-in sheet start from it. An enrolment without a record counts in no figure
 * (statistics.md); the class sheet lists it as enrolled, never came.
 */
export function enrolmentHandler(
  context: SignInContext,
  defaults: Pick<AttendanceDefaults, 'classCode' | 'addUnknown'>,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  const { attendance } = context;
  const subjects = rowSubjects(context, defaults, writer, tally);
  return {
    beginFile({ header }: FileContext): FileNotes {
      const fromTitle: NonNullable<FileNotes['fromTitle']> = {};
      subjects.beginFile(header, fromTitle);
      return Object.keys(fromTitle).length > 0 ? { fromTitle } : {};
    },

    finish: () => attendance.write(),

    prepare(row, report): PreparedRow | undefined {
      const klass = subjects.classOf(row, report);
      const trainee = subjects.findTrainee(row, report);
      if (report.failed || !klass || !trainee) return undefined;
      const enrolled = attendance.enrolment(klass.id, trainee.id);
      // A cancelled class takes no one new; its existing enrolments (an exported roster) read as unchanged.
      if (klass.status === 'cancelled' && enrolled === undefined) {
        return report.problem('classCode', { code: 'enrolCancelledClass', params: { code: klass.code } });
      }
      return {
        existingId: enrolled,
        signature: '',
        write() {
          if (enrolled !== undefined) return { outcome: 'unchanged', id: enrolled };
          const id = attendance.enrol(writer, {
            class_id: klass.id,
            trainee_id: trainee.id,
            ...context.trainees.groupAt(trainee, klass.start_date),
          });
          return { outcome: 'inserted', id };
        },
      };
    },
  };
}

/**
 * A sign-in as its 备注 says it was: a signed line noted 迟到 or 早退 is late or left early, a blank one too (they
 * came); a blank line noted 请假 is excused. A note that contradicts the sign-in column (缺勤, noted 迟到) is refused.
 */
function notedStatus(
  row: Parameters<KindHandler['prepare']>[0],
  report: RowReport,
  signIn: { status: AttendanceStatus; blank: boolean },
): { status: AttendanceStatus; blank: boolean } | undefined {
  const note = row.has('note') ? row.text('note') : '';
  const noted = statusInNote(note);
  if (noted === undefined || noted === signIn.status) return signIn;
  if (noted === 'both') {
    report.problem('note', { code: 'noteLateAndEarly', params: { value: note } });
    return undefined;
  }
  if (signIn.blank) return { status: noted, blank: false };
  if (signIn.status === 'present' && noted !== 'excused') return { status: noted, blank: false };
  report.problem('note', {
    code: 'noteContradicts',
    params: { value: note, status: { code: `status.${signIn.status}` as MessageKey } },
  });
  return undefined;
}
