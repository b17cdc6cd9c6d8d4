/** Courses (课程) that sessions name. */
import type { KindSpec, RecordContext, RecordTable } from './spec.js';
import { CourseStore } from '../../db/classes.js';
import { courseRecords } from '../../db/records.js';
import { courseHandler } from '../courses.js';

export const coursesKind: KindSpec<'courses'> = {
  kind: 'courses',
  fields: [
    { field: 'code', headers: ['课程编号', '编号', 'course_code', 'code'] },
    { field: 'name', headers: ['课程名称', '名称', '课程', 'course_name', 'name'] },
    { field: 'category', headers: ['课程类别', '类别', '课程类型', 'category'] },
    { field: 'hours', headers: ['学时', '课时', 'hours'] },
    { field: 'teacher', headers: ['授课教师', '教师', '主讲人', '授课人', 'teacher'] },
    { field: 'method', headers: ['教学方式', '方式', '授课方式', 'method'] },
  ],
  required: [['code'], ['name']],
  keyFields: ['code', 'name'],
  ownColumns: ['category', 'hours', 'method', 'teacher'],
  titleWords: /课程/,
  handler: (setup) => courseHandler(new CourseStore(setup.db), setup.writer),
  records: ({ db, text, number }: RecordContext): RecordTable => {
    return {
      sheetName: '课程',
      head: ['课程编号', '课程名称', '课程类别', '学时', '授课教师', '教学方式'],
      rows: courseRecords(db).map((course) => [
        course.code,
        course.name,
        text(course.category),
        number(course.hours),
        text(course.teacher),
        text(course.method),
      ]),
    };
  },
};
