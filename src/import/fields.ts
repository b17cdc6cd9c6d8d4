/** The columns of each import kind and every header name formats.md accepts for them. */
import { headerKey, type Cell } from './normalise.js';

export const IMPORT_KINDS = [
  'trainees',
  'classes',
  'attendance',
  'enrolments',
  'courses',
  'projects',
  'plans',
  'online',
  'mentoring',
  'teachers',
  'venues',
  'timetable',
  'meeting',
  'form',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * The kinds that are records of their own, exported to be imported again: a meeting list and a form are read into
 * sign-ins (their export is `export attendance`).
 */
export const RECORD_KINDS = IMPORT_KINDS.filter(
  (kind): kind is Exclude<ImportKind, 'meeting' | 'form'> => kind !== 'meeting' && kind !== 'form',
);
export type RecordKind = (typeof RECORD_KINDS)[number];

interface FieldSpec {
  field: string;
  headers: readonly string[];
  /**
   * Headers that stand for the field only where no column has one of its own headers: a sheet with a 签到 column
   * and a 签名 column reads the first, one with only a 签名 column reads that.
   */
  otherwise?: readonly string[];
}

const NAME = { field: 'name', headers: ['姓名', '学员姓名', 'name'] };
const ID_NUMBER = {
  field: 'idNumber',
  headers: ['身份证号', '身份证', '身份证号码', '公民身份号码', '证件号码', '证件号', 'id_number'],
};
const UNIT_FIELDS: readonly FieldSpec[] = [
  { field: 'district', headers: ['区', '所属区', 'district'] },
  {
    field: 'subdistrict',
    headers: ['街镇', '街道', '镇', '街道/镇', '所属街镇', '所属街道', '所在街道', '所在街镇', 'subdistrict'],
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
      '所在社区',
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
const PHONE = { field: 'phone', headers: ['手机号', '手机', '联系电话', '电话', 'phone', 'mobile'] };
const POSITION = { field: 'position', headers: ['职务', '岗位', '职位', 'position'] };
const CATEGORY = { field: 'category', headers: ['人员类别', '类别', '人员类型', '对象类别', 'category'] };
const CLASS_CODE = { field: 'classCode', headers: ['班级编号', '班次编号', '编号', 'class_code'] };
const TEACHER_HEADERS = ['授课教师', '教师', '主讲人', '授课人', '主讲', '授课老师', 'teacher'];
const MODE_HEADERS = ['线上线下', '线上/线下', '培训形式', '形式', 'mode'];

const FIELDS: Record<ImportKind, readonly FieldSpec[]> = {
  trainees: [
    NAME,
    ID_NUMBER,
    { field: 'gender', headers: ['性别', 'gender', 'sex'] },
    { field: 'birthDate', headers: ['出生日期', 'birth_date'] },
    PHONE,
    ...UNIT_FIELDS,
    POSITION,
    CATEGORY,
  ],
  classes: [
    { ...CLASS_CODE, field: 'code' },
    { field: 'name', headers: ['班级名称', '培训班名称', '班名', 'class_name'] },
    { field: 'type', headers: ['班级类型', '培训类型', '班型', 'class_type'] },
    { field: 'organiser', headers: ['主办单位', '承办单位', '组织单位', 'organiser', 'organizer'] },
    { field: 'startDate', headers: ['开始日期', '开班日期', 'start_date'] },
    { field: 'endDate', headers: ['结束日期', '结业日期', 'end_date'] },
    { field: 'plannedHours', headers: ['计划学时', '学时', 'planned_hours'] },
    { field: 'venue', headers: ['地点', '培训地点', 'venue'] },
    { field: 'status', headers: ['状态', 'status'] },
    { field: 'plan', headers: ['计划编号', '所属计划', '培训计划', 'plan_code', 'plan'] },
  ],
  attendance: [
    CLASS_CODE,
    { field: 'date', headers: ['日期', '签到日期', '上课日期', '培训日期', 'date'] },
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
      headers: ['签到状态', '出勤情况', '考勤', '签到', '状态', 'status'],
      // Paper sheets' columns, typed up: a signature (the person's name); blank, absent.
      otherwise: ['签名', '签字', '本人签名', '学员签名', '签到签名'],
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
  // A timetable (课表): the sessions of a class before anyone signs in.
  timetable: [
    CLASS_CODE,
    { field: 'date', headers: ['日期', '上课日期', '培训日期', 'date'] },
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
  // A roster before the first session: who is enrolled in which class, told apart as on a sign-in sheet.
  enrolments: [CLASS_CODE, ID_NUMBER, NAME, ...UNIT_FIELDS, PHONE, POSITION, CATEGORY],
  // A meeting app's participant list (formats.md, "Meeting exports"): one row a join, or one a person.
  meeting: [
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
      headers: ['入会时间', '首次入会时间', '进入时间', '加入时间', '观看开始时间', 'join_time'],
    },
    {
      field: 'leftAt',
      headers: ['退会时间', '最后退会时间', '离开时间', '离会时间', '观看结束时间', 'leave_time'],
    },
    {
      field: 'duration',
      headers: ['单次参会时长', '累计参会时长', '参会时长', '在线时长', '观看时长', '时长', 'duration'],
    },
    { field: 'role', headers: ['身份', '角色', '参会身份', 'role'] },
    { field: 'unit', headers: ['部门', '单位', '所在单位', '所属单位', 'department', 'unit'] },
    PHONE,
    ID_NUMBER,
    CLASS_CODE,
    { field: 'date', headers: ['日期', 'date'] },
    { field: 'slot', headers: ['时段', 'session'] },
  ],
  // A QR sign-in form's export (formats.md, "Form sign-ins"): one submission a row.
  form: [
    { field: 'submittedAt', headers: ['提交答卷时间', '提交时间', '填写时间', '答题时间', 'submitted_at'] },
    // The platform's own columns: read past, not named as unused.
    { field: 'serial', headers: ['序号'] },
    { field: 'timeTaken', headers: ['所用时间', '答题用时'] },
    { field: 'source', headers: ['来源', '来源渠道'] },
    { field: 'sourceDetail', headers: ['来源详情'] },
    { field: 'ip', headers: ['来自ip', '来自IP', 'IP地址', 'ip'] },
    NAME,
    ID_NUMBER,
    { field: 'phone', headers: [...PHONE.headers, '手机号码', '联系方式'] },
    ...UNIT_FIELDS,
    POSITION,
    CATEGORY,
    CLASS_CODE,
  ],
  courses: [
    { field: 'code', headers: ['课程编号', '编号', 'course_code', 'code'] },
    { field: 'name', headers: ['课程名称', '名称', '课程', 'course_name', 'name'] },
    { field: 'category', headers: ['课程类别', '类别', '课程类型', 'category'] },
    { field: 'hours', headers: ['学时', '课时', 'hours'] },
    { field: 'teacher', headers: ['授课教师', '教师', '主讲人', '授课人', 'teacher'] },
    { field: 'method', headers: ['教学方式', '方式', '授课方式', 'method'] },
  ],
  projects: [
    { field: 'code', headers: ['项目编号', '编号', 'project_code', 'code'] },
    { field: 'name', headers: ['项目名称', '名称', 'project_name', 'name'] },
    { field: 'unit', headers: ['所属单位', '单位', '申报单位', 'unit'] },
    { field: 'approvedOn', headers: ['立项日期', '立项时间', 'approved_on'] },
    { field: 'status', headers: ['状态', '项目状态', 'status'] },
    { field: 'sourceClass', headers: ['来源班级', '来源培训班', '孵化班级', 'source_class'] },
  ],
  plans: [
    { field: 'code', headers: ['计划编号', '编号', 'plan_code', 'code'] },
    { field: 'name', headers: ['计划名称', '名称', '培训计划', 'plan_name', 'name'] },
    { field: 'kind', headers: ['计划类别', '类别', '计划类型', 'kind'] },
    { field: 'year', headers: ['年度', '年份', 'year'] },
    { field: 'quarter', headers: ['季度', 'quarter'] },
    { field: 'organiser', headers: ['主办单位', '承办单位', '组织单位', 'organiser', 'organizer'] },
    { field: 'targetCategory', headers: ['对象类别', '培训对象', '人员类别', 'target_category'] },
    { field: 'plannedClasses', headers: ['计划班次', '班次', 'planned_classes'] },
    { field: 'plannedParticipantTimes', headers: ['计划人次', '人次', 'planned_participant_times'] },
    { field: 'plannedHours', headers: ['计划学时', '学时', 'planned_hours'] },
  ],
  // An online-learning platform's export: hours a trainee earned outside any class.
  online: [
    NAME,
    ID_NUMBER,
    ...UNIT_FIELDS,
    PHONE,
    { field: 'course', headers: ['课程名称', '课程', '学习内容', 'course'] },
    { field: 'hours', headers: ['学时', '获得学时', '学习时长', 'hours'] },
    { field: 'completedOn', headers: ['完成日期', '完成时间', '学习日期', 'completed_on'] },
  ],
  // Mentoring pairs (带教): the two people, each by ID number or name, and the pair's days.
  mentoring: [
    {
      field: 'mentorIdNumber',
      headers: [
        '带教人身份证号',
        '带教人身份证',
        '带教人证件号码',
        '师傅身份证号',
        '导师身份证号',
        'mentor_id_number',
      ],
    },
    {
      field: 'mentorName',
      headers: ['带教人', '带教人姓名', '带教老师', '师傅', '师傅姓名', '导师', '导师姓名', 'mentor'],
    },
    {
      field: 'menteeIdNumber',
      headers: ['被带教人身份证号', '被带教人身份证', '被带教人证件号码', '徒弟身份证号', 'mentee_id_number'],
    },
    { field: 'menteeName', headers: ['被带教人', '被带教人姓名', '带教对象', '徒弟', '徒弟姓名', 'mentee'] },
    ...UNIT_FIELDS,
    { field: 'from', headers: ['开始日期', '起始日期', '结对日期', '带教开始日期', 'from'] },
    { field: 'to', headers: ['结束日期', '截止日期', '带教结束日期', 'to'] },
  ],
  teachers: [
    { field: 'name', headers: ['姓名', '教师姓名', '教师', 'name'] },
    { field: 'type', headers: ['类型', '教师类型', '师资类型', 'type'] },
    { field: 'unit', headers: ['单位', '所在单位', '工作单位', 'unit'] },
    { field: 'specialty', headers: ['专长', '研究方向', '擅长领域', 'specialty'] },
    PHONE,
  ],
  venues: [
    { field: 'name', headers: ['名称', '场地名称', '地点', '场地', 'name'] },
    { field: 'type', headers: ['类型', '场地类型', 'type'] },
    { field: 'unit', headers: ['所属单位', '单位', 'unit'] },
    { field: 'capacity', headers: ['容量', '座位数', '可容纳人数', 'capacity'] },
  ],
};

/** Which fields a header row must hold: every group must have at least one of its fields. */
const REQUIRED: Record<ImportKind, readonly (readonly string[])[]> = {
  trainees: [['name']],
  classes: [['code'], ['name'], ['startDate']],
  attendance: [['idNumber', 'name']],
  enrolments: [['idNumber', 'name']],
  courses: [['code'], ['name']],
  projects: [['code'], ['name']],
  plans: [['code'], ['name'], ['year']],
  online: [['idNumber', 'name'], ['course'], ['hours'], ['completedOn']],
  mentoring: [['mentorIdNumber', 'mentorName'], ['menteeIdNumber', 'menteeName'], ['from']],
  teachers: [['name']],
  venues: [['name']],
  timetable: [['date'], ['time', 'start', 'slot', 'course', 'teacher']],
  meeting: [['name'], ['joinedAt', 'duration']],
  form: [['submittedAt'], ['idNumber', 'name']],
};

/** Fields that, all empty, make a row a non-record (a 合计 line, a signature line). */
export const KEY_FIELDS: Record<ImportKind, readonly string[]> = {
  trainees: ['name', 'idNumber'],
  classes: ['code', 'name'],
  attendance: ['idNumber', 'name'],
  enrolments: ['idNumber', 'name'],
  courses: ['code', 'name'],
  projects: ['code', 'name'],
  plans: ['code', 'name'],
  online: ['idNumber', 'name'],
  mentoring: ['mentorIdNumber', 'mentorName', 'menteeIdNumber', 'menteeName'],
  teachers: ['name'],
  venues: ['name'],
  timetable: ['date', 'course', 'teacher', 'time', 'start'],
  meeting: ['name'],
  form: ['submittedAt', 'name', 'idNumber'],
};

const lookup: Record<ImportKind, Map<string, string>> = {
  trainees: aliasMap(FIELDS.trainees),
  classes: aliasMap(FIELDS.classes),
  attendance: aliasMap(FIELDS.attendance),
  enrolments: aliasMap(FIELDS.enrolments),
  courses: aliasMap(FIELDS.courses),
  projects: aliasMap(FIELDS.projects),
  plans: aliasMap(FIELDS.plans),
  online: aliasMap(FIELDS.online),
  mentoring: aliasMap(FIELDS.mentoring),
  teachers: aliasMap(FIELDS.teachers),
  venues: aliasMap(FIELDS.venues),
  timetable: aliasMap(FIELDS.timetable),
  meeting: aliasMap(FIELDS.meeting),
  form: aliasMap(FIELDS.form),
};

function aliasMap(
  specs: readonly FieldSpec[],
  which: 'headers' | 'otherwise' = 'headers',
): Map<string, string> {
  return new Map(
    specs.flatMap((spec) => (spec[which] ?? []).map((header) => [headerKey(header), spec.field] as const)),
  );
}

const lookupOtherwise = Object.fromEntries(
  IMPORT_KINDS.map((kind) => [kind, aliasMap(FIELDS[kind], 'otherwise')]),
) as Record<ImportKind, Map<string, string>>;

/**
 * A template's marks on a header, which say nothing of what the column holds: `*姓名`, `身份证号（必填）`,
 * `手机号【选填】`. Only these words: a header such as `单位（原）` is another column, not `单位`.
 */
const TEMPLATE_MARKS = /^\*+|\*+$|[([【](?:必填项?|选填项?|非必填|可选|可不填|required|optional)[)\]】]$/u;

export function fieldForHeader(kind: ImportKind, header: Cell): string | undefined {
  let key = headerKey(header);
  let field = lookup[kind].get(key);
  for (let unmarked = key.replace(TEMPLATE_MARKS, ''); !field && unmarked !== key;) {
    key = unmarked;
    field = lookup[kind].get(key);
    unmarked = key.replace(TEMPLATE_MARKS, '');
  }
  return field;
}

export function fieldsOf(kind: ImportKind): string[] {
  return FIELDS[kind].map((spec) => spec.field);
}

/** The header formats.md gives a field first: `姓名`, `班级编号`. */
export function canonicalHeader(kind: ImportKind, field: string): string {
  return FIELDS[kind].find((spec) => spec.field === field)?.headers[0] ?? field;
}

export function acceptedHeaders(kind: ImportKind): string[] {
  return FIELDS[kind].flatMap((spec) => spec.headers);
}

export function requiredGroups(kind: ImportKind): readonly (readonly string[])[] {
  return REQUIRED[kind];
}

export interface HeaderMapping {
  /** field → column index */
  columns: Map<string, number>;
  /** header cells that map to no field, named once in a warning */
  unknown: string[];
  /** fields that two columns claim: an error */
  clashes: { field: string; headers: string[] }[];
  /** header cells a person said to leave out (a saved mapping's `-`); among `unknown` too */
  ignored?: string[];
}

/** `aliases` adds header names of the user's own (a saved mapping): header → field. */
export function mapHeader(
  kind: ImportKind,
  cells: readonly Cell[],
  aliases: Readonly<Record<string, string>> = {},
): HeaderMapping {
  const own = new Map(Object.entries(aliases).map(([header, field]) => [headerKey(header), field]));
  const columns = new Map<string, number>();
  const unknown: string[] = [];
  const ignored: string[] = [];
  const claimed = new Map<string, string[]>();
  const unclaimed: number[] = [];
  const claim = (field: string, index: number) => {
    claimed.set(field, [...(claimed.get(field) ?? []), String(cells[index]).trim()]);
    if (!columns.has(field)) columns.set(field, index);
  };
  cells.forEach((cell, index) => {
    const text = headerKey(cell);
    if (text === '') return;
    const field = own.get(text) ?? fieldForHeader(kind, cell);
    if (field === IGNORED_COLUMN) ignored.push(String(cell).trim());
    else if (field) claim(field, index);
    else unclaimed.push(index);
  });
  const ownColumns = new Set(columns.keys());
  for (const index of unclaimed) {
    const field = lookupOtherwise[kind].get(headerKey(cells[index] ?? ''));
    if (field && !ownColumns.has(field)) claim(field, index);
    else unknown.push(String(cells[index]).trim());
  }
  const clashes = [...claimed]
    .filter(([, headers]) => headers.length > 1)
    .map(([field, headers]) => ({ field, headers }));
  return { columns, unknown: [...unknown, ...ignored], clashes, ignored };
}

export function holdsRequired(kind: ImportKind, mapping: HeaderMapping): boolean {
  return REQUIRED[kind].every((group) => group.some((field) => mapping.columns.has(field)));
}

/**
 * A header that names a level of units (所属片区, 社区居委会, 网格) without being one of the unit columns: the
 * column says where people belong, and peixun would count them a level too high if it left it out (formats.md,
 * Units). Asked about on a terminal, refused elsewhere.
 */
const UNIT_LEVEL_HEADER =
  /^(?:所属|所在|归属)?[\p{Script=Han}()]{0,6}?(?:(?<![小地校园])区|街道|街镇|乡镇|镇|乡|居委会?|居村|村居|村委会?|村|社区|居民区|片区|网格)(?:名称|名)?$/u;

export function unplacedUnitColumns(kind: ImportKind, mapping: HeaderMapping): string[] {
  if (!FIELDS[kind].some((spec) => spec.field === 'community')) return [];
  const ignored = new Set(mapping.ignored ?? []);
  return mapping.unknown.filter(
    (header) => !ignored.has(header) && UNIT_LEVEL_HEADER.test(headerKey(header)),
  );
}

/** The fields an unplaced unit column may be said to be, at the terminal. */
export const UNIT_COLUMN_FIELDS = ['district', 'subdistrict', 'community', 'unit'] as const;
/** A saved alias that says: this column is not a unit, leave it out. */
export const IGNORED_COLUMN = '-';
