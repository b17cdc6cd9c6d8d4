/** An online-learning platform's export (网络学习): hours a trainee earned outside any class. */
import type { KindSpec, RecordContext, RecordTable } from './spec.js';
import { OnlineLearningStore, onlineLearningRecords } from '../../db/online.js';
import { onlineHandler } from '../online.js';
import { ID_NUMBER, NAME, PHONE, UNIT_FIELDS } from './columns.js';

export const onlineKind: KindSpec<'online'> = {
  kind: 'online',
  // An online-learning platform's export: hours a trainee earned outside any class.
  fields: [
    NAME,
    ID_NUMBER,
    ...UNIT_FIELDS,
    PHONE,
    { field: 'course', headers: ['课程名称', '课程', '学习内容', 'course'] },
    { field: 'hours', headers: ['学时', '获得学时', '学习时长', 'hours'] },
    { field: 'completedOn', headers: ['完成日期', '完成时间', '学习日期', 'completed_on'] },
  ],
  required: [['idNumber', 'name'], ['course'], ['hours'], ['completedOn']],
  keyFields: ['idNumber', 'name'],
  ownColumns: ['completedOn'],
  titleWords: /网络学习|平台学时|在线学习/,
  handler: (setup) =>
    onlineHandler(setup.signIn(), new OnlineLearningStore(setup.db), setup.writer, setup.tally),
  records: ({ db, unitColumns, text }: RecordContext): RecordTable => {
    return {
      sheetName: '网络学习',
      head: ['姓名', '身份证号', '区', '街镇', '居村', '课程名称', '学时', '完成日期'],
      rows: onlineLearningRecords(db).map((record) => [
        record.name,
        text(record.idNumber),
        ...unitColumns(record.unitId),
        record.course,
        record.hours,
        record.completedOn,
      ]),
    };
  },
};
