import { IdNumberIndex } from '../src/db/idNumberIndex.js';
import { describe, expect, it } from 'vitest';
import { classFromTitle } from '../src/import/attendance.js';
import type { ClassRow } from '../src/db/classes.js';
import {
  cleanText,
  excelSerialToIso,
  hasControlCharacter,
  hourOfDay,
  findDateInText,
  findSlotInText,
  headerKey,
  parseClassStatus,
  parseClock,
  parseClockRange,
  parseDate,
  parseDateRange,
  parseGender,
  parseHours,
  parseIdNumber,
  parseMode,
  parseMoment,
  parsePhone,
  parseSlot,
  parseStatus,
  sessionValuesInTitle,
  timeOfDayIn,
  wallMinutes,
  writtenText,
} from '../src/import/normalise.js';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { nameKey, NOT_PLAIN_NAME_GLOB } from '../src/domain/names.js';
import { invisibleIn, isPlainRow } from '../src/domain/text.js';
import { idCheckCharacter, maskIdNumber } from '../src/domain/identity.js';
import { statusInNote } from '../src/domain/attendance.js';
import { encodingFromOption } from '../src/import/read/decode.js';
import { parseTeacherType } from '../src/import/teachers.js';
import { fieldForHeader, mapHeader } from '../src/import/fields.js';

const value = <T>(parsed: { ok: true; value: T } | { ok: false }) => (parsed.ok ? parsed.value : undefined);
const problem = (parsed: { ok: true } | { ok: false; problem: { code: string } }) =>
  parsed.ok ? undefined : parsed.problem.code;

describe('cells', () => {
  it.each([
    ['  王  芳 ', '王芳'],
    ['ＰＸ２０２３－００１', 'PX2023-001'],
    ['Wang  Fang', 'Wang Fang'],
    ['', ''],
  ])('cleans %j to %j', (raw, clean) => expect(cleanText(raw)).toBe(clean));

  it('matches a name without its spaces and the dots between its parts', () => {
    const forms = [
      '阿不都·热合曼',
      '阿不都•热合曼',
      '阿不都・热合曼',
      '阿不都.热合曼',
      '阿不都．热合曼',
      '阿不都 热合曼',
    ];
    expect(new Set(forms.map(nameKey))).toEqual(new Set(['阿不都热合曼']));
    expect(nameKey('王芳')).toBe('王芳');
    expect(nameKey('Mary Ann')).toBe('MaryAnn');
  });

  it('SQLite’s GLOB for names not plain finds every name whose match form is not the name itself', () => {
    // The trainee store reads only the names this GLOB matches to find those stored otherwise than their form:
    // a name it passes over must be its own form, or the name index would miss that person.
    const db = new Database(':memory:');
    const matches = db.prepare('SELECT ? GLOB ?').pluck();
    try {
      fc.assert(
        fc.property(
          // Names as the register can hold them: a name with a control character is refused when it is taken in
          // (an import's row, `trainee add`), and SQLite's GLOB reads a text only up to a NUL in it.
          fc
            .oneof(
              fc.string({ unit: 'binary' }),
              fc.string({ unit: fc.constantFrom('张', ' ', 'Ａ', '.', '·', 'a', '-', '\t') }),
            )
            .filter((name) => !hasControlCharacter(name)),
          (name) => {
            if (matches.get(name, NOT_PLAIN_NAME_GLOB) === 0) expect(nameKey(name)).toBe(name);
          },
        ),
        { numRuns: 2000 },
      );
      expect(matches.get('张 三', NOT_PLAIN_NAME_GLOB)).toBe(1);
      expect(matches.get('张三', NOT_PLAIN_NAME_GLOB)).toBe(0);
    } finally {
      db.close();
    }
  });

  it('folds header cells: width, spaces and case', () => {
    expect(headerKey(' 身份证 号码 ')).toBe('身份证号码');
    expect(headerKey('ID_Number')).toBe('id_number');
  });

  // The import skips the cell rules for rows the parser calls plain: that is right only if the rules would give
  // every cell of such a row back as it is, with nothing to refuse or warn about.
  it('a plain row is one whose every cell the rules keep as it is', () => {
    const piece = fc.constantFrom(
      ...['王', '芳', '出', '勤', 'a', 'Z', '0', '9', '-', "'", '=', ',', ' ', '\u3000', '\t', '\n'],
      ...['\u200b', '\ufeff', '\u0007', '\u009b', 'Ａ', '１', '㈠', '〇', '（', 'é', '😀'],
    );
    fc.assert(
      fc.property(fc.array(fc.string({ unit: piece, maxLength: 6 }), { maxLength: 4 }), (cells) => {
        if (!isPlainRow(cells)) return;
        for (const cell of cells) {
          expect(cleanText(cell)).toBe(cell);
          expect(writtenText(cell)).toBe(cell);
          expect(hasControlCharacter(cell)).toBe(false);
          expect(invisibleIn(cell)).toBeUndefined();
        }
      }),
      { numRuns: 2000 },
    );
    expect(isPlainRow(['王芳', 'PX-1', ''])).toBe(true);
    expect(isPlainRow(['王 芳'])).toBe(false);
    expect(isPlainRow(["'=1"])).toBe(false);
  });
});

