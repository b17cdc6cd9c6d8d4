/**
 * Sign-ins from the apps offices use (#31): a 腾讯会议 participant workbook (written by a program, meeting rows above
 * the header, a per-person sheet before the per-join one), a 钉钉 list as GBK CSV, a 问卷星 QR form, and a folder of
 * all of them in one command. The files are test/fixtures/online/ (make.py there); every figure below is worked out
 * by hand from them.
 *
 * Class M1 (线上专题培训, 6 planned hours) has three timetabled sessions of 2 hours: 09-05 上午 09:00–11:00 and
 * 09-05 下午 14:00–16:00 online, 09-06 上午 09:00–11:00 in a room. Its roster: 张三, 李四, 王五, 赵六, 钱七, and two
 * 王芳 (高境一村, 天平村). online-present-ratio 2/3: 80 of a session's 120 minutes.
 *
 * 09-05 上午 (腾讯会议): 主持人小刘 is a host and no trainee (left out). 张三 08:55–10:00 and 09:50–11:10: clipped to
 * 09:00–10:00 and 09:50–11:00, the overlap once: 120 minutes, first join before the start → present.
 * 李四（高境一村书记）: display name 李四, 09:20–11:00, 100 minutes, joined after 09:00 → late. 王五&赵六 on one device,
 * 09:00–10:30: 90 minutes each → present. 钱七 09:00–09:30: 30 minutes < 80 → 早退, 2 × 30/120 = 0.5 hours.
 * 小王老师 09:05–11:00 names no one until `alias add 小王老师 "王芳 高境一村"`: then 115 minutes, late. 王芳 of 天平村
 * never joined → absent.
 * 09-05 下午 (钉钉, GBK, no class named: the one class whose timetable holds 14:00): 张三 120 minutes → present;
 * 李四 14:10–15:30, 80 minutes = exactly 2/3 → late; 钱七 20 minutes → 早退, 2 × 20/120 = 0.33 → 0.3 hours;
 * 王五, 赵六 and both 王芳 absent.
 * 09-06 上午 (问卷星): 张三 08:27 (an hour before the start counts) → present, again at 09:30 → a repeat; 李四 09:12 →
 * late; 王五 12:30 → in no session's window, refused; 钱七 08:58 (phone `-3`: skipped) → present; 小王老师 09:00 →
 * 王芳 of 高境一村 by the alias, present (not later than the start); 赵六, 王芳 of 天平村 and 王五 absent.
 */
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ONLINE_PRESENT_RATIO, minutesInWindow, onlinePresence } from '../src/domain/online.js';
import { peopleInEntry } from '../src/import/appNames.js';
import { parseDuration, parseMoment, wallMinutes } from '../src/import/normalise.js';
import type { Prompter } from '../src/cli/prompts.js';
import { commandContext, FIXTURES, inProcess, saveWorkbook, SMALL } from './helpers.js';

const ONLINE = join(FIXTURES, 'online');
const MEETING = join(ONLINE, '腾讯会议-M1-0905上午.xlsx');
const DINGTALK = join(ONLINE, '钉钉-0905下午.csv');
const FORM = join(ONLINE, '问卷星-M1-0906签到.xlsx');

/** A register holding the small fixture's people, the two 王芳, class M1, its timetable and its roster. */
async function registerM1() {
  const peixun = inProcess();
  await peixun.ok('import', 'trainees', join(SMALL, 'trainees.csv'), join(ONLINE, '学员-王芳.csv'));
  await peixun.ok('import', 'classes', join(ONLINE, '培训班.csv'));
  await peixun.ok('import', 'timetable', join(ONLINE, '课表.csv'));
  await peixun.ok('import', 'enrolments', join(ONLINE, '报名名单.csv'));
  return peixun;
}

type Sheet = {
  trainees: {
    name: string;
    unit: string;
    statuses: (string | null)[];
    minutes?: (number | null)[];
    hours: number;
  }[];
};

/** Each person of M1's sheet as `name unit: status minutes, …` (unit's last part), and their hours. */
async function sheetOf(peixun: Awaited<ReturnType<typeof registerM1>>) {
  const sheet = await peixun.json<Sheet>('report', 'class', 'M1', '--format', 'json');
  return Object.fromEntries(
    sheet.trainees.map((row) => [
      `${row.name}@${row.unit.split('/').at(-1)}`,
      {
        statuses: row.statuses.map((status, index) => {
          const minutes = row.minutes?.[index];
          return minutes === null || minutes === undefined ? status : `${status} ${minutes}`;
        }),
        hours: row.hours,
      },
    ]),
  );
}

