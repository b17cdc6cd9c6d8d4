/**
 * Mentoring pairs (带教, 以老带新) from a list: 带教人, 被带教人 (each by ID number, else by name as on a sign-in
 * sheet), 开始日期, 结束日期. A pair is the two people and the day it began: a later list that gives the same pair an
 * end date ends it; a pair whose days meet another of the same two people's is refused (it would count twice).
 */
import { mentorshipFrom, overlappingMentorship } from '../db/mentorships.js';
import type { Db } from '../db/handle.js';
import type { RowWriter } from '../db/rows.js';
import type { TraineeKey } from '../db/trainees.js';
import { rowSubjects, type AttendanceTally, type SignInContext } from './attendance.js';
import { parseDate } from './normalise.js';
import type { FileNotes, KindHandler, PreparedRow, RowReport } from './rows.js';
import { optionalField } from './trainees.js';

type Row = Parameters<KindHandler['prepare']>[0];

/** The columns of one of the pair, under the names a sign-in sheet's reader asks for. */
const PERSON_FIELDS = {
  mentor: { name: 'mentorName', idNumber: 'mentorIdNumber' },
  mentee: { name: 'menteeName', idNumber: 'menteeIdNumber' },
} as const;

export function mentoringHandler(
  db: Db,
  context: SignInContext,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  const subjects = rowSubjects(context, { addUnknown: false }, writer, tally);
  const person = (row: Row, report: RowReport, role: keyof typeof PERSON_FIELDS): TraineeKey | undefined => {
    const fields = PERSON_FIELDS[role];
    const renamed = { name: fields.name, idNumber: fields.idNumber };
    return subjects.findTrainee(personRow(row, renamed), report.forFields(renamed));
  };
  return {
    beginFile: (): FileNotes => ({}),
    prepare(row, report): PreparedRow | undefined {
      const mentor = person(row, report, 'mentor');
      const mentee = person(row, report, 'mentee');
      const from = optionalField(row, report, 'from', parseDate);
      if (!from && row.text('from') === '') report.problem('from', { code: 'required' });
      const to = optionalField(row, report, 'to', parseDate) ?? null;
      if (report.failed || !mentor || !mentee || !from) return undefined;
      if (mentor.id === mentee.id) return report.problem('menteeName', { code: 'mentorSelf' });
      if (to !== null && to < from)
        return report.problem('to', { code: 'mentorEndBeforeStart', params: { from, to } });
      const existing = mentorshipFrom(db, mentor.id, mentee.id, from);
      const clash = overlappingMentorship(db, mentor.id, mentee.id, from, to);
      if (clash && clash.id !== existing?.id)
        return report.problem('from', {
          code: 'mentorPaired',
          params: {
            mentor: mentor.name,
            mentee: mentee.name,
            from: clash.from_date,
            to: clash.to_date ?? '…',
          },
        });
      return {
        existingId: existing?.id,
        signature: to ?? '',
        write() {
          if (!existing) {
            const id = writer.insert('mentorships', {
              mentor_id: mentor.id,
              mentee_id: mentee.id,
              from_date: from,
              to_date: to,
            });
            return { outcome: 'inserted', id };
          }
          // A blank end date is no value: the list says nothing of the end the register holds.
          if (to === null || existing.to_date === to) return { outcome: 'unchanged', id: existing.id };
          writer.update('mentorships', existing, { to_date: to });
          return { outcome: 'updated', id: existing.id };
        },
      };
    },
  };
}

/** One of the pair as a row of their own: `name` and `idNumber` read from their columns, the rest shared. */
function personRow(row: Row, renamed: Readonly<Record<string, string>>): Row {
  const field = (asked: string) => renamed[asked] ?? asked;
  return {
    row: row.row,
    cells: row.cells,
    cell: (asked) => row.cell(field(asked)),
    text: (asked) => row.text(field(asked)),
    written: (asked) => row.written(field(asked)),
    has: (asked) => row.has(field(asked)),
  };
}
