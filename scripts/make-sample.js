#!/usr/bin/env node
/**
 * Writes data/sample/: a year (2023) of synthetic community-governance training in Baoshan district,
 * modelled on its community-governance college. Every person is invented by a seeded generator; running
 * this again writes the same files. `peixun demo` (npm start) loads them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
// The kinds' own header rows, from the build (`npm install` builds): the sample is what an export would write.
import { classesKind } from '../dist/import/kinds/classes.js';
import { plansKind } from '../dist/import/kinds/plans.js';
import { canonicalHead } from '../dist/import/kinds/spec.js';

const OUT = new URL('../data/sample/', import.meta.url);

// mulberry32: a small seeded generator, so the sample is the same on every machine.
let seed = 20230701;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;

const SUBDISTRICTS = {
  友谊路街道: ['友谊一村居委', '宝林三村居委', '盘古路居委', '铁山路居委', '永清新村居委'],
  吴淞街道: ['淞兴西路居委', '同泰北路居委', '海江新村居委', '吴淞一村居委'],
  张庙街道: ['通河一村居委', '通河三村居委', '泗塘新村居委', '长江西路居委', '呼玛三村居委'],
  罗店镇: ['罗店居委', '美兰湖居委', '天平村', '毛家弄村', '东南弄村'],
  大场镇: ['大华一村居委', '乾溪新村居委', '祁连山路居委', '联东村', '场中村'],
  杨行镇: ['杨行居委', '杨泰新村居委', '杨北村', '城西村'],
  月浦镇: ['月浦新村居委', '盛桥居委', '聚源桥村', '沈家桥村'],
  罗泾镇: ['罗泾居委', '宝东居委', '新陆村', '塘湾村', '海星村'],
  顾村镇: ['顾村居委', '菊泉新城居委', '馨佳园居委', '星星村', '羌家村'],
  高境镇: ['高境一村居委', '逸仙路居委', '三门路居委', '新二村', '高境二村居委'],
  庙行镇: ['庙行居委', '共康居委', '康家村', '野桥村'],
  淞南镇: ['淞南一村居委', '淞南五村居委', '长江新村居委', '红星村'],
};

const SURNAMES =
  '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建平红霞玲刚桂兰辉鹏文晓燕俊峰琳雪梅宇浩凯婷波斌颖佳欣怡晨阳云海丹亮萍倩琴飞鑫彬瑞蓉婧嘉';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

const usedIds = new Set();
function idNumber(gender) {
  for (;;) {
    const year = 1962 + Math.floor(random() * 38);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    let order = Math.floor(random() * 999);
    if ((order % 2 === 1) !== (gender === '男')) order = (order + 1) % 1000;
    const first17 = `310113${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(order).padStart(3, '0')}`;
    const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index], 0);
    const id = first17 + '10X98765432'[sum % 11];
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}

const usedNames = new Set();
function personName() {
  for (;;) {
    const name = pick([...SURNAMES]) + pick([...GIVEN]) + (chance(0.6) ? pick([...GIVEN]) : '');
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return name;
    }
  }
}

// Roles in a 居委 or 村 and the trainee category each belongs to.
const ROLES = [
  { position: '党组织书记', category: '居村党组织书记', count: 1 },
  { position: '主任', category: '居村委主任', count: 1 },
  { position: '社工', category: '社区工作者', count: 3 },
  { position: '后备干部', category: '后备干部', count: 1 },
  { position: '业委会主任', category: '业委会主任', count: 1, residentialOnly: true },
  { position: '物业项目经理', category: '物业负责人', count: 1, residentialOnly: true, p: 0.6 },
  { position: '志愿者', category: '社区志愿者', count: 2 },
  { position: '社区合伙人', category: '社区合伙人', count: 1, p: 0.4 },
];

const trainees = [];
for (const [subdistrict, communities] of Object.entries(SUBDISTRICTS)) {
  for (const community of communities) {
    const residential = community.endsWith('居委');
    for (const role of ROLES) {
      if (role.residentialOnly && !residential) continue;
      for (let i = 0; i < role.count; i++) {
        if (role.p !== undefined && !chance(role.p)) continue;
        const gender = chance(0.58) ? '女' : '男';
        const position =
          role.position === '主任' ? (residential ? '居委会主任' : '村委会主任') : role.position;
        trainees.push({
          name: personName(),
          id: idNumber(gender),
          gender,
          phone: `1${pick(['38', '39', '58', '59', '86', '89', '35', '77'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
          subdistrict,
          community,
          position,
          category: role.category,
        });
      }
    }
  }
}

const COLLEGE = '宝山区';
const classes = [];
let classNumber = 0;
function addClass({ name, type, organiser, sessions, plannedHours, audience, hoursInSheet, status }) {
  classNumber++;
  const code = `BS2023-${String(classNumber).padStart(3, '0')}`;
  const dates = sessions.map((session) => session.date).sort();
  classes.push({
    code,
    name,
    type,
    organiser,
    sessions,
    plannedHours,
    audience,
    hoursInSheet,
    status,
    start: dates[0],
    end: dates[dates.length - 1],
  });
}
const inCategory =
  (...categories) =>
  (trainee) =>
    categories.includes(trainee.category);
const inSubdistrict = (subdistrict, test) => (trainee) =>
  trainee.subdistrict === subdistrict && test(trainee);
const session = (date, slot, hours) => ({ date, slot, hours });

// District-level classes run by the college.
addClass({
  name: '2023年新任居村党组织书记任职培训班',
  type: '新任职培训',
  organiser: COLLEGE,
  plannedHours: 24,
  sessions: [
    session('2023-03-06', '上午', 4),
    session('2023-03-06', '下午', 4),
    session('2023-03-07', '上午', 4),
    session('2023-03-07', '下午', 4),
    session('2023-03-08', '上午', 4),
    session('2023-03-08', '下午', 4),
  ],
  audience: (trainee) => inCategory('居村党组织书记')(trainee) && chance(0.25),
  hoursInSheet: true,
});
addClass({
  name: '2023年居村党组织书记轮训班（第一期）',
  type: '轮训',
  organiser: COLLEGE,
  plannedHours: 12,
  sessions: [
    session('2023-04-11', '上午', 3),
    session('2023-04-11', '下午', 3),
    session('2023-04-18', '上午', 3),
    session('2023-04-18', '下午', 3),
  ],
  audience: (trainee) =>
    inCategory('居村党组织书记')(trainee) &&
    ['友谊路街道', '吴淞街道', '张庙街道', '罗店镇', '大场镇', '杨行镇'].includes(trainee.subdistrict),
});
addClass({
  name: '2023年居村党组织书记轮训班（第二期）',
  type: '轮训',
  organiser: COLLEGE,
  plannedHours: 12,
  sessions: [
    session('2023-07-11', '上午', 3),
    session('2023-07-11', '下午', 3),
    session('2023-07-18', '上午', 3),
    session('2023-07-18', '下午', 3),
  ],
  audience: (trainee) =>
    inCategory('居村党组织书记')(trainee) &&
    !['友谊路街道', '吴淞街道', '张庙街道', '罗店镇', '大场镇', '杨行镇'].includes(trainee.subdistrict),
  hoursInSheet: true,
});
addClass({
  name: '居委会主任依法履职专题培训班',
  type: '专题培训',
  organiser: COLLEGE,
  plannedHours: 6,
  sessions: [session('2023-08-15', '上午', 3), session('2023-08-15', '下午', 3)],
  audience: inCategory('居村委主任'),
});
addClass({
  name: '“社区治理后备力量”储备干部培训班',
  type: '后备干部培训',
  organiser: COLLEGE,
  plannedHours: 16,
  sessions: [
    session('2023-09-05', '下午', 4),
    session('2023-09-12', '下午', 4),
    session('2023-09-19', '下午', 4),
    session('2023-10-10', '下午', 4),
  ],
  audience: inCategory('后备干部'),
});
addClass({
  name: '业委会主任履职能力示范培训班',
  type: '示范培训',
  organiser: COLLEGE,
  plannedHours: 4,
  sessions: [session('2023-09-21', '晚上', 2), session('2023-09-28', '晚上', 2)],
  audience: (trainee) => inCategory('业委会主任', '物业负责人')(trainee) && chance(0.7),
});
addClass({
  name: '社区工作者政策法规专题培训班',
  type: '专题培训',
  organiser: COLLEGE,
  plannedHours: 3,
  sessions: [session('2023-11-14', '上午', 3)],
  audience: (trainee) => inCategory('社区工作者')(trainee) && chance(0.5),
  hoursInSheet: true,
});
addClass({
  name: '社区合伙人项目化运作工作坊',
  type: '能力提升',
  organiser: COLLEGE,
  plannedHours: 6,
  sessions: [session('2023-12-05', '下午', 3), session('2023-12-12', '下午', 3)],
  audience: inCategory('社区合伙人', '社区志愿者'),
});
addClass({
  name: '基层治理数字化应用培训班（因故取消）',
  type: '专题培训',
  organiser: COLLEGE,
  plannedHours: 3,
  sessions: [],
  audience: () => false,
  status: '已取消',
});

// Street and town classes: each runs a workers' class in one quarter and a volunteers' class in another.
const quarterDays = [
  ['02-21', '03-14'],
  ['05-16', '06-06'],
  ['07-25', '08-22'],
  ['10-17', '11-07'],
];
Object.keys(SUBDISTRICTS).forEach((subdistrict, index) => {
  const [first, second] = quarterDays[index % 4];
  addClass({
    name: `${subdistrict}社区工作者实务能力培训班`,
    type: '实务培训',
    organiser: `${COLLEGE}/${subdistrict}`,
    plannedHours: 6,
    sessions: [session(`2023-${first}`, '下午', 3), session(`2023-${second}`, '下午', 3)],
    audience: inSubdistrict(subdistrict, inCategory('社区工作者', '后备干部')),
  });
  const [third] = quarterDays[(index + 2) % 4];
  addClass({
    name: `${subdistrict}社区志愿者骨干培训`,
    type: '志愿者培训',
    organiser: `${COLLEGE}/${subdistrict}`,
    plannedHours: 2,
    sessions: [session(`2023-${third}`, '晚上', 2)],
    audience: inSubdistrict(subdistrict, inCategory('社区志愿者', '社区合伙人')),
    hoursInSheet: index % 2 === 0,
  });
});

// A few sheets typed by offices use other spellings: kept here so the demo shows them being read.
const STATUS_WORDS = {
  present: ['出勤', '出勤', '出勤', '√', '已签到'],
  late: ['迟到'],
  excused: ['请假', '事假', '病假'],
  absent: ['缺勤', '未到'],
};
function statusFor() {
  const r = random();
  if (r < 0.84) return 'present';
  if (r < 0.9) return 'late';
  if (r < 0.96) return 'excused';
  return 'absent';
}
// The extras of a district's year (issue 15), added without drawing on the generator above, so that the rosters,
// classes and sign-ins stay as they were: which plan a class delivers, who teaches, where and whether online.
const PLAN_OF_TYPE = {
  新任职培训: 'BS-JH-01',
  后备干部培训: 'BS-JH-01',
  轮训: 'BS-JH-02',
  专题培训: 'BS-JH-03',
  示范培训: 'BS-JH-04',
  能力提升: 'BS-JH-04',
  实务培训: 'BS-JH-05',
  志愿者培训: 'BS-JH-06',
};
/** A class names its type's plan when it starts within the plan's period (BS-JH-06 is the third quarter's). */
const planOf = (klass) => {
  const plan = PLAN_OF_TYPE[klass.type] ?? '';
  const start = klass.start ?? '2023-06-20';
  return plan === 'BS-JH-06' && (start < '2023-07-01' || start > '2023-09-30') ? '' : plan;
};
const TEACHERS = [
  ['陈立群', '专职', '宝山区社区治理学院', '基层党建'],
  ['周海燕', '专职', '宝山区社区治理学院', '社区治理'],
  ['孙国庆', '专职', '宝山区委党校', '政策法规'],
  ['何晓敏', '兼职', '友谊路街道社区党校', '群众工作'],
  ['蒋文杰', '兼职', '罗店镇社区党校', '议事协商'],
  ['顾丽娟', '兼职', '张庙街道社区党校', '志愿服务'],
  ['程建国', '外聘', '上海某大学公共管理学院', '基层治理'],
  ['陆秀英', '外聘', '某律师事务所', '物业法规'],
];
const teacherFor = (klass, sessionIndex) => {
  const index = classes.indexOf(klass);
  // The college's classes: its own teachers and an invited one now and then; a street's: its own part-timers.
  const own = klass.organiser === COLLEGE ? [0, 1, 2, 6, 7] : [3, 4, 5];
  return TEACHERS[own[(index + sessionIndex) % own.length]][0];
};
const venueFor = (klass) =>
  klass.organiser === COLLEGE ? '宝山区社区治理学院' : `${klass.organiser.split('/')[1]}社区治理会客厅`;