describe('the presence rule', () => {
  it('merges joins, clips them to the window and counts an overlap once', () => {
    // 08:55–10:00 and 09:50–11:10 in a window 09:00–11:00: 09:00–11:00, 120 minutes.
    expect(
      minutesInWindow(
        [
          { from: 535, to: 600 },
          { from: 590, to: 670 },
        ],
        { from: 540, to: 660 },
      ),
    ).toBe(120);
    // Two devices at once: 09:00–10:00 twice is 60 minutes.
    expect(
      minutesInWindow(
        [
          { from: 540, to: 600 },
          { from: 540, to: 600 },
        ],
        { from: 540, to: 660 },
      ),
    ).toBe(60);
    // Wholly outside: none.
    expect(minutesInWindow([{ from: 400, to: 500 }], { from: 540, to: 660 })).toBe(0);
  });

  it('present from two thirds of the window, late by the first join, 早退 with its share of hours', () => {
    const window = { from: 540, to: 660 };
    const rule = { ratio: DEFAULT_ONLINE_PRESENT_RATIO, graceMinutes: 0, sessionHours: 2 };
    expect(onlinePresence([{ from: 540, to: 620 }], window, rule)).toEqual({
      status: 'present',
      minutes: 80,
      hours: null,
    });
    expect(onlinePresence([{ from: 550, to: 660 }], window, rule)).toEqual({
      status: 'late',
      minutes: 110,
      hours: null,
    });
    // Five minutes' grace: 09:05 is on time.
    expect(onlinePresence([{ from: 545, to: 660 }], window, { ...rule, graceMinutes: 5 }).status).toBe(
      'present',
    );
    expect(onlinePresence([{ from: 540, to: 619 }], window, rule)).toEqual({
      status: 'left_early',
      minutes: 79,
      hours: 1.3,
    });
    expect(onlinePresence([], window, rule)).toEqual({ status: 'absent', minutes: 0, hours: null });
  });

  it('reads names as apps show them, times and durations as they write them', () => {
    expect(peopleInEntry('李四（高境一村书记）')[0]?.map((reading) => reading.name)).toEqual([
      '李四',
      '高境一村书记',
    ]);
    expect(peopleInEntry('王五＆赵六').map((readings) => readings[0]?.name)).toEqual(['王五', '赵六']);
    expect(peopleInEntry('高境一村-张三')[0]).toContainEqual({ name: '张三', besides: '高境一村' });
    expect(peopleInEntry('ＷＡＮＧ Ｆａｎｇ')[0]?.[0]?.name).toBe('WANG Fang');
    expect(parseMoment('2023/9/5 9:01:30')).toEqual({ ok: true, value: wallMinutes('2023-09-05', 541.5) });
    expect(parseMoment('09:01', '2023-09-05')).toEqual({ ok: true, value: wallMinutes('2023-09-05', 541) });
    expect(parseDuration('1:05:30')).toEqual({ ok: true, value: 65.5 });
    expect(parseDuration('52分钟')).toEqual({ ok: true, value: 52 });
    expect(parseDuration('1小时5分')).toEqual({ ok: true, value: 65 });
  });
});

