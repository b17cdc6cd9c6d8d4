/**
 * Hostile and broken input, thrown at the readers and the import by fast-check: every outcome is rows or a
 * clean PeixunError, never another exception. Then a model-based test: random sequences of imports, edits and
 * undos against a plain in-memory model of the statistics.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/open.js';
import { PeixunError } from '../src/errors.js';
import { runImport, type ImportRequest } from '../src/import/run.js';
import { undoImport } from '../src/import/undo.js';
import { quarterPeriod } from '../src/domain/periods.js';
import { summarise } from '../src/stats/summary.js';
import { DEFAULT_COMPLETION_THRESHOLD } from '../src/domain/attendance.js';
import { english, EXAMPLES, smallInMemory, tempFolder } from './helpers.js';

const env = (db: ReturnType<typeof openDatabase>) => ({
  db,
  dbPath: ':memory:',
  say: english,
  now: () => new Date('2024-01-01T00:00:00Z'),
  osUser: 'test',
  host: 'test',
});

/** Imports a file into a fresh register; anything but a result or a PeixunError fails the property. */
async function importSurvives(file: string, kind: ImportRequest['kind']): Promise<void> {
  const db = openDatabase(':memory:', { create: true });
  try {
    await runImport(env(db), { kind, files: [file], dryRun: false, addUnknown: false });
  } catch (error) {
    if (!(error instanceof PeixunError)) throw error;
  } finally {
    db.close();
  }
}

const folder = tempFolder();
const SAMPLE = readFileSync(join(EXAMPLES, 'attendance-messy-utf8.csv'));

describe('hostile and broken files', () => {
  it('random bytes, as .csv and .tsv', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4000 }),
        fc.constantFrom('csv', 'tsv'),
        async (bytes, extension) => {
          const file = join(folder, `random.${extension}`);
          writeFileSync(file, bytes);
          await importSurvives(file, 'trainees');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a real sign-in sheet, mutated: bytes flipped, quotes and separators inserted, cut short', async () => {
    const mutation = fc.record({
      at: fc.nat(SAMPLE.length - 1),
      insert: fc.constantFrom('"', ',', '\n', '\r', '""', '\u0000', '\uFFFD', '\t', '×', '\u00ff'),
      cut: fc.option(fc.nat(SAMPLE.length - 1), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { maxLength: 8 }), async (mutations) => {
        let text = SAMPLE;
        for (const { at, insert, cut } of mutations) {
          text = Buffer.concat([text.subarray(0, at), Buffer.from(insert), text.subarray(at)]);
          if (cut !== undefined) text = text.subarray(0, cut);
        }
        const file = join(folder, 'mutated.csv');
        writeFileSync(file, text);
        await importSurvives(file, 'attendance');
      }),
      { numRuns: 60 },
    );
  });

  it('a huge field and thousands of columns end cleanly', async () => {
    const huge = join(folder, 'huge.csv');
    writeFileSync(huge, `姓名,身份证号\n"${'王'.repeat(2_000_000)}",1\n`);
    await expect(
      runImport(env(openDatabase(':memory:', { create: true })), {
        kind: 'trainees',
        files: [huge],
        dryRun: false,
        addUnknown: false,
      }),
    ).rejects.toBeInstanceOf(PeixunError);
    const wide = join(folder, 'wide.csv');
    const columns = Array.from({ length: 5000 }, (_, index) => `列${index}`);
    writeFileSync(wide, `姓名,${columns.join(',')}\n王芳,${columns.map(() => 'x').join(',')}\n`);
    const db = openDatabase(':memory:', { create: true });
    const result = await runImport(env(db), {
      kind: 'trainees',
      files: [wide],
      dryRun: false,
      addUnknown: false,
    });
    expect(result.counts.inserted).toBe(1);
    db.close();
  });

  it('truncated .xlsx files are refused cleanly', async () => {
    const workbook = readFileSync(join(EXAMPLES, 'attendance.xlsx'));
    await fc.assert(
      fc.asyncProperty(fc.nat(workbook.length - 1), async (length) => {
        const file = join(folder, 'truncated.xlsx');
        writeFileSync(file, workbook.subarray(0, length));
        await importSurvives(file, 'attendance');
      }),
      { numRuns: 25 },
    );
  });
});

