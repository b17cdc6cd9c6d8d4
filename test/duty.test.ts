/**
 * The year's duty and certificates (#32), on test/fixtures/small (whose figures docs/statistics.md counts by hand),
 * with a few additions made here.
 *
 * Hours of 2023 from the small register's classes (cancelled K5 left out): 张三 18, 李四 10, 王五 3, 赵六 6, 孙八 4
 * (K2's 4 planned hours over its 2 sessions, attended both), 钱七 none. Added here: class Y1 (2023-12-28 to
 * 2024-01-04, 4 planned hours, a session on each date) which 王五 attends twice: 4 hours, all of 2023, the class's
 * start year → 王五 7. Platform hours of 2023: 张三 2.5, 李四 5.5, 赵六 4. The register requires 20 hours a year,
 * 社区志愿者 10, and 3 of them on the platform (required-online-hours). 钱七 left on 2023-06-30; 赵六 moved from
 * 天平村 (罗店镇) to 高境一村居委 (高境镇) on 2023-11-01.
 *
 *   张三 高境一村 社区工作者    18 + 2.5 = 20.5 ≥ 20, platform 2.5 < 3 → short 0.5 on the platform only
 *   李四 高境一村 居村党组织书记 10 + 5.5 = 15.5 < 20 → short 4.5 (platform 5.5 ≥ 3)
 *   王五 逸仙路   社区工作者     7 + 0 = 7 → short 13, platform short 3
 *   赵六 高境一村 社区志愿者     6 + 4 = 10 ≥ 10, platform 4 ≥ 3 → met
 *   钱七 天平村   社区工作者     0 → short 20, platform 3; left 2023-06-30 (marked)
 *   孙八 (none)   其他           4 → short 16, platform 3
 * Met: 1 of 6. By subdistrict on 31 December: 高境镇 张三, 李四, 王五, 赵六 → 1 of 4, 25 %, (20.5 + 15.5 + 7 + 10)
 * / 4 = 13.25 hours; 罗店镇 钱七 → 0 of 1; no unit: 孙八 → 0 of 1. Average of all: 57 / 6 = 9.5.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { yearDuty } from '../src/domain/duty.js';
import { loadedSmall } from './helpers.js';

type Peixun = Awaited<ReturnType<typeof loadedSmall>>;

async function dutyRegister(): Promise<Peixun> {
  const peixun = await loadedSmall();
  const { file } = peixun;
  await peixun.ok(
    'import',
    'classes',
    file(
      'y1.csv',
      '班级编号,班级名称,班级类型,主办单位,开始日期,结束日期,计划学时\nY1,跨年培训班,轮训,宝山区,2023-12-28,2024-01-04,4\n',
    ),
  );
  await peixun.ok(
    'import',
    'attendance',
    file(
      'y1-signin.csv',
      '班级编号,日期,时段,身份证号,签到状态\nY1,2023-12-28,上午,310113199005050033,出勤\nY1,2024-01-04,上午,310113199005050033,出勤\n',
    ),
  );
  await peixun.ok(
    'import',
    'online',
    file(
      'platform.csv',
      '姓名,身份证号,课程名称,学时,完成日期\n' +
        '张三,310113198001010013,基层治理,2.5,2023-05-10\n' +
        '李四,31011319851212002X,民法典,5.5,2023-06-01\n' +
        '赵六,310113197511110044,志愿服务,4,2023-11-20\n',
    ),
  );
  await peixun.ok('config', 'set', 'required-hours', '20');
  await peixun.ok('config', 'set', 'required-hours.社区志愿者', '10');
  await peixun.ok('config', 'set', 'required-online-hours', '3');
  await peixun.ok('trainee', 'leave', '钱七', '--date', '2023-06-30', '--yes');
  await peixun.ok('trainee', 'edit', '赵六', '--unit', '宝山区/高境镇/高境一村居委', '--from', '2023-11-01');
  return peixun;
}

type Duty = {
  rows: {
    name: string;
    unit: string;
    category: string;
    centralHours: number;
    onlineHours: number;
    totalHours: number;
    required: number;
    short: number;
    shortOnline: number | null;
    met: boolean;
    leftOn: string | null;
  }[];
  groups?: {
    group: string;
    trainees: number;
    met: number;
    metRate: number | null;
    averageHours: number | null;
  }[];
  total: { trainees: number; met: number; metRate: number | null; averageHours: number | null };
};

describe('peixun report hours', () => {
  it('each trainee against the requirement of their category, every shortfall on its own', async () => {
    const peixun = await dutyRegister();
    const duty = await peixun.json<Duty>('report', 'hours', '2023', '--format', 'json');
    const row = (name: string) => duty.rows.find((line) => line.name === name);
    expect(row('张三')).toMatchObject({
      centralHours: 18,
      onlineHours: 2.5,
      totalHours: 20.5,
      short: 0,
      shortOnline: 0.5,
      met: false,
    });
    expect(row('李四')).toMatchObject({
      totalHours: 15.5,
      required: 20,
      short: 4.5,
      shortOnline: 0,
      met: false,
    });
    expect(row('王五')).toMatchObject({ centralHours: 7, short: 13, shortOnline: 3 });
    expect(row('赵六')).toMatchObject({
      unit: '宝山区/高境镇/高境一村居委',
      category: '社区志愿者',
      totalHours: 10,
      required: 10,
      met: true,
    });
    expect(row('钱七')).toMatchObject({ leftOn: '2023-06-30', short: 20, met: false });
    expect(row('孙八')).toMatchObject({ centralHours: 4, short: 16, met: false });
    expect(duty.total).toEqual({ trainees: 6, met: 1, metRate: 1 / 6, averageHours: 9.5 });
    // The class spanning the year end counts in its start year only.
    const next = await peixun.json<Duty>('report', 'hours', '2024', '--format', 'json');
    expect(next.rows.find((line) => line.name === '王五')?.centralHours).toBe(0);
  });

  it('--unmet lists those short, by unit, saying which requirement applied', async () => {
    const peixun = await dutyRegister();
    const unmet = await peixun.ok('--lang', 'zh', 'report', 'hours', '2023', '--unmet');
    expect(unmet.stdout).toContain('未达标学员（5 人）');
    expect(unmet.stdout).not.toContain('赵六');
    expect(unmet.stdout).toMatch(/李四[^\n]*总学时差 4\.5/);
    expect(unmet.stdout).toMatch(/张三[^\n]*网络学习差 0\.5/);
    expect(unmet.stdout).toContain('社区志愿者：每年 10 学时（本类别的设置），其中网络学习不少于 3 学时');
    expect(unmet.stdout).toContain('钱七 （2023-06-30 离开）');
  });

  it('--by unit uses the unit on 31 December; groups keep their trainees, met count, rate and average', async () => {
    const peixun = await dutyRegister();
    const duty = await peixun.json<Duty>(
      'report',
      'hours',
      '2023',
      '--by',
      'unit',
      '--level',
      'subdistrict',
      '--format',
      'json',
    );
    expect(duty.groups).toEqual([
      { group: '宝山区/高境镇', trainees: 4, met: 1, metRate: 0.25, averageHours: 13.25 },
      { group: '宝山区/罗店镇', trainees: 1, met: 0, metRate: 0, averageHours: 0 },
      { group: null, trainees: 1, met: 0, metRate: 0, averageHours: 4 },
    ]);
  });

  it('as an .xlsx form to hand in, with its 填报 block', async () => {
    const peixun = await dutyRegister();
    const out = join(peixun.folder, 'hours.xlsx');
    await peixun.ok('--lang', 'zh', 'report', 'hours', '2023', '--unmet', '--out', out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const labels: string[] = [];
    workbook.worksheets[0]?.eachRow((row) => labels.push(String(row.getCell(1).value)));
    expect(labels).toContain('填报单位');
  });

  it('the rule: each requirement met on its own', () => {
    expect(yearDuty({ central: 18, online: 2.5 }, { total: 20, online: 3 })).toEqual({
      total: 20.5,
      short: 0,
      shortOnline: 0.5,
      met: false,
    });
    expect(yearDuty({ central: 90, online: 0 }, { total: 90, online: null })).toMatchObject({
      met: true,
      shortOnline: null,
    });
  });
});

/** Each page's text of a PDF. */
async function pages(file: string): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
  return (await extractText(pdf, { mergePages: false })).text as string[];
}

