/**
 * A timetable (课表): one session a row, before anyone signs in. Each row makes its session or states its values
 * (a blank cell states nothing); a planned session counts in no figure until someone signs in to it.
 */
import type { ClassRow } from '../db/classes.js';
import type { RowWriter } from '../db/rows.js';
import type { SessionValues } from '../db/sessions.js';
import type { AttendanceDefaults, AttendanceTally, SignInContext } from './attendance.js';
import { courseAndMode, dayOfClass, rowSubjects, slotOnRow } from './attendance.js';
import {
  parseClock,
  parseClockRange,
  parseHours,
  parseSessionDay,
  slotFromClock,
  weekdayOnDate,
} from './normalise.js';
import { type Slot, MAX_SESSION_HOURS } from '../domain/attendance.js';
import {
  signatureOf,
  type DataRow,
  type FileContext,
  type FileNotes,
  type KindHandler,
  type PreparedRow,
  type RowReport,
} from './rows.js';
import { dateOutside, sessionSlot } from './sessions.js';
import { optionalField } from './trainees.js';

export function timetableHandler(
  context: SignInContext,
  defaults: Pick<AttendanceDefaults, 'classCode'>,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  const { sessions, courses } = context;
  const subjects = rowSubjects(context, { ...defaults, addUnknown: false }, writer, tally);
  return {
    beginFile({ header }: FileContext): FileNotes {
      const fromTitle: NonNullable<FileNotes['fromTitle']> = {};
      subjects.beginFile(header, fromTitle);
      return Object.keys(fromTitle).length > 0 ? { fromTitle } : {};
    },

    prepare(row, report): PreparedRow | undefined {
      const klass: ClassRow | undefined = subjects.classOf(row, report);
      const day = row.text('date') ? optionalField(row, report, 'date', parseSessionDay) : undefined;
      if (!row.text('date')) report.problem('date', { code: 'required' });
      const date = klass && day ? dayOfClass(day.date, klass, row, report) : undefined;
      const wrongDay = date && row.has('weekday') ? weekdayOnDate(row.cell('weekday'), date) : undefined;
      if (wrongDay) report.problem('weekday', wrongDay);
      const { start, end } = timesOnRow(row, report);
      const givenSlot = slotOnRow(row, report, day?.slot);
      const hours = row.text('hours')
        ? optionalField(row, report, 'hours', (cell) => parseHours(cell, MAX_SESSION_HOURS))
        : undefined;
      const values: SessionValues = courseAndMode(row, report, courses);
      if (report.failed || !klass || !date) return undefined;
      const outside = dateOutside(klass, date);
      if (outside) return report.problem('date', outside);
      // formats.md: without a slot of its own, a session takes it from its start time.
      const slotGiven: Slot | undefined = givenSlot || (start ? slotFromClock(start) : undefined);
      const slotted = sessionSlot(sessions.slotsOn(klass.id, date), klass, date, slotGiven);
      if (!slotted.ok) return report.problem('slot', slotted.problem);
      const slot = slotted.value;
      if (start) values.start_time = start;
      if (end) values.end_time = end;
      if (hours !== undefined) values.hours = hours;
      const teacher = row.written('teacher');
      if (teacher) values.teacher = teacher;
      const venue = row.written('venue');
      if (venue) values.venue = venue;
      const existing = sessions.find(klass.id, date, slot);
      return {
        existingId: existing?.id,
        signature: signatureOf([
          values.start_time,
          values.end_time,
          values.hours,
          values.course_id,
          values.teacher,
          values.venue,
          values.online,
        ]),
        write() {
          const recorded = sessions.find(klass.id, date, slot);
          if (!recorded) {
            const session = sessions.insert(writer, { class_id: klass.id, date, slot, ...values });
            tally.openedSessions.push(`${klass.code} ${date} ${slot}`.trim());
            return { outcome: 'inserted', id: session.id };
          }
          const changes = sessions.update(writer, recorded, values);
          return { outcome: Object.keys(changes).length > 0 ? 'updated' : 'unchanged', id: recorded.id };
        },
      };
    },
  };
}

/** A session's start and end: their own columns, else a 时间 column's range (`09:00-11:30`). */
function timesOnRow(row: DataRow, report: RowReport): { start?: string; end?: string } {
  let start = row.text('start') ? optionalField(row, report, 'start', parseClock) : undefined;
  let end = row.text('end') ? optionalField(row, report, 'end', parseClock) : undefined;
  if (row.text('time')) {
    const range = optionalField(row, report, 'time', parseClockRange);
    start ??= range?.start;
    end ??= range?.end;
  }
  if (start && end && end <= start)
    report.problem('end', { code: 'clockRangeOrder', params: { value: `${start}-${end}` } });
  return { start, end };
}