describe('ID numbers (GB 11643-1999)', () => {
  it('computes the check character, X included', () => {
    // 3·7+1·9+0·10+1·5+1·8+3·4+1·2+9·1+8·6+5·3+1·7+2·9+1·10+2·5+0·8+0·4+2·2 = 178; 178 mod 11 = 2 → X
    expect(idCheckCharacter('31011319851212002')).toBe('X');
    expect(idCheckCharacter('31011319800101001')).toBe('3');
  });
  it.each([
    ['310113198001010013', '310113198001010013'],
    ['31011319851212002x', '31011319851212002X'],
    ['３１０１１３１９８００１０１００１３', '310113198001010013'],
    [' 310113198001010013 ', '310113198001010013'],
    // Exported with the apostrophe that keeps a spreadsheet from making it a number.
    ["'310113198001010013", '310113198001010013'],
  ])('accepts %j as %j', (raw, id) => expect(value(parseIdNumber(raw))).toBe(id));
  it.each([
    ['310113198001010014', 'idChecksum'],
    ['3101131980010100', 'idFormat'],
    ['31011319800101001A', 'idFormat'],
    ['310113198002300012', 'idBirthDate'],
  ])('rejects %j (%s)', (raw, key) => expect(problem(parseIdNumber(raw))).toBe(key));
  it('gives a valid number as it stands the same answer as the long way; each near miss its own reason', () => {
    const withCheck = (first17: string) => first17 + idCheckCharacter(first17);
    // 18 plain characters with a right check character are taken as they are.
    expect(value(parseIdNumber('31011319851212002X'))).toBe('31011319851212002X');
    // Checked right but born on no real day, or before 1900.
    expect(problem(parseIdNumber(withCheck('31011318990101001')))).toBe('idBirthDate');
    expect(value(parseIdNumber(withCheck('31011319000101001')))).toBe(withCheck('31011319000101001'));
    expect(problem(parseIdNumber(withCheck('31011320230229001')))).toBe('idBirthDate');
    expect(value(parseIdNumber(withCheck('31011320240229001')))).toBe(withCheck('31011320240229001'));
    expect(problem(parseIdNumber(withCheck('31011319801301001')))).toBe('idBirthDate');
    // A character in place of a digit, the check character of the number next to it, 19 characters.
    expect(problem(parseIdNumber('3101131985121200:X'))).toBe('idFormat');
    expect(problem(parseIdNumber('310113198512120029'))).toBe('idChecksum');
    expect(problem(parseIdNumber('31011319851212002X0'))).toBe('idFormat');
  });
  it.each([['3.10113E+17'], ['3.10113e17'], ['310113198205128000']])(
    'names Excel for the number form %j',
    (raw) => expect(problem(parseIdNumber(raw))).toBe('excelNumber'),
  );
  it('names Excel for an ID number stored as a number cell', () => {
    expect(problem(parseIdNumber(310113198205128000))).toBe('excelNumber');
  });
  it('masks all but the region and the last four', () => {
    expect(maskIdNumber('31011319851212002X')).toBe('310113********002X');
  });
});

