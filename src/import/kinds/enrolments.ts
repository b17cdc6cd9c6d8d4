/** A class's roster before its first session (报名名单): who is enrolled. */
import type { KindSpec, RecordContext, RecordTable } from './spec.js';
import { enrolmentRecords } from '../../db/records.js';
import { enrolmentHandler } from '../attendance.js';
import { CATEGORY, CLASS_CODE, ID_NUMBER, NAME, PHONE, POSITION, UNIT_FIELDS } from './columns.js';

export const enrolmentsKind: KindSpec<'enrolments'> = {
  kind: 'enrolments',
  // A roster before the first session: who is enrolled in which class, told apart as on a sign-in sheet.
  fields: [CLASS_CODE, ID_NUMBER, NAME, ...UNIT_FIELDS, PHONE, POSITION, CATEGORY],
  required: [['idNumber', 'name']],
  keyFields: ['idNumber', 'name'],
  titleWords: /报名|参训名单|学员名单|名单/,
  handler: (setup) =>
    enrolmentHandler(
      setup.signIn(),
      { classCode: setup.options.classCode, addUnknown: setup.options.addUnknown },
      setup.writer,
      setup.tally,
    ),
  records: ({ db, unitColumns, text }: RecordContext): RecordTable => {
    return {
      sheetName: '报名',
      head: ['班级编号', '身份证号', '姓名', '区', '街镇', '居村', '人员类别'],
      rows: enrolmentRecords(db).map((enrolment) => [
        enrolment.classCode,
        text(enrolment.idNumber),
        enrolment.name,
        ...unitColumns(enrolment.unitId),
        enrolment.category,
      ]),
    };
  },
};
