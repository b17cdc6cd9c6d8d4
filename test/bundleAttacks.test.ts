/**
 * A bundle comes from another office's machine (issue 29): each hostile bundle the audit made is refused in one line
 * naming it, in bounded time, before anything is counted. Each starts from a sound bundle of test/fixtures/small's
 * 2023Q3 (宝山区), changed with SQL and sealed again: with the city's key (an insider), or as a plain SHA-256 (what
 * the old seal was, and what anyone can compute).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { seal, SEAL_PLACEHOLDER } from '../src/bundle/format.js';
import { makeBundle } from '../src/bundle/make.js';
import { openDatabase } from '../src/db/open.js';
import { quarterPeriod } from '../src/domain/periods.js';
import { BIN, inProcess, SMALL } from './helpers.js';

const KEY = '3c9e1f7a5b2d8c4e6f0a1b3d5e7f9a2c';

async function district() {
  const peixun = inProcess();
  await peixun.ok('import', 'trainees', join(SMALL, 'trainees.csv'));
  await peixun.ok('import', 'classes', join(SMALL, 'classes.csv'));
  await peixun.ok('import', 'attendance', join(SMALL, 'attendance.csv'));
  await peixun.ok('config', 'set', 'city-key', '--from-file', peixun.file('key.txt', KEY));
  return peixun;
}

/** The bundle changed by `sql`, sealed again: under the key, or as a bare SHA-256 (no key needed). */
function tampered(original: string, out: string, sql: string, sealWith: 'key' | 'sha256' = 'key'): string {
  const db = new Database(readFileSync(original));
  db.pragma('ignore_check_constraints = ON');
  db.pragma('writable_schema = ON');
  db.prepare(`UPDATE bundle SET value = ? WHERE key = 'content_hash'`).run(SEAL_PLACEHOLDER);
  db.exec(sql);
  db.exec('VACUUM');
  const bytes = db.serialize();
  db.close();
  if (sealWith === 'key') writeFileSync(out, seal(bytes, KEY).sealed);
  else {
    const at = bytes.indexOf(SEAL_PLACEHOLDER, 0, 'latin1');
    const hash = createHash('sha256').update(bytes).digest('hex');
    bytes.write(hash, at, 'latin1');
    writeFileSync(out, bytes);
  }
  return out;
}