describe('phones', () => {
  it('accepts mobiles and landlines', () => {
    expect(value(parsePhone('138 0000 0001'))).toBe('13800000001');
    expect(value(parsePhone('021-56781234'))).toBe('021-56781234');
    expect(value(parsePhone("'13800000001"))).toBe('13800000001');
  });
  it('names Excel for scientific notation', () =>
    expect(problem(parsePhone('1.38E+10'))).toBe('excelNumber'));
  it('rejects words', () => expect(problem(parsePhone('无'))).toBe('phoneFormat'));
  it.each(['1380000', '138000000011', '23800000001', '12345', '021-123'])(
    'rejects %j, neither a mobile nor a landline with its area code',
    (raw) => expect(problem(parsePhone(raw))).toBe('phoneFormat'),
  );
  it.each([
    ['+86 138 0000 0001', '13800000001'],
    ['138-0000-0001', '13800000001'],
    ['8613800000001', '13800000001'],
    ['(021)56781234', '021-56781234'],
    ['02156781234', '021-56781234'],
    ['010 6512 3456', '010-65123456'],
    ['0571-8765432', '0571-8765432'],
    ['(0571) 87654321', '0571-87654321'],
  ])('accepts %j, stored as %j', (raw, stored) => expect(value(parsePhone(raw))).toBe(stored));
});

describe('dates', () => {
  it.each([
    ['2023-07-05', '2023-07-05'],
    ['2023/7/5', '2023-07-05'],
    ['2023.7.5', '2023-07-05'],
    ['2023年7月5日', '2023-07-05'],
    ['20230705', '2023-07-05'],
    ['45112', '2023-07-05'],
    ['2023-07-05 09:30', '2023-07-05'],
    // With its day of the week, as sign-in sheets often write it: 2023-07-05 was a Wednesday, 07-09 a Sunday.
    ['2023年7月5日（周三）', '2023-07-05'],
    ['2023-07-05(星期三)', '2023-07-05'],
    ['2023/7/5 周三', '2023-07-05'],
    ['2023-07-09（星期日）', '2023-07-09'],
    ['2023-07-09 礼拜天', '2023-07-09'],
  ])('reads %j', (raw, iso) => expect(value(parseDate(raw))).toBe(iso));
  it('reads Excel date cells and serial numbers', () => {
    expect(value(parseDate(new Date(Date.UTC(2023, 6, 5))))).toBe('2023-07-05');
    expect(value(parseDate(45112))).toBe('2023-07-05');
    // Serials count only from 1990-01-01 (32874) to 2100-12-31 (73415).
    expect(excelSerialToIso(32874)).toBe('1990-01-01');
    expect(excelSerialToIso(73415)).toBe('2100-12-31');
    expect(excelSerialToIso(32873)).toBeUndefined();
    expect(excelSerialToIso(73416)).toBeUndefined();
    expect(problem(parseDate(706))).toBe('dateValue');
  });
  it.each([
    ['2023-02-30', 'dateImpossible'],
    ['2023年13月1日', 'dateImpossible'],
    ['下周一', 'dateValue'],
    // Short numbers are typing slips, not serials: 230705 was once the year 2531, 0706 the year 1901.
    ['230705', 'dateValue'],
    ['0706', 'dateValue'],
    ['7/5/2023', 'dateValue'],
    ['100000', 'dateValue'],
    // A day of the week that is not the date's: which of the two was meant is not for peixun to guess.
    ['2023年7月5日（周四）', 'dateWeekday'],
    ['周三', 'dateValue'],
  ])('rejects %j', (raw, key) => expect(problem(parseDate(raw))).toBe(key));
  it('finds the date and slot in a sign-in sheet title', () => {
    const title = '2023年社区工作者轮训班签到表 培训日期：2023年7月5日 上午';
    expect(findDateInText(title)).toEqual({ year: 2023, month: 7, day: 5 });
    expect(findSlotInText(title)).toBe('上午');
    expect(findDateInText('签到表 2023-7-5')).toEqual({ year: 2023, month: 7, day: 5 });
    expect(findDateInText('2023年社区工作者轮训班')).toBeUndefined();
    // Without a year: the class's year is added where the class is known.
    expect(findDateInText('轮训班签到表 7月12日 下午')).toEqual({ month: 7, day: 12 });
  });
});