describe('peixun import meeting', () => {
  it('refuses a list with a name it cannot place, naming it; an alias ties it for good', async () => {
    const peixun = await registerM1();
    const first = await peixun.run('--lang', 'en', 'import', 'meeting', MEETING);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('用户昵称(入会昵称): no trainee "小王老师"');
    expect(first.stdout).toContain('names that match no trainee: 小王老师');
    expect((await sheetOf(peixun))['张三@高境一村居委']).toBeUndefined();
    await peixun.ok('alias', 'add', '小王老师', '王芳 高境一村');
    const second = await peixun.ok('--lang', 'en', 'import', 'meeting', MEETING);
    // The per-join sheet is read, not the per-person one before it.
    expect(second.stdout).toContain('sheet 成员参会明细');
    expect(second.stdout).toContain(
      'online session M1 2023-09-05 上午, counted over 09:00–11:00 (the timetable',
    );
    expect(second.stdout).toContain('hosts left out: 主持人小刘');
    expect(second.stdout).toContain('1 on the class roster who never joined: absent');
    expect(await sheetOf(peixun)).toMatchObject({
      '张三@高境一村居委': { statuses: ['present 120'] },
      '李四@高境一村居委': { statuses: ['late 100'] },
      '王五@逸仙路居委': { statuses: ['present 90'] },
      '赵六@天平村': { statuses: ['present 90'] },
      '钱七@天平村': { statuses: ['left_early 30'], hours: 0.5 },
      '王芳@高境一村居委': { statuses: ['late 115'] },
      '王芳@天平村': { statuses: ['absent'] },
    });
    // The same list again changes nothing.
    expect((await peixun.ok('--lang', 'en', 'import', 'meeting', MEETING)).stdout).toContain(
      'inserted 0, updated 0, unchanged 7',
    );
  });

  it('on a terminal asks whom an unknown name stands for, remembers the answer, and imports the list', async () => {
    const peixun = await registerM1();
    const asked: string[] = [];
    const refuse = async (): Promise<never> => {
      throw new Error('no other question');
    };
    const prompter: Prompter = {
      search: async (message, choices) => {
        asked.push(message);
        const wang = choices.find(
          (choice) => choice.name.startsWith('王芳') && choice.name.includes('高境一村'),
        );
        return wang?.value as never;
      },
      select: refuse,
      checkbox: refuse,
      confirm: refuse,
      input: refuse,
      secret: refuse,
    };
    const { context } = commandContext(peixun.db, prompter, 'en');
    const { run } = await import('../src/cli/commands/import.js');
    await run(context, {} as Parameters<typeof run>[1], 'meeting', [MEETING]);
    expect(asked).toEqual(['who is "小王老师"? (type a name or unit to filter; the answer is remembered)']);
    expect((await sheetOf(peixun))['王芳@高境一村居委']).toMatchObject({ statuses: ['late 115'] });
    const aliases = await peixun.json<{ nickname: string; trainee: string }[]>(
      'alias',
      'list',
      '--format',
      'json',
    );
    expect(aliases).toEqual([expect.objectContaining({ nickname: '小王老师', trainee: '王芳' })]);
  });

  it('a GBK list with no class named finds the session whose timetable holds its start; the session is 线上', async () => {
    const peixun = await registerM1();
    await peixun.ok('import', 'meeting', DINGTALK);
    const afternoon = await sheetOf(peixun);
    expect(afternoon).toMatchObject({
      '张三@高境一村居委': { statuses: ['present 120'], hours: 2 },
      '李四@高境一村居委': { statuses: ['late 80'], hours: 2 },
      '钱七@天平村': { statuses: ['left_early 20'], hours: 0.3 },
      '王五@逸仙路居委': { statuses: ['absent'], hours: 0 },
    });
    const sessions = await peixun.json<{ date: string; slot: string; mode: string }[]>(
      'session',
      'list',
      'M1',
      '--format',
      'json',
    );
    expect(sessions.find((session) => session.slot === '下午')?.mode).toBe('online');
  });

  it('reads the meeting’s times from one 会议时间 cell and a duration in the unit its header names', async () => {
    // An afternoon M1's timetable does not hold: its window is the list's 会议时间, 14:00 to 15:30, 90 minutes,
    // two thirds of it 60. The durations are seconds, as the header says: 张三 5400 s = 90 minutes → present;
    // 李四 3000 s = 50 minutes → 早退. Read as minutes they would be 5400 and 3000, both present. With hours the
    // same list says 1.5 and 0.5 hours: 90 and 30 minutes.
    const peixun = await registerM1();
    const list = (header: string, zhang: string, li: string) =>
      peixun.file(
        `list-${header}.csv`,
        `会议主题,线上专题培训\n会议时间,2023-09-06 14:00 至 15:30\n\n姓名,${header}\n张三,${zhang}\n李四,${li}\n`,
      );
    const options = ['--class', 'M1', '--date', '2023-09-06', '--slot', '下午', '--lang', 'en', '--dry-run'];
    const seconds = await peixun.ok(
      'import',
      'meeting',
      list('参会总时长（秒）', '5400', '3000'),
      ...options,
    );
    expect(seconds.stdout).toContain("counted over 14:00–15:30 (the meeting's start and end)");
    expect(seconds.stdout).toContain('张三: 90 min, present');
    expect(seconds.stdout).toContain('李四: 50 min, left early');
    const hours = await peixun.ok('import', 'meeting', list('参会时长(小时)', '1.5', '0.5'), ...options);
    expect(hours.stdout).toContain('张三: 90 min, present');
    expect(hours.stdout).toContain('李四: 30 min, left early');
  });

  it('a summary row whose 累计参会时长 is less than first join to last leave counts the time the person was in', async () => {
    // M1 09-05 上午, 09:00–11:00 (the timetable's): 张三 first joined 08:58, last left 11:00, but was in for 60
    // minutes in all (he left and came back): 60 minutes → 早退 (60 < 80), not present for 120. 李四 09:00–11:00,
    // 120 minutes in all → present. 王五's 119:30 beside 120 is the app's rounding → present, 120 minutes.
    const peixun = await registerM1();
    const list = peixun.file(
      'summary.csv',
      '会议主题,线上专题培训\n\n用户昵称（入会昵称）,首次入会时间,最后退会时间,累计参会时长\n' +
        '张三,2023-09-05 08:58,2023-09-05 11:00,60\n李四,2023-09-05 09:00,2023-09-05 11:00,2:00:00\n' +
        '王五,2023-09-05 09:00,2023-09-05 11:00,1:59:30\n',
    );
    const dry = await peixun.ok(
      '--lang',
      'en',
      'import',
      'meeting',
      list,
      '--class',
      'M1',
      '--date',
      '2023-09-05',
      '--slot',
      '上午',
      '--dry-run',
    );
    expect(dry.stdout).toContain('张三: 60 min, left early');
    expect(dry.stdout).toContain('李四: 120 min, present');
    expect(dry.stdout).toContain('王五: 120 min, present');
  });

  it('a paper 补签 line and the meeting list give the same figures in either order', async () => {
    // 钱七's 早退 (30 minutes) is 出勤 on a paper sheet typed up later.
    const paper = (peixun: Awaited<ReturnType<typeof registerM1>>) =>
      peixun.file('补签.csv', '班级编号,日期,时段,姓名,单位,签到状态\nM1,2023-09-05,上午,钱七,天平村,出勤\n');
    const listFirst = await registerM1();
    await listFirst.ok('alias', 'add', '小王老师', '王芳 高境一村');
    await listFirst.ok('import', 'meeting', MEETING);
    await listFirst.ok('import', 'attendance', paper(listFirst));
    const paperFirst = await registerM1();
    await paperFirst.ok('alias', 'add', '小王老师', '王芳 高境一村');
    await paperFirst.ok('import', 'attendance', paper(paperFirst));
    const kept = await paperFirst.ok('--lang', 'en', 'import', 'meeting', MEETING);
    expect(kept.stdout).toContain('1 already signed in on a sheet for this session: kept as they were');
    const figures = async (peixun: Awaited<ReturnType<typeof registerM1>>) =>
      (await peixun.json<{ total: unknown }>('report', 'quarterly', '2023Q3', '--format', 'json')).total;
    expect(await figures(listFirst)).toEqual(await figures(paperFirst));
    expect((await sheetOf(listFirst))['钱七@天平村']).toEqual({ statuses: ['present'], hours: 2 });
    // And the list imported again leaves the sheet's word as it is.
    await listFirst.ok('import', 'meeting', MEETING);
    expect((await sheetOf(listFirst))['钱七@天平村']).toEqual({ statuses: ['present'], hours: 2 });
  });

  it('--dry-run lists each person with their minutes and writes nothing; undo takes the list back', async () => {
    const peixun = await registerM1();
    await peixun.ok('alias', 'add', '小王老师', '王芳 高境一村');
    const dry = await peixun.ok('--lang', 'en', 'import', 'meeting', MEETING, '--dry-run');
    expect(dry.stdout).toContain('钱七: 30 min, left early');
    expect((await sheetOf(peixun))['钱七@天平村']).toBeUndefined();
    const written = await peixun.json<{ batchId: number }>('import', 'meeting', MEETING, '--json');
    await peixun.ok('imports', 'undo', String(written.batchId));
    expect((await sheetOf(peixun))['钱七@天平村']).toBeUndefined();
    expect((await peixun.run('db', 'check')).code).toBe(0);
  });
});

