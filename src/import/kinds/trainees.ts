/** A roster (花名册): the people, their ID numbers, units, positions and categories. */
import type { KindSpec, RecordContext, RecordTable } from './spec.js';
import { traineeRecords } from '../../db/records.js';
import { traineeHandler } from '../trainees.js';
import { CATEGORY, ID_NUMBER, NAME, PHONE, POSITION, UNIT_FIELDS } from './columns.js';

export const traineesKind: KindSpec<'trainees'> = {
  kind: 'trainees',
  fields: [
    NAME,
    ID_NUMBER,
    { field: 'gender', headers: ['性别', 'gender', 'sex'] },
    { field: 'birthDate', headers: ['出生日期', 'birth_date'] },
    PHONE,
    ...UNIT_FIELDS,
    POSITION,
    CATEGORY,
  ],
  required: [['name']],
  keyFields: ['name', 'idNumber'],
  titleWords: /花名册|学员名册|人员名册|人员信息|学员信息/,
  handler: (setup) => traineeHandler(setup.matching(), setup.writer),
  records: ({ db, unitColumns, text }: RecordContext): RecordTable => {
    return {
      sheetName: '学员',
      head: ['姓名', '身份证号', '性别', '出生日期', '手机号', '区', '街镇', '居村', '职务', '人员类别'],
      rows: traineeRecords(db).map((trainee) => [
        trainee.name,
        text(trainee.idNumber),
        text(trainee.gender),
        text(trainee.birthDate),
        text(trainee.phone),
        ...unitColumns(trainee.unitId),
        text(trainee.position),
        trainee.category,
      ]),
    };
  },
};
