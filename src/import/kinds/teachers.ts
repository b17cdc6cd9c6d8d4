/** Teachers (师资库). */
import type { KindSpec, RecordContext, RecordTable } from './spec.js';
import { TeacherStore, everyTeacher } from '../../db/teachers.js';
import { teacherHandler } from '../teachers.js';
import { PHONE } from './columns.js';

export const teachersKind: KindSpec<'teachers'> = {
  kind: 'teachers',
  fields: [
    { field: 'name', headers: ['姓名', '教师姓名', '教师', 'name'] },
    { field: 'type', headers: ['类型', '教师类型', '师资类型', 'type'] },
    { field: 'unit', headers: ['单位', '所在单位', '工作单位', 'unit'] },
    { field: 'specialty', headers: ['专长', '研究方向', '擅长领域', 'specialty'] },
    PHONE,
  ],
  required: [['name']],
  keyFields: ['name'],
  ownColumns: ['specialty', 'type'],
  titleWords: /师资|教师|讲师/,
  handler: (setup) => teacherHandler(new TeacherStore(setup.db), setup.writer),
  records: ({ db, text }: RecordContext): RecordTable => {
    return {
      sheetName: '师资',
      head: ['姓名', '类型', '单位', '专长', '联系电话'],
      rows: everyTeacher(db).map((teacher) => [
        teacher.name,
        text(teacher.type),
        text(teacher.unit),
        text(teacher.specialty),
        text(teacher.phone),
      ]),
    };
  },
};
