/**
 * An online-learning platform's export (网络学习): 姓名, 身份证号, 课程名称, 学时, 完成日期 per row. The hours are
 * the trainee's (their record, their yearly hours, 学时 by their group), never a class, a session or attendance. A
 * person is found as on a sign-in sheet: by ID number, else by name within the unit; no one is made up.
 */
import { MAX_CLASS_HOURS } from '../domain/attendance.js';
import type { OnlineLearningStore } from '../db/online.js';
import type { RowWriter } from '../db/rows.js';
import { rowSubjects, type AttendanceTally, type SignInContext } from './attendance.js';
import { parseDate, parseHours } from './normalise.js';
import { requiredTexts, type FileNotes, type KindHandler, type PreparedRow } from './rows.js';
import { optionalField } from './trainees.js';

export function onlineHandler(
  context: SignInContext,
  online: OnlineLearningStore,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  const subjects = rowSubjects(context, { addUnknown: false }, writer, tally);
  return {
    beginFile: (): FileNotes => ({}),
    prepare(row, report): PreparedRow | undefined {
      requiredTexts(row, report, 'course', 'hours', 'completedOn');
      const course = row.written('course');
      const hours = optionalField(row, report, 'hours', (cell) => parseHours(cell, MAX_CLASS_HOURS));
      const completedOn = optionalField(row, report, 'completedOn', parseDate);
      const trainee = subjects.findTrainee(row, report);
      if (report.failed || !trainee || hours === undefined || !completedOn) return undefined;
      const existing = online.existing(trainee.id, course, completedOn);
      return {
        existingId: existing?.id,
        signature: String(hours),
        write() {
          if (!existing) {
            const id = online.insert(writer, {
              trainee_id: trainee.id,
              course,
              hours,
              completed_on: completedOn,
            });
            return { outcome: 'inserted', id };
          }
          if (existing.hours === hours) return { outcome: 'unchanged', id: existing.id };
          online.update(writer, existing, hours);
          return { outcome: 'updated', id: existing.id };
        },
      };
    },
  };
}