describe('peixun import form', () => {
  it('signs each submission in to the session whose window holds it; a repeat once; none: refused', async () => {
    const peixun = await registerM1();
    await peixun.ok('alias', 'add', '小王老师', '王芳 高境一村');
    const refused = await peixun.run('--lang', 'en', 'import', 'form', FORM);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('submitted at 2023-09-06 12:30, in no session of the class');
    // On a copy: --skip-invalid writes its rejects beside the file, which must not be the repository's fixture.
    const copy = join(peixun.folder, '问卷星-M1-0906签到.xlsx');
    cpSync(FORM, copy);
    const kept = await peixun.ok('--lang', 'en', 'import', 'form', copy, '--skip-invalid');
    expect(existsSync(`${copy}.rejected.csv`)).toBe(true);
    expect(kept.stdout).toContain('read 6 rows: inserted 7, updated 0, unchanged 0, duplicate 1, rejected 1');
    expect(kept.stdout).toContain(
      'sessions signed in to: M1 2023-09-06 上午; 3 on the roster who did not submit',
    );
    expect(await sheetOf(peixun)).toMatchObject({
      '张三@高境一村居委': { statuses: ['present'] },
      '李四@高境一村居委': { statuses: ['late'] },
      '钱七@天平村': { statuses: ['present'] },
      '王芳@高境一村居委': { statuses: ['present'] },
      '王五@逸仙路居委': { statuses: ['absent'] },
      '赵六@天平村': { statuses: ['absent'] },
      '王芳@天平村': { statuses: ['absent'] },
    });
  });
});

