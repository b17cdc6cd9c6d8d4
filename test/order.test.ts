/**
 * Same files, same figures (issue 10): a generated district's rosters (dated by --as-of, people moving between
 * units and categories) and sign-in sheets, imported in random orders, with random undos and re-imports in
 * between, always end in the same reports and a register that `db check` finds sound.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDatabase } from '../src/db/maintenance.js';
import type { Db } from '../src/db/open.js';
import { idCheckCharacter } from '../src/domain/identity.js';
import { runImport, type ImportRequest } from '../src/import/run.js';
import { undoImport } from '../src/import/undo.js';
import { quarterPeriod } from '../src/domain/periods.js';
import { summarise, type Grouping } from '../src/stats/summary.js';
import { DEFAULT_COMPLETION_THRESHOLD } from '../src/domain/attendance.js';
import { emptyInMemory, english, tempFolder } from './helpers.js';

const env = (db: Db) => ({
  db,
  dbPath: ':memory:',
  say: english,
  now: () => new Date('2026-11-27T09:00:00Z'),
  osUser: 'test',
  host: 'test',
});

// Nine people (at most nine: one digit of the ID each) in 24 runs rather than six in 40: each run imports a dozen
// files however many people they name, and more people per file meet more of one another's moves and sign-ins.
const PEOPLE = Array.from({ length: 9 }, (_, index) => {
  const base = `31011319800${index + 1}0100${index + 1}`.slice(0, 17);
  return { name: `学员${index}`, id: base + idCheckCharacter(base) };
});
// The last two are 街镇: a roster naming one for a 居村 member below it moves nobody (formats.md).
const UNITS = [
  '宝山区/高境镇/一村居委',
  '宝山区/高境镇/二村居委',
  '宝山区/罗店镇/天平村',
  '宝山区/罗店镇/新建村',
  '宝山区/高境镇',
  '宝山区/罗店镇',
];
const CATEGORIES = ['社区工作者', '居村党组织书记', '社区志愿者'];
/** Two sessions for each class; a sheet is one session. */
const CLASSES = [
  { code: 'C1', start: '2023-02-06', end: '2023-02-07' },
  { code: 'C2', start: '2023-05-08', end: '2023-05-09' },
  { code: 'C3', start: '2023-08-14', end: '2023-08-15' },
  { code: 'C4', start: '2024-01-15', end: '2024-01-16' },
];
const MOVE_DATES = ['2023-04-01', '2023-08-01', '2024-01-01'];
const STATUS = ['出勤', '迟到', '请假', '缺勤'];

interface FileToImport {
  kind: ImportRequest['kind'];
  file: string;
  asOf?: string;
}

const folder = tempFolder();
let fileNumber = 0;
function write(text: string): string {
  const file = join(folder, `f${fileNumber++}.csv`);
  writeFileSync(file, text);
  return file;
}

const district = fc.record({
  initial: fc.array(fc.record({ unit: fc.nat(3), category: fc.nat(2) }), {
    minLength: PEOPLE.length,
    maxLength: PEOPLE.length,
  }),
  moves: fc.array(
    fc.array(fc.record({ person: fc.nat(PEOPLE.length - 1), unit: fc.nat(5), category: fc.nat(2) }), {
      maxLength: 4,
    }),
    { minLength: MOVE_DATES.length, maxLength: MOVE_DATES.length },
  ),
  sheets: fc.array(
    fc.array(fc.option(fc.nat(STATUS.length - 1), { nil: undefined }), {
      minLength: PEOPLE.length,
      maxLength: PEOPLE.length,
    }),
    { minLength: CLASSES.length * 2, maxLength: CLASSES.length * 2 },
  ),
});

/** The district's files: the first roster and the classes, then moves and sign-in sheets. */
type District = typeof district extends fc.Arbitrary<infer T> ? T : never;

