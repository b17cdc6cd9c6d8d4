/** A sign-in sheet (签到表), typed up or filled in: who came to which session. */
import type { KindSpec, RecordContext, RecordTable } from './spec.js';
import { attendanceRecords } from '../../db/records.js';
import { lateGraceMinutes } from '../../db/settings.js';
import { attendanceHandler } from '../attendance.js';
import {
  ATTENDANCE_STATUS,
  CATEGORY,
  CLASS_CODE,
  ID_NUMBER,
  MODE_HEADERS,
  NAME,
  PHONE,
  POSITION,
  TEACHER_HEADERS,
  UNIT_FIELDS,
} from './columns.js';

export const attendanceKind: KindSpec<'attendance'> = {
  kind: 'attendance',
  fields: [
    CLASS_CODE,
    { field: 'date', headers: ['日期', '签到日期', '上课日期', '培训日期', 'date'] },
    // A day of the week beside the date, checked against it (formats.md).
    { field: 'weekday', headers: ['星期', '星期几', '周几', 'weekday'] },
    { field: 'slot', headers: ['时段', '课程时段', '场次', '时间段', 'session'] },
    ID_NUMBER,
    NAME,
    ...UNIT_FIELDS,
    // A phone tells namesakes apart; with --add-unknown, phone, position and category describe a new trainee.
    PHONE,
    POSITION,
    CATEGORY,
    {
      field: 'status',
      headers: [
        '签到状态',
        '出勤情况',
        '考勤',
        '签到',
        '状态',
        '签到情况',
        '考勤情况',
        '出勤状态',
        '考勤状态',
        'status',
      ],
      // Paper sheets' columns, typed up: a signature (the person's name); blank, absent.
      otherwise: ['签名', '签字', '本人签名', '学员签名', '签到签名'],
      // And any header that names signatures or the sign-in itself, not its time, date, place or way
      // (本人签字（请工整）, 签到栏, 签到处): left out, it counted every line present, an unsigned one too.
      otherwiseLike: /签名|签字|^(?!.*(?:时间|时刻|日期|地点|方式|码)).*签到/u,
    },
    // When they signed in: the sign-in itself where no other column is (blank, absent), and late after the
    // session's start (formats.md, Sessions and the timetable).
    { field: 'signedAt', headers: ['签到时间', '签到时刻', '到场时间', 'sign_in_time', 'signed_at'] },
    // 迟到, 早退 or 请假 written beside a signature rather than in place of it.
    { field: 'note', headers: ['备注', '说明', '情况说明', 'note', 'remarks'] },
    { field: 'hours', headers: ['学时', '获得学时', 'hours'] },
    { field: 'course', headers: ['课程编号', '课程', '课程名称', 'course'] },
    { field: 'mode', headers: MODE_HEADERS },
    { field: 'teacher', headers: TEACHER_HEADERS },
    { field: 'venue', headers: ['地点', '培训地点', '上课地点', 'venue'] },
  ],
  required: [['idNumber', 'name']],
  keyFields: ['idNumber', 'name'],
  ownColumns: ['status', 'signedAt'],
  titleWords: /签到|考勤|补签/,
  handler: (setup) =>
    attendanceHandler(
      setup.signIn(),
      { ...setup.options, lateGraceMinutes: lateGraceMinutes(setup.db) },
      setup.writer,
      setup.tally,
    ),
  records: ({ db, unitColumns, text, number }: RecordContext): RecordTable => {
    return {
      sheetName: '签到',
      head: [
        '班级编号',
        '日期',
        '时段',
        '身份证号',
        '姓名',
        '区',
        '街镇',
        '居村',
        '签到状态',
        '学时',
        '课程编号',
        '线上线下',
        '授课教师',
        '地点',
      ],
      rows: attendanceRecords(db).map((record) => [
        record.classCode,
        record.date,
        record.slot,
        text(record.idNumber),
        record.name,
        ...unitColumns(record.unitId),
        ATTENDANCE_STATUS[record.status] ?? record.status,
        number(record.hours),
        text(record.courseCode),
        record.online ? '线上' : '线下',
        text(record.teacher),
        text(record.venue),
      ]),
    };
  },
};