describe('a form’s questions as they are asked', () => {
  it('reads 您的姓名：, 请输入您的手机号码, 您所在的居委（村）： as the columns they ask for', async () => {
    // M1's 09-06 上午 runs 09:00–11:00: 张三 at 08:50 → present, 李四 at 09:05 → late. The headers named no
    // column before: the file was refused as having no header.
    const peixun = await registerM1();
    const form = peixun.file(
      '签到.csv',
      '序号,提交答卷时间,1、您的姓名：,2、请输入您的手机号码,3、您所在的居委（村）：\n' +
        '1,2023/9/6 8:50:00,张三,(跳过),高境一村居委\n2,2023/9/6 9:05:10,李四,(跳过),高境一村居委\n',
    );
    await peixun.ok('import', 'form', form, '--class', 'M1');
    expect(await sheetOf(peixun)).toMatchObject({
      '张三@高境一村居委': { statuses: ['present'] },
      '李四@高境一村居委': { statuses: ['late'] },
    });
  });

  it('reads a 腾讯问卷 export: 编号 is the submission’s number, 结束答题时间 the sign-in time', async () => {
    // 编号 was read as a class code (no class 1, the row refused). M1's 09-06 上午 runs 09:00–11:00: 张三
    // finished at 08:51 → present; 李四 at 09:02 → late.
    const peixun = await registerM1();
    const form = peixun.file(
      '腾讯问卷.csv',
      '编号,开始答题时间,结束答题时间,答题时长,1.姓名,2.所在居委\n' +
        '1,2023/9/6 8:50:31,2023/9/6 8:51:01,30秒,张三,高境一村居委\n' +
        '2,2023/9/6 9:01:40,2023/9/6 9:02:10,30秒,李四,高境一村居委\n',
    );
    const imported = await peixun.ok('import', 'form', form, '--class', 'M1');
    expect(imported.stderr).not.toContain('unused');
    expect(await sheetOf(peixun)).toMatchObject({
      '张三@高境一村居委': { statuses: ['present'] },
      '李四@高境一村居委': { statuses: ['late'] },
    });
  });

  it('a submission on a day whose session has no times is refused saying how to give them', async () => {
    // 09-06 下午 exists only from a paper sheet, without times: no window can hold 14:10 (09-06 上午's, 09:00–11:00, does not).
    const peixun = await registerM1();
    await peixun.ok(
      'import',
      'attendance',
      peixun.file(
        '纸质.csv',
        '班级编号,日期,时段,姓名,单位,签到状态\nM1,2023-09-06,下午,张三,高境一村居委,出勤\n',
      ),
    );
    const form = peixun.file(
      '签到.csv',
      '提交答卷时间,1、姓名,2、所在居委\n2023/9/6 14:10:00,李四,高境一村居委\n',
    );
    const refused = await peixun.run('--lang', 'en', 'import', 'form', form, '--class', 'M1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'submitted at 2023-09-06 14:10: a session of the class on 2023-09-06 has no start and end times',
    );
    await peixun.ok(
      'session',
      'edit',
      'M1',
      '--date',
      '2023-09-06',
      '--slot',
      '下午',
      '--start',
      '14:00',
      '--end',
      '16:00',
    );
    await peixun.ok('import', 'form', form, '--class', 'M1');
    expect((await sheetOf(peixun))['李四@高境一村居委']?.statuses.at(-1)).toBe('late');
  });
});