describe('a bundle from elsewhere is checked before anything is counted', () => {
  let city: ReturnType<typeof inProcess>;
  let bundle: string;
  beforeAll(async () => {
    const made = await district();
    bundle = join(made.folder, 'baoshan.peixun');
    await made.ok('bundle', '2023Q3', '--out', bundle);
    city = inProcess();
    await city.ok('config', 'set', 'city-key', '--from-file', city.file('key.txt', KEY));
    expect((await city.run('rollup', bundle)).code).toBe(0);
  }, 30_000);

  const refused = async (file: string, reason: RegExp) => {
    const result = await city.run('--lang', 'en', 'rollup', file);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(reason);
  };

  it('a view over an endless recursive query in a table’s place: refused unread, at once, in little memory', () => {
    const file = tampered(
      bundle,
      join(city.folder, 'view.peixun'),
      `DROP TABLE enrolment_courses; DROP TABLE enrolments;
       CREATE VIEW enrolments AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
         SELECT n AS id, 1 AS class_id, 'p' || n AS person, 'city' AS person_kind, NULL AS unit_id,
                '其他' AS category, 1 AS records, 1 AS attended, 1.0 AS hours, 0 AS unhoured, 1 AS completed FROM r;`,
    );
    // A real process, under a memory ceiling and a time limit: it spun for ever and took 4.4 GB.
    const folder = city.folder;
    writeFileSync(join(folder, 'key2.txt'), KEY);
    const db = join(folder, 'city.db');
    spawnSync(process.execPath, [
      BIN,
      '--db',
      db,
      'config',
      'set',
      'city-key',
      '--from-file',
      join(folder, 'key2.txt'),
    ]);
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      ['--max-old-space-size=128', BIN, '--lang', 'en', '--db', db, 'rollup', file],
      {
        encoding: 'utf8',
        timeout: 20_000,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      },
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file} is not a bundle as peixun makes it`);
    expect(result.stderr).toContain('view enrolments');
  });

  it('a unit tree that is no tree: a cycle, a level 9, a blank name', async () => {
    await refused(
      tampered(
        bundle,
        join(city.folder, 'cycle.peixun'),
        `UPDATE units SET parent_id = (SELECT MAX(id) FROM units) WHERE id = (SELECT MIN(id) FROM units);`,
      ),
      /not one level below its parent/,
    );
    await refused(
      tampered(
        bundle,
        join(city.folder, 'level.peixun'),
        `UPDATE units SET level = 9 WHERE id = (SELECT MAX(id) FROM units);`,
      ),
      /units: an id, level or name out of its type or range/,
    );
    await refused(
      tampered(
        bundle,
        join(city.folder, 'name.peixun'),
        `UPDATE units SET name = '' WHERE id = (SELECT MAX(id) FROM units);`,
      ),
      /units: an id, level or name out of its type or range/,
    );
  });

  it('figures out of range, with the totals computed again to match: refused', async () => {
    const totals = `DELETE FROM totals;`;
    await refused(
      tampered(
        bundle,
        join(city.folder, 'attended.peixun'),
        `UPDATE enrolments SET attended = 99; ${totals}`,
      ),
      /enrolments: a value out of its type or range/,
    );
    await refused(
      tampered(bundle, join(city.folder, 'hours.peixun'), `UPDATE enrolments SET hours = -1000;`),
      /enrolments: a value out of its type or range/,
    );
    // Format 2's rows: more online hours than hours, a pair or platform record of a unit not in the bundle.
    await refused(
      tampered(bundle, join(city.folder, 'online.peixun'), `UPDATE enrolments SET online_hours = hours + 5;`),
      /enrolments: online hours out of their range/,
    );
    await refused(
      tampered(
        bundle,
        join(city.folder, 'pair.peixun'),
        `PRAGMA foreign_keys = OFF; INSERT INTO mentorships (id, unit_id, category) VALUES (99, 9999, '其他');`,
      ),
      /mentorships: a unit that is not there/,
    );
    await refused(
      tampered(
        bundle,
        join(city.folder, 'platform.peixun'),
        `INSERT INTO platform (unit_id, category, hours) VALUES (NULL, '其他', -3);`,
      ),
      /platform: a unit that is not there, or hours out of their range/,
    );
    await refused(
      tampered(
        bundle,
        join(city.folder, 'twice.peixun'),
        `INSERT INTO enrolments (class_id, person, person_kind, unit_id, category, records, attended, hours, unhoured, completed, online_hours)
           SELECT class_id, person, person_kind, unit_id, category, records, attended, hours, unhoured, completed, online_hours FROM enrolments;`,
      ),
      /one person twice in one class/,
    );
    await refused(
      tampered(bundle, join(city.folder, 'sessions.peixun'), `UPDATE classes SET sessions = 0;`),
      /number of sessions or a last session that is not the sessions’/,
    );
  });

  it('a seal anyone could compute (SHA-256 without the key) is refused, whatever it seals', async () => {
    const doubled = tampered(
      bundle,
      join(city.folder, 'doubled.peixun'),
      `UPDATE enrolments SET hours = hours * 2;`,
      'sha256',
    );
    await refused(doubled, /was changed after it was made/);
    const relabelled = tampered(
      bundle,
      join(city.folder, 'minhang.peixun'),
      `UPDATE bundle SET value = '闵行区' WHERE key = 'district';`,
      'sha256',
    );
    await refused(relabelled, /was changed after it was made/);
    const later = tampered(
      bundle,
      join(city.folder, 'later.peixun'),
      `UPDATE bundle SET value = '2099-01-01T00:00:00.000Z' WHERE key = 'made_at';`,
      'sha256',
    );
    await refused(later, /was changed after it was made/);
  });

  it('a district name carrying an escape sequence is refused, not printed', async () => {
    await refused(
      tampered(
        bundle,
        join(city.folder, 'escape.peixun'),
        `UPDATE bundle SET value = '宝山区' || char(27) || '[2J' WHERE key = 'district';`,
      ),
      /a district name that is no name/,
    );
  });
});

describe('what a bundle holds of people', () => {
  it('a person without an ID number has a pseudonym drawn at random for each bundle, linked to nothing', async () => {
    const peixun = await district();
    await peixun.ok(
      'import',
      'attendance',
      peixun.file(
        'walkin.csv',
        '班级编号,日期,时段,姓名,所属单位,签到状态\nK1,2023-07-17,上午,周九,宝山区/罗店镇/天平村,出勤\n',
      ),
      '--add-unknown',
    );
    // The same register, period and moment twice: the city's pseudonyms agree, the local ones do not.
    const db = openDatabase(peixun.db, { create: false });
    const make = () =>
      makeBundle(db, {
        period: quarterPeriod(2023, 3),
        completionThreshold: 6 / 7,
        cityKey: KEY,
        district: '宝山区',
        madeAt: '2024-01-01T00:00:00.000Z',
        madeBy: 'test',
        today: '2024-01-01',
        peixunVersion: 'test',
      });
    const people = (bytes: Buffer) => {
      const bundleDb = new Database(bytes);
      const rows = bundleDb
        .prepare(`SELECT DISTINCT person, person_kind AS kind FROM enrolments ORDER BY person`)
        .all() as {
        person: string;
        kind: string;
      }[];
      bundleDb.close();
      return rows;
    };
    const first = people(make().bytes);
    const second = people(make().bytes);
    db.close();
    const local = (rows: typeof first) => rows.filter((row) => row.kind === 'local').map((row) => row.person);
    const city = (rows: typeof first) => rows.filter((row) => row.kind === 'city').map((row) => row.person);
    expect(local(first)).toHaveLength(1);
    expect(local(first)).not.toEqual(local(second));
    expect(city(first)).toEqual(city(second));
  });

  it('one bundle reads one moment of the register, even while an import commits between its queries', async () => {
    const peixun = await district();
    const db = openDatabase(peixun.db, { create: false });
    const writer = new Database(peixun.db);
    let statements = 0;
    // After the bundle's first read (the unit tree: a statement prepared, a query run), a colleague signs four people
    // in to a new session of K2 and commits.
    const watched = new Proxy(db, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== 'prepare') return typeof value === 'function' ? value.bind(target) : value;
        return (sql: string) => {
          if (statements++ === 2) {
            writer.exec(`BEGIN IMMEDIATE;
              INSERT INTO batches (kind, files, created_at, counts) VALUES ('attendance', '[]', '2024-01-01', '{}');
              INSERT INTO sessions (class_id, date, slot, batch_id)
                SELECT id, '2023-08-02', '下午', (SELECT MAX(id) FROM batches) FROM classes WHERE code = 'K2';
              INSERT INTO attendance (enrolment_id, session_id, status, batch_id)
                SELECT e.id, (SELECT MAX(id) FROM sessions), 'present', (SELECT MAX(id) FROM batches)
                FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.code = 'K2';
              COMMIT;`);
          }
          return target.prepare(sql);
        };
      },
    });
    const made = makeBundle(watched, {
      period: quarterPeriod(2023, 3),
      completionThreshold: 6 / 7,
      cityKey: KEY,
      district: '宝山区',
      madeAt: '2024-01-01T00:00:00.000Z',
      madeBy: 'test',
      today: '2024-01-01',
      peixunVersion: 'test',
    });
    writer.close();
    db.close();
    const bundleDb = new Database(made.bytes);
    const k2 = bundleDb
      .prepare(
        `SELECT c.sessions, (SELECT COUNT(*) FROM sessions s WHERE s.class_id = c.id) AS listed,
                (SELECT MAX(records) FROM enrolments e WHERE e.class_id = c.id) AS records
         FROM classes c WHERE c.code = 'K2'`,
      )
      .get();
    bundleDb.close();
    // K2 as the bundle began: two sessions, everywhere in the file.
    expect(k2).toEqual({ sessions: 2, listed: 2, records: 2 });
  });
});

describe('the city key never travels on the command line', () => {
  it('is refused as an argument, and when too weak; read from a file or standard input', async () => {
    const peixun = inProcess();
    const given = await peixun.run('--lang', 'en', 'config', 'set', 'city-key', KEY);
    expect(given.code).toBe(2);
    expect(given.stderr).toContain('city-key is never given on the command line');
    for (const weak of ['a'.repeat(16), 'a'.repeat(40), '0123456789abcdef', 'short']) {
      const result = await peixun.run(
        '--lang',
        'en',
        'config',
        'set',
        'city-key',
        '--from-file',
        peixun.file('weak.txt', weak),
      );
      expect(result.code, weak).toBe(1);
      expect(result.stderr, weak).toContain('openssl rand -hex 16');
    }
    expect(
      (await peixun.run('config', 'set', 'city-key', '--from-file', peixun.file('k.txt', `${KEY}\n`))).code,
    ).toBe(0);
    const piped = spawnSync(process.execPath, [BIN, '--db', peixun.db, 'config', 'set', 'city-key'], {
      input: `${KEY}\n`,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    });
    expect(piped.status, piped.stderr).toBe(0);
  });
});