describe('numbers, gender, slot, class status', () => {
  // A word every JavaScript object answers to is no word of a rule: before, `constructor` passed as a slot, a
  // gender, a class status or a mode with a function for its value, and the import stopped with an internal error.
  it.each([['constructor'], ['__proto__'], ['toString'], ['hasOwnProperty'], ['valueOf']])(
    '%j is no slot, gender, class status, mode, teacher type or encoding',
    (word) => {
      expect(problem(parseSlot(word))).toBe('slotValue');
      expect(problem(parseGender(word))).toBe('genderValue');
      expect(problem(parseClassStatus(word))).toBe('classStatusValue');
      expect(problem(parseMode(word))).toBe('modeValue');
      expect(problem(parseTeacherType(word))).toBe('teacherTypeValue');
      expect(encodingFromOption(word)).toBeUndefined();
    },
  );
  it('hours are decimals within the limit', () => {
    expect(value(parseHours('2.5', 24))).toBe(2.5);
    expect(problem(parseHours('25', 24))).toBe('hoursTooMany');
    expect(problem(parseHours('-1', 24))).toBe('hoursValue');
    expect(problem(parseHours('两', 24))).toBe('hoursValue');
  });
  it.each([
    ['男', '男'],
    ['M', '男'],
    ['female', '女'],
    ['F', '女'],
    ['男性', '男'],
    ['女性', '女'],
  ])('gender %j', (raw, gender) => expect(value(parseGender(raw))).toBe(gender));
  it('slots', () => {
    expect(value(parseSlot('下午'))).toBe('下午');
    expect(value(parseSlot(''))).toBe('');
    expect(problem(parseSlot('中午'))).toBe('slotValue');
    // As sign-in sheets name their session: 上午场, 下午场, 晚场.
    expect(value(parseSlot('上午场'))).toBe('上午');
    expect(value(parseSlot('早上'))).toBe('上午');
    expect(value(parseSlot('下午场'))).toBe('下午');
    expect(value(parseSlot('晚场'))).toBe('晚上');
    expect(value(parseSlot('晚上场'))).toBe('晚上');
    // 全天 is the day's one session, which has no slot (as a blank cell: a day of two sessions asks which);
    // 第一场 says no slot of the three: refused, not guessed.
    expect(value(parseSlot('全天'))).toBe('');
    expect(value(parseSlot('整天'))).toBe('');
    expect(problem(parseSlot('第一场'))).toBe('slotValue');
  });
  it.each([
    ['计划', 'planned'],
    ['进行中', 'running'],
    ['已结业', 'finished'],
    ['已取消', 'cancelled'],
    ['Cancelled', 'cancelled'],
  ])('class status %j', (raw, status) => expect(value(parseClassStatus(raw))).toBe(status));
});

describe('a class’s dates in one cell (培训时间)', () => {
  it.each([
    ['2023-05-10', { start: '2023-05-10' }],
    ['2023.5.10-5.24', { start: '2023-05-10', end: '2023-05-24' }],
    ['2023年6月1日至6月2日', { start: '2023-06-01', end: '2023-06-02' }],
    ['2023年6月1日-2日', { start: '2023-06-01', end: '2023-06-02' }],
    ['2023-05-10-2023-05-24', { start: '2023-05-10', end: '2023-05-24' }],
    ['2023/11/28 ～ 2023/12/1', { start: '2023-11-28', end: '2023-12-01' }],
    ['2023.12.30—2024.1.2', { start: '2023-12-30', end: '2024-01-02' }],
  ])('%j', (text, dates) => expect(value(parseDateRange(text))).toEqual(dates));
  it.each([
    ['2023.5.24-5.10', 'endBeforeStart'],
    ['2023.5.10-6.31', 'dateImpossible'],
    ['五月上旬', 'dateRangeValue'],
    ['2023.5.10-下旬', 'dateRangeValue'],
  ])('%j is refused (%s)', (text, code) => expect(problem(parseDateRange(text))).toBe(code));
});