/** The small register's people and sessions, for the model. */
const PEOPLE = [
  '310113198001010013',
  '31011319851212002X',
  '310113199005050033',
  '310113197511110044',
  '310113197003030064',
];
const SESSIONS = [
  { code: 'K1', date: '2023-07-10', slot: '上午' },
  { code: 'K1', date: '2023-07-10', slot: '下午' },
  { code: 'K1', date: '2023-07-17', slot: '上午' },
  { code: 'K2', date: '2023-08-01', slot: '上午' },
  { code: 'K2', date: '2023-08-02', slot: '上午' },
  { code: 'K4', date: '2023-08-15', slot: '' },
];
const PLANNED: Record<string, number | null> = { K1: 6, K2: 4, K4: 2 };
const STATUS_WORDS = { present: '出勤', late: '迟到', excused: '请假', absent: '缺勤' } as const;
type Status = keyof typeof STATUS_WORDS;
interface Record_ {
  status: Status;
  hours: number | null;
}

/** statistics.md, computed the plain way from a map of records. */
function modelFigures(records: Map<string, Record_>) {
  const byClass = new Map<string, Map<string, Map<string, Record_>>>();
  for (const [key, record] of records) {
    const [code = '', person = '', session = ''] = key.split('|');
    const classRecords = byClass.get(code) ?? new Map<string, Map<string, Record_>>();
    const personRecords = classRecords.get(person) ?? new Map<string, Record_>();
    personRecords.set(session, record);
    classRecords.set(person, personRecords);
    byClass.set(code, classRecords);
  }
  let participantTimes = 0;
  let hours = 0;
  let attended = 0;
  let all = 0;
  let enrolments = 0;
  let completed = 0;
  const participants = new Set<string>();
  for (const [code, classRecords] of byClass) {
    const sessions = new Set([...classRecords.values()].flatMap((personal) => [...personal.keys()]));
    for (const [person, personal] of classRecords) {
      enrolments++;
      let mine = 0;
      for (const record of personal.values()) {
        all++;
        if (record.status === 'present' || record.status === 'late') {
          mine++;
          hours += record.hours ?? (PLANNED[code] ?? 0) / sessions.size;
        }
      }
      attended += mine;
      if (mine > 0) {
        participantTimes++;
        participants.add(person);
      }
      if (mine >= DEFAULT_COMPLETION_THRESHOLD * sessions.size - 1e-9) completed++;
    }
  }
  return {
    participantTimes,
    participants: participants.size,
    hours: Math.round(hours * 1e6) / 1e6,
    attendanceRate: all > 0 ? attended / all : null,
    completionRate: enrolments > 0 ? completed / enrolments : null,
  };
}

describe('model-based: imports, edits and undos against a plain model', () => {
  const operation = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('import' as const),
        rows: fc.array(
          fc.record({
            person: fc.nat(PEOPLE.length - 1),
            session: fc.nat(SESSIONS.length - 1),
            status: fc.constantFrom<Status>('present', 'late', 'excused', 'absent'),
            hours: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) },
  );

  it('the report equals the model after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (operations) => {
        const db = await smallInMemory(new Date('2024-01-01T00:00:00Z'));
        try {
          let records = new Map<string, Record_>();
          const history: { batchId: number; before: Map<string, Record_> }[] = [];
          for (const step of operations) {
            if (step.kind === 'undo') {
              const last = history.pop();
              if (!last) continue;
              await undoImport(db, ':memory:', last.batchId, () => new Date());
              records = last.before;
            } else {
              // One key twice in a batch with different values rejects both: keep the sheet's first row per key.
              const seen = new Set<string>();
              const rows = step.rows.filter((row) => {
                const key = `${row.person}|${row.session}`;
                if (seen.has(key)) return false;
                seen.add(key);
                return true;
              });
              const file = join(folder, 'step.csv');
              writeFileSync(
                file,
                ['班级编号,日期,时段,身份证号,签到状态,学时']
                  .concat(
                    rows.map((row) => {
                      const session = SESSIONS[row.session];
                      return `${session?.code},${session?.date},${session?.slot},${PEOPLE[row.person]},${STATUS_WORDS[row.status]},${row.hours ?? ''}`;
                    }),
                  )
                  .join('\n'),
              );
              const result = await runImport(env(db), {
                kind: 'attendance',
                files: [file],
                dryRun: false,
                addUnknown: false,
              });
              const before = new Map(records);
              for (const row of rows) {
                const session = SESSIONS[row.session];
                records.set(`${session?.code}|${PEOPLE[row.person]}|${session?.date} ${session?.slot}`, {
                  status: row.status,
                  hours: row.hours,
                });
              }
              if (result.batchId !== null) history.push({ batchId: result.batchId, before });
            }
            const report = summarise(db, {
              period: quarterPeriod(2023, 3),
              completionThreshold: DEFAULT_COMPLETION_THRESHOLD,
              today: '2026-11-27',
            });
            const expected = modelFigures(records);
            const { participantTimes, participants, hours, attendanceRate, completionRate } = report.total;
            expect({ participantTimes, participants, hours, attendanceRate, completionRate }).toEqual(
              expected,
            );
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
