/**
 * Nothing lost, nothing leaked: crashes, two writers, hostile input, formula injection, backups, upgrades,
 * personal data. Each test here fails when its protection is taken away (see the closing note of the change
 * that added them for how that was checked).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname, userInfo } from 'node:os';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AUTOMATIC_BACKUPS_KEPT } from '../src/db/maintenance.js';
import { SCHEMA_VERSION } from '../src/db/migrations.js';
import { idCheckCharacter } from '../src/domain/identity.js';
import {
  BIN,
  dumpDatabase,
  FIXTURES,
  loadedSmall,
  olderRegister,
  register,
  runCli,
  SMALL,
  tempFolder,
} from './helpers.js';

/** A register big enough that an import takes a while: `people` trainees, 20 sessions of one class each. */
async function bigRegister(people: number) {
  const folder = tempFolder();
  const ids: string[] = [];
  const roster = ['姓名,身份证号,区,街镇,居村,人员类别'];
  for (let index = 0; index < people; index++) {
    // Distinct birth dates and sequence numbers make distinct, valid ID numbers.
    const base = `310113${1950 + (index % 50)}${String(1 + (index % 12)).padStart(2, '0')}${String(1 + ((index >> 4) % 28)).padStart(2, '0')}${String(index % 1000).padStart(3, '0')}`;
    const id = base + idCheckCharacter(base);
    if (ids.includes(id)) continue;
    ids.push(id);
    roster.push(`学员${index},${id},宝山区,高境镇,第${index % 20}居委,社区工作者`);
  }
  writeFileSync(join(folder, 'trainees.csv'), roster.join('\n'));
  writeFileSync(
    join(folder, 'classes.csv'),
    '班级编号,班级名称,开始日期,结束日期,计划学时\nB1,大班,2023-07-03,2023-07-31,40\nB2,另一班,2023-07-03,2023-07-31,40\n',
  );
  const sheet = (code: string, sessions: number) => {
    const rows = ['班级编号,日期,身份证号,签到状态'];
    for (let day = 1; day <= sessions; day++) {
      for (const id of ids) rows.push(`${code},2023-07-${String(day + 2).padStart(2, '0')},${id},出勤`);
    }
    return rows.join('\n');
  };
  writeFileSync(join(folder, 'attendance-b1.csv'), sheet('B1', 20));
  writeFileSync(join(folder, 'attendance-b2.csv'), sheet('B2', 2));
  const db = join(folder, 'base.db');
  for (const kind of ['trainees', 'classes']) {
    const result = await runCli(['--db', db, 'import', kind, join(folder, `${kind}.csv`)]);
    if (result.code !== 0) throw new Error(result.stderr);
  }
  return { folder, db, people: ids.length };
}

function count(db: string, sql: string): number {
  const connection = new Database(db, { readonly: true });
  try {
    return connection.prepare(sql).pluck().get() as number;
  } finally {
    connection.close();
  }
}

/** Waits (up to 20 s) until another connection holds the database's write lock. */
async function writeLockTaken(path: string): Promise<boolean> {
  const probe = new Database(path, { timeout: 0 });
  try {
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
      } catch {
        return true; // SQLITE_BUSY: someone else is writing.
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return false;
  } finally {
    probe.close();
  }
}