describe('sign-in status', () => {
  const present = ['出勤', '到', '已到', '签到', '已签到', '是', '√', '✓', 'Y', 'yes', 'Present', '1'];
  // Beyond formats.md's list: marks and words offices type.
  const presentToo = [
    '✔',
    '☑',
    '✅',
    'V',
    'v',
    '出席',
    '到场',
    '参加',
    '已参加',
    '正常',
    '已签',
    '到会',
    '参会',
  ];
  // A word with what offices write after it: minutes late, the kind of leave in brackets.
  const late = ['迟到', 'LATE', '迟到10分钟', '迟到 5 分', '迟到（15分钟）', 'Late 10 min'];
  const leftEarly = ['早退', '中途离开'];
  const excused = [
    '请假',
    '事假',
    '病假',
    '公假',
    'excused',
    'leave',
    '请假（病假）',
    '病假(住院)',
    '出差',
    '公出',
    '休假',
    '调休',
    '年假',
  ];
  const absent = ['缺勤', '缺席', '未到', '旷课', '否', '×', '✗', 'N', 'no', 'absent', '0'];
  const absentToo = ['✘', '❌', 'X', 'x', '缺', '未出席', '未参加', '未签到', '未签', '未到会', '未参会'];
  it.each([
    ...[...present, ...presentToo].map((word) => [word, 'present']),
    ...late.map((word) => [word, 'late']),
    ...leftEarly.map((word) => [word, 'left_early']),
    ...excused.map((word) => [word, 'excused']),
    ...[...absent, ...absentToo].map((word) => [word, 'absent']),
  ])('%j is %s', (word, status) => expect(value(parseStatus(word, '王芳'))?.status).toBe(status));
  it.each(['出勤（迟到）', '请假(缺勤)', '迟到(其实请假)', '到10', '(迟到)'])(
    '%j, a word qualified by another status or by nothing a status says, is refused',
    (word) => expect(problem(parseStatus(word, '王芳'))).toBe('statusValue'),
  );
  it('a mark with the time it was made beside it, in either order, is the mark; a time beside other text is not', () => {
    expect(value(parseStatus('√ 9:10', '王芳'))?.status).toBe('present');
    expect(value(parseStatus('8:55 已签到', '王芳'))?.status).toBe('present');
    expect(value(parseStatus('迟到 9:20', '王芳'))?.status).toBe('late');
    expect(value(parseStatus('王芳 9:10', '王芳'))?.status).toBe('present');
    expect(problem(parseStatus('李四 9:10', '王芳'))).toBe('statusValue');
  });
  it('a 备注 of 中途离开 or 提前离场 is left early; 休假 or 调休 excused', () => {
    expect(statusInNote('中途离开')).toBe('left_early');
    expect(statusInNote('10:30提前离场')).toBe('left_early');
    expect(statusInNote('调休')).toBe('excused');
    expect(statusInNote('休假一天')).toBe('excused');
    expect(statusInNote('已到')).toBeUndefined();
  });
  it('blank is absent, and says it was blank', () => {
    expect(value(parseStatus('', '王芳'))).toEqual({ status: 'absent', blank: true });
  });
  it("the row's own name typed as a signature is present", () => {
    expect(value(parseStatus('王 芳', '王芳'))?.status).toBe('present');
    expect(problem(parseStatus('李四', '王芳'))).toBe('statusValue');
  });
  it('a time of day, typed or an .xlsx time cell (签到时间), is present', () => {
    expect(value(parseStatus('8:25', '王芳'))?.status).toBe('present');
    expect(value(parseStatus('08:25:10', '王芳'))?.status).toBe('present');
    // formats.md: the time part of a date-time, as forms and meeting apps export it, 12-hour clocks included.
    expect(value(parseStatus('2023-09-04 08:25:10', '王芳'))?.status).toBe('present');
    expect(value(parseStatus('2023/9/4 下午1:58:10', '王芳'))?.status).toBe('present');
    expect(value(parseStatus('下午1:58', '王芳'))?.status).toBe('present');
    // Written as a time but none: said as a time (it was an unknown status word); a date that does not exist too
    // (it was taken as present).
    expect(problem(parseStatus('25:00', '王芳'))).toBe('momentValue');
    expect(problem(parseStatus('2023/2/30 08:20', '王芳'))).toBe('momentValue');
    expect(value(parseStatus('2023/2/28 08:20', '王芳'))?.status).toBe('present');
    expect(problem(parseStatus('2023-09-04', '王芳'))).toBe('statusValue');
    // exceljs reads a cell formatted h:mm as a date on Excel's day 0.
    expect(value(parseStatus(new Date(Date.UTC(1899, 11, 30, 8, 25)), '王芳'))?.status).toBe('present');
    expect(problem(parseStatus('25:61', '王芳'))).toBe('momentValue');
  });
});

