/**
 * From district to city (issue 16): each district's register makes a bundle; the city rolls them up. One generated
 * city is imported three times, once per district, and once whole into one register: every figure of the roll-up,
 * in every grouping, must equal that register's own report. Then the promises: a changed byte, another key, a
 * second bundle of a district, missing districts, and no ID number, name or phone anywhere in a bundle's bytes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../src/bundle/read.js';
import { BUNDLE_FORMAT_V1, BUNDLE_SCHEMA_V1, seal, SEAL_PLACEHOLDER } from '../src/bundle/format.js';
import { idCheckCharacter } from '../src/domain/identity.js';
import { cityPseudonym } from '../src/privacy/pseudonyms.js';
import { inProcess, ROOT } from './helpers.js';

const CITY_KEY = '6f1c0d2e9a8b7c6d5e4f30211203f4e5d6c7b8a9';
const OTHER_KEY = '0a9b8c7d6e5f40312a3b4c5d6e7f8091';

/** The city key as an office sets it: never on the command line, here from a file of its own. */
async function setCityKey(
  peixun: { ok: (...args: string[]) => Promise<unknown>; file: (name: string, text: string) => string },
  key: string,
) {
  await peixun.ok('config', 'set', 'city-key', '--from-file', peixun.file('city.key', `${key}\n`));
}

/** A small deterministic random source (a linear congruential generator), so the city is the same every run. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

interface Person {
  name: string;
  id: string;
  phone: string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['建国', '秀英', '志强', '丽娟', '海燕', '明辉', '玉兰', '国庆', '桂芳', '文杰'];
const CATEGORIES = ['居村党组织书记', '社区工作者', '社区志愿者', '业委会主任'];
const STATUSES = ['出勤', '出勤', '出勤', '迟到', '早退', '请假', '缺勤'];

const DISTRICTS = [
  { name: '宝山区', region: '310113', towns: ['高境镇', '罗店镇'], code: 'BS' },
  { name: '静安区', region: '310106', towns: ['临汾路街道', '彭浦新村街道'], code: 'JA' },
  { name: '闵行区', region: '310112', towns: ['江川路街道', '七宝镇'], code: 'MH' },
] as const;
type District = (typeof DISTRICTS)[number];

interface DistrictFiles {
  district: District;
  trainees: string;
  classes: string;
  courses: string;
  attendance: string;
  projects: string;
  online: string;
  mentoring: string;
  /** Rosters of people who moved here on 2026-08-01, imported as of that day. */
  arrivals: string;
}

/**
 * The city: three districts of 14 people each (one without an ID number), two 街镇 of two 居村 each, three classes
 * in 2026Q3 with two or three sessions. Two people move on 2026-08-01: 宝山 → 静安 and 静安 → 闵行; they are
 * trained in both districts, before and after the move, and the district they left records them as left.
 */