function runAsync(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', LANG: 'C', ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}

describe('crash safety', () => {
  it('an import killed at any moment leaves its batch wholly there or wholly absent, and the database sound', async () => {
    const big = await bigRegister(1000);
    const rows = big.people * 20;
    const importInto = (db: string) =>
      runAsync(['--db', db, 'import', 'attendance', join(big.folder, 'attendance-b1.csv')]);
    /** The register after the import, killed or not: sound, and the batch wholly there or wholly absent. */
    const checked = async (db: string) => {
      const check = await runCli(['--db', db, 'db', 'check']);
      expect(check.code, check.stderr).toBe(0);
      const records = count(db, 'SELECT COUNT(*) FROM attendance');
      const batches = count(db, `SELECT COUNT(*) FROM batches WHERE kind = 'attendance'`);
      expect([0, rows]).toContain(records);
      expect(batches).toBe(records === 0 ? 0 : 1);
      return records;
    };
    // Run whole once: how long the import lives on this machine, now, from the process's start to its exit.
    const whole = join(big.folder, 'crash-whole.db');
    copyFileSync(big.db, whole);
    const started = Date.now();
    expect((await importInto(whole).done).code).toBe(0);
    const life = Date.now() - started;
    expect(await checked(whole)).toBe(rows);
    // Then killed at moments spread over that life, from opening the file to committing: fixed delays would all
    // fall in the start on a slow machine, or after the end on a fast one.
    const outcomes = new Set<string>();
    for (const fraction of [0.15, 0.3, 0.45, 0.6, 0.75, 0.9]) {
      const db = join(big.folder, `crash-${fraction}.db`);
      copyFileSync(big.db, db);
      const run = importInto(db);
      const timer = setTimeout(() => run.child.kill('SIGKILL'), Math.round(life * fraction));
      const result = await run.done;
      clearTimeout(timer);
      const records = await checked(db);
      outcomes.add(result.signal === 'SIGKILL' ? `killed:${records}` : `finished:${records}`);
    }
    // The kills did catch the import mid-way at least once.
    expect([...outcomes].some((outcome) => outcome.startsWith('killed'))).toBe(true);
  }, 120_000);
});

describe('two writers', () => {
  it('two imports at once both finish, waiting their turn; every row is there exactly once', async () => {
    const big = await bigRegister(600);
    const first = runAsync(['--db', big.db, 'import', 'attendance', join(big.folder, 'attendance-b1.csv')]);
    const second = runAsync(['--db', big.db, 'import', 'attendance', join(big.folder, 'attendance-b2.csv')]);
    const results = await Promise.all([first.done, second.done]);
    expect(results.map((result) => result.code)).toEqual([0, 0]);
    expect(count(big.db, 'SELECT COUNT(*) FROM attendance')).toBe(big.people * 22);
    expect(
      count(
        big.db,
        'SELECT COUNT(*) FROM (SELECT 1 FROM attendance GROUP BY enrolment_id, session_id HAVING COUNT(*) > 1)',
      ),
    ).toBe(0);
  }, 60_000);

  it('a writer that cannot wait says "database busy", exit 1, and writes nothing', async () => {
    const big = await bigRegister(1500);
    const first = runAsync(['--db', big.db, 'import', 'attendance', join(big.folder, 'attendance-b1.csv')]);
    // The second writer starts once the first holds the write lock, however slowly the machine got there.
    expect(await writeLockTaken(big.db)).toBe(true);
    const second = await runCli(
      ['--db', big.db, 'import', 'attendance', join(big.folder, 'attendance-b2.csv')],
      {
        PEIXUN_BUSY_TIMEOUT_MS: '0',
      },
    );
    const firstResult = await first.done;
    expect(firstResult.code).toBe(0);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('database busy');
    expect(
      count(
        big.db,
        `SELECT COUNT(*) FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id JOIN classes c ON c.id = e.class_id WHERE c.code = 'B2'`,
      ),
    ).toBe(0);
  }, 60_000);
});

describe('formula injection and verbatim names', () => {
  it('every writer keeps =, +, -, @, tab and CR cells as text; SQL-looking names are stored and shown as they are', async () => {
    const peixun = await loadedSmall();
    const roster = join(peixun.folder, 'hostile.csv');
    writeFileSync(
      roster,
      '姓名,身份证号,职务,人员类别\n' +
        '"=HYPERLINK(""http://example.invalid"",""x"")",310113199202290079,@SUM(A1),"Robert\'); DROP TABLE trainees;--"\n' +
        '"-2+3",310113198808080055,"\tcmd",+86\n',
    );
    await peixun.ok('import', 'trainees', roster);
    // Stored verbatim.
    const listed = await peixun.json<{ name: string; position: string; category: string }[]>(
      'trainee',
      'list',
      '--format',
      'json',
    );
    expect(listed.map((person) => person.name)).toContain('=HYPERLINK("http://example.invalid","x")');
    expect(listed.find((person) => person.position === '@SUM(A1)')?.category).toBe(
      "Robert'); DROP TABLE trainees;--",
    );
    // CSV: export, listing, report.
    const exported = (await peixun.ok('export', 'trainees')).stdout;
    expect(exported).toContain(`"'=HYPERLINK(""http://example.invalid"",""x"")"`);
    expect(exported).toContain("'@SUM(A1)");
    expect(exported).toContain("'-2+3");
    const listing = (await peixun.ok('trainee', 'list', '--format', 'csv')).stdout;
    expect(listing).toContain("'=HYPERLINK");
    expect(listing).not.toMatch(/(^|,)=HYPERLINK/m);
    const coverage = (
      await peixun.ok('report', 'coverage', '--year', '2023', '--by', 'category', '--format', 'csv')
    ).stdout;
    expect(coverage).toContain("Robert'); DROP TABLE trainees;--,1,0,1,0.0%");
    // .xlsx: strings, never formulas.
    const out = join(peixun.folder, 'list.xlsx');
    await peixun.ok('trainee', 'list', '--out', out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const cells: ExcelJS.Cell[] = [];
    workbook.worksheets[0]?.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const hostile = cells.filter((cell) => /^[=@+-]/.test(String(cell.value)));
    // The roster's four formula-like cells: two names, a position, a category.
    expect(hostile.map((cell) => String(cell.value)).sort()).toEqual(
      ['+86', '-2+3', '=HYPERLINK("http://example.invalid","x")', '@SUM(A1)'].sort(),
    );
    for (const cell of hostile) expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((cell) => cell.type === ExcelJS.ValueType.Formula)).toBe(false);
  });
});

describe('backups and checks', () => {
  it('db backup copies the register; db restore validates, restores, and keeps the replaced one', async () => {
    const peixun = await loadedSmall();
    const backup = join(peixun.folder, 'before.db');
    await peixun.ok('db', 'backup', backup);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    await peixun.ok('class', 'cancel', 'K1', '--yes');
    const restored = await peixun.ok('db', 'restore', backup, '--yes');
    expect(restored.stdout).toContain('the replaced database is kept in');
    expect(
      (await peixun.json<{ total: { classes: number } }>('report', 'quarterly', '2023Q3', '--format', 'json'))
        .total.classes,
    ).toBe(4);
    const notADatabase = join(peixun.folder, 'notes.db');
    writeFileSync(notADatabase, 'not sqlite');
    const refused = await peixun.run('db', 'restore', notADatabase, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a peixun database');
    expect((await peixun.run('db', 'restore', backup)).code).toBe(2);
  });

  it('db check finds what is wrong, and is clean otherwise', async () => {
    const peixun = await loadedSmall();
    expect((await peixun.ok('db', 'check')).stdout).toContain('is sound');
    const db = new Database(peixun.db);
    db.pragma('foreign_keys = OFF');
    db.prepare(`DELETE FROM attendance WHERE id = (SELECT MIN(id) FROM attendance)`).run();
    db.prepare(`DELETE FROM classes WHERE code = 'K4'`).run();
    db.prepare(`UPDATE enrolments SET class_id = 999 WHERE id = (SELECT MIN(id) FROM enrolments)`).run();
    db.close();
    const check = await peixun.run('db', 'check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('foreign_key_check: enrolments');
  });

  it('an undo takes an automatic backup first, and only the newest ten are kept', async () => {
    const peixun = await loadedSmall();
    for (let round = 0; round < AUTOMATIC_BACKUPS_KEPT + 2; round++) {
      await peixun.ok('class', 'cancel', 'K1', '--yes');
      const batch = (await peixun.json<{ id: number }[]>('imports', '--format', 'json')).at(-1)?.id ?? 0;
      await peixun.ok('imports', 'undo', String(batch));
    }
    const backups = readdirSync(join(peixun.folder, '.peixun-backups'));
    expect(backups).toHaveLength(AUTOMATIC_BACKUPS_KEPT);
    expect(backups.every((name) => name.includes('before-undo'))).toBe(true);
  });
});

describe('upgrades', () => {
  it('a database of schema version 1 opens, migrates with a backup, and reports the same figures', async () => {
    const old = register();
    copyFileSync(join(FIXTURES, 'schema-v1.db'), old.db);
    const fresh = await loadedSmall();
    const figures = (peixun: ReturnType<typeof register>) =>
      Promise.all(
        (['class-type', 'category', 'unit'] as const).map((by) =>
          peixun.json<{ rows: unknown[]; total: unknown }>(
            'report',
            'quarterly',
            '2023Q3',
            '--by',
            by,
            '--format',
            'json',
          ),
        ),
      );
    expect(await figures(old)).toEqual(await figures(fresh));
    expect(count(old.db, 'PRAGMA user_version')).toBe(SCHEMA_VERSION);
    expect(readdirSync(join(old.folder, '.peixun-backups'))).toEqual([
      expect.stringContaining('before-migration-v1'),
    ]);
  });

  it('migrations 15 to 18 keep every sign-in, enrolment, trainee and statement with its id; rules and references still refuse the rest', async () => {
    const peixun = await loadedSmall();
    const rowsOf = (table: string) => (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
      } finally {
        db.close();
      }
    };
    const signIns = rowsOf('attendance');
    const enrolments = rowsOf('enrolments')(peixun.db);
    const trainees = rowsOf('trainees')(peixun.db);
    const histories = rowsOf('trainee_history')(peixun.db);
    const sessions = rowsOf('sessions')(peixun.db);
    const migrated = signIns(peixun.db);
    expect(migrated.length).toBeGreaterThan(0);
    // The register taken back to version 14: the sign-in table as migrations 8 to 13 made it, with the same rows.
    await olderRegister(peixun.db, 14);
    const v14 = new Database(peixun.db, { readonly: true });
    const tableSql = v14
      .prepare(`SELECT sql FROM sqlite_master WHERE tbl_name = 'attendance' AND type = 'table'`)
      .pluck()
      .get() as string;
    v14.close();
    expect(tableSql).toContain(`status IN ('present'`);

    // Opening migrates it (with a backup): the same rows, the same ids, the same figures' source.
    expect((await peixun.ok('db', 'check')).code).toBe(0);
    expect(count(peixun.db, 'PRAGMA user_version')).toBe(SCHEMA_VERSION);
    expect(signIns(peixun.db)).toEqual(migrated);
    expect(rowsOf('sessions')(peixun.db)).toEqual(sessions);
    expect(rowsOf('enrolments')(peixun.db)).toEqual(enrolments);
    expect(rowsOf('trainees')(peixun.db)).toEqual(trainees);
    expect(rowsOf('trainee_history')(peixun.db)).toEqual(histories);
    const after = new Database(peixun.db);
    try {
      const [first] = migrated as { id: number }[];
      const set = (column: string, value: string) => () =>
        after.prepare(`UPDATE attendance SET ${column} = ? WHERE id = ?`).run(value, first?.id);
      expect(set('status', 'attended')).toThrow(/CHECK constraint failed/);
      const setSlot = (slot: string) => () =>
        after.prepare(`UPDATE sessions SET slot = ? WHERE id = (SELECT MAX(id) FROM sessions)`).run(slot);
      expect(setSlot('中午')).toThrow(/CHECK constraint failed/);
      expect(set('status', 'left_early')).not.toThrow();
      expect(setSlot('晚上')).not.toThrow();
      // A sign-in of no enrolment: refused when its transaction commits (migration 16), which then writes nothing.
      after.pragma('foreign_keys = ON');
      const before = signIns(peixun.db);
      after.exec('BEGIN');
      after
        .prepare(`INSERT INTO attendance (enrolment_id, session_id, status, batch_id) VALUES (?, ?, ?, ?)`)
        .run(999_999, 1, 'present', 1);
      expect(() => after.exec('COMMIT')).toThrow(/FOREIGN KEY constraint failed/);
      after.exec('ROLLBACK');
      expect(signIns(peixun.db)).toEqual(before);
      // An enrolment in no class, likewise.
      after.exec('BEGIN');
      after
        .prepare(`INSERT INTO enrolments (class_id, trainee_id, category, batch_id) VALUES (?, ?, ?, ?)`)
        .run(999_999, 1, '其他', 1);
      expect(() => after.exec('COMMIT')).toThrow(/FOREIGN KEY constraint failed/);
      after.exec('ROLLBACK');
      expect(rowsOf('enrolments')(peixun.db)).toEqual(enrolments);
      // A history statement of nobody, and a trainee of no unit (migration 17), likewise.
      after.exec('BEGIN');
      after
        .prepare(
          `INSERT INTO trainee_history (trainee_id, valid_from, category, batch_id) VALUES (?, ?, ?, ?)`,
        )
        .run(999_999, '2023-01-01', '其他', 1);
      after
        .prepare(`INSERT INTO trainees (name, unit_id, category, batch_id) VALUES (?, ?, ?, ?)`)
        .run('无名', 999_999, '其他', 1);
      expect(() => after.exec('COMMIT')).toThrow(/FOREIGN KEY constraint failed/);
      after.exec('ROLLBACK');
      expect(rowsOf('trainees')(peixun.db)).toEqual(trainees);
      expect(rowsOf('trainee_history')(peixun.db)).toEqual(histories);
    } finally {
      after.close();
    }
  });

  it('an upgrade that rebuilds a table others point at refuses a register whose references are broken', async () => {
    const peixun = await loadedSmall();
    // Back to version 15, with one sign-in whose enrolment is gone (foreign keys off, as a damaged file would be).
    await olderRegister(peixun.db, 15);
    const db = new Database(peixun.db);
    db.pragma('foreign_keys = OFF');
    db.prepare(
      `UPDATE attendance SET enrolment_id = 999999 WHERE id = (SELECT MIN(id) FROM attendance)`,
    ).run();
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = dumpDatabase(peixun.db);
    const result = await peixun.run('report', 'quarterly', '2023Q3');
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBe(70);
    expect(result.stderr).toContain('is damaged or not a peixun database; nothing was changed');
    expect(count(peixun.db, 'PRAGMA user_version')).toBe(15);
    expect(dumpDatabase(peixun.db)).toEqual(before);
  });

  it('a database from a newer peixun is refused with a clear message and left untouched', async () => {
    const peixun = await loadedSmall();
    const db = new Database(peixun.db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = readFileSync(peixun.db);
    for (const args of [
      ['report', 'quarterly', '2023Q3'],
      ['import', 'trainees', join(SMALL, 'trainees.csv')],
    ]) {
      const result = await peixun.run(...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('was made by a newer peixun');
    }
    expect(readFileSync(peixun.db).equals(before)).toBe(true);
  });
});

describe('personal data', () => {
  it('the database, backups and record exports are readable by their owner only', async () => {
    const peixun = await loadedSmall();
    expect(statSync(peixun.db).mode & 0o777).toBe(0o600);
    const csv = join(peixun.folder, 'trainees.csv');
    await peixun.ok('export', 'trainees', '--out', csv);
    expect(statSync(csv).mode & 0o777).toBe(0o600);
    await peixun.ok('class', 'cancel', 'K1', '--yes');
    await peixun.ok('imports', 'undo', '4');
    for (const backup of readdirSync(join(peixun.folder, '.peixun-backups'))) {
      expect(statSync(join(peixun.folder, '.peixun-backups', backup)).mode & 0o777).toBe(0o600);
    }
  });

  it('--anonymise replaces names, ID numbers and phones with stable pseudonyms that still import', async () => {
    const peixun = await loadedSmall();
    const first = (await peixun.ok('export', 'trainees', '--anonymise')).stdout;
    const again = (await peixun.ok('export', 'trainees', '--anonymise')).stdout;
    expect(again).toBe(first);
    for (const secret of ['张三', '310113198001010013', '13800000001', '1980-01-01'])
      expect(first).not.toContain(secret);
    const attendance = (await peixun.ok('export', 'attendance', '--anonymise')).stdout;
    // One person, one pseudonym, in every kind of export.
    const pseudonym = /\n(学员[0-9A-F]{8}),(990000\d{11}[\dX])/.exec(first);
    expect(pseudonym && attendance.includes(`${pseudonym[2]},${pseudonym[1]}`)).toBe(true);
    const analyst = register();
    for (const [kind, text] of [
      ['trainees', first],
      ['classes', (await peixun.ok('export', 'classes')).stdout],
      ['attendance', attendance],
    ] as const) {
      const file = join(analyst.folder, `${kind}.csv`);
      writeFileSync(file, text);
      await analyst.ok('import', kind, file);
    }
    const total = async (who: ReturnType<typeof register>) =>
      (await who.json<{ total: unknown }>('report', 'quarterly', '2023Q3', '--format', 'json')).total;
    expect(await total(analyst)).toEqual(await total(peixun));
  });

  it('each batch records who, where and when', async () => {
    const peixun = await loadedSmall();
    const [batch] = await peixun.json<{ osUser: string; host: string; createdAt: string }[]>(
      'imports',
      '--format',
      'json',
    );
    expect(batch?.osUser).toBe(userInfo().username);
    expect(batch?.host).toBe(hostname());
    expect(batch?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