function files(data: District): { first: FileToImport[]; rest: FileToImport[] } {
  const roster = (rows: { person: number; unit: number; category: number }[]) =>
    ['姓名,身份证号,所属单位,人员类别']
      .concat(
        rows.map(
          (row) =>
            `${PEOPLE[row.person]?.name},${PEOPLE[row.person]?.id},${UNITS[row.unit]},${CATEGORIES[row.category]}`,
        ),
      )
      .join('\n');
  const first: FileToImport[] = [
    {
      kind: 'trainees',
      file: write(roster(data.initial.map((row, person) => ({ ...row, person })))),
      asOf: '2023-01-01',
    },
    {
      kind: 'classes',
      file: write(
        ['班级编号,班级名称,开始日期,结束日期,计划学时']
          .concat(CLASSES.map((klass) => `${klass.code},${klass.code}班,${klass.start},${klass.end},4`))
          .join('\n'),
      ),
    },
  ];
  const rest: FileToImport[] = [];
  data.moves.forEach((rows, index) => {
    // One word per person and date: a roster repeating someone would conflict with itself.
    const once = [...new Map(rows.map((row) => [row.person, row])).values()];
    if (once.length > 0) rest.push({ kind: 'trainees', file: write(roster(once)), asOf: MOVE_DATES[index] });
  });
  data.sheets.forEach((statuses, index) => {
    const klass = CLASSES[Math.floor(index / 2)];
    const date = index % 2 === 0 ? klass?.start : klass?.end;
    const rows = statuses.flatMap((status, person) =>
      status === undefined ? [] : [`${klass?.code},${date},上午,${PEOPLE[person]?.id},${STATUS[status]}`],
    );
    if (rows.length > 0)
      rest.push({
        kind: 'attendance',
        file: write(['班级编号,日期,时段,身份证号,签到状态', ...rows].join('\n')),
      });
  });
  return { first, rest };
}

async function load(db: Db, item: FileToImport): Promise<number | null> {
  const result = await runImport(env(db), {
    kind: item.kind,
    files: [item.file],
    asOf: item.asOf,
    dryRun: false,
    addUnknown: false,
  });
  expect(result.problems).toEqual([]);
  return result.batchId;
}

/** Every figure of every quarter, in total and by unit (each level) and category. */
function figures(db: Db) {
  const groupings: { by?: Grouping; level?: 'subdistrict' | 'community' }[] = [
    {},
    { by: 'category' },
    { by: 'unit', level: 'subdistrict' },
    { by: 'unit', level: 'community' },
  ];
  const quarters = [1, 2, 3, 4].map((quarter) => quarterPeriod(2023, quarter)).concat(quarterPeriod(2024, 1));
  return quarters.flatMap((period) =>
    groupings.map((grouping) => {
      const summary = summarise(db, {
        period,
        ...grouping,
        completionThreshold: DEFAULT_COMPLETION_THRESHOLD,
        today: '2026-11-27',
      });
      // Units are listed in register order, and a unit's place in it depends on which file named it first:
      // the figures are compared, not the order of the rows.
      const rows = [...summary.rows].sort((a, b) => String(a.group).localeCompare(String(b.group)));
      return { label: period.label, by: grouping, rows, total: summary.total };
    }),
  );
}

describe('the same files in any order, with undos and re-imports, give the same figures', () => {
  it('holds for generated districts', async () => {
    await fc.assert(
      fc.asyncProperty(
        district,
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.option(fc.nat(20), { nil: undefined }), { minLength: 12, maxLength: 12 }),
        async (data, shuffle, undos) => {
          const { first, rest } = files(data);
          const baseline = await emptyInMemory();
          const shuffled = await emptyInMemory();
          try {
            for (const item of [...first, ...rest]) await load(baseline, item);
            for (const item of first) await load(shuffled, item);
            // Another order: a random permutation of the moves and the sheets.
            const queue = rest
              .map((item, index) => ({ item, key: shuffle[index] ?? index }))
              .sort((a, b) => a.key - b.key)
              .map(({ item }) => item);
            const loaded: { batchId: number; item: FileToImport }[] = [];
            for (let step = 0; queue.length > 0; step++) {
              const item = queue.shift() as FileToImport;
              const batchId = await load(shuffled, item);
              if (batchId !== null) loaded.push({ batchId, item });
              // Now and then an earlier batch is undone (where nothing later builds on it) and imported again.
              const undo = undos[step];
              const target = undo === undefined ? undefined : loaded[undo % Math.max(loaded.length, 1)];
              if (target) {
                try {
                  await undoImport(shuffled, ':memory:', target.batchId, () => new Date());
                  loaded.splice(loaded.indexOf(target), 1);
                  queue.push(target.item);
                } catch {
                  // Refused: a later batch builds on it. That is the rule, not a failure.
                }
              }
            }
            expect(figures(shuffled)).toEqual(figures(baseline));
            expect(checkDatabase(shuffled)).toEqual([]);
          } finally {
            baseline.close();
            shuffled.close();
          }
        },
      ),
      { numRuns: 24 },
    );
  }, 120_000);
});
