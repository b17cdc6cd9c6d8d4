/**
 * Model-based: random sequences of sign-in imports (some sessions marked 线上 or 线下: a session's mode is the
 * session's, whichever sheet said it), corrections at the door
 * (`attend`), category changes dated with --from, walk-ins registered by --add-unknown and merged into their real
 * record, and undos, in any order, against a plain model of the statistics by trainee category, of the online part
 * of the hours, and of a training plan's delivery (K1 and K2 deliver plan JH1). After every step the register's
 * figures and the model's agree, and `db check` finds the register sound.
 *
 * The register starts as test/fixtures/small's trainees and classes (imported on 2024-01-01, so everyone's
 * category holds from then, and, being the earliest word, for 2023 too).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClassRow } from '../src/db/classes.js';
import { checkDatabase } from '../src/db/maintenance.js';
import type { Db } from '../src/db/open.js';
import { PeixunError } from '../src/errors.js';
import { runImport } from '../src/import/run.js';
import { undoImport } from '../src/import/undo.js';
import { recordSession } from '../src/register/classes.js';
import { resolveTrainee } from '../src/register/search.js';
import { editTrainee, mergeTrainees } from '../src/register/trainees.js';
import { quarterPeriod } from '../src/domain/periods.js';
import { planDelivery } from '../src/stats/plans.js';
import { summarise } from '../src/stats/summary.js';
import { DEFAULT_COMPLETION_THRESHOLD } from '../src/domain/attendance.js';
import { english, inMemoryCopy, smallInMemory, tempFolder } from './helpers.js';

const TODAY = '2024-01-01';
const env = (db: Db) => ({
  db,
  dbPath: ':memory:',
  say: english,
  now: () => new Date(`${TODAY}T12:00:00Z`),
  osUser: 'test',
  host: 'test',
});

const PEOPLE = [
  { id: '310113198001010013', category: '社区工作者' },
  { id: '31011319851212002X', category: '居村党组织书记' },
  { id: '310113199005050033', category: '社区工作者' },
  { id: '310113197511110044', category: '社区志愿者' },
  { id: '310113197003030064', category: '其他' },
];
const WALK_INS = ['临时甲', '临时乙'];
const SESSIONS = [
  { code: 'K1', start: '2023-07-10', date: '2023-07-10', slot: '上午' },
  { code: 'K1', start: '2023-07-10', date: '2023-07-10', slot: '下午' },
  { code: 'K1', start: '2023-07-10', date: '2023-07-17', slot: '上午' },
  { code: 'K2', start: '2023-08-01', date: '2023-08-01', slot: '上午' },
  { code: 'K2', start: '2023-08-01', date: '2023-08-02', slot: '上午' },
  { code: 'K4', start: '2023-08-15', date: '2023-08-15', slot: '' },
] as const;
const PLANNED: Record<string, number> = { K1: 6, K2: 4, K4: 2 };
const CATEGORIES = ['社区工作者', '居村党组织书记', '社区志愿者'];
const FROM_DATES = ['2023-01-01', '2023-08-01', '2024-06-01'];
const STATUS_WORDS = { present: '出勤', late: '迟到', excused: '请假', absent: '缺勤' } as const;
type Status = keyof typeof STATUS_WORDS;

/** Who a record belongs to: a person of the roster by index, or a walk-in by name until merged. */
type Who = string;
interface Model {
  /** `who|session index` → record */
  records: Map<string, { status: Status; hours: number | null }>;
  /** Sessions a sheet said were held online (线上), by index; the first sheet to say sets it, a later one changes it. */
  online: Map<number, boolean>;
  /** who → category statements by date */
  history: Map<Who, Map<string, string>>;
  /** walk-ins registered so far, not merged */
  walkIns: Set<string>;
}

const copy = (model: Model): Model => ({
  records: new Map(model.records),
  online: new Map(model.online),
  history: new Map([...model.history].map(([who, entries]) => [who, new Map(entries)])),
  walkIns: new Set(model.walkIns),
});

