/**
 * Sign-in sheets (签到表): one (class, trainee, date, slot) per row. The class, date and slot may come from
 * the command line, from the sheet's title, or from the class itself.
 */
import type { AttendanceStore } from '../db/attendance.js';
import type { ClassRow, ClassStore, CourseStore } from '../db/classes.js';
import type { RowWriter } from '../db/rows.js';
import type { TraineeKey } from '../db/trainees.js';
import { PeixunError } from '../errors.js';
import type { Translator } from '../i18n/index.js';
import {
  findDateInText,
  findSlotInText,
  parseDate,
  parseHours,
  parseIdNumber,
  parseSlot,
  parseStatus,
  type AttendanceStatus,
  type Slot,
} from './normalise.js';
import type { FileContext, FileNotes, KindHandler, PreparedRow, RowReport } from './rows.js';
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
}

/** The one class whose code or name appears in the title; a name inside a longer matching name gives way. */
export function classFromTitle(title: string, classes: readonly ClassRow[]): ClassRow[] {
  const text = title.normalize('NFKC');
  const found = classes.filter((candidate) => text.includes(candidate.code) || text.includes(candidate.name));
  return found.filter(
    (candidate) =>
      !found.some(
        (other) =>
          other !== candidate && other.name.includes(candidate.name) && other.name !== candidate.name,
      ),
  );
}