describe('header aliases', () => {
  it.each([
    ['trainees', '学员姓名', 'name'],
    ['trainees', '公民身份号码', 'idNumber'],
    ['trainees', 'Mobile', 'phone'],
    ['trainees', '所属街镇', 'subdistrict'],
    ['trainees', '街道/镇', 'subdistrict'],
    ['trainees', '所在社区', 'community'],
    ['trainees', '工作单位', 'unit'],
    ['trainees', '对象类别', 'category'],
    ['classes', '班次编号', 'code'],
    ['classes', '培训班名称', 'name'],
    ['classes', '开班日期', 'startDate'],
    ['classes', '结业日期', 'endDate'],
    ['classes', '学时', 'plannedHours'],
    ['classes', 'Organizer', 'organiser'],
    ['attendance', '签到日期', 'date'],
    ['attendance', '考勤', 'status'],
    ['attendance', '签到', 'status'],
    ['attendance', '获得学时', 'hours'],
    ['attendance', '场次', 'slot'],
    ['attendance', '身份证', 'idNumber'],
    ['attendance', '签到情况', 'status'],
    ['attendance', '考勤状态', 'status'],
    ['classes', '培训时间', 'dates'],
    ['classes', '起止日期', 'dates'],
    ['meeting', '成员名称', 'name'],
    ['meeting', '与会人员', 'name'],
    ['meeting', '最早入会时间', 'joinedAt'],
    ['meeting', '最后离会时间', 'leftAt'],
    ['meeting', '退出时间', 'leftAt'],
    ['meeting', '入会时长', 'duration'],
    ['meeting', '在会时长（分钟）', 'duration'],
    ['meeting', '参会总时长（秒）', 'durationSeconds'],
    ['meeting', '观看时长(小时)', 'durationHours'],
  ] as const)('%s: %j is %s', (kind, header, field) => expect(fieldForHeader(kind, header)).toBe(field));

  it.each([
    ['*姓名', 'name'],
    ['身份证号（必填）', 'idNumber'],
    ['身份证号(必填)*', 'idNumber'],
    ['手机号【选填】', 'phone'],
    ['人员类别 (optional)', 'category'],
    // A hint of how to write it: without it the 18-digit column was left out and people imported without their
    // ID numbers.
    ['身份证号码（18位）', 'idNumber'],
    ['联系电话（手机）', 'phone'],
    ['手机号（11位数字）', 'phone'],
    ['性别（如：男）', 'gender'],
    ['职务（请填写全称）', 'position'],
    // Other words in brackets say what the column is: not this field.
    ['单位（原）', undefined],
    ['手机号（家属）', undefined],
  ] as const)('a template’s mark on %j leaves the header: %s', (header, field) =>
    expect(fieldForHeader('trainees', header)).toBe(field),
  );

  it('names unknown columns and catches two columns for one field', () => {
    const mapping = mapHeader('trainees', ['序号', '姓名', '身份证号', '身份证号码', '备注']);
    expect(mapping.unknown).toEqual(['序号', '备注']);
    expect(mapping.clashes).toEqual([{ field: 'idNumber', headers: ['身份证号', '身份证号码'] }]);
  });
});