function categoryOn(model: Model, who: Who, date: string): string {
  const entries = [...(model.history.get(who) ?? new Map<string, string>())].sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  const before = entries.filter(([from]) => from <= date);
  return (before[before.length - 1] ?? entries[0])?.[1] ?? '其他';
}

/** statistics.md by category, the plain way: participant-times, participants and hours of each category. */
function modelByCategory(model: Model) {
  const sessionsOf = new Map<string, Set<number>>();
  for (const key of model.records.keys()) {
    const index = Number(key.split('|')[1]);
    const code = SESSIONS[index]?.code ?? '';
    sessionsOf.set(code, (sessionsOf.get(code) ?? new Set()).add(index));
  }
  const rows = new Map<
    string,
    { participantTimes: number; participants: Set<string>; hours: number; onlineHours: number }
  >();
  const enrolments = new Map<string, { attended: number; hours: number; onlineHours: number }>();
  for (const [key, record] of model.records) {
    const [who = '', index] = key.split('|');
    const session = SESSIONS[Number(index)];
    if (!session) continue;
    const enrolment = enrolments.get(`${who}|${session.code}`) ?? { attended: 0, hours: 0, onlineHours: 0 };
    if (record.status === 'present' || record.status === 'late') {
      enrolment.attended++;
      const hours = record.hours ?? (PLANNED[session.code] ?? 0) / (sessionsOf.get(session.code)?.size ?? 1);
      enrolment.hours += hours;
      if (model.online.get(Number(index))) enrolment.onlineHours += hours;
    }
    enrolments.set(`${who}|${session.code}`, enrolment);
  }
  for (const [key, enrolment] of enrolments) {
    const [who = '', code] = key.split('|');
    const start = SESSIONS.find((session) => session.code === code)?.start ?? '';
    const category = categoryOn(model, who, start);
    const row = rows.get(category) ?? {
      participantTimes: 0,
      participants: new Set<string>(),
      hours: 0,
      onlineHours: 0,
    };
    if (enrolment.attended > 0) {
      row.participantTimes++;
      row.participants.add(who);
    }
    row.hours += enrolment.hours;
    row.onlineHours += enrolment.onlineHours;
    rows.set(category, row);
  }
  return Object.fromEntries(
    [...rows]
      .filter(([, row]) => row.participantTimes > 0)
      .map(([category, row]) => [
        category,
        {
          participantTimes: row.participantTimes,
          participants: row.participants.size,
          hours: Math.round(row.hours * 1e6) / 1e6,
          onlineHours: Math.round(row.onlineHours * 1e6) / 1e6,
        },
      ]),
  );
}

/** The plan JH1's delivery, the plain way: K1 and K2 (both start in 2023Q3), their attended enrolments and hours. */
function modelPlan(model: Model) {
  const enrolments = new Map<string, { attended: boolean; hours: number }>();
  for (const [key, record] of model.records) {
    const [who = '', index] = key.split('|');
    const session = SESSIONS[Number(index)];
    if (!session || session.code === 'K4') continue;
    const sessions = new Set(
      [...model.records.keys()]
        .map((other) => Number(other.split('|')[1]))
        .filter((other) => SESSIONS[other]?.code === session.code),
    ).size;
    const enrolment = enrolments.get(`${who}|${session.code}`) ?? { attended: false, hours: 0 };
    if (record.status === 'present' || record.status === 'late') {
      enrolment.attended = true;
      enrolment.hours += record.hours ?? (PLANNED[session.code] ?? 0) / sessions;
    }
    enrolments.set(`${who}|${session.code}`, enrolment);
  }
  return {
    classes: 2,
    participantTimes: [...enrolments.values()].filter((enrolment) => enrolment.attended).length,
    hours:
      Math.round([...enrolments.values()].reduce((sum, enrolment) => sum + enrolment.hours, 0) * 1e6) / 1e6,
  };
}

