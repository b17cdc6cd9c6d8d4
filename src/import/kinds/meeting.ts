/** A meeting app's participant list (腾讯会议, 钉钉): an online session's sign-ins. */
import type { KindSpec } from './spec.js';
import { meetingHandler } from '../meeting.js';
import { CLASS_CODE, ID_NUMBER, PHONE, onlineLookups, onlineOptions } from './columns.js';

/** How long someone was in: a summary's total or one join's length, as apps name it. */
const DURATIONS = [
  '单次参会时长',
  '累计参会时长',
  '参会时长',
  '参会总时长',
  '入会时长',
  '在会时长',
  '与会时长',
  '在线时长',
  '在线总时长',
  '观看时长',
  '观看总时长',
  '累计观看时长',
  '累计时长',
  '总时长',
  '时长',
  'duration',
];

/** The durations' headers with a unit after them, as a header is matched (`参会时长（分钟）` → `参会时长(分钟)`). */
const withUnit = (units: readonly string[]) =>
  DURATIONS.flatMap((name) => units.map((unit) => `${name}(${unit})`));

export const meetingKind: KindSpec<'meeting'> = {
  kind: 'meeting',
  // A meeting app's participant list (formats.md, "Meeting exports"): one row a join, or one a person.
  fields: [
    {
      field: 'name',
      headers: [
        '用户昵称（入会昵称）',
        '用户昵称',
        '入会昵称',
        '参会者',
        '参会人',
        '参会人员',
        '成员',
        '成员名称',
        '参会成员',
        '与会人员',
        '用户名称',
        '成员昵称',
        '昵称',
        '观众昵称',
        '姓名',
        'name',
        'participant',
      ],
    },
    {
      field: 'joinedAt',
      headers: [
        '入会时间',
        '首次入会时间',
        '最早入会时间',
        '进入时间',
        '加入时间',
        '观看开始时间',
        'join_time',
      ],
    },
    {
      field: 'leftAt',
      headers: [
        '退会时间',
        '最后退会时间',
        '最后离会时间',
        '离开时间',
        '离会时间',
        '退出时间',
        '观看结束时间',
        'leave_time',
      ],
    },
    { field: 'duration', headers: [...DURATIONS, ...withUnit(['分钟', '分', 'min', 'mins', 'minutes'])] },
    // A header that says its numbers are seconds or hours (`参会时长（秒）`): 45 there is not 45 minutes.
    { field: 'durationSeconds', headers: withUnit(['秒', 's', 'sec', 'secs', 'seconds']) },
    { field: 'durationHours', headers: withUnit(['小时', 'h', 'hour', 'hours']) },
    { field: 'role', headers: ['身份', '角色', '参会身份', 'role'] },
    { field: 'unit', headers: ['部门', '单位', '所在单位', '所属单位', 'department', 'unit'] },
    PHONE,
    ID_NUMBER,
    CLASS_CODE,
    { field: 'date', headers: ['日期', 'date'] },
    { field: 'slot', headers: ['时段', 'session'] },
  ],
  required: [['name'], ['joinedAt', 'duration', 'durationSeconds', 'durationHours']],
  keyFields: ['name'],
  ownColumns: ['joinedAt', 'leftAt', 'duration', 'durationSeconds', 'durationHours'],
  titleWords: /会议|参会/,
  handler: (setup) =>
    meetingHandler(setup.signIn(), onlineLookups(setup), onlineOptions(setup), setup.writer, setup.tally),
};
