/**
 * The register as files in the import formats (formats.md, canonical headers), so that an export imports
 * back into an empty database to the same content. Records carry ID numbers and phones whole: they must.
 */
import type { Db } from '../db/handle.js';
import {
  attendanceRecords,
  enrolmentRecords,
  classRecords,
  courseRecords,
  planRecords,
  projectRecords,
  sessionRecords,
  traineeRecords,
} from '../db/records.js';
import { onlineLearningRecords } from '../db/online.js';
import { everyTeacher } from '../db/teachers.js';
import { everyVenue } from '../db/venues.js';
import { UnitStore } from '../db/units.js';
import type { RecordKind } from '../import/fields.js';
import { mentorshipRecords } from '../db/mentorships.js';

export interface RecordTable {
  sheetName: string;
  head: string[];
  rows: (string | number)[][];
}

const CLASS_STATUS: Record<string, string> = {
  planned: '计划',
  running: '进行中',
  finished: '已结业',
  cancelled: '已取消',
};
const ATTENDANCE_STATUS: Record<string, string> = {
  present: '出勤',
  late: '迟到',
  left_early: '早退',
  excused: '请假',
  absent: '缺勤',
};

/** What a record's columns need of the register: units in their level's columns, blanks for nulls. */
interface RecordContext {
  db: Db;
  units: UnitStore;
  /** 区, 街镇, 居村 columns: each unit of the lineage in its level's column. */
  unitColumns: (unitId: number | null) => string[];
  text: (value: string | null) => string;
  number: (value: number | null) => number | '';
}

/**
 * Each kind's records as the file that imports them again: its sheet, its columns in formats.md's words, its rows.
 * One builder a kind.
 */
const RECORD_TABLES: Record<RecordKind, (context: RecordContext) => RecordTable> = {
  trainees: ({ db, unitColumns, text }) => {
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
  classes: ({ db, units, text, number }) => {
    return {
      sheetName: '培训班',
      head: [
        '班级编号',
        '班级名称',
        '班级类型',
        '主办单位',
        '开始日期',
        '结束日期',
        '计划学时',
        '地点',
        '状态',
        '计划编号',
      ],
      rows: classRecords(db).map((klass) => [
        klass.code,
        klass.name,
        klass.type,
        units.path(klass.organiserUnitId),
        klass.startDate,
        text(klass.endDate),
        number(klass.plannedHours),
        text(klass.venue),
        klass.status ? (CLASS_STATUS[klass.status] ?? '') : '',
        text(klass.planCode),
      ]),
    };
  },
  attendance: ({ db, unitColumns, text, number }) => {
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
  enrolments: ({ db, unitColumns, text }) => {
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
  courses: ({ db, text, number }) => {
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
  projects: ({ db, units, text }) => {
    return {
      sheetName: '实践项目',
      head: ['项目编号', '项目名称', '所属单位', '立项日期', '状态', '来源班级'],
      rows: projectRecords(db).map((project) => [
        project.code,
        project.name,
        units.path(project.unitId),
        text(project.approvedOn),
        text(project.status),
        text(project.sourceClass),
      ]),
    };
  },
  venues: ({ db, units, text, number }) => {
    return {
      sheetName: '场地',
      head: ['名称', '类型', '所属单位', '容量'],
      rows: everyVenue(db).map((venue) => [
        venue.name,
        text(venue.type),
        units.path(venue.unit_id),
        number(venue.capacity),
      ]),
    };
  },
  teachers: ({ db, text }) => {
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
  online: ({ db, unitColumns, text }) => {
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
  mentoring: ({ db, text }) => {
    return {
      sheetName: '带教',
      head: ['带教人', '带教人身份证号', '被带教人', '被带教人身份证号', '开始日期', '结束日期'],
      rows: mentorshipRecords(db).map((pair) => [
        pair.mentor,
        text(pair.mentorIdNumber),
        pair.mentee,
        text(pair.menteeIdNumber),
        pair.from,
        text(pair.to),
      ]),
    };
  },
  timetable: ({ db, text, number }) => {
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
  plans: ({ db, units, text, number }) => {
    return {
      sheetName: '培训计划',
      head: [
        '计划编号',
        '计划名称',
        '计划类别',
        '年度',
        '季度',
        '主办单位',
        '对象类别',
        '计划班次',
        '计划人次',
        '计划学时',
      ],
      rows: planRecords(db).map((plan) => [
        plan.code,
        plan.name,
        text(plan.kind),
        plan.year,
        number(plan.quarter),
        units.path(plan.organiserUnitId),
        text(plan.targetCategory),
        number(plan.plannedClasses),
        number(plan.plannedParticipantTimes),
        number(plan.plannedHours),
      ]),
    };
  },
};

export function recordTable(db: Db, kind: RecordKind): RecordTable {
  const units = new UnitStore(db);
  return RECORD_TABLES[kind]({
    db,
    units,
    unitColumns: (unitId) => {
      const columns = ['', '', ''];
      for (const unit of units.lineage(unitId)) columns[unit.level - 1] = unit.name;
      return columns;
    },
    text: (value) => value ?? '',
    number: (value) => value ?? '',
  });
}