function registerByCategory(db: Db) {
  const summary = summarise(db, {
    period: quarterPeriod(2023, 3),
    by: 'category',
    completionThreshold: DEFAULT_COMPLETION_THRESHOLD,
    today: '2026-11-27',
  });
  return Object.fromEntries(
    summary.rows
      .filter((row) => row.participantTimes > 0)
      .map((row) => [
        row.group,
        {
          participantTimes: row.participantTimes,
          participants: row.participants,
          hours: row.hours,
          // Shown only where some session is online: none is 0 online hours.
          onlineHours: row.onlineHours ?? 0,
        },
      ]),
  );
}

const who = fc.oneof(
  { weight: 4, arbitrary: fc.nat(PEOPLE.length - 1).map((index) => String(index)) },
  { weight: 1, arbitrary: fc.constantFrom(...WALK_INS) },
);
const operation = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      rows: fc.array(
        fc.record({
          who,
          session: fc.nat(SESSIONS.length - 1),
          status: fc.constantFrom<Status>('present', 'late', 'excused', 'absent'),
          hours: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
          mode: fc.option(fc.constantFrom('线上', '线下'), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('attend' as const),
      person: fc.nat(PEOPLE.length - 1),
      session: fc.nat(SESSIONS.length - 1),
      status: fc.constantFrom<Status>('present', 'late', 'excused', 'absent'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      person: fc.nat(PEOPLE.length - 1),
      category: fc.constantFrom(...CATEGORIES),
      from: fc.constantFrom(...FROM_DATES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      walkIn: fc.constantFrom(...WALK_INS),
      person: fc.nat(PEOPLE.length - 1),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
);

const folder = tempFolder();

let startImage: Buffer | undefined;

/** The register every run starts from: the small fixture, and K1 and K2 delivering plan JH1 (a class list naming its plan). */
async function start(): Promise<Buffer> {
  if (startImage) return startImage;
  const db = await smallInMemory(new Date(`${TODAY}T12:00:00Z`));
  for (const [kind, text] of [
    ['plans', '计划编号,计划名称,年度,计划班次\nJH1,居村书记轮训,2023,2\n'],
    [
      'classes',
      '班级编号,班级名称,开始日期,结束日期,计划学时,计划编号\nK1,居村书记轮训班,2023-07-10,2023-07-17,6,JH1\nK2,高境镇专题培训,2023-08-01,2023-08-02,4,JH1\n',
    ],
  ] as const) {
    const file = join(folder, `${kind}.csv`);
    writeFileSync(file, text);
    await runImport(env(db), { kind, files: [file], dryRun: false, addUnknown: false });
  }
  startImage = db.serialize();
  db.close();
  return startImage;
}

describe('model-based: imports, corrections, dated moves, merges and undos in any order', () => {
  it('the figures by category equal the model’s after every step; db check stays clean', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 14 }), async (operations) => {
        const db = inMemoryCopy(await start());
        try {
          let model: Model = {
            records: new Map(),
            online: new Map(),
            history: new Map(
              PEOPLE.map((person, index) => [String(index), new Map([[TODAY, person.category]])]),
            ),
            walkIns: new Set(),
          };
          const done: { batchId: number; before: Model }[] = [];
          const traineeOf = (whom: Who) =>
            resolveTrainee(db, /^\d$/.test(whom) ? (PEOPLE[Number(whom)]?.id ?? '') : whom);
          const klass = (code: string) =>
            db.prepare(`SELECT * FROM classes WHERE code = ?`).get(code) as ClassRow;
          for (const step of operations) {
            const before = copy(model);
            let batchId: number | null = null;
            if (step.kind === 'undo') {
              const last = done.pop();
              if (!last) continue;
              await undoImport(db, ':memory:', last.batchId, () => new Date());
              model = last.before;
            } else if (step.kind === 'import') {
              // One key twice in a batch with different values rejects both: keep each key's first row. Lines of
              // one session that give it two modes are refused too: a later line's other mode is left blank.
              const seen = new Set<string>();
              const modes = new Map<number, string>();
              const rows = step.rows
                .filter(
                  (row) => !seen.has(`${row.who}|${row.session}`) && seen.add(`${row.who}|${row.session}`),
                )
                .map((row) => {
                  const stated = modes.get(row.session);
                  if (row.mode && stated === undefined) modes.set(row.session, row.mode);
                  return stated !== undefined && row.mode !== stated ? { ...row, mode: undefined } : row;
                });
              const file = join(folder, 'step.csv');
              writeFileSync(
                file,
                ['班级编号,日期,时段,身份证号,姓名,所属单位,签到状态,学时,线上线下']
                  .concat(
                    rows.map((row) => {
                      const session = SESSIONS[row.session];
                      const person = /^\d$/.test(row.who) ? PEOPLE[Number(row.who)] : undefined;
                      const identity = person ? `${person.id},,` : `,${row.who},宝山区/罗店镇/天平村`;
                      return `${session?.code},${session?.date},${session?.slot},${identity},${STATUS_WORDS[row.status]},${row.hours ?? ''},${row.mode ?? ''}`;
                    }),
                  )
                  .join('\n'),
              );
              const result = await runImport(env(db), {
                kind: 'attendance',
                files: [file],
                dryRun: false,
                addUnknown: true,
              });
              expect(result.problems).toEqual([]);
              batchId = result.batchId;
              for (const row of rows) {
                if (!/^\d$/.test(row.who) && !model.walkIns.has(row.who)) {
                  model.walkIns.add(row.who);
                  model.history.set(row.who, new Map([[TODAY, '其他']]));
                }
                model.records.set(`${row.who}|${row.session}`, { status: row.status, hours: row.hours });
              }
              // A session's mode is what its sheet says; a sheet that says nothing keeps it as it was (线下 when new).
              for (const [session, mode] of modes) model.online.set(session, mode === '线上');
            } else if (step.kind === 'attend') {
              const session = SESSIONS[step.session];
              if (!session) continue;
              const trainee = traineeOf(String(step.person));
              const outcome = await recordSession(
                env(db),
                klass(session.code),
                session,
                new Map([[trainee.id, step.status]]),
              );
              batchId = outcome.batchId;
              const key = `${step.person}|${step.session}`;
              const old = model.records.get(key);
              const attended = (status: Status) => status === 'present' || status === 'late';
              // A sign-in corrected to present earns the planned share, not the hours of its absence.
              const hours = old && !(attended(step.status) && !attended(old.status)) ? old.hours : null;
              model.records.set(key, { status: step.status, hours });
            } else if (step.kind === 'move') {
              const outcome = await editTrainee(
                env(db),
                traineeOf(String(step.person)),
                { category: step.category },
                step.from,
              );
              batchId = outcome.batchId;
              model.history.get(String(step.person))?.set(step.from, step.category);
            } else {
              if (!model.walkIns.has(step.walkIn)) continue;
              const keep = String(step.person);
              const clash = [...model.records.keys()].some(
                (key) =>
                  key.startsWith(`${step.walkIn}|`) && model.records.has(`${keep}|${key.split('|')[1]}`),
              );
              const merged = mergeTrainees(env(db), traineeOf(keep), traineeOf(step.walkIn));
              if (clash) {
                await expect(merged).rejects.toBeInstanceOf(PeixunError);
                continue;
              }
              batchId = (await merged).batchId;
              for (const [key, record] of [...model.records]) {
                if (!key.startsWith(`${step.walkIn}|`)) continue;
                model.records.delete(key);
                model.records.set(`${keep}|${key.split('|')[1]}`, record);
              }
              // The kept record's history speaks of the category: the walk-in's goes.
              model.walkIns.delete(step.walkIn);
              model.history.delete(step.walkIn);
            }
            if (batchId !== null) done.push({ batchId, before });
            expect(registerByCategory(db)).toEqual(modelByCategory(model));
            expect(
              planDelivery(db, quarterPeriod(2023, 3), DEFAULT_COMPLETION_THRESHOLD).plans[0]?.delivered,
            ).toEqual(modelPlan(model));
            expect(checkDatabase(db)).toEqual([]);
          }
        } finally {
          db.close();
        }
      }),
      // Fewer, longer runs (100 of up to 14 steps, once 150 of up to 10): a step's trouble shows in what came before it.
      { numRuns: 100 },
    );
  }, 120_000);
});