describe('peixun certificate', () => {
  /**
   * K2 has two held sessions: 张三 attended both, 孙八 both (late, then present), 赵六 one → 张三 and 孙八 complete
   * (2 of 2 ≥ 6/7), in roster order (their enrolments' order): 2023-K2-001 张三, 2023-K2-002 孙八.
   */
  it('numbers each completer once, prints one page each, and prints the same numbers again', async () => {
    const peixun = await loadedSmall();
    const out = join(peixun.folder, 'k2.pdf');
    await peixun.ok('--lang', 'zh', 'certificate', 'K2', '--out', out);
    expect(await pages(out)).toEqual([
      expect.stringMatching(/张三[\s\S]*证书编号：2023-K2-001/),
      expect.stringMatching(/孙八[\s\S]*证书编号：2023-K2-002/),
    ]);
    const again = join(peixun.folder, 'k2-again.pdf');
    const reprint = await peixun.ok('--lang', 'zh', 'certificate', 'K2', '--out', again);
    expect(reprint.stderr).not.toContain('已发证书');
    expect(readFileSync(again)).toEqual(readFileSync(out));
    const html = join(peixun.folder, 'k2.html');
    await peixun.ok('--lang', 'zh', 'certificate', 'K2', '--out', html);
    expect(readFileSync(html, 'utf8')).toContain('证书编号：2023-K2-002');
  });

  it('voids a certificate a late correction undoes, reissues on request, and never reuses a number', async () => {
    const peixun = await loadedSmall();
    await peixun.ok('certificate', 'K2');
    const correction = join(peixun.folder, '补签.csv');
    const sign = (status: string) =>
      writeFileSync(
        correction,
        `班级编号,日期,时段,身份证号,签到状态\nK2,2023-08-02,上午,310113197003030064,${status}\n`,
      );
    sign('缺勤');
    await peixun.ok('import', 'attendance', correction);
    const voided = await peixun.ok('--lang', 'en', 'certificate', 'K2');
    expect(voided.stderr).toContain('certificate 2023-K2-002 (孙八) is void');
    const reissued = await peixun.ok('--lang', 'en', 'certificate', 'K2', '--reissue', '张三');
    expect(reissued.stderr).toContain('certificate 2023-K2-001 (张三) is void');
    expect(reissued.stderr).toContain('issued 2023-K2-003: 张三');
    sign('出勤');
    await peixun.ok('import', 'attendance', correction);
    expect((await peixun.ok('--lang', 'en', 'certificate', 'K2')).stderr).toContain(
      'issued 2023-K2-004: 孙八',
    );
    const list = await peixun.json<{ number: string; name: string; voidedOn: string | null }[]>(
      'certificate',
      'list',
      'K2',
      '--format',
      'json',
    );
    expect(list.map((line) => [line.number, line.name, line.voidedOn !== null])).toEqual([
      ['2023-K2-001', '张三', true],
      ['2023-K2-002', '孙八', true],
      ['2023-K2-003', '张三', false],
      ['2023-K2-004', '孙八', false],
    ]);
    // A reissue for someone who did not complete is refused.
    expect((await peixun.run('certificate', 'K2', '--reissue', '赵六')).code).toBe(1);
  });

  it('refuses a name the font cannot draw, naming the person, and writes nothing', async () => {
    const peixun = await loadedSmall();
    // 𪚥 (U+2A6A5), of CJK Extension B: not in the certificate's font, so it would print blank.
    await peixun.ok('trainee', 'edit', '孙八', '--name', '孙𪚥');
    const out = join(peixun.folder, 'k2.pdf');
    const refused = await peixun.run('--lang', 'en', 'certificate', 'K2', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the name 孙𪚥 holds "𪚥"');
    expect((await peixun.json<unknown[]>('certificate', 'list', '--format', 'json')).length).toBe(0);
  });

  it('one batch, undone like an import', async () => {
    const peixun = await loadedSmall();
    const run = await peixun.ok('--lang', 'en', 'certificate', 'K2');
    const batch = /batch #(\d+)/.exec(run.stderr)?.[1] ?? '';
    // Listed and shown by name, as every batch is: a certificate batch (and an alias's) stopped `imports` with an
    // internal error, its kind missing from the catalogue.
    await peixun.ok('alias', 'add', '小张', '张三');
    const listed = await peixun.ok('--lang', 'zh', 'imports');
    expect(listed.stdout).toContain('结业证书');
    expect(listed.stdout).toContain('新增昵称');
    // K2's completers are 张三 and 孙八 (see the certificate tests above): two certificates, and the batch's
    // detail says so where it said nothing was added.
    expect((await peixun.ok('--lang', 'zh', 'imports', 'show', batch)).stdout).toContain(
      '新增：结业证书 2 条',
    );
    // An alias batch's detail stopped with an internal error (its table had no name); its removal names the
    // nickname it took away, not a row number.
    const aliasBatch = String(Number(batch) + 1);
    expect((await peixun.ok('--lang', 'zh', 'imports', 'show', aliasBatch)).stdout).toContain(
      '新增：昵称 1 条',
    );
    await peixun.ok('alias', 'remove', '小张');
    const removal = await peixun.ok('--lang', 'zh', 'imports', 'show', String(Number(batch) + 2));
    expect(removal.stdout).toMatch(/昵称\s*│\s*小张\s*│\s*已删除/);
    await peixun.ok('imports', 'undo', batch);
    expect((await peixun.json<unknown[]>('certificate', 'list', '--format', 'json')).length).toBe(0);
    // A kind an older peixun wrote, without a name today, is listed as stored rather than stopping the listing.
    const db = new Database(peixun.db);
    db.prepare(`UPDATE batches SET kind = 'legacy kind' WHERE id = ?`).run(Number(batch));
    db.close();
    expect((await peixun.ok('--lang', 'zh', 'imports')).stdout).toContain('legacy kind');
    expect((await peixun.ok('imports', 'show', batch)).stdout).toContain('legacy kind');
  });
});

describe('one page a person', () => {
  it('report trainee --out F.pdf prints the record: classes, certificates, the year against the requirement', async () => {
    const peixun = await loadedSmall();
    await peixun.ok('certificate', 'K2');
    const out = join(peixun.folder, 'zhang.pdf');
    await peixun.ok('--lang', 'zh', 'report', 'trainee', '张三', '--out', out);
    const text = (await pages(out)).join('\n');
    expect(text).toContain('张三 培训档案');
    expect(text).toContain('居村书记轮训班');
    expect(text).toContain('2023-K2-001');
    expect(text).toMatch(/2023\s+18\.0\s+90\.0/);
  });
});