export function attendanceHandler(
  context: TraineeMatchContext & {
    classes: ClassStore;
    courses: CourseStore;
    attendance: AttendanceStore;
    t: Translator;
  },
  defaults: AttendanceDefaults,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  const { classes, attendance } = context;
  const optionClass = defaults.classCode ? classes.withCode(defaults.classCode) : undefined;
  if (defaults.classCode && !optionClass) {
    throw new PeixunError(context.t('classOptionUnknown', { code: defaults.classCode }));
  }
  let fileClass: ClassRow | undefined;
  let fileDate: string | undefined;
  let fileSlot: Slot = '';

  const findTrainee = (
    row: Parameters<KindHandler['prepare']>[0],
    report: RowReport,
  ): TraineeKey | undefined => {
    const name = row.text('name');
    if (row.text('idNumber') !== '') {
      const idNumber = optionalField(row, report, 'idNumber', parseIdNumber);
      if (!idNumber) return undefined;
      const trainee = context.trainees.withIdNumber(idNumber);
      if (!trainee)
        return report.problem('idNumber', { key: 'traineeUnknownId', params: { value: idNumber } });
      if (name && name !== trainee.name) {
        report.warn('name', { key: 'nameDisagrees', params: { value: name, registered: trainee.name } });
      }
      return trainee;
    }
    const cells = unitCells(row);
    const unitField = row.has('unit') ? 'unit' : 'community';
    const unit = context.units.resolve(cells, undefined);
    const candidates = unit.ok ? traineesNamed(context, name, unit.value) : [];
    if (candidates.length === 1) return candidates[0];
    if (candidates.length > 1) {
      const list = candidates
        .map((trainee) => describeTrainee(trainee, context.units, context.unitOf))
        .join('; ');
      return report.problem('name', { key: 'traineeAmbiguous', params: { name, candidates: list } });
    }
    if (defaults.addUnknown) {
      const created = context.units.resolve(cells, { batchId: writer.batchId });
      if (!created.ok) return report.problem(unitField, created.problem);
      tally.addedTrainees++;
      return context.trainees.insert(writer, {
        id_number: null,
        name,
        gender: null,
        birth_date: null,
        phone: null,
        unit_id: created.value?.id ?? null,
        position: null,
        category: DEFAULT_CATEGORY,
        left_on: null,
      });
    }
    if (!unit.ok) return report.problem(unitField, unit.problem);
    return report.problem('name', { key: 'traineeUnknownName', params: { name } });
  };

  return {
    beginFile({ header }: FileContext): FileNotes {
      const fromTitle: NonNullable<FileNotes['fromTitle']> = {};
      fileClass = optionClass;
      if (!fileClass && !header.mapping.columns.has('classCode')) {
        const found = classFromTitle(header.titleText, classes.all());
        if (found.length === 1) {
          fileClass = found[0];
          fromTitle.classCode = found[0]?.code;
        }
      }
      fileDate = defaults.date;
      if (!fileDate && !header.mapping.columns.has('date')) {
        fileDate = findDateInText(header.titleText);
        if (fileDate) fromTitle.date = fileDate;
      }
      fileSlot = defaults.slot ?? '';
      if (!defaults.slot && !header.mapping.columns.has('slot')) {
        fileSlot = findSlotInText(header.titleText);
        if (fileSlot) fromTitle.slot = fileSlot;
      }
      return Object.keys(fromTitle).length > 0 ? { fromTitle } : {};
    },

    prepare(row, report): PreparedRow | undefined {
      const code = row.text('classCode');
      const klass = code ? classes.withCode(code) : fileClass;
      if (code && !klass) report.problem('classCode', { key: 'classUnknown', params: { value: code } });
      if (!code && !klass) report.problem('classCode', { key: 'classMissing' });
      const date = optionalField(row, report, 'date', parseDate) ?? (row.text('date') ? undefined : fileDate);
      const slot = row.text('slot') ? optionalField(row, report, 'slot', parseSlot) : fileSlot;
      const name = row.text('name');
      const status = row.has('status')
        ? (optionalField(row, report, 'status', (cell) => parseStatus(cell, name)) ??
          (row.text('status') === '' ? { status: 'absent' as AttendanceStatus, blank: true } : undefined))
        : { status: 'present' as AttendanceStatus, blank: false };
      const hours = optionalField(row, report, 'hours', (cell) => parseHours(cell, MAX_SESSION_HOURS));
      const courseText = row.text('course');
      const course = courseText ? context.courses.withCodeOrName(courseText) : undefined;
      if (courseText && !course)
        report.problem('course', { key: 'courseUnknown', params: { value: courseText } });
      const trainee = findTrainee(row, report);
      if (report.failed || !klass || !trainee || !status || slot === undefined) return undefined;
      const sessionDate = date ?? klass.start_date;
      if (sessionDate < klass.start_date || (klass.end_date && sessionDate > klass.end_date)) {
        report.warn('date', {
          key: 'dateOutsideClass',
          params: { date: sessionDate, code: klass.code, start: klass.start_date, end: klass.end_date ?? '' },
        });
      }
      const storedHours = hours ?? null;
      const enrolled = attendance.enrolment(klass.id, trainee.id);
      const existing = enrolled === undefined ? undefined : attendance.record(enrolled, sessionDate, slot);
      return {
        existingId: existing?.id,
        signature: `${status.status}|${storedHours}|${course?.id ?? ''}`,
        write() {
          if (status.blank) tally.blankStatus++;
          if (!existing) {
            const enrolment =
              enrolled ??
              attendance.enrol(writer, {
                class_id: klass.id,
                trainee_id: trainee.id,
                unit_id: trainee.unit_id,
                category: trainee.category,
              });
            const id = attendance.insertRecord(writer, {
              enrolment_id: enrolment,
              date: sessionDate,
              slot,
              status: status.status,
              hours: storedHours,
              course_id: course?.id ?? null,
            });
            return { outcome: 'inserted', id };
          }
          // A sheet without a course column leaves the session's course as recorded.
          const courseId = course ? course.id : existing.course_id;
          if (
            existing.status === status.status &&
            existing.hours === storedHours &&
            existing.course_id === courseId
          ) {
            return { outcome: 'unchanged', id: existing.id };
          }
          attendance.updateRecord(writer, existing, {
            status: status.status,
            hours: storedHours,
            course_id: courseId,
          });
          return { outcome: 'updated', id: existing.id };
        },
      };
    },
  };
}
