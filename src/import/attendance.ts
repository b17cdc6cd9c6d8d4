/**
 * Sign-in sheets (签到表): one (class, trainee, date, slot) per row. The class, date and slot may come from
 * the command line, from the sheet's title, or from the class itself.
 */
import type { AttendanceStore } from '../db/attendance.js';
import type { ClassRow, ClassStore, CourseStore } from '../db/classes.js';
import type { RowWriter } from '../db/rows.js';
import type { TraineeKey } from '../db/trainees.js';
import { PeixunError, problem } from '../errors.js';
import {
  birthDateFromId,
  findDateInText,
  findSlotInText,
  genderFromId,
  nameKey,
  maskIdNumber,
  parseDate,
  parseHours,
  parseIdNumber,
  parsePhone,
  parseSlot,
  parseMode,
  parseStatus,
  textDateIso,
  type AttendanceStatus,
  type Problem,
  type Slot,
  type TextDate,
} from './normalise.js';
import { sessionDate, sessionSlot, titleDate } from './sessions.js';
import { unitProblemField, type UnitCells } from './units.js';
import {
  signatureOf,
  type FileContext,
  type FileNotes,
  type KindHandler,
  type PreparedRow,
  type RowReport,
} from './rows.js';
import {
  DEFAULT_CATEGORY,
  describeTrainee,
  optionalField,
  traineesNamed,
  unitCells,
  type TraineeMatchContext,
} from './trainees.js';

/** formats.md: at most 24 hours for one session. */
const MAX_SESSION_HOURS = 24;

export interface AttendanceDefaults {
  classCode?: string;
  date?: string;
  slot?: Slot;
  addUnknown: boolean;
}

