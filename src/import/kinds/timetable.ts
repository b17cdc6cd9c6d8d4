/** A timetable (课表): the sessions of a class before anyone signs in. */
import type { KindSpec, RecordContext, RecordTable } from './spec.js';
import { sessionRecords } from '../../db/records.js';
import { timetableHandler } from '../timetable.js';
import { CLASS_CODE, MODE_HEADERS, TEACHER_HEADERS } from './columns.js';

export const timetableKind: KindSpec<'timetable'> = {
  kind: 'timetable',
  // A timetable (课表): the sessions of a class before anyone signs in.
  fields: [
    CLASS_CODE,
    { field: 'date', headers: ['日期', '上课日期', '培训日期', 'date'] },
    // A day of the week beside the date, checked against it (formats.md).
    { field: 'weekday', headers: ['星期', '星期几', '周几', 'weekday'] },
    { field: 'slot', headers: ['时段', '课程时段', '场次', 'session'] },
    { field: 'time', headers: ['上课时间', '时间', '授课时间', 'time'] },
    { field: 'start', headers: ['开始时间', '起始时间', 'start_time', 'start'] },
    { field: 'end', headers: ['结束时间', 'end_time', 'end'] },
    { field: 'hours', headers: ['学时', '课时', 'hours'] },
    { field: 'course', headers: ['课程', '课程名称', '课程编号', 'course'] },
    { field: 'teacher', headers: TEACHER_HEADERS },
    { field: 'venue', headers: ['地点', '上课地点', '培训地点', 'venue'] },
    { field: 'mode', headers: [...MODE_HEADERS, '授课方式'] },
  ],
  required: [['date'], ['time', 'start', 'slot', 'course', 'teacher']],
  keyFields: ['date', 'course', 'teacher', 'time', 'start'],
  ownColumns: ['time', 'start', 'end'],
  titleWords: /课表|课程表|日程/,
  handler: (setup) =>
    timetableHandler(setup.signIn(), { classCode: setup.options.classCode }, setup.writer, setup.tally),
  records: ({ db, text, number }: RecordContext): RecordTable => {
    return {
      sheetName: '课表',
      head: [
        '班级编号',
        '日期',
        '时段',
        '开始时间',
        '结束时间',
        '学时',
        '课程',
        '授课教师',
        '地点',
        '线上线下',
      ],
      rows: sessionRecords(db).map((session) => [
        session.classCode,
        session.date,
        session.slot,
        text(session.startTime),
        text(session.endTime),
        number(session.hours),
        text(session.courseCode),
        text(session.teacher),
        text(session.venue),
        session.online ? '线上' : '线下',
      ]),
    };
  },
};