describe('a form’s unanswered questions', () => {
  it('are blank however the export writes them: -3 as text or as an .xlsx number, (跳过), (空)', async () => {
    // 张三 submits at 08:50 skipping the phone (-3 typed as a number by the .xlsx export), 李四 at 09:05 with
    // (跳过), 王五 at 08:55 with （空）: three sign-ins of M1's 09-06 session (09:00): 张三 and 王五 present, 李四 late.
    const peixun = await registerM1();
    const workbook = new ExcelJS.Workbook();
    const page = workbook.addWorksheet('Sheet1');
    page.addRow(['序号', '提交答卷时间', '1、姓名', '2、手机号码', '3、所在单位']);
    page.addRow([1, '2023/9/6 8:50:00', '张三', -3, '高境一村居委']);
    page.addRow([2, '2023/9/6 9:05:00', '李四', '(跳过)', '高境一村居委']);
    page.addRow([3, '2023/9/6 8:55:00', '王五', '（空）', '逸仙路居委']);
    const file = join(peixun.folder, 'form.xlsx');
    await saveWorkbook(workbook, file);
    const result = await peixun.json<{ counts: { inserted: number; rejected: number } }>(
      'import',
      'form',
      file,
      '--class',
      'M1',
      '--json',
    );
    expect(result.counts.rejected).toBe(0);
    expect(await sheetOf(peixun)).toMatchObject({
      '张三@高境一村居委': { statuses: ['present'] },
      '李四@高境一村居委': { statuses: ['late'] },
      '王五@逸仙路居委': { statuses: ['present'] },
    });
  });
});

describe('peixun import FOLDER', () => {
  /**
   * 回收/: the roster (GBK) and its supplement, the class, timetable and roster, the 腾讯会议 list without 小王老师, the
   * 钉钉 list and the form without 王五's late and 小王老师's submissions. The three sessions then hold: 上午 as above
   * but 王芳 of 高境一村 absent; 下午 as above; 09-06: 张三, 钱七 present, 李四 late, the other four absent.
   * Attended records 5 + 3 + 3 = 11 of 21; 人次 and 人数 5 (both 王芳 attended nothing); hours: 张三 6, 李四 6,
   * 王五 2, 赵六 2, 钱七 0.5 + 0.3 + 2 = 2.8 → 18.8, of them online 4 + 4 + 2 + 2 + 0.8 = 12.8; completed (3 of 3
   * sessions, 6/7 of 3 being 2.57): 张三, 李四, 钱七 → 3 of 7 enrolments.
   */
  it('recognises eight files of mixed kinds and encodings and imports them in one command', async () => {
    const peixun = inProcess();
    const imported = await peixun.ok('--lang', 'en', 'import', join(ONLINE, '回收'));
    expect(imported.stdout).toMatch(/花名册\.csv → trainees/);
    expect(imported.stdout).toMatch(/报名名单\.csv → class roster|报名名单\.csv → enrolments/);
    expect(imported.stdout).toMatch(/钉钉-0905下午\.csv → meeting list/);
    expect(imported.stdout).toMatch(/问卷星-M1-0906签到\.xlsx → sign-in form/);
    const total = (
      await peixun.json<{ total: Record<string, number> }>(
        'report',
        'quarterly',
        '2023Q3',
        '--format',
        'json',
      )
    ).total;
    expect(total).toMatchObject({
      classes: 1,
      participantTimes: 5,
      participants: 5,
      hours: 18.8,
      onlineHours: 12.8,
      offlineHours: 6,
      attendanceRate: 11 / 21,
      completionRate: 3 / 7,
    });
  });

  it('with a file it cannot place writes nothing, naming the file and the kinds it came closest to', async () => {
    const peixun = inProcess(undefined, { fresh: true });
    const folder = join(peixun.folder, '回收');
    mkdirSync(folder);
    cpSync(join(ONLINE, '回收'), folder, { recursive: true });
    // Names, units and phones, called both a roster (学员信息) and a class roster (名单): which is it?
    writeFileSync(
      join(folder, '学员信息与报名名单.csv'),
      '序号,姓名,单位,联系电话\n1,张三,高境一村居委,13800000001\n',
    );
    const refused = await peixun.run('--lang', 'en', 'import', folder);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('1 file could not be placed, and nothing was imported');
    expect(refused.stderr).toContain(
      '学员信息与报名名单.csv: which kind of file it is cannot be told (closest: trainees, enrolments)',
    );
    // Nothing written: not even a register was made.
    expect(existsSync(peixun.db)).toBe(false);
  });
});