describe('the class a sign-in sheet’s title names', () => {
  const klass = (code: string, name: string) => ({ code, name }) as ClassRow;
  const classes = [klass('K1', '轮训班'), klass('K10', '专题班'), klass('PX2023-001', '示范班')];
  it('finds a code only where it stands alone, and a name anywhere', () => {
    const found = (title: string) => classFromTitle(title, classes).map((row) => row.code);
    expect(found('专题班签到表　班级编号：K10')).toEqual(['K10']);
    expect(found('班级编号：K1　2023年7月10日')).toEqual(['K1']);
    expect(found('K1签到表')).toEqual(['K1']);
    expect(found('PX2023-0012 签到表')).toEqual([]);
    expect(found('示范班（PX2023-001）签到表')).toEqual(['PX2023-001']);
  });
});

describe('ID numbers held compactly for matching (IdNumberIndex)', () => {
  // Given out of order, with an X check character, numbers one digit apart, and a number of another form.
  const given = [
    '310113198001010013',
    '31011319851212002X',
    '110101199003071234',
    '310113198001010021',
    'HK1234567',
    '310113198001010005',
  ];
  const index = new IdNumberIndex(given);

  it('finds each number at the position it was given', () => {
    for (const [position, idNumber] of given.entries()) expect(index.find(idNumber), idNumber).toBe(position);
  });

  it('finds no number it was not given, however near', () => {
    for (const absent of [
      '310113198001010014', // the check character differs
      '310113198001010031',
      '310113198512120020', // X read as 0
      '31011319851212002:', // the character after 9, where X would sit as 10
      '31011319851212002x',
      '3101131985121200X2',
      '110101199003071233',
      '999999999999999999',
      '000000000000000000',
      'HK1234568',
      '',
    ])
      expect(index.find(absent), absent).toBe(-1);
    expect(new IdNumberIndex([]).find('310113198001010013')).toBe(-1);
  });

  it('finds every one of thousands of neighbouring numbers, and none of their neighbours not given', () => {
    // Numbers of one district that differ in a digit or two (day, month, sequence): neighbours for the hash.
    const numbers = Array.from({ length: 20_000 }, (_, index) => {
      const first17 = `310113${19800101 + (index % 28) + 100 * Math.floor(index / 560)}${String((index % 500) * 2).padStart(3, '0')}`;
      return `${first17}${idCheckCharacter(first17)}`;
    });
    const given = [...new Set(numbers)];
    const many = new IdNumberIndex(given);
    expect(given.map((idNumber) => many.find(idNumber))).toEqual(given.map((_, position) => position));
    const isGiven = new Set(given);
    const neighbours = given.slice(0, 2_000).map((idNumber) => {
      const first17 = `${idNumber.slice(0, 16)}${(Number(idNumber[16]) + 1) % 10}`;
      return `${first17}${idCheckCharacter(first17)}`;
    });
    const absent = neighbours.filter((idNumber) => !isGiven.has(idNumber));
    expect(absent.length).toBeGreaterThan(1_000);
    expect(absent.filter((idNumber) => many.find(idNumber) !== -1)).toEqual([]);
  });
});