// The volunteers' classes of the streets meet online.
const onlineFor = (klass) => (klass.type === '志愿者培训' ? '线上' : '线下');

const attendanceByQuarter = { 1: [], 2: [], 3: [], 4: [] };
for (const klass of classes) {
  const audience = trainees.filter((trainee) => klass.audience(trainee));
  for (const trainee of audience) {
    for (const [sessionIndex, { date, slot, hours }] of klass.sessions.entries()) {
      const status = statusFor();
      const attended = status === 'present' || status === 'late';
      const quarter = Math.floor((Number(klass.start.slice(5, 7)) - 1) / 3) + 1;
      attendanceByQuarter[quarter].push([
        klass.code,
        date,
        slot,
        trainee.id,
        trainee.name,
        pick(STATUS_WORDS[status]),
        klass.hoursInSheet ? (attended ? hours : 0) : '',
        teacherFor(klass, sessionIndex),
        onlineFor(klass),
        venueFor(klass),
      ]);
    }
  }
}

mkdirSync(OUT, { recursive: true });
const write = (file, rows) =>
  writeFileSync(new URL(file, OUT), '\uFEFF' + stringify(rows, { record_delimiter: 'windows' }));
write('trainees.csv', [
  ['姓名', '身份证号', '性别', '手机号', '区', '街镇', '居村', '职务', '人员类别'],
  ...trainees.map((t) => [
    t.name,
    t.id,
    t.gender,
    t.phone,
    '宝山区',
    t.subdistrict,
    t.community,
    t.position,
    t.category,
  ]),
]);
write('classes.csv', [
  canonicalHead(classesKind.fields),
  ...classes.map((c) => [
    c.code,
    c.name,
    c.type,
    c.organiser,
    c.start ?? '2023-06-20',
    c.end ?? '2023-06-20',
    c.plannedHours,
    '宝山区社区治理学院',
    c.status ?? (c.start < '2023-11-01' ? '已结业' : '进行中'),
    planOf(c),
  ]),
]);
for (const [quarter, rows] of Object.entries(attendanceByQuarter)) {
  write(`attendance-2023Q${quarter}.csv`, [
    ['班级编号', '日期', '时段', '身份证号', '姓名', '签到状态', '学时', '授课教师', '线上线下', '地点'],
    ...rows,
  ]);
}
// Plans (4 kinds, as Minhang's college plans its year), teachers, venues, platform hours and mentoring pairs, from a
// second generator of their own.
let extraSeed = 20231231;
function extra() {
  extraSeed = (extraSeed + 0x6d2b79f5) | 0;
  let x = Math.imul(extraSeed ^ (extraSeed >>> 15), 1 | extraSeed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
write('plans.csv', [
  canonicalHead(plansKind.fields),
  [
    'BS-JH-01',
    '新任及后备干部精品示范班',
    '精品示范',
    2023,
    '',
    COLLEGE,
    '居村党组织书记、后备干部',
    2,
    120,
    1600,
  ],
  ['BS-JH-02', '居村党组织书记全员轮训', '全员轮训', 2023, '', COLLEGE, '居村党组织书记', 2, 70, 800],
  ['BS-JH-03', '依法履职专题研讨', '专题研讨', 2023, '', COLLEGE, '居村委主任、社区工作者', 3, 180, 700],
  [
    'BS-JH-04',
    '业委会与社区合伙人能力提升',
    '业务培训',
    2023,
    '',
    COLLEGE,
    '业委会主任、社区合伙人',
    2,
    80,
    300,
  ],
  ['BS-JH-05', '社区工作者实务能力培训', '业务培训', 2023, '', COLLEGE, '社区工作者', 12, 240, 1400],
  ['BS-JH-06', '社区志愿者骨干培训', '全员轮训', 2023, 3, COLLEGE, '社区志愿者', 3, 60, 100],
  ['BS-JH-07', '数字化治理专题研讨', '专题研讨', 2023, 4, COLLEGE, '社区工作者', 1, 40, 120],
]);
write('teachers.csv', [
  ['姓名', '类型', '单位', '专长', '联系电话'],
  ...TEACHERS.map(([name, type, unit, specialty], index) => [
    name,
    type,
    unit,
    specialty,
    `1390000${String(1001 + index)}`,
  ]),
]);
write('venues.csv', [
  ['名称', '类型', '所属单位', '容量'],
  ['宝山区社区治理学院', '实训课堂', COLLEGE, 120],
  ...Object.keys(SUBDISTRICTS).map((subdistrict, index) => [
    `${subdistrict}社区治理会客厅`,
    '会客厅',
    `${COLLEGE}/${subdistrict}`,
    index % 3 === 0 ? 12 : 40,
  ]),
  ['“社区云”线上课堂', '线上', COLLEGE, ''],
]);
const ONLINE_COURSES = [
  '习近平新时代中国特色社会主义思想学习',
  '民法典与社区治理',
  '居民区议事协商',
  '基层治理数字化',
];
const learners = trainees.filter(() => extra() < 0.12);
write('online.csv', [
  ['姓名', '身份证号', '课程名称', '学时', '完成日期'],
  ...learners.map((trainee) => [
    trainee.name,
    trainee.id,
    ONLINE_COURSES[Math.floor(extra() * ONLINE_COURSES.length)],
    1 + Math.floor(extra() * 4),
    `2023-${String(7 + Math.floor(extra() * 3)).padStart(2, '0')}-${String(1 + Math.floor(extra() * 28)).padStart(2, '0')}`,
  ]),
]);
// 以老带新: in six streets a party secretary mentors a newer director or worker of the same street.
const pairs = Object.keys(SUBDISTRICTS)
  .slice(0, 6)
  .flatMap((subdistrict, index) => {
    const mentor = trainees.find((t) => t.subdistrict === subdistrict && t.category === '居村党组织书记');
    const mentee = trainees.find(
      (t) => t.subdistrict === subdistrict && ['居村委主任', '社区工作者'].includes(t.category),
    );
    return mentor && mentee
      ? [[mentor.id, mentee.id, index < 3 ? '2023-03-01' : '2023-07-01', index === 0 ? '2023-08-31' : '']]
      : [];
  });
write('mentoring.csv', [['带教人身份证号', '被带教人身份证号', '开始日期', '结束日期'], ...pairs]);
console.log(
  `wrote ${trainees.length} trainees, ${classes.length} classes, ${Object.values(attendanceByQuarter).flat().length} sign-in rows to data/sample/`,
);