function generatedCity(folder: string) {
  const draw = random(20_261_127);
  let personNumber = 0;
  const newPerson = (district: District): Person => {
    const index = personNumber++;
    const base = `${district.region}19${String(60 + (index % 35)).padStart(2, '0')}0${(index % 9) + 1}1${index % 10}${String(index).padStart(3, '0')}`;
    return {
      name: `${SURNAMES[index % SURNAMES.length]}${GIVEN[Math.floor(index / SURNAMES.length) % GIVEN.length]}${index >= 120 ? '乙' : ''}`,
      id: base.slice(0, 17) + idCheckCharacter(base.slice(0, 17)),
      phone: `139${String(10_000_000 + index * 7919).slice(0, 8)}`,
    };
  };
  const unitsOf = (district: District) =>
    district.towns.flatMap((town) => [
      `${district.name}/${town}/一村居委`,
      `${district.name}/${town}/二村居委`,
    ]);
  const people = DISTRICTS.map((district) =>
    Array.from({ length: 14 }, (_, index) => ({
      person: newPerson(district),
      unit: unitsOf(district)[index % 4] as string,
      category: CATEGORIES[draw(CATEGORIES.length)] as string,
      withoutId: index === 13,
    })),
  );
  // 宝山's first person moves to 静安, 静安's first to 闵行.
  const movers = [
    { from: 0, to: 1, who: people[0]?.[0]?.person },
    { from: 1, to: 2, who: people[1]?.[0]?.person },
  ];
  const csv = (name: string, lines: string[]) => {
    const file = join(folder, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const files: DistrictFiles[] = DISTRICTS.map((district, d) => {
    const own = people[d] ?? [];
    const arrived = movers
      .filter((move) => move.to === d)
      .map((move) => ({
        ...move.who!,
        unit: unitsOf(district)[1] as string,
        category: CATEGORIES[(d + 1) % CATEGORIES.length] as string,
      }));
    const rosterLine = (entry: { person: Person; unit: string; category: string; withoutId: boolean }) =>
      [
        entry.person.name,
        entry.withoutId ? '' : entry.person.id,
        entry.person.phone,
        ...entry.unit.split('/'),
        entry.category,
      ].join(',');
    const header = '姓名,身份证号,手机号,区,街镇,居村,人员类别';
    const classes = [
      { code: `${district.code}-K1`, organiser: district.name, type: '轮训', start: '2026-07-06', days: 2 },
      {
        code: `${district.code}-K2`,
        organiser: `${district.name}/${district.towns[0]}`,
        type: '专题培训',
        start: '2026-08-10',
        days: 3,
      },
      {
        code: `${district.code}-K3`,
        organiser: `${district.name}/${district.towns[1]}`,
        type: '专题培训',
        start: '2026-09-14',
        days: 1,
      },
    ];
    const day = (start: string, offset: number) =>
      `2026-${start.slice(5, 8)}${String(Number(start.slice(8)) + offset).padStart(2, '0')}`;
    // SH-C0 is the city's own course, taught in every district under the same code and name: one course of the city.
    const courses = ['SH-C0', `${district.code}-C2`];
    const attendance: string[] = [];
    for (const klass of classes) {
      for (let offset = 0; offset < klass.days; offset++) {
        const date = day(klass.start, offset);
        const course = courses[offset % 2] as string;
        // Everyone of the district is on the sheet of a July class; after 1 August, the people of that day.
        const present = [
          ...own.filter(
            (entry) =>
              klass.start < '2026-08-01' ||
              !movers.some((move) => move.from === d && move.who === entry.person),
          ),
          ...(klass.start >= '2026-08-01' ? arrived.map((person) => ({ person, withoutId: false })) : []),
        ];
        for (const [index, entry] of present.entries()) {
          if (draw(5) === 0) continue; // not on this sheet
          const status = STATUSES[draw(STATUSES.length)] as string;
          // Every third sign-in without hours: it earns the class's planned share.
          const hours = index % 3 === 0 ? '' : String(2 + draw(3));
          attendance.push(
            [
              klass.code,
              date,
              '上午',
              entry.withoutId ? '' : entry.person.id,
              entry.person.name,
              status,
              hours,
              course,
              // K2's second day is held online (腾讯会议): its hours are the period's online hours.
              klass.code.endsWith('K2') && offset === 1 ? '线上' : '线下',
            ].join(','),
          );
        }
      }
    }
    return {
      district,
      trainees: csv(`${district.code}-trainees.csv`, [header, ...own.map(rosterLine)]),
      arrivals: csv(`${district.code}-arrivals.csv`, [
        header,
        ...arrived.map((person) =>
          rosterLine({ person, unit: person.unit, category: person.category, withoutId: false }),
        ),
      ]),
      classes: csv(`${district.code}-classes.csv`, [
        '班级编号,班级名称,班级类型,主办单位,开始日期,结束日期,计划学时',
        ...classes.map((klass) =>
          [
            klass.code,
            `${district.name}${klass.type}班`,
            klass.type,
            klass.organiser,
            klass.start,
            day(klass.start, klass.days - 1),
            klass.days * 3,
          ].join(','),
        ),
      ]),
      courses: csv(`${district.code}-courses.csv`, [
        '课程编号,课程名称,课程类别,学时',
        `${courses[0]},基层治理概论,政治理论类,2`,
        `${courses[1]},${district.name}议事协商实务,实务实训类,3`,
      ]),
      attendance: csv(`${district.code}-attendance.csv`, [
        '班级编号,日期,时段,身份证号,姓名,签到状态,学时,课程编号,线上线下',
        ...attendance,
      ]),
      // Hours on the online platform, and a mentoring pair, of the district's own people.
      online: csv(`${district.code}-online.csv`, [
        '姓名,身份证号,课程名称,学时,完成日期',
        `${own[2]?.person.name},${own[2]?.person.id},网上党课,1.5,2026-07-20`,
        `${own[5]?.person.name},${own[5]?.person.id},社区治理案例,2,2026-09-02`,
      ]),
      mentoring: csv(`${district.code}-mentoring.csv`, [
        '带教人身份证号,被带教人身份证号,开始日期,结束日期',
        `${own[3]?.person.id},${own[4]?.person.id},2026-07-01,`,
      ]),
      projects: csv(`${district.code}-projects.csv`, [
        '项目编号,项目名称,所属单位,立项日期,状态,来源班级',
        `${district.code}-P1,${district.name}楼道自治项目,${unitsOf(district)[0]},2026-08-20,孵化中,${district.code}-K1`,
        `${district.code}-P2,${district.name}睦邻点,${unitsOf(district)[3]},2026-09-05,已立项,`,
      ]),
    };
  });
  return { files, people: people.flat().map((entry) => entry.person), movers };
}

type Register = ReturnType<typeof inProcess>;

async function load(peixun: Register, files: readonly DistrictFiles[]) {
  for (const file of files) await peixun.ok('import', 'trainees', file.trainees, '--as-of', '2026-01-01');
  for (const file of files) {
    if (readFileSync(file.arrivals, 'utf8').trim().split('\n').length > 1)
      await peixun.ok('import', 'trainees', file.arrivals, '--as-of', '2026-08-01');
  }
  for (const file of files) {
    await peixun.ok('import', 'classes', file.classes);
    await peixun.ok('import', 'courses', file.courses);
    await peixun.ok('import', 'attendance', file.attendance);
    await peixun.ok('import', 'projects', file.projects);
    await peixun.ok('import', 'online', file.online);
    await peixun.ok('import', 'mentoring', file.mentoring);
  }
}

interface SummaryJson {
  rows: ({ group: string } & Record<string, unknown>)[];
  total: Record<string, unknown>;
  multiDistrictParticipants?: number;
  localParticipants?: number;
  districts?: { district: string }[];
}

/** Rows by their group, so that two summaries compare whatever order their registers learnt the units in. */
const byGroup = (summary: SummaryJson) =>
  Object.fromEntries(summary.rows.map(({ group, ...figures }) => [group, figures]));

describe('bundles and the roll-up', () => {
  let city: ReturnType<typeof generatedCity>;
  let whole: Register;
  const bundles: string[] = [];
  const districts: Register[] = [];

  beforeAll(async () => {
    whole = inProcess();
    city = generatedCity(whole.folder);
    await load(whole, city.files);
    for (const [index, files] of city.files.entries()) {
      const district = inProcess();
      // The district's own people, then whoever moved in on 1 August.
      await load(district, [files]);
      for (const move of city.movers.filter((candidate) => candidate.from === index)) {
        await district.ok('trainee', 'leave', move.who!.id, '--date', '2026-08-01', '--yes');
      }
      await setCityKey(district, CITY_KEY);
      const bundle = join(whole.folder, `${files.district.code}.peixun`);
      await district.ok('bundle', '2026Q3', '--out', bundle);
      bundles.push(bundle);
      districts.push(district);
    }
    await setCityKey(whole, CITY_KEY);
  }, 60_000);

  const groupings: string[][] = [
    [],
    ['--by', 'class-type'],
    ['--by', 'category'],
    ['--by', 'organiser'],
    ['--by', 'organiser', '--level', 'district'],
    ['--by', 'unit'],
    ['--by', 'unit', '--level', 'district'],
    ['--by', 'unit', '--level', 'subdistrict'],
  ];
  it.each(groupings.map((by) => [by.join(' ') || 'total', by] as const))(
    'every figure equals one register holding the whole city (%s)',
    async (_label, by) => {
      const rolled = await whole.json<SummaryJson>('rollup', ...bundles, ...by, '--format', 'json');
      const reported = await whole.json<SummaryJson>(
        'report',
        'quarterly',
        '2026Q3',
        ...by,
        '--format',
        'json',
      );
      expect(rolled.total).toEqual(reported.total);
      expect(byGroup(rolled)).toEqual(byGroup(reported));
    },
  );

  it('a cross table of the city equals the one register’s, cell by cell', async () => {
    const by = [
      '--by',
      'unit,category',
      '--level',
      'subdistrict',
      '--figure',
      'participants',
      '--format',
      'json',
    ];
    type Cross = {
      columns: string[];
      rows: { group: string; cells: unknown[]; total: unknown }[];
      total: unknown;
    };
    // The roll-up's JSON is laid out as the report's: the cross table at the top, the districts beside it.
    const rolled = await whole.json<Cross & { districts: unknown[] }>('rollup', ...bundles, ...by);
    const reported = await whole.json<Cross>('report', 'quarterly', '2026Q3', ...by);
    expect(Object.keys(reported).filter((key) => !(key in rolled))).toEqual([]);
    expect(rolled.districts).toHaveLength(3);
    const cells = (cross: Cross) =>
      Object.fromEntries(
        cross.rows.map((row) => [
          row.group,
          Object.fromEntries(cross.columns.map((column, index) => [column, row.cells[index]])),
        ]),
      );
    expect(cells(rolled)).toEqual(cells(reported));
    expect(rolled.total).toBe(reported.total);
    // Districts pair too: each district's people of each category.
    const byDistrict = await whole.json<Cross>(
      'rollup',
      ...bundles,
      '--by',
      'district',
      '--then',
      'category',
      '--format',
      'json',
    );
    expect(byDistrict.rows.map((row) => row.group)).toEqual(['宝山区', '静安区', '闵行区']);
  });

  it('as an .xlsx form, ends with who hands it in', async () => {
    const out = join(whole.folder, 'city.xlsx');
    await whole.ok('--lang', 'zh', 'rollup', ...bundles, '--reporter', '市委组织部 王芳', '--out', out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const labels: unknown[] = [];
    workbook.worksheets[0]?.eachRow((row) => labels.push(row.getCell(1).value));
    expect(labels.slice(-4)).toEqual(['填报单位', '填报人', '联系电话', '填报日期']);
  });

  it('counts a person trained in two districts once, and says how many were', async () => {
    const rolled = await whole.json<SummaryJson>('rollup', ...bundles, '--format', 'json');
    const own = await Promise.all(districts.map((district) => quarterParticipants(district)));
    // Each mover attended in the district they left (July) and the one they joined (after 1 August): 2 people
    // counted in two districts' 人数, once in the city's. (The random sheets give each mover a sign-in in both; the
    // check below holds whatever they are.)
    expect(rolled.multiDistrictParticipants).toBe(2);
    expect(rolled.total.participants).toBe(own.reduce((sum, count) => sum + count, 0) - 2);
    // Each district has one person without an ID number, trained: three local pseudonyms.
    expect(rolled.localParticipants).toBe(3);
    expect(rolled.districts?.map((district) => district.district)).toEqual(['宝山区', '静安区', '闵行区']);
  });

  it('by district: each district its own figures, as its own register counts them', async () => {
    const rolled = await whole.json<SummaryJson>(
      'rollup',
      ...bundles,
      '--by',
      'district',
      '--format',
      'json',
    );
    for (const [index, district] of districts.entries()) {
      const own = await district.json<SummaryJson>('report', 'quarterly', '2026Q3', '--format', 'json');
      const row = rolled.rows.find((candidate) => candidate.group === DISTRICTS[index]?.name);
      const { group: _group, coverage: _coverage, ...figures } = row ?? { group: '' };
      const { group: _ownGroup, coverage: _ownCoverage, ...ownFigures } = own.total;
      expect(figures).toEqual(ownFigures);
    }
  });

  it("docs/rollup.sql, run over the bundles in SQLite, gives the roll-up's figures", async () => {
    const parts = sqlParts(readFileSync(join(ROOT, 'docs', 'rollup.sql'), 'utf8'));
    const warehouse = new Database(':memory:');
    warehouse.exec(parts.create ?? '');
    for (const bundle of bundles) {
      for (const statement of statements(parts.load ?? '')) {
        const prepared = warehouse.prepare(statement);
        if (statement.includes(':bundle')) prepared.run({ bundle });
        else prepared.run();
      }
    }
    const totals = warehouse.prepare(parts.totals ?? '').get() as Record<string, number>;
    const byDistrict = warehouse.prepare(parts['by-district'] ?? '').all() as Record<
      string,
      number | string
    >[];
    warehouse.close();
    const rolled = await whole.json<SummaryJson>('rollup', ...bundles, '--format', 'json');
    const { total } = rolled;
    expect(totals).toEqual(sqlTotals(rolled));
    // The city's course SH-C0, taught in all three districts, is one course: each district's own C2, and SH-C0.
    expect(total.courses).toBe(4);
    const perDistrict = await whole.json<SummaryJson>(
      'rollup',
      ...bundles,
      '--by',
      'district',
      '--format',
      'json',
    );
    // SQL orders by code point, peixun in pinyin order: compared district by district.
    const byName = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      String(a.district) < String(b.district) ? -1 : 1;
    expect(byDistrict.sort(byName)).toEqual(
      perDistrict.rows
        .map((row) => ({
          district: row.group,
          classes: row.classes,
          participant_times: row.participantTimes,
          participants: row.participants,
          hours: expect.closeTo(row.hours as number, 6),
          attendance_rate: expect.closeTo(row.attendanceRate as number, 9),
          completion_rate: expect.closeTo(row.completionRate as number, 9),
          projects: row.projects,
          mentoring_pairs: row.mentoringPairs,
          platform_hours: expect.closeTo(row.platformHours as number, 6),
        }))
        .sort(byName),
    );
  });

  it('as Parquet, partitioned district=/period=, docs/rollup.sql gives the roll-up’s figures in DuckDB', async () => {
    const folder = join(whole.folder, 'parquet');
    const written = await whole.ok('rollup', ...bundles, '--format', 'parquet', '--out', folder);
    expect(written.stdout).toContain(`wrote Parquet to ${folder} (3 districts`);
    expect(existsSync(join(folder, 'enrolments', 'district=宝山区', 'period=2026Q3', 'part-0.parquet'))).toBe(
      true,
    );
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    // A folder there already is replaced only with --force.
    const twice = await whole.run('rollup', ...bundles, '--format', 'parquet', '--out', folder);
    expect([twice.code, twice.stderr]).toEqual([1, expect.stringContaining('exists')]);
    await whole.ok('rollup', ...bundles, '--format', 'parquet', '--out', folder, '--force');
    const duck = await instance.connect();
    const parts = sqlParts(readFileSync(join(ROOT, 'docs', 'rollup.sql'), 'utf8'));
    for (const statement of statements((parts.parquet ?? '').replaceAll('{dir}', folder)))
      await duck.run(statement);
    const number = (value: unknown) => (typeof value === 'bigint' ? Number(value) : value);
    const plain = (row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, number(value)]));
    const totals = plain((await duck.runAndReadAll(parts.totals ?? '')).getRowObjects()[0] ?? {});
    const byDistrict = (await duck.runAndReadAll(parts['by-district'] ?? '')).getRowObjects().map(plain);
    duck.closeSync();
    const rolled = await whole.json<SummaryJson>('rollup', ...bundles, '--format', 'json');
    expect(totals).toEqual(sqlTotals(rolled));
    const perDistrict = await whole.json<SummaryJson>(
      'rollup',
      ...bundles,
      '--by',
      'district',
      '--format',
      'json',
    );
    // SQL orders by code point, peixun in pinyin order: compared as sorted lists.
    const sorted = (rows: unknown[][]) => rows.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
    expect(
      sorted(byDistrict.map((row) => [row.district, row.classes, row.participants, row.mentoring_pairs])),
    ).toEqual(
      sorted(perDistrict.rows.map((row) => [row.group, row.classes, row.participants, row.mentoringPairs])),
    );
    // One district's own facts, as `bundle --format parquet` writes them: the rows its sealed bundle holds.
    const own = join(whole.folder, 'parquet-bs');
    await districts[0]?.ok('bundle', '2026Q3', '--format', 'parquet', '--out', own);
    const again = await instance.connect();
    const counted = (
      await again.runAndReadAll(
        `SELECT COUNT(*) AS n, MIN(district) AS district FROM read_parquet('${own}/enrolments/*/*/*.parquet', hive_partitioning = true)`,
      )
    ).getRowObjects()[0];
    again.closeSync();
    expect([Number(counted?.n), counted?.district]).toEqual([
      openBundle(bundles[0] ?? '', CITY_KEY).enrolments,
      '宝山区',
    ]);
    // A bundle refused (another key) leaves no folder, not even a half-written one.
    const refused = join(whole.folder, 'parquet-refused');
    const other = inProcess();
    await setCityKey(other, OTHER_KEY);
    expect((await other.run('rollup', ...bundles, '--format', 'parquet', '--out', refused)).code).toBe(1);
    expect(existsSync(refused)).toBe(false);
  });

  it('a bundle holds no ID number, name or phone of the register', () => {
    const bytes = Buffer.concat(bundles.map((file) => readFileSync(file)));
    const text = bytes.toString('latin1');
    for (const person of city.people) {
      for (const secret of [person.id, person.id.toLowerCase(), person.name, person.phone]) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
      }
    }
    // …but the pseudonym of each person with an ID number, which anyone holding the key can compute.
    const withId = city.people.filter((person) => text.includes(cityPseudonym(CITY_KEY, person.id)));
    expect(withId.length).toBeGreaterThan(30);
  });

  it('refuses a bundle changed by one byte, wherever the byte is', () => {
    const original = readFileSync(bundles[0] as string);
    const changed = join(whole.folder, 'changed.peixun');
    const draw = random(7);
    const hash = openBundle(bundles[0] as string, CITY_KEY).hash;
    const seal = original.indexOf(hash, 0, 'latin1');
    // The header, the seal itself, the last byte, and a hundred places chosen at random.
    const places = [
      0,
      20,
      99,
      seal,
      seal + 63,
      original.length - 1,
      ...Array.from({ length: 100 }, () => draw(original.length)),
    ];
    for (const place of places) {
      const bytes = Buffer.from(original);
      bytes[place] = (bytes[place] ?? 0) ^ 0x01;
      writeFileSync(changed, bytes);
      expect(() => openBundle(changed, CITY_KEY), `byte ${place}`).toThrow(/changed\.peixun/);
    }
    writeFileSync(changed, original);
    expect(openBundle(changed, CITY_KEY).district).toBe('宝山区');
  });

  it('says in the roll-up which file was changed, and counts nothing', async () => {
    const bytes = readFileSync(bundles[1] as string);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    const changed = join(whole.folder, '静安-changed.peixun');
    writeFileSync(changed, bytes);
    const result = await whole.run('--lang', 'en', 'rollup', bundles[0] as string, changed);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${changed} was changed after it was made`);
    expect(result.stdout).toBe('');
  });

  it('refuses a bundle made under another key, naming it', async () => {
    const other = inProcess();
    await load(other, [city.files[2] as DistrictFiles]);
    await setCityKey(other, OTHER_KEY);
    const foreign = join(other.folder, 'other-key.peixun');
    await other.ok('bundle', '--year', '2026', '--quarter', '3', '--out', foreign);
    const result = await whole.run('--lang', 'en', 'rollup', bundles[0] as string, foreign);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${foreign} was made under another key`);
    // Without a register holding the city's key no seal can be checked: nothing is counted.
    const nowhere = inProcess();
    const unkeyed = await nowhere.run('--lang', 'en', 'rollup', foreign, ...bundles);
    expect(unkeyed.code).toBe(1);
    expect(unkeyed.stderr).toContain('holds no city key');
  });

  it('refuses two bundles of one district unless --replace, which takes the later', async () => {
    const again = join(whole.folder, 'BS-again.peixun');
    await districts[0]!.ok('bundle', '2026Q3', '--out', again);
    const refused = await whole.run('--lang', 'en', 'rollup', ...bundles, again);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('宝山区 sent several bundles for the period');
    const replaced = await whole.run('--lang', 'en', 'rollup', ...bundles, again, '--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.stderr).toContain(`宝山区: a later bundle is used instead of ${bundles[0]}`);
  });

  it('names the districts missing from the list expected', async () => {
    const expected = whole.file('districts.txt', '# 应报送的区\n宝山区\n静安区\n闵行区\n浦东新区\n\n');
    const named = await whole.run('--lang', 'en', 'rollup', ...bundles.slice(0, 2), '--expect', expected);
    expect(named.stderr).toContain('no bundle from 2 districts: 闵行区, 浦东新区');
    const counted = await whole.run('--lang', 'en', 'rollup', ...bundles, '--expect', '16');
    expect(counted.stderr).toContain('13 of the 16 districts expected sent no bundle');
  });

  it('reads a bundle of the older format: the figures it lacks are not available (null, —), never 0', async () => {
    // 闵行区's bundle as peixun made it before format 2: no online hours, pairs, platform hours or course codes.
    const older = join(whole.folder, 'MH-format1.peixun');
    writeFileSync(older, asFormat1(bundles[2] ?? '', CITY_KEY));
    const mixed = [bundles[0] ?? '', bundles[1] ?? '', older];
    const rolled = await whole.json<SummaryJson>('rollup', ...mixed, '--by', 'district', '--format', 'json');
    for (const figures of [rolled.total, ...rolled.rows]) {
      expect(figures).toMatchObject({
        mentoringPairs: null,
        onlineHours: null,
        offlineHours: null,
        platformHours: null,
      });
    }
    // What format 1 carries is counted as before; 人数 and the rest equal the roll-up of today's bundles.
    const today = await whole.json<SummaryJson>('rollup', ...bundles, '--by', 'district', '--format', 'json');
    expect(rolled.total.participants).toBe(today.total.participants);
    expect(rolled.total.hours).toBe(today.total.hours);
    const said = await whole.run('--lang', 'zh', 'rollup', ...mixed);
    expect(said.code).toBe(0);
    expect(said.stderr).toContain('闵行区 的汇总包是旧格式（peixun-bundle/1）');
    expect(said.stdout).toMatch(/│ 合计 .*│\s+— │\s+— │\s+— │\s+— │/);
  });

  it('a bundle of a newer format is said to need a newer peixun, not to be no bundle', async () => {
    const newer = join(whole.folder, 'newer.peixun');
    const db = new Database(readFileSync(bundles[0] ?? ''));
    db.exec(`CREATE TABLE trainings_online (id INTEGER PRIMARY KEY)`);
    db.prepare(`UPDATE bundle SET value = 'peixun-bundle/3' WHERE key = 'format'`).run();
    writeFileSync(newer, db.serialize());
    db.close();
    const result = await whole.run('--lang', 'en', 'rollup', newer);
    expect([result.code, result.stderr]).toEqual([
      1,
      expect.stringContaining(
        `${newer} is a peixun-bundle/3; this peixun reads peixun-bundle/1, peixun-bundle/2`,
      ),
    ]);
  });

  it('refuses bundles of another period than the one asked for', async () => {
    const result = await whole.run('--lang', 'en', 'rollup', ...bundles, '--year', '2026', '--quarter', '2');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('covers 2026-07-01~2026-09-30, not 2026-04-01~2026-06-30');
  });

  it('makes no bundle without the city key', async () => {
    const district = inProcess();
    await load(district, [city.files[0] as DistrictFiles]);
    const result = await district.run(
      '--lang',
      'en',
      'bundle',
      '2026Q3',
      '--out',
      join(district.folder, 'b.peixun'),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('no city key');
  });

  it('shows the city key only by its fingerprint', async () => {
    const listed = await whole.run('--lang', 'en', 'config');
    expect(listed.stdout).not.toContain(CITY_KEY);
    expect(listed.stdout).toMatch(/city-key\s+│ set \(fingerprint [0-9a-f]{16}\)/);
    const refused = await whole.run('--lang', 'en', 'config', 'set', 'city-key', 'short');
    expect(refused.code).not.toBe(0);
  });
});

/** The parts of a SQL file marked `-- @name`. */
function sqlParts(text: string): Record<string, string> {
  const parts: Record<string, string> = {};
  let name = '';
  for (const line of text.split('\n')) {
    const marker = /^-- @([\w-]+)/.exec(line);
    if (marker) name = marker[1] ?? '';
    else if (name) parts[name] = `${parts[name] ?? ''}${line}\n`;
  }
  return parts;
}

/** The statements of a part, one by one (each ends with a semicolon at the end of a line). */
const statements = (part: string) =>
  part
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^--.*$/gm, '').trim())
    .filter((statement) => statement !== '');

