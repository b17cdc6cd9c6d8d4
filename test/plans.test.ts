/**
 * Training plans (issue 15): `import plans`, a class naming its plan, `report plans` and `--against-plan`. Figures
 * worked out by hand from test/fixtures/small (docs/statistics.md's example) and test/fixtures/small/plans.csv:
 *
 *   JH1 全员轮训, year 2023: 2 classes, 6 participant-times, 30 hours planned; its classes K1 (10 July) and K6 (30 June)
 *   JH2 业务培训, 2023 Q3:  1 class, 4 participant-times, no hours planned; its class K2 (by the plan's name)
 *   JH3 专题研讨, 2023 Q4:  no class yet
 *
 * K1: 张三 6 h (2+2+2), 李四 4 h (2+2, excused once), 赵六 4 h, 王五 absent throughout → 3 participant-times, 14 h.
 * K6: 张三 8 h → 1, 8 h. K2: no hours recorded, 4 planned over 2 sessions = 2 an attended session: 张三 4, 赵六 2
 * (excused once), 孙八 4 (late, present) → 3, 10 h. K3 (no plan): 李四 3+3, 王五 3 → 2, 9 h. K4 (no plan): nobody.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseQuarter } from '../src/import/plans.js';
import { loadedSmall, SMALL } from './helpers.js';

interface Delivery {
  planned: { classes: number | null; participantTimes: number | null; hours: number | null };
  delivered: { classes: number; participantTimes: number; hours: number };
  rates: { classes: number | null; participantTimes: number | null; hours: number | null };
}
interface PlansJson {
  plans: ({ code: string; quarter: number | null } & Delivery)[];
  kinds: ({ kind: string | null } & Delivery)[];
  total: Delivery;
  outsidePlan: { code: string; plan: string; startDate: string }[];
  unplanned: { code: string; participantTimes: number; hours: number }[];
}

describe('a plan’s quarter', () => {
  it('is read in the forms offices write it, and never from another year', () => {
    for (const [text, quarter] of [
      ['3', 3],
      ['Q3', 3],
      ['第三季度', 3],
      ['三季度', 3],
      ['第3季度', 3],
      ['2024Q3', 3],
      ['2024年第三季度', 3],
      ['全年', null],
    ] as const) {
      expect(parseQuarter(text), text).toEqual({ ok: true, value: quarter });
    }
    for (const text of ['5', 'Q0', '第五季度', '三月']) expect(parseQuarter(text).ok, text).toBe(false);
  });
});

describe('training plans', () => {
  let peixun: Awaited<ReturnType<typeof loadedSmall>>;
  beforeEach(async () => {
    peixun = await loadedSmall();
    await peixun.ok('import', 'plans', join(SMALL, 'plans.csv'));
    await peixun.ok('class', 'edit', 'K1', '--plan', 'JH1');
    await peixun.ok('class', 'edit', 'K2', '--plan', '高境镇业务培训');
    await peixun.ok('class', 'edit', 'K6', '--plan', 'JH1');
  });

  it('a quarter: its own plans and the year’s (the year so far), against what their classes delivered', async () => {
    const report = await peixun.json<PlansJson>('report', 'plans', '2023Q3', '--format', 'json');
    expect(report.plans.map((plan) => plan.code)).toEqual(['JH1', 'JH2']);
    const [jh1, jh2] = report.plans;
    // JH1, 1 January to 30 September: K6 and K1, 1 + 3 participant-times, 8 + 14 hours.
    expect(jh1).toMatchObject({
      planned: { classes: 2, participantTimes: 6, hours: 30 },
      delivered: { classes: 2, participantTimes: 4, hours: 22 },
      rates: { classes: 1, participantTimes: 4 / 6, hours: 22 / 30 },
    });
    // JH2: K2 alone; no hours planned, so no rate for them.
    expect(jh2).toMatchObject({
      planned: { classes: 1, participantTimes: 4, hours: null },
      delivered: { classes: 1, participantTimes: 3, hours: 10 },
      rates: { classes: 1, participantTimes: 0.75, hours: null },
    });
    // Added up: 3 of 3 classes, 7 of 10 participant-times, 32 hours against the 30 JH1 planned.
    expect(report.total).toMatchObject({
      planned: { classes: 3, participantTimes: 10, hours: 30 },
      delivered: { classes: 3, participantTimes: 7, hours: 32 },
    });
    expect(report.kinds.map((kind) => kind.kind)).toEqual(['全员轮训', '业务培训']);
    // Outside any plan, by start date: K4 (15 August, nobody), K3 (20 September, 2 and 9 h).
    expect(report.unplanned).toEqual([
      expect.objectContaining({ code: 'K4', participantTimes: 0, hours: 0 }),
      expect.objectContaining({ code: 'K3', participantTimes: 2, hours: 9 }),
    ]);
  });

  it('the year: every plan, JH3 with nothing delivered yet', async () => {
    const report = await peixun.json<PlansJson>('report', 'plans', '--year', '2023', '--format', 'json');
    expect(report.plans.map((plan) => [plan.code, plan.delivered.classes])).toEqual([
      ['JH1', 2],
      ['JH2', 1],
      ['JH3', 0],
    ]);
    expect(report.total.planned).toEqual({ classes: 4, participantTimes: 20, hours: 50 });
    expect(report.total.rates.classes).toBe(3 / 4);
  });

  it('the quarterly summary shows delivery against plan on request', async () => {
    const summary = await peixun.json<{ total: { classes: number }; againstPlan: { total: Delivery } }>(
      'report',
      'quarterly',
      '2023Q3',
      '--against-plan',
      '--format',
      'json',
    );
    expect(summary.total.classes).toBe(4);
    expect(summary.againstPlan.total.delivered).toEqual({ classes: 3, participantTimes: 7, hours: 32 });
    const printed = await peixun.ok('--lang', 'zh', 'report', 'quarterly', '2023Q3', '--against-plan');
    expect(printed.stdout).toContain('按计划类别');
    expect(printed.stdout).toMatch(
      /│ 全员轮训 +│ +2 │ +2 │ +100\.0% │ +6 │ +4 │ +66\.7% │ +30\.0 │ +22\.0 │ +73\.3% │/,
    );
  });

  it('a plan with no number for a figure adds its delivery to no rate of it', async () => {
    const report = await peixun.json<PlansJson>('report', 'plans', '2023Q3', '--format', 'json');
    // Hours: only JH1 planned any (30), and delivered 22; JH2's 10 hours have no plan to count against. The rate is
    // 22 / 30, not (22 + 10) / 30; the delivered total is still 32.
    expect(report.total.delivered.hours).toBe(32);
    expect(report.total.rates.hours).toBeCloseTo(22 / 30, 9);
    // A plan of 0 classes (JH0, Q3, one class K4) is no number either: classes stay 3 of 3, not 4 of 3.
    const zero = join(peixun.folder, 'plans-zero.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(zero, '计划编号,计划名称,计划类别,年度,季度,计划班次\nJH0,零计划,示范培训,2023,3,0\n');
    await peixun.ok('import', 'plans', zero);
    await peixun.ok('class', 'edit', 'K4', '--plan', 'JH0');
    const again = await peixun.json<PlansJson>('report', 'plans', '2023Q3', '--format', 'json');
    expect(again.total.delivered.classes).toBe(4);
    expect(again.total.rates.classes).toBe(1);
    expect(again.kinds.find((kind) => kind.kind === '示范培训')?.rates.classes).toBeNull();
    const table = (await peixun.ok('--lang', 'zh', 'report', 'plans', '2023Q3')).stdout;
    expect(table).toMatch(/│ 示范培训 .*│ +— │/);
  });

  it('a class starting outside its plan’s period is said when planned so, and listed in the plans report', async () => {
    // K3 starts on 20 September; JH3 is a plan of the fourth quarter.
    const edited = await peixun.ok('--lang', 'zh', 'class', 'edit', 'K3', '--plan', 'JH3');
    expect(edited.stderr).toContain(
      '培训班 K3 于 2023-09-20 开班，不在计划 JH3 的期间（2023-10-01 至 2023-12-31）内',
    );
    const report = await peixun.json<PlansJson>('report', 'plans', '2023Q3', '--format', 'json');
    expect(report.outsidePlan).toEqual([
      expect.objectContaining({ code: 'K3', plan: 'JH3', startDate: '2023-09-20' }),
    ]);
    // Neither delivered by JH3 nor 计划外.
    expect(report.unplanned.map((klass) => klass.code)).toEqual(['K4']);
    const list = join(peixun.folder, 'classes-late.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(list, '班级编号,班级名称,开始日期,计划编号\nK9,九月班,2023-09-25,JH3\n');
    const imported = await peixun.ok('--lang', 'zh', 'import', 'classes', list);
    expect(imported.stderr).toContain('培训班 K9 于 2023-09-25 开班，不在计划 JH3 的期间');
  });

  it('a span by its days (--against-plan over --from/--to) counts a plan’s classes starting in the span only', async () => {
    // JH1 (全员轮训, the year): K6 on 30 June and K1 on 10 July. Over 1 July to 30 September, K1 alone: 1, 3, 14 h.
    type Against = { againstPlan: { kinds: ({ kind: string | null } & Delivery)[] } };
    const span = await peixun.json<Against>(
      'report',
      'quarterly',
      '--from',
      '2023-07-01',
      '--to',
      '2023-09-30',
      '--against-plan',
      '--format',
      'json',
    );
    expect(span.againstPlan.kinds.find((kind) => kind.kind === '全员轮训')?.delivered).toEqual({
      classes: 1,
      participantTimes: 3,
      hours: 14,
    });
    // The quarter itself shows the year so far, as before: K6 and K1.
    const quarter = await peixun.json<Against>(
      'report',
      'quarterly',
      '2023Q3',
      '--against-plan',
      '--format',
      'json',
    );
    expect(quarter.againstPlan.kinds.find((kind) => kind.kind === '全员轮训')?.delivered.classes).toBe(2);
  });

  it('refuses a bad plan row whole, naming file, row and column', async () => {
    const bad = join(peixun.folder, 'plans-bad.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      bad,
      '计划编号,计划名称,年度,季度,计划班次\nJH9,新计划,23,5,两个\nJH8,又一计划,2023,2024Q1,1\n',
    );
    const result = await peixun.run('--lang', 'en', 'import', 'plans', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}:2 年度: year "23" should be four digits`);
    expect(result.stderr).toContain(`${bad}:2 季度: quarter "5" should be 1–4`);
    expect(result.stderr).toContain(`${bad}:2 计划班次: "两个" should be a whole number`);
    expect(result.stderr).toContain(`${bad}:3 季度: quarter "2024Q1" is not of the year 2023`);
    const plans = await peixun.json<PlansJson>('report', 'plans', '--year', '2023', '--format', 'json');
    expect(plans.plans).toHaveLength(3);
  });

  it('a class list names its plan; an unknown plan is refused; a plan in use cannot be undone', async () => {
    const classes = join(peixun.folder, 'classes.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      classes,
      '班级编号,班级名称,开始日期,计划编号\nK7,新班,2023-11-01,JH3\nK8,另一班,2023-11-02,JH9\n',
    );
    const refused = await peixun.run('--lang', 'en', 'import', 'classes', classes);
    expect(refused.stderr).toContain(`${classes}:3 计划编号: no training plan with the code or name "JH9"`);
    writeFileSync(classes, '班级编号,班级名称,开始日期,计划编号\nK7,新班,2023-11-01,JH3\n');
    await peixun.ok('import', 'classes', classes);
    const exported = await peixun.ok('export', 'classes');
    expect(exported.stdout).toContain('K7,新班,其他,,2023-11-01,,,,,JH3');
    // Batch 4 imported the plans; the class edits and this class list use them.
    const undo = await peixun.run('--lang', 'en', 'imports', 'undo', '4');
    expect(undo.code).toBe(1);
    expect(undo.stderr).toContain('#5, #6, #7, #8 use training plans it imported');
    await peixun.ok('class', 'edit', 'K1', '--plan', '');
    const report = await peixun.json<PlansJson>('report', 'plans', '2023Q3', '--format', 'json');
    expect(report.plans[0]?.delivered.classes).toBe(1);
  });
});
