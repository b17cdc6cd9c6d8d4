/**
 * The unit tree is the register's to correct (issue 28): `peixun unit list|show|rename|move|merge|remove`, each one
 * undoable batch; a typo hint that compares a new unit only with its siblings; undo that knows every dependency.
 *
 * The README's old walk-through, as an office met it: a roster names 高境镇 and 罗店镇 without their district, so
 * they are top-level units; a classes file then names 宝山区/高境镇, a second 高境镇.
 *   张三 (0013) 高境镇/高境一村居委 社区工作者, 李四 (002X) 高境镇/高境一村居委, 赵六 (0044) 罗店镇/天平村.
 *   Class G1 (organised by 宝山区/高境镇, 2023-07-03, 2 planned hours) signed in by all three.
 * By district, all three count under 未填 (none): no district holds their units. Merging the top-level 高境镇 into
 * 宝山区/高境镇 and moving 罗店镇 under 宝山区 puts them under 宝山区: 1 class, 3 participant-times, 3 people, 6 hours
 * (2 h each), coverage 3 of 3. Undoing both gives the (none) row back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportResultJson as ImportResult } from '../src/cli/print.js';
import { inProcess } from './helpers.js';

const ROSTER =
  '姓名,身份证号,街镇,居村,人员类别\n' +
  '张三,310113198001010013,高境镇,高境一村居委,社区工作者\n' +
  '李四,31011319851212002X,高境镇,高境一村居委,居村党组织书记\n' +
  '赵六,310113197511110044,罗店镇,天平村,社区志愿者\n';
const CLASSES = '班级编号,班级名称,主办单位,开始日期,计划学时\nG1,高境议事,宝山区/高境镇,2023-07-03,2\n';
const SIGN_INS =
  '班级编号,身份证号,签到\nG1,310113198001010013,√\nG1,31011319851212002X,√\nG1,310113197511110044,√\n';

interface Row {
  group: string;
  classes: number;
  participantTimes: number;
  participants: number;
  hours: number;
  coverage: number | null;
}

async function walkThrough() {
  const peixun = inProcess();
  await peixun.ok('import', 'trainees', peixun.file('roster.csv', ROSTER));
  await peixun.ok('import', 'classes', peixun.file('classes.csv', CLASSES));
  await peixun.ok('import', 'attendance', peixun.file('signin.csv', SIGN_INS));
  const byDistrict = async () =>
    (
      await peixun.json<{ rows: Row[] }>(
        'report',
        'quarterly',
        '2023Q3',
        '--by',
        'unit',
        '--level',
        'district',
        '--format',
        'json',
      )
    ).rows.map((row) => [
      row.group,
      row.classes,
      row.participantTimes,
      row.participants,
      row.hours,
      row.coverage,
    ]);
  return { ...peixun, byDistrict };
}

describe('unit commands', () => {
  it('merge and move put a district-less 街镇 where it belongs, each one batch; undo takes them back', async () => {
    const peixun = await walkThrough();
    const before = await peixun.byDistrict();
    expect(before).toEqual([['(none)', 1, 3, 3, 6, 1]]);
    // The listed candidate, typed as listed, names that one unit.
    const shown = await peixun.json<{ path: string; children: string[] }>(
      'unit',
      'show',
      '高境镇',
      '--format',
      'json',
    );
    expect(shown).toMatchObject({ path: '高境镇', children: ['高境一村居委'] });
    const merged = await peixun.ok('unit', 'merge', '高境镇', '宝山区/高境镇');
    expect(merged.stdout).toContain('merged 高境镇 into 宝山区/高境镇 (batch #4)');
    expect(merged.stdout).toContain('moved: 1 sub-units');
    const moved = await peixun.ok('unit', 'move', '罗店镇', '宝山区');
    expect(moved.stdout).toContain('moved 罗店镇: now 宝山区/罗店镇 (batch #5)');
    expect(await peixun.byDistrict()).toEqual([['宝山区', 1, 3, 3, 6, 1]]);
    const listed = await peixun.json<{ path: string; traineesWithin: number }[]>(
      'unit',
      'list',
      '--format',
      'json',
    );
    expect(listed.map((unit) => [unit.path, unit.traineesWithin])).toEqual([
      // Units in register order under each parent: 罗店镇 came with the roster, 宝山区/高境镇 with the classes.
      ['宝山区', 3],
      ['宝山区/罗店镇', 1],
      ['宝山区/罗店镇/天平村', 1],
      ['宝山区/高境镇', 2],
      ['宝山区/高境镇/高境一村居委', 2],
    ]);
    expect((await peixun.run('db', 'check')).code).toBe(0);
    await peixun.ok('imports', 'undo', '5');
    await peixun.ok('imports', 'undo', '4');
    expect(await peixun.byDistrict()).toEqual(before);
    expect((await peixun.run('db', 'check')).code).toBe(0);
  });

  it('rename keeps every figure; a name its parent already has is refused, pointing to merge', async () => {
    const peixun = await walkThrough();
    await peixun.ok('unit', 'merge', '高境镇', '宝山区/高境镇');
    await peixun.ok('unit', 'move', '罗店镇', '宝山区');
    const before = await peixun.byDistrict();
    const renamed = await peixun.ok('unit', 'rename', '天平村', '天平村村委会');
    expect(renamed.stdout).toContain('renamed 宝山区/罗店镇/天平村 to 天平村村委会');
    expect(await peixun.byDistrict()).toEqual(before);
    const clash = await peixun.run('unit', 'move', '宝山区/高境镇/高境一村居委', '宝山区/罗店镇');
    expect(clash.code).toBe(0);
    const twice = await peixun.run('unit', 'rename', '高境一村居委', '天平村村委会');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('peixun unit merge 宝山区/罗店镇/高境一村居委 宝山区/罗店镇/天平村村委会');
    // A 居村 does not go under a 区.
    const level = await peixun.run('unit', 'move', '天平村村委会', '宝山区');
    expect(level.code).toBe(1);
    expect(level.stderr).toContain('is a community: it goes under a unit one level up');
  });

  it('remove takes only a unit nothing names; otherwise it lists what does', async () => {
    const peixun = await walkThrough();
    const used = await peixun.run('unit', 'remove', '高境镇/高境一村居委');
    expect(used.code).toBe(1);
    expect(used.stderr).toContain('unit 高境镇/高境一村居委 is still named');
    expect(used.stderr).toContain('2 trainees');
    await peixun.ok('unit', 'merge', '高境镇', '宝山区/高境镇');
    // The merged 高境镇 is gone; a typo unit nobody is registered in goes with remove.
    await peixun.ok(
      'import',
      'trainees',
      peixun.file('typo.csv', '姓名,身份证号,区,街镇\n孙八,310113197003030064,宝山区,高镜镇\n'),
    );
    await peixun.ok('unit', 'merge', '高镜镇', '宝山区/高境镇');
    expect(
      (await peixun.json<{ path: string }[]>('unit', 'list', '--format', 'json')).map((unit) => unit.path),
    ).not.toContain('宝山区/高镜镇');
    const empty = peixun.file(
      'empty.csv',
      '班级编号,班级名称,主办单位,开始日期\nG9,空,宝山区/测试镇,2023-07-03\n',
    );
    await peixun.ok('import', 'classes', empty);
    await peixun.ok('class', 'edit', 'G9', '--organiser', '宝山区');
    const removed = await peixun.ok('unit', 'remove', '宝山区/测试镇');
    expect(removed.stdout).toContain('removed unit 宝山区/测试镇');
  });
});

describe('a new unit’s “did you mean”', () => {
  const created = async (peixun: ReturnType<typeof inProcess>, roster: string) =>
    (await peixun.json<ImportResult>('import', 'trainees', peixun.file('r.csv', roster), '--json')).created
      .units;

  it('compares with its siblings only, never flags a sibling of another number or a name that exists, and names an unknown district', async () => {
    const peixun = inProcess();
    await created(peixun, '姓名,区,街镇,居村\n甲,金山区,朱泾镇,东林村\n乙,宝山区,高境镇,高境二村\n');
    // 宝山区 is one of Shanghai's districts: no hint (it once was "金山区?"); 高境一村 beside 高境二村 is a series.
    const first = await created(
      peixun,
      '姓名,区,街镇,居村\n丙,宝山区,高境镇,高境一村\n丁,宝山区,罗店镇,东林村\n',
    );
    expect(first).toEqual([
      { name: '宝山区/高境镇/高境一村' },
      { name: '宝山区/罗店镇' },
      { name: '宝山区/罗店镇/东林村' },
    ]);
    // A typo beside its right name in the same file: the one fewer rows name is the slip.
    const same = await created(
      peixun,
      '姓名,区,街镇,居村\n戊,宝山区,高境镇,逸仙路居委\n己,宝山区,高境镇,逸仙路居委\n庚,宝山区,高境镇,逸仙露居委\n',
    );
    expect(same).toEqual([
      { name: '宝山区/高境镇/逸仙路居委' },
      { name: '宝山区/高境镇/逸仙露居委', nearest: '逸仙路居委' },
    ]);
    // A district that is none of the sixteen.
    const district = await created(peixun, '姓名,区,街镇\n辛,宝山,高境镇\n');
    expect(district[0]).toMatchObject({ name: '宝山', unknownDistrict: true, nearest: '宝山区' });
    const said = await peixun.run(
      '--lang',
      'zh',
      'import',
      'trainees',
      peixun.file('d.csv', '姓名,区\n壬,浦东区\n'),
    );
    expect(said.stdout).toContain('新区：浦东区（不是上海市的 16 个区之一）');
  });

  it('says a new 街镇 under no 区 counts under none, and how to place it; a common category is no slip for another', async () => {
    const peixun = inProcess();
    await peixun.ok(
      'import',
      'trainees',
      peixun.file('a.csv', '姓名,区,街镇,人员类别\n甲,宝山区,罗店镇,业委会主任\n'),
    );
    // A street's roster without a 区 column: 高境镇 is made at the top, where `--level district` counts it as 未填.
    const result = await peixun.ok(
      '--lang',
      'zh',
      'import',
      'trainees',
      peixun.file('b.csv', '姓名,所在街镇,所在居委,人员类别\n乙,高境镇,高境一村居委,居委会主任\n'),
    );
    expect(result.stdout).toContain(
      '新建单位：高境镇（不在任何区下，按区统计时算作未填；可用 peixun unit move 高境镇 <区> 放到所属的区下）',
    );
    expect(result.stdout).toContain('新建单位：高境镇/高境一村居委\n');
    // 居委会主任 and 业委会主任 differ in one character and are different people: no "did you mean".
    expect(result.stdout).toContain('新建人员类别：居委会主任\n');
  });
});

describe('the city’s name before a district', () => {
  it('上海市宝山区… is 宝山区…, in a 区 column, a unit path or an organiser; 上海市委组织部 is no district', async () => {
    const peixun = inProcess();
    const roster = (text: string) =>
      peixun.json<ImportResult>('import', 'trainees', peixun.file('r.csv', text), '--json');
    await roster('姓名,区,街镇,居村\n甲,宝山区,高境镇,高境二村\n');
    // Three more people, each written with 上海市 before 宝山区: no unit is made (宝山区, 高境镇, 高境二村 are all).
    const again = await roster(
      '姓名,区,街镇,居村,所属单位\n乙,上海市宝山区,高境镇,高境二村,\n' +
        '丙,,,,上海市/宝山区/高境镇/高境二村\n丁,,,,上海市宝山区高境镇\n',
    );
    expect(again.counts).toMatchObject({ inserted: 3, rejected: 0 });
    expect(again.created.units).toEqual([]);
    const units = await peixun.json<unknown[]>('unit', 'list', '--format', 'json');
    expect(units).toHaveLength(3);
    const organised = await peixun.run(
      'import',
      'classes',
      peixun.file(
        'c.csv',
        '班级编号,班级名称,班级类型,主办单位,开始日期,结束日期,计划学时\n' +
          'K1,班,专题培训,上海市宝山区高境镇,2023-07-10,2023-07-10,3\n' +
          'K2,班,专题培训,上海市委组织部,2023-07-10,2023-07-10,3\n',
      ),
    );
    expect(organised.code).toBe(1);
    // Said of the organiser as written: the city's name is taken off only before one of its districts.
    expect(organised.stderr).toMatch(/c\.csv:3 .*"上海市委组织部"/);
    expect(organised.stderr).not.toContain('c.csv:2');
  });

  it('a new unit written by its name alone is refused saying to write its path from the district', async () => {
    const peixun = inProcess();
    await peixun.ok(
      'import',
      'trainees',
      peixun.file('r.csv', '姓名,区,街镇,居村\n甲,宝山区,高境镇,高境二村\n'),
    );
    const refused = await peixun.run(
      'import',
      'trainees',
      peixun.file('bare.csv', '姓名,单位\n乙,高境三村\n'),
      '--lang',
      'zh',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('找不到单位“高境三村”；新单位请从区写起（区/街镇/高境三村）');
    // Written so, it is made where it says.
    const placed = await peixun.json<ImportResult>(
      'import',
      'trainees',
      peixun.file('path.csv', '姓名,单位\n乙,宝山区/高境镇/高境三村\n'),
      '--json',
    );
    expect(placed.created.units.map((unit) => unit.name)).toEqual(['宝山区/高境镇/高境三村']);
  });
});

describe('undo knows every dependency', () => {
  /**
   * Random orders of imports, class additions, unit-making edits, unit merges and moves, and undos of any batch:
   * every undo and every filed diff either works or refuses with its reason, never an internal error; db check
   * stays clean.
   */
  it('no undo and no filed diff fails, whatever came before', async () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('class' as const),
        organiser: fc.constantFrom('浦东新区/花木街道', '宝山区/高境镇', '高境镇'),
      }),
      fc.record({
        kind: fc.constant('edit' as const),
        unit: fc.constantFrom('浦东新区/花木街道/牡丹居委', '宝山区/高境镇/新居委', '高境镇/高境一村居委'),
      }),
      fc.record({ kind: fc.constant('roster' as const), town: fc.constantFrom('高境镇', '罗店镇') }),
      fc.record({ kind: fc.constant('merge' as const) }),
      fc.record({ kind: fc.constant('move' as const) }),
      fc.record({ kind: fc.constant('undo' as const), which: fc.nat(12) }),
    );
    let classes = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 9 }), async (steps) => {
        const peixun = await walkThrough();
        await peixun.ok('report', 'quarterly', '2023Q3', '--file');
        let batches = 3;
        for (const item of steps) {
          let result;
          if (item.kind === 'class') {
            classes++;
            result = await peixun.run(
              'class',
              'add',
              '--code',
              `P${classes}`,
              '--name',
              '培训',
              '--start',
              '2023-08-01',
              '--organiser',
              item.organiser,
            );
          } else if (item.kind === 'edit') {
            result = await peixun.run(
              'trainee',
              'edit',
              '310113198001010013',
              '--unit',
              item.unit,
              '--from',
              '2023-01-01',
            );
          } else if (item.kind === 'roster') {
            result = await peixun.run(
              'import',
              'trainees',
              peixun.file('more.csv', `姓名,身份证号,街镇\n周九,310113199202290079,${item.town}\n`),
            );
          } else if (item.kind === 'merge') {
            result = await peixun.run('unit', 'merge', '高境镇', '宝山区/高境镇');
          } else if (item.kind === 'move') {
            result = await peixun.run('unit', 'move', '罗店镇', '宝山区');
          } else {
            result = await peixun.run('imports', 'undo', String((item.which % batches) + 1));
          }
          expect([0, 1], `${item.kind}: ${result.stderr}`).toContain(result.code);
          const latest = /batch #(\d+)/.exec(result.stdout)?.[1];
          if (latest) batches = Math.max(batches, Number(latest));
          const diff = await peixun.run('filed', 'diff', '1');
          expect(diff.code, diff.stderr).toBe(0);
          const check = await peixun.run('db', 'check');
          expect(check.code, check.stdout + check.stderr).toBe(0);
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