async function quarterParticipants(district: Register): Promise<number> {
  const summary = await district.json<SummaryJson>('report', 'quarterly', '2026Q3', '--format', 'json');
  return summary.total.participants as number;
}

/**
 * A bundle as peixun wrote it before format 2: today's rows in format 1's tables, sealed again under the key (as
 * the district's peixun would have sealed it).
 */
function asFormat1(file: string, key: string): Buffer {
  const older = new Database(':memory:');
  older.exec(BUNDLE_SCHEMA_V1);
  writeFileSync(`${file}.copy`, readFileSync(file));
  older.exec(`ATTACH '${file}.copy' AS today`);
  const copy = (table: string, columns: string) =>
    older.exec(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM today.${table}`);
  copy('bundle', 'key, value');
  copy('units', 'id, parent_id, level, name, path');
  copy('courses', 'id, name, category');
  copy(
    'classes',
    'id, code, name, type, organiser_unit_id, start_date, end_date, planned_hours, plan, sessions, last_session',
  );
  copy('sessions', 'class_id, date, slot');
  copy(
    'enrolments',
    'id, class_id, person, person_kind, unit_id, category, records, attended, hours, unhoured, completed',
  );
  copy('enrolment_courses', 'enrolment_id, course_id');
  copy('projects', 'unit_id, source_class_id');
  copy('registered', 'unit_id, category, trainees');
  older.exec(`INSERT INTO totals SELECT figure, value FROM today.totals
              WHERE figure NOT IN ('mentoringPairs', 'offlineHours', 'onlineHours', 'platformHours')`);
  older.exec('DETACH today');
  older.prepare(`UPDATE bundle SET value = ? WHERE key = 'format'`).run(BUNDLE_FORMAT_V1);
  older.prepare(`UPDATE bundle SET value = ? WHERE key = 'content_hash'`).run(SEAL_PLACEHOLDER);
  older.exec('VACUUM');
  const bytes = older.serialize();
  older.close();
  return seal(bytes, key).sealed;
}

describe('the district a register speaks for', () => {
  it('config set district takes only a district the register holds, as it spells it', async () => {
    const peixun = inProcess();
    // Before any import: one of Shanghai's sixteen.
    expect((await peixun.run('config', 'set', 'district', '宝山')).stderr).toContain(
      'is not a district of Shanghai',
    );
    await peixun.ok('import', 'trainees', join(ROOT, 'test', 'fixtures', 'small', 'trainees.csv'));
    const typo = await peixun.run('--lang', 'zh', 'config', 'set', 'district', '宝山');
    expect([typo.code, typo.stderr]).toEqual([
      1,
      expect.stringContaining('登记库中没有“宝山”这个区；本库的区：宝山区'),
    ]);
    const other = await peixun.run('config', 'set', 'district', '浦东新区');
    expect(other.code).toBe(1);
    await peixun.ok('config', 'set', 'district', '宝山区');
  });

  it('a register holding two districts bundles one, and says what of the other it left out', async () => {
    const peixun = inProcess();
    await peixun.ok('import', 'trainees', join(ROOT, 'test', 'fixtures', 'small', 'trainees.csv'));
    await peixun.ok('import', 'classes', join(ROOT, 'test', 'fixtures', 'small', 'classes.csv'));
    await peixun.ok('import', 'attendance', join(ROOT, 'test', 'fixtures', 'small', 'attendance.csv'));
    // 浦东新区: one trainee, one class of its own in 2023Q3 that 张三 of 宝山区 attended.
    await peixun.ok(
      'import',
      'trainees',
      peixun.file('pd.csv', '姓名,区,街镇,居村,人员类别\n陆浦东,浦东新区,花木街道,牡丹居委,社区工作者\n'),
    );
    await peixun.ok(
      'import',
      'classes',
      peixun.file(
        'pdc.csv',
        '班级编号,班级名称,班级类型,主办单位,开始日期\nPD-1,浦东专题班,专题培训,浦东新区,2023-07-05\n',
      ),
    );
    await peixun.ok(
      'import',
      'attendance',
      peixun.file(
        'pda.csv',
        '班级编号,日期,身份证号,姓名,签到状态\nPD-1,2023-07-05,310113198001010013,张三,出勤\n',
      ),
    );
    await setCityKey(peixun, CITY_KEY);
    // Two districts and none named: which one is it?
    expect((await peixun.run('bundle', '2023Q3', '--out', join(peixun.folder, 'x.peixun'))).code).toBe(1);
    await peixun.ok('config', 'set', 'district', '宝山区');
    const out = join(peixun.folder, '宝山区.peixun');
    const made = await peixun.ok('--lang', 'zh', 'bundle', '2023Q3', '--out', out);
    // 宝山区's classes of 2023Q3 are K1 to K4 (K5 is cancelled), as its own report counts them: 4; PD-1, though
    // 张三 of 宝山区 attended it, is 浦东新区's class.
    expect(made.stdout).toContain('班次 4');
    expect(made.stdout).toContain('未打包：其他区主办的 1 个培训班：PD-1（浦东新区）');
    expect(made.stdout).toContain('未计入覆盖率：其他 1 个区的在册学员 1 名');
    const rolled = await peixun.json<SummaryJson>('rollup', out, '--format', 'json');
    expect(rolled.total.classes).toBe(4);
  });
});

/** The roll-up's totals as docs/rollup.sql's @totals names them: what the SQL must give back. */
function sqlTotals(rolled: SummaryJson) {
  const { total } = rolled;
  const close = (value: unknown, digits: number) => expect.closeTo(value as number, digits);
  return {
    classes: total.classes,
    participant_times: total.participantTimes,
    participants: total.participants,
    hours: close(total.hours, 6),
    attendance_rate: close(total.attendanceRate, 9),
    completion_rate: close(total.completionRate, 9),
    courses: total.courses,
    projects: total.projects,
    mentoring_pairs: total.mentoringPairs,
    online_hours: close(total.onlineHours, 6),
    offline_hours: close(total.offlineHours, 6),
    platform_hours: close(total.platformHours, 6),
    multi_district_participants: rolled.multiDistrictParticipants,
  };
}