export interface AttendanceTally {
  /** Rows whose status cell was empty: absent, as an unsigned line on a sign-in sheet. */
  blankStatus: number;
  /** Trainees created by `--add-unknown`. */
  addedTrainees: number;
  /** Sessions the import opened, as `K1 2023-07-17 上午`. */
  openedSessions: string[];
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

/** The one class whose code or name appears in the title; a name inside a longer matching name gives way. */
export function classFromTitle(title: string, classes: readonly ClassRow[]): ClassRow[] {
  const text = title.normalize('NFKC');
  const key = (name: string) => name.normalize('NFKC');
  const found = classes.filter(
    (candidate) => codeIn(text, candidate.code) || text.includes(key(candidate.name)),
  );
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
  attendance: AttendanceStore;
};

/**
 * What a sign-in row and a roster row share: the class (its own cell, `--class`, or the one class the sheet's
 * title names) and the trainee (by ID number, else by name within the unit, a phone telling namesakes apart).
 */
export function rowSubjects(
  context: SignInContext,
  defaults: Pick<AttendanceDefaults, 'classCode' | 'addUnknown'>,
  writer: RowWriter,
  tally: Pick<AttendanceTally, 'addedTrainees'>,
) {
  const { classes } = context;
  const optionClass = defaults.classCode ? classes.named(defaults.classCode) : undefined;
  if (defaults.classCode && !optionClass) {
    throw new PeixunError(problem('classOptionUnknown', { code: defaults.classCode }));
  }
  let fileClass: ClassRow | undefined;
  /** Class codes (or '' for no class at all) already said to be missing in this file. */
  let fileMissing = new Set<string>();

  const findTrainee = (
    row: Parameters<KindHandler['prepare']>[0],
    report: RowReport,
  ): TraineeKey | undefined => {
    const name = row.text('name');
    const phone = optionalField(row, report, 'phone', parsePhone);
    const cells = unitCells(row);
    const unitField = row.has('unit') ? 'unit' : 'community';
    if (row.text('idNumber') !== '') {
      const idNumber = optionalField(row, report, 'idNumber', parseIdNumber);
      if (!idNumber) return undefined;
      const trainee = context.trainees.withIdNumber(idNumber);
      if (trainee) {
        if (name && nameKey(name) !== nameKey(trainee.name)) {
          report.warn('name', { code: 'nameDisagrees', params: { value: name, registered: trainee.name } });
        }
        return trainee;
      }
      if (!defaults.addUnknown) {
        return report.problem('idNumber', {
          code: 'traineeUnknownId',
          params: { value: maskIdNumber(idNumber) },
        });
      }
      if (!name) return report.problem('name', { code: 'required' });
      return addTrainee(row, report, { name, idNumber, phone, cells, unitField });
    }
    const unit = context.units.resolve(cells, undefined);
    let candidates = unit.ok ? traineesNamed(context, name, unit.value) : [];
    // A phone on the sheet tells namesakes apart.
    if (candidates.length > 1 && phone) {
      const digits = (text: string | null) => text?.replace(/\D/g, '').slice(-11) ?? '';
      const withPhone = candidates.filter(
        (candidate) => digits(context.trainees.row(candidate).phone) === digits(phone),
      );
      if (withPhone.length > 0) candidates = withPhone;
    }
    if (candidates.length === 1) return candidates[0];
    if (candidates.length > 1) {
      const list = candidates
        .map((trainee) => describeTrainee(trainee, context.units, context.unitOf))
        .join('; ');
      return report.problem('name', { code: 'traineeAmbiguous', params: { name, candidates: list } });
    }
    if (defaults.addUnknown) return addTrainee(row, report, { name, phone, cells, unitField });
    if (!unit.ok) return report.problem(unitProblemField(cells, unit.problem, unitField), unit.problem);
    return report.problem('name', { code: 'traineeUnknownName', params: { name } });
  };

  /** `--add-unknown`: a trainee from what the sign-in row says of them. */
  const addTrainee = (
    row: Parameters<KindHandler['prepare']>[0],
    report: RowReport,
    given: { name: string; idNumber?: string; phone?: string; cells: UnitCells; unitField: string },
  ): TraineeKey | undefined => {
    const created = context.units.resolve(given.cells, { batchId: writer.batchId });
    if (!created.ok)
      return report.problem(unitProblemField(given.cells, created.problem, given.unitField), created.problem);
    tally.addedTrainees++;
    return context.trainees.insert(writer, {
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
  };

  return {
    /** The file's class when its rows name none: `--class`, else the title's; noted in `fromTitle`. */
    beginFile(header: FileContext['header'], fromTitle: NonNullable<FileNotes['fromTitle']>) {
      fileMissing = new Set();
      fileClass = optionClass;
      if (!fileClass && !header.mapping.columns.has('classCode')) {
        const found = classFromTitle(header.titleText, classes.all());
        if (found.length === 1) {
          fileClass = found[0];
          fromTitle.classCode = found[0]?.code;
        }
      }
      return fileClass;
    },
    classOf(row: Parameters<KindHandler['prepare']>[0], report: RowReport): ClassRow | undefined {
      const code = row.text('classCode');
      const klass = code ? classes.named(code) : fileClass;
      // formats.md: a class missing from the register is said once per file, not once per row.
      if (!klass) {
        const missing: Problem = code
          ? { code: 'classUnknown', params: { value: code } }
          : { code: 'classMissing' };
        report.problem('classCode', missing, fileMissing.has(code));
        fileMissing.add(code);
      }
      return klass;
    },
    findTrainee,
  };
}

export function attendanceHandler(
  context: SignInContext,
  defaults: AttendanceDefaults,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  const { attendance } = context;
  const subjects = rowSubjects(context, defaults, writer, tally);
  let fileClass: ClassRow | undefined;
  let fileDate: TextDate | undefined;
  let fileSlot: Slot | undefined;
  /** The file's notes: a title date without a year is told in full once a row's class gives the year. */
  let fileTitle: NonNullable<FileNotes['fromTitle']> = {};
  const optionDate = defaults.date;

  return {
    beginFile({ header }: FileContext): FileNotes {
      const fromTitle: NonNullable<FileNotes['fromTitle']> = {};
      fileTitle = fromTitle;
      fileClass = subjects.beginFile(header, fromTitle);
      // A blank cell of a date or slot column is no value for that row: the title still speaks for it.
      fileDate = optionDate ? undefined : findDateInText(header.titleText);
      if (fileDate) {
        if (fileClass) fromTitle.date = titleDate(fileDate, fileClass);
        else if (fileDate.year !== undefined) fromTitle.date = textDateIso(fileDate, fileDate.year);
        else fromTitle.date = textDateIso(fileDate, 0).replace(/^0+-/, '');
      }
      fileSlot = defaults.slot || findSlotInText(header.titleText) || undefined;
      if (!defaults.slot && fileSlot) fromTitle.slot = fileSlot;
      return Object.keys(fromTitle).length > 0 ? { fromTitle } : {};
    },

    finish: () => attendance.write(),

    prepare(row, report): PreparedRow | undefined {
      const klass = subjects.classOf(row, report);
      const rowDate = optionalField(row, report, 'date', parseDate);
      const rowSlot = row.text('slot') ? optionalField(row, report, 'slot', parseSlot) : undefined;
      const name = row.text('name');
      const status = row.has('status')
        ? (optionalField(row, report, 'status', (cell) => parseStatus(cell, name)) ??
          (row.text('status') === '' ? { status: 'absent' as AttendanceStatus, blank: true } : undefined))
        : { status: 'present' as AttendanceStatus, blank: false };
      const hours = optionalField(row, report, 'hours', (cell) => parseHours(cell, MAX_SESSION_HOURS));
      const courseText = row.text('course');
      const course = courseText ? context.courses.withCodeOrName(courseText) : undefined;
      if (courseText && !course)
        report.problem('course', { code: 'courseUnknown', params: { value: courseText } });
      // 线上/线下: a sheet without the column (or a blank cell) leaves a recorded session as it was, a new one 线下.
      const online = row.text('mode') ? optionalField(row, report, 'mode', parseMode) : undefined;
      // 授课教师 likewise: a name as written, else the session's teacher as recorded.
      const teacher = row.written('teacher') || undefined;
      const venue = row.written('venue') || undefined;
      const trainee = subjects.findTrainee(row, report);
      if (report.failed || !klass || !trainee || !status) return undefined;
      const fromTitleDate = fileDate ? titleDate(fileDate, klass) : undefined;
      // A title date without a year (`07-12` so far) is told in full once a row's class has given the year.
      const yearless = fileTitle.date !== undefined && !/^\d{4}-/.test(fileTitle.date);
      if (!rowDate && !optionDate && fromTitleDate && yearless) fileTitle.date = fromTitleDate;
      const dated = sessionDate(klass, rowDate ?? optionDate ?? fromTitleDate);
      if (!dated.ok) return report.problem('date', dated.problem);
      const slotted = sessionSlot(
        attendance.sessionSlots(klass.id, dated.value),
        dated.value,
        rowSlot || fileSlot,
      );
      if (!slotted.ok) return report.problem('slot', slotted.problem);
      const date = dated.value;
      const slot = slotted.value;
      const storedHours = hours ?? null;
      const enrolled = attendance.enrolment(klass.id, trainee.id);
      const existing = enrolled === undefined ? undefined : attendance.record(enrolled, date, slot);
      return {
        existingId: existing?.id,
        signature: signatureOf([status.status, storedHours, course?.id, online, teacher, venue]),
        write() {
          if (status.blank) tally.blankStatus++;
          if (!existing) {
            const enrolment =
              enrolled ??
              attendance.enrol(writer, {
                class_id: klass.id,
                trainee_id: trainee.id,
                ...context.trainees.groupAt(trainee, klass.start_date),
              });
            const opens = !attendance.sessionSlots(klass.id, date).has(slot);
            const id = attendance.insertRecord(writer, klass.id, {
              enrolment_id: enrolment,
              date,
              slot,
              status: status.status,
              hours: storedHours,
              course_id: course?.id ?? null,
              online: online ?? 0,
              teacher: teacher ?? null,
              venue: venue ?? null,
            });
            if (opens) tally.openedSessions.push(`${klass.code} ${date} ${slot}`.trim());
            return { outcome: 'inserted', id };
          }
          // A sheet without a course column leaves the session's course as recorded.
          const courseId = course ? course.id : existing.course_id;
          const onlineNow = online ?? existing.online;
          const teacherNow = teacher ?? existing.teacher;
          const venueNow = venue ?? existing.venue;
          if (
            existing.status === status.status &&
            existing.hours === storedHours &&
            existing.course_id === courseId &&
            existing.online === onlineNow &&
            existing.teacher === teacherNow &&
            existing.venue === venueNow
          ) {
            return { outcome: 'unchanged', id: existing.id };
          }
          attendance.updateRecord(writer, existing, {
            status: status.status,
            hours: storedHours,
            course_id: courseId,
            online: onlineNow,
            teacher: teacherNow,
            venue: venueNow,
          });
          return { outcome: 'updated', id: existing.id };
        },
      };
    },
  };
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