describe('times of day on a 12-hour clock (下午2:30, 2:30 PM)', () => {
  it('turns an hour and its period word into the hour of the day, refusing words that disagree', () => {
    expect(hourOfDay(2, '下午')).toBe(14);
    expect(hourOfDay(12, '下午')).toBe(12);
    expect(hourOfDay(14, '下午')).toBe(14);
    expect(hourOfDay(7, '晚上')).toBe(19);
    expect(hourOfDay(1, '中午')).toBe(13);
    expect(hourOfDay(12, '中午')).toBe(12);
    expect(hourOfDay(8, '上午')).toBe(8);
    expect(hourOfDay(2, '凌晨')).toBe(2);
    expect(hourOfDay(12, 'AM')).toBe(0);
    expect(hourOfDay(2, 'p.m.')).toBe(14);
    expect(hourOfDay(9, undefined)).toBe(9);
    expect(hourOfDay(15, '上午')).toBeUndefined();
    expect(hourOfDay(12, '晚上')).toBeUndefined();
    expect(hourOfDay(0, '下午')).toBeUndefined();
  });

  it('reads a sign-in time written with 上午/下午, alone or in a date-time, as the time it is', () => {
    // Excel's Chinese date-time format writes the afternoon as 下午2:05:33: 14:05 is 845 minutes after midnight.
    expect(timeOfDayIn('2023/6/12 下午2:05:33')).toBe(845);
    expect(timeOfDayIn('下午2:05')).toBe(845);
    expect(timeOfDayIn('2:05 PM')).toBe(845);
    expect(timeOfDayIn('2023/6/12 上午8:25')).toBe(505);
    expect(timeOfDayIn('8:25')).toBe(505);
    expect(timeOfDayIn('上午15:00')).toBeUndefined();
    expect(parseMoment('2023/6/12 下午2:05:30')).toEqual({
      ok: true,
      value: wallMinutes('2023-06-12', 845.5),
    });
    expect(parseMoment('下午2:05', '2023-06-12')).toEqual({
      ok: true,
      value: wallMinutes('2023-06-12', 845),
    });
    expect(problem(parseMoment('2023/6/12 上午15:00'))).toBe('momentValue');
  });

  it('reads a timetable’s times with their period, which a range writes once for both', () => {
    expect(value(parseClock('下午2:00'))).toBe('14:00');
    expect(value(parseClock('2:00 PM'))).toBe('14:00');
    expect(value(parseClock('凌晨2:00'))).toBe('02:00');
    expect(value(parseClockRange('下午2:00-5:00'))).toEqual({ start: '14:00', end: '17:00' });
    expect(value(parseClockRange('2:00-5:00 PM'))).toEqual({ start: '14:00', end: '17:00' });
    expect(value(parseClockRange('上午8:30-11:30'))).toEqual({ start: '08:30', end: '11:30' });
    expect(value(parseClockRange('下午2:00-下午5:00'))).toEqual({ start: '14:00', end: '17:00' });
    expect(problem(parseClock('下午2:00前'))).toBe('clockValue');
    // A dot between hour and minutes, as timetables write it: 8.30-11.30; a number of other shape is no time.
    expect(value(parseClockRange('8.30-11.30'))).toEqual({ start: '08:30', end: '11:30' });
    expect(value(parseClockRange('下午2.00-5.00'))).toEqual({ start: '14:00', end: '17:00' });
    expect(problem(parseClock('8.5'))).toBe('clockValue');
    expect(problem(parseClock('8.301'))).toBe('clockValue');
  });

  it('refuses a session time before 6:00 written without its period: the afternoon’s 1:30 is not 01:30', () => {
    expect(parseClock('1:30')).toEqual({
      ok: false,
      problem: { code: 'clockEarly', params: { value: '1:30', afternoon: '13:30' } },
    });
    expect(problem(parseClockRange('1:30-4:30'))).toBe('clockEarly');
    expect(problem(parseClockRange('8:30-5:00'))).toBe('clockEarly');
    expect(value(parseClock('6:00'))).toBe('06:00');
  });
});

describe('a title row’s session values', () => {
  it('end where the next label begins, as a title read without its spaces runs them together', () => {
    expect(
      sessionValuesInTitle(
        '培训日期:2023年7月5日 下午 时间:13:30-16:30 地点:腾讯会议授课教师:李老师班级编号:PX2023-00010',
      ),
    ).toEqual({ venue: '腾讯会议', teacher: '李老师' });
    expect(sessionValuesInTitle('主讲人：张老师 地点：高境镇社区党校，线上')).toEqual({
      teacher: '张老师',
      venue: '高境镇社区党校',
      online: 1,
    });
    expect(sessionValuesInTitle('授课教师:王老师课程:基层治理')).toEqual({
      teacher: '王老师',
      course: '基层治理',
    });
  });
});
