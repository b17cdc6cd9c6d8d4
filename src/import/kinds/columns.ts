/** What several kinds share: the columns of a person and a unit, status words, an online session's settings. */
import { aliasOf } from '../../db/aliases.js';
import { sessionsOn } from '../../db/sessions.js';
import { lateGraceMinutes, onlinePresentRatio } from '../../db/settings.js';
import type { FieldSpec, HandlerSetup } from './spec.js';

export const NAME = { field: 'name', headers: ['姓名', '学员姓名', 'name'] };
export const ID_NUMBER = {
  field: 'idNumber',
  headers: ['身份证号', '身份证', '身份证号码', '公民身份号码', '证件号码', '证件号', 'id_number'],
};
export const UNIT_FIELDS: readonly FieldSpec[] = [
  {
    field: 'district',
    headers: ['区', '所属区', '所在区', '区名称', 'district'],
  },
  {
    field: 'subdistrict',
    headers: [
      '街镇',
      '街道',
      '镇',
      '乡镇',
      '街道/镇',
      '街道(镇)',
      '镇(街道)',
      '所属街镇',
      '所属街道',
      '所属镇',
      '所属乡镇',
      '所在街道',
      '所在街镇',
      '所在镇',
      '所在乡镇',
      '街镇名称',
      '街道名称',
      'subdistrict',
    ],
  },
  {
    field: 'community',
    headers: [
      '居村',
      '居委',
      '居委会',
      '村居',
      '村',
      '社区',
      '所属居村',
      '居民区',
      '村委',
      '村委会',
      '居村委',
      '村居委',
      '所属社区',
      '所属居民区',
      '所属村',
      '所在社区',
      '所在居民区',
      '所在村',
      '所在居委',
      '所在居村',
      '所在村居',
      '所属居委',
      '所属村居',
      '居委名称',
      '居委会名称',
      '村居名称',
      '居村名称',
      '社区名称',
      '居(村)委',
      '居(村)委会',
      '村(居)委',
      'community',
    ],
  },
  { field: 'unit', headers: ['所属单位', '单位', '所在单位', '工作单位', '单位名称', 'unit'] },
];
export const PHONE = { field: 'phone', headers: ['手机号', '手机', '联系电话', '电话', 'phone', 'mobile'] };
export const POSITION = { field: 'position', headers: ['职务', '岗位', '职位', 'position'] };
export const CATEGORY = {
  field: 'category',
  headers: ['人员类别', '类别', '人员类型', '对象类别', 'category'],
};
export const CLASS_CODE = { field: 'classCode', headers: ['班级编号', '班次编号', '编号', 'class_code'] };
export const TEACHER_HEADERS = ['授课教师', '教师', '主讲人', '授课人', '主讲', '授课老师', 'teacher'];
export const MODE_HEADERS = ['线上线下', '线上/线下', '培训形式', '形式', 'mode'];

/** Class statuses and sign-in statuses as a file writes them (formats.md's words). */
export const CLASS_STATUS: Record<string, string> = {
  planned: '计划',
  running: '进行中',
  finished: '已结业',
  cancelled: '已取消',
};
export const ATTENDANCE_STATUS: Record<string, string> = {
  present: '出勤',
  late: '迟到',
  left_early: '早退',
  excused: '请假',
  absent: '缺勤',
};

/** A meeting list's or a form's session settings: the options, then the register's grace and present share. */
export function onlineOptions(setup: HandlerSetup) {
  return {
    ...setup.options,
    lateGraceMinutes: lateGraceMinutes(setup.db),
    presentRatio: onlinePresentRatio(setup.db),
  };
}

/** The nicknames tied to trainees, and the sessions of a day, as a meeting list or a form looks them up. */
export function onlineLookups(setup: HandlerSetup) {
  return {
    alias: (nickname: string) => aliasOf(setup.db, nickname)?.trainee_id,
    sessionsOn: (date: string) => sessionsOn(setup.db, date),
  };
}
