#!/usr/bin/env node
/**
 * City-scale benchmark (npm run bench; `-- --small` for a tenth). Generates a register with a fixed seed into
 * bench-data/ (never committed), then times each step as a whole process: peixun's imports and reports, and,
 * where the sqlite3 command exists, the floor the same work costs in SQLite itself. `-- --before DIR` times the
 * build in DIR (another checkout, built) on the same data in the same run, and prints each step before and after.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  writeSync,
  closeSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'peixun.js');
const small = process.argv.includes('--small');
const beforeAt = process.argv.indexOf('--before');
const BEFORE = beforeAt >= 0 ? process.argv[beforeAt + 1] : undefined;
const scale = small ? 0.1 : 1;
const DATA = join(ROOT, 'bench-data', small ? 'small' : 'full');

const DISTRICTS = 16;
const SUBDISTRICTS = 13;
const COMMUNITIES = 29;
const TRAINEES = Math.round(200_000 * scale);
const CLASSES = Math.round(7_500 * scale);
const ATTENDANCE = Math.round(1_000_000 * scale);

// mulberry32: the same data on every machine.
let seed = 20231001;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const check = (first17) =>
  '10X98765432'[[...first17].reduce((sum, digit, i) => sum + Number(digit) * WEIGHTS[i], 0) % 11];
const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Buffered writing: a million rows without holding them. */
function writer(file) {
  const fd = openSync(file, 'w');
  let buffer = '';
  return {
    line(text) {
      buffer += text + '\n';
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    },
    close() {
      writeSync(fd, buffer);
      closeSync(fd);
    },
  };
}

function generate() {
  mkdirSync(DATA, { recursive: true });
  const unitOf = (index) => {
    const community = index % (DISTRICTS * SUBDISTRICTS * COMMUNITIES);
    const district = Math.floor(community / (SUBDISTRICTS * COMMUNITIES));
    const subdistrict = Math.floor(community / COMMUNITIES) % SUBDISTRICTS;
    return [
      `区${district + 1}`,
      `区${district + 1}街镇${subdistrict + 1}`,
      `区${district + 1}街镇${subdistrict + 1}居村${(community % COMMUNITIES) + 1}`,
    ];
  };
  const ids = [];
  const trainees = writer(join(DATA, 'trainees.csv'));
  trainees.line('姓名,身份证号,区,街镇,居村,人员类别');
  const categories = [
    '社区工作者',
    '居村党组织书记',
    '居村委主任',
    '社区志愿者',
    '业委会主任',
    '物业负责人',
    '社区合伙人',
    '后备干部',
  ];
  for (let index = 0; index < TRAINEES; index++) {
    // Distinct (birth date, sequence) pairs make distinct, valid ID numbers.
    const first17 = `310${String(101 + (index % 16)).padStart(3, '0')}${iso(Date.UTC(1955, 0, 1) + (index % 15000) * DAY).replace(/-/g, '')}${String(Math.floor(index / 15000)).padStart(3, '0')}`;
    const id = first17 + check(first17);
    ids.push(id);
    trainees.line(`学员${index},${id},${unitOf(index).join(',')},${categories[index % categories.length]}`);
  }
  trainees.close();

  const classes = writer(join(DATA, 'classes.csv'));
  const attendance = writer(join(DATA, 'attendance.csv'));
  classes.line('班级编号,班级名称,班级类型,主办单位,开始日期,结束日期,计划学时');
  attendance.line('班级编号,日期,时段,身份证号,签到状态');
  const types = ['轮训', '专题培训', '新任职培训', '示范培训', '实务培训'];
  const statuses = ['出勤', '出勤', '出勤', '出勤', '出勤', '出勤', '迟到', '请假', '缺勤'];
  const perClass = ATTENDANCE / CLASSES;
  let written = 0;
  for (let index = 0; index < CLASSES; index++) {
    const code = `C${String(index).padStart(5, '0')}`;
    const start = Date.UTC(2023, 0, 2) + Math.floor((index / CLASSES) * 700) * DAY;
    const sessions = 1 + (index % 4);
    const district = index % DISTRICTS;
    classes.line(
      `${code},培训班${index},${types[index % types.length]},区${district + 1},${iso(start)},${iso(start + (sessions - 1) * 7 * DAY)},${sessions * 3}`,
    );
    const people = Math.max(
      1,
      Math.round(((index + 1) * perClass) / sessions) - Math.round((index * perClass) / sessions),
    );
    const first = Math.floor(random() * TRAINEES);
    for (let s = 0; s < sessions; s++) {
      for (let p = 0; p < people && written < ATTENDANCE; p++) {
        const id = ids[(first + p * 7) % TRAINEES];
        attendance.line(
          `${code},${iso(start + s * 7 * DAY)},${s % 2 ? '下午' : '上午'},${id},${statuses[Math.floor(random() * statuses.length)]}`,
        );
        written++;
      }
    }
  }
  classes.close();
  attendance.close();
  // A meeting list of 500 people for one online session (issue 31: under a second): the people of C07000 on its
  // first day, each joining once, a third of them leaving early.
  const meeting = writer(join(DATA, 'meeting.csv'));
  meeting.line('用户昵称（入会昵称）,身份证号,入会时间,退会时间');
  for (let p = 0; p < MEETING_PEOPLE; p++) {
    const leaves = p % 3 === 0 ? '09:40:00' : '11:00:00';
    meeting.line(`学员${p},${ids[(p * 13) % TRAINEES]},${MEETING_DAY} 09:00:00,${MEETING_DAY} ${leaves}`);
  }
  meeting.close();
  return written;
}

const MEETING_PEOPLE = 500;
const MEETING_CLASS = 'C00100';
/** C00100's first day (its start date in generate()). */
const MEETING_DAY = new Date(Date.UTC(2023, 0, 2) + Math.floor((100 / CLASSES) * 700) * DAY)
  .toISOString()
  .slice(0, 10);

const hasTime = existsSync('/usr/bin/time');
/** Runs a whole process; wall time in seconds and peak resident memory in MB (from GNU time). */
function measure(command, args, given = {}) {
  // A listing of 200,000 people is tens of megabytes of output: room for it (spawnSync's default is 1 MB).
  const options = { maxBuffer: 1 << 30, ...given };
  const started = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', ...options })
    : spawnSync(command, args, { encoding: 'utf8', ...options });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  }
  const rssKb = hasTime ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, rssMb: rssKb / 1024, stdout: result.stdout };
}

function best(times, run) {
  let fastest;
  for (let i = 0; i < times; i++) {
    const result = run();
    if (!fastest || result.seconds < fastest.seconds) fastest = result;
  }
  return fastest;
}

/**
 * Times `run` and its floor in turns, ten times, and keeps the best of each: this machine's speed drifts by more
 * than tens of milliseconds over minutes, so a floor measured minutes earlier is no fair comparison.
 */
function inTurns(run, floorRun) {
  let fastest;
  let fastestFloor;
  for (let i = 0; i < 10; i++) {
    const result = run();
    const floorResult = floorRun();
    if (!fastest || result.seconds < fastest.seconds) fastest = result;
    if (!fastestFloor || floorResult.seconds < fastestFloor.seconds) fastestFloor = floorResult;
  }
  return { ...fastest, floor: fastestFloor };
}

/**
 * An import (it changes the register) in turns with its floor, as the reports are: the register is put back as it
 * was before each run, three runs, each followed by its floor, the fastest of each kept. Measured
 * once beside its floor, the million sign-ins' ratio moved between 1.93× and 2.37× from one run of the bench to
 * the next on this machine. The peak memory is the highest of the three runs, not the fastest's.
 */
function importInTurns(db, run, floorRun, times = 3) {
  const saved = existsSync(db) ? `${db}.before-import` : undefined;
  if (saved) copyFileSync(db, saved);
  const putBack = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    if (saved) copyFileSync(saved, db);
  };
  let fastest;
  let fastestFloor;
  let peak = 0;
  for (let turn = 0; turn < times; turn++) {
    if (turn > 0) putBack();
    const result = run();
    peak = Math.max(peak, result.rssMb);
    if (!fastest || result.seconds < fastest.seconds) fastest = result;
    const floorResult = floorRun?.();
    if (floorResult && !(fastestFloor?.seconds <= floorResult.seconds)) fastestFloor = floorResult;
  }
  if (saved) rmSync(saved);
  return { result: { ...fastest, rssMb: peak }, floor: fastestFloor };
}

/** A difference in seconds as signed milliseconds: within the noise, a start can measure faster than its floor. */
function signedMs(seconds) {
  const ms = Math.round(seconds * 1000);
  return `${ms < 0 ? '−' : '+'}${Math.abs(ms)} ms`;
}

let rows = [];
function report(name, result, count, floor) {
  rows.push({ name, ...result, count, floor });
}

function main() {
  console.log(
    `peixun benchmark${small ? ' (--small: a tenth)' : ''}: ${TRAINEES} trainees, ${CLASSES} classes, ~${ATTENDANCE} sign-in rows`,
  );
  const generatedAt = process.hrtime.bigint();
  const attendanceRows = generate();
  console.log(
    `generated into ${DATA} in ${(Number(process.hrtime.bigint() - generatedAt) / 1e9).toFixed(1)} s (${(statSync(join(DATA, 'attendance.csv')).size / 1e6).toFixed(0)} MB of sign-ins)\n`,
  );

  const sqlite = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).status === 0;
  const floorDb = join(DATA, 'floor.db');
  const sql = (script) => measure('sqlite3', [floorDb], { input: script });
  let floor = {};
  if (sqlite) {
    // The floor: what the same work costs in SQLite alone, without peixun's checks. The imports' floors run again
    // in turns with each import (below), each into a register of its own made afresh.
    const floorRun = (file, setUp, script) => () => {
      for (const suffix of ['', '-journal', '-wal']) rmSync(file + suffix, { force: true });
      if (setUp) copyFileSync(setUp, file);
      return measure('sqlite3', [file], { input: script });
    };
    const traineesSql = `.mode csv
.import ${join(DATA, 'trainees.csv')} raw_trainees
CREATE TABLE trainees (id INTEGER PRIMARY KEY, id_number TEXT UNIQUE, name TEXT, unit TEXT, category TEXT);
INSERT INTO trainees (id_number, name, unit, category) SELECT 身份证号, 姓名, 区 || '/' || 街镇 || '/' || 居村, 人员类别 FROM raw_trainees;`;
    floor.trainees = floorRun(join(DATA, 'floor-trainees.db'), undefined, traineesSql);
    // The sign-ins' floor starts from the trainees and classes, kept in a register of their own.
    const floorBase = join(DATA, 'floor-base.db');
    floorRun(floorBase, undefined, traineesSql)();
    measure('sqlite3', [floorBase], {
      input: `.mode csv
.import ${join(DATA, 'classes.csv')} raw_classes
CREATE TABLE classes (id INTEGER PRIMARY KEY, code TEXT UNIQUE, start_date TEXT, planned_hours REAL);
INSERT INTO classes (code, start_date, planned_hours) SELECT 班级编号, 开始日期, 计划学时 FROM raw_classes;
CREATE INDEX classes_start ON classes (start_date);`,
    });
    floor.attendance = floorRun(
      floorDb,
      floorBase,
      `.mode csv
.import ${join(DATA, 'attendance.csv')} raw_attendance
CREATE TABLE attendance (id INTEGER PRIMARY KEY, class_id INTEGER, trainee_id INTEGER, date TEXT, slot TEXT, status TEXT, UNIQUE (class_id, trainee_id, date, slot));
INSERT INTO attendance (class_id, trainee_id, date, slot, status)
  SELECT c.id, t.id, r.日期, r.时段, CASE r.签到状态 WHEN '出勤' THEN 'present' WHEN '迟到' THEN 'late' WHEN '请假' THEN 'excused' ELSE 'absent' END
  FROM raw_attendance r JOIN classes c ON c.code = r.班级编号 JOIN trainees t ON t.id_number = r.身份证号;`,
    );
    // The reports' floors read the sign-ins' floor register: made once here, again beside each import.
    floor.attendance();
    const quarterSql = (
      from,
      to,
    ) => `WITH pc AS (SELECT id, planned_hours FROM classes WHERE start_date BETWEEN '${from}' AND '${to}'),
s AS (SELECT a.class_id, COUNT(DISTINCT a.date || a.slot) n FROM attendance a JOIN pc ON pc.id = a.class_id GROUP BY a.class_id),
e AS (SELECT a.class_id, a.trainee_id, SUM(a.status IN ('present','late')) att, COUNT(*) recs FROM attendance a JOIN pc ON pc.id = a.class_id GROUP BY 1, 2)
SELECT (SELECT COUNT(*) FROM pc), SUM(att > 0), COUNT(DISTINCT CASE WHEN att > 0 THEN trainee_id END),
  SUM(att * pc.planned_hours / s.n), 1.0 * SUM(att) / SUM(recs)
FROM e JOIN pc ON pc.id = e.class_id JOIN s ON s.class_id = e.class_id;`;
    // The reports' floors are timed in turns with the reports themselves (below): a query of half a second
    // measured 0.32–0.55 s in runs of one afternoon.
    floor.quarterly = () => sql(quarterSql('2023-07-01', '2023-09-30'));
    // The annual report's floor: the four quarters' queries, one after another.
    floor.annual = () =>
      sql(
        [
          ['2023-01-01', '2023-03-31'],
          ['2023-04-01', '2023-06-30'],
          ['2023-07-01', '2023-09-30'],
          ['2023-10-01', '2023-12-31'],
        ]
          .map(([from, to]) => quarterSql(from, to))
          .join('\n'),
      );
  } else {
    console.log('sqlite3 not found (Debian package sqlite3): the floor and ratios are left out\n');
  }

  /** Every step with the peixun at `bin`, into a register of its own. */
  const timeBuild = (bin, name) => {
    rows = [];
    const db = join(DATA, name);
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    rmSync(join(DATA, '.peixun-backups'), { recursive: true, force: true });
    const peixun = (...args) =>
      measure(process.execPath, [bin, '--db', db, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    const trainees = importInTurns(
      db,
      () => peixun('import', 'trainees', join(DATA, 'trainees.csv')),
      floor.trainees,
    );
    report('import trainees', trainees.result, TRAINEES, trainees.floor);
    report('import classes', peixun('import', 'classes', join(DATA, 'classes.csv')), CLASSES);
    const signIns = importInTurns(
      db,
      () => peixun('import', 'attendance', join(DATA, 'attendance.csv')),
      floor.attendance,
    );
    report('import attendance', signIns.result, attendanceRows, signIns.floor);
    // A build from before meeting lists has no such import.
    if (existsSync(join(bin, '..', '..', 'dist', 'import', 'meeting.js')))
      report(
        'import meeting (500 people)',
        // Once: a second run would find every sign-in there already.
        peixun(
          'import',
          'meeting',
          join(DATA, 'meeting.csv'),
          '--class',
          MEETING_CLASS,
          '--date',
          MEETING_DAY,
        ),
        MEETING_PEOPLE,
      );
    // Each report and its floor in turns, ten of each, the best kept (the floor alone where sqlite3 is missing).
    const againstFloor = (run, floorRun) => {
      if (!floorRun) return best(3, run);
      const { floor: measuredFloor, ...result } = inTurns(run, floorRun);
      return { ...result, measuredFloor };
    };
    for (const [step, args, floorRun] of [
      ['report quarterly 2023Q3', ['report', 'quarterly', '2023Q3'], floor.quarterly],
      [
        'report quarterly --by unit --level subdistrict',
        ['report', 'quarterly', '2023Q3', '--by', 'unit', '--level', 'subdistrict'],
        floor.quarterly,
      ],
      ['report annual --year 2023', ['report', 'annual', '--year', '2023'], floor.annual],
    ]) {
      const { measuredFloor, ...result } = againstFloor(() => peixun(...args, '--format', 'json'), floorRun);
      report(step, result, undefined, measuredFloor);
    }
    // A listing of every trainee as a table (what a terminal shows, without the pager) against the same as CSV,
    // timed in turns.
    const listing = inTurns(
      () => peixun('trainee', 'list'),
      () => peixun('trainee', 'list', '--format', 'csv'),
    );
    report('trainee list (table)', listing, TRAINEES, listing.floor);

    const nodeAlone = () => measure(process.execPath, ['-e', '0']);
    for (const flag of ['--version', '--help']) {
      const { floor: startFloor, ...result } = inTurns(
        () => measure(process.execPath, [bin, flag]),
        nodeAlone,
      );
      report(`peixun ${flag}`, result, undefined, startFloor);
    }
    return rows;
  };
  const before = BEFORE ? timeBuild(join(BEFORE, 'bin', 'peixun.js'), 'before.db') : undefined;
  rows = timeBuild(BIN, 'peixun.db');

  const pad = (text, width) => String(text).padEnd(width);
  const num = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
  console.log(
    `${pad('step', 48)}${pad('wall s', 9)}${pad('rows/s', 11)}${pad('peak MB', 9)}${pad('floor s', 9)}ratio`,
  );
  for (const row of rows) {
    const rate = row.count ? Math.round(row.count / row.seconds).toLocaleString('en') : '';
    const startFloor = row.name.startsWith('peixun --');
    const ratio = row.floor
      ? startFloor
        ? `${signedMs(row.seconds - row.floor.seconds)} over node -e 0`
        : `${(row.seconds / row.floor.seconds).toFixed(2)}×`
      : '';
    console.log(
      `${pad(row.name, 48)}${pad(num(row.seconds), 9)}${pad(rate, 11)}${pad(num(row.rssMb, 0), 9)}${pad(row.floor ? num(row.floor.seconds) : '', 9)}${ratio}`,
    );
  }
  printTargets(rows);
  if (before) printBeforeAfter(before, rows);
  if (floor.attendance)
    console.log(
      `\nfloor: sqlite3 .import of the same CSV + one INSERT…SELECT into typed, indexed tables; the quarterly totals as one SQL query; node -e 0 for start-up. Reports, start-up and the listing are timed in turns with their floors, ten of each, the best kept; the imports three times each in turns with their floors, the register put back before each, the best kept (peak memory: the highest of the three)`,
    );
}

/**
 * The targets (issue 14's, the sign-in import and the quarterly total as issue 28 set them), each with its
 * measured ratio and PASS or FAIL, from this one run.
 */
function printTargets(measured) {
  const row = (name) => measured.find((candidate) => candidate.name === name);
  const ratio = (name) => {
    const found = row(name);
    return found?.floor ? found.seconds / found.floor.seconds : NaN;
  };
  const overStart = (name) => {
    const found = row(name);
    return found?.floor ? (found.seconds - found.floor.seconds) * 1000 : NaN;
  };
  const targets = [
    ['import attendance, every rule applied', ratio('import attendance'), 2, '×'],
    ['import trainees', ratio('import trainees'), 1.5, '×'],
    ['report quarterly, total', ratio('report quarterly 2023Q3'), 2, '×'],
    [
      'report quarterly --by unit --level subdistrict',
      ratio('report quarterly --by unit --level subdistrict'),
      1.5,
      '×',
    ],
    ['report annual (floor: four quarterly queries)', ratio('report annual --year 2023'), 2, '×'],
    ['peak memory, attendance import', row('import attendance')?.rssMb, 150, ' MB'],
    ['peixun --version over node -e 0', overStart('peixun --version'), 25, ' ms'],
    ['peixun --help over node -e 0', overStart('peixun --help'), 25, ' ms'],
    ['trainee list as a table, against CSV', ratio('trainee list (table)'), 1.5, '×'],
    ['import a 500-person meeting list', row('import meeting (500 people)')?.seconds, 1, ' s'],
    // A list of classes is a few thousand rows: seconds here mean a cost per row that grows with the list (a lookup
    // made again for every new code took 28 s for 7,500).
    [
      'import classes, a thousand a second or more',
      row('import classes')?.seconds / (CLASSES / 1000),
      1,
      ' s',
    ],
  ];
  console.log('\ntarget                                            measured    target     result');
  for (const [name, value, limit, unit] of targets) {
    // A start-up difference signed as in the table above: within the noise it can be below its floor.
    const shown = !Number.isFinite(value)
      ? '—'
      : unit === ' ms'
        ? signedMs(value / 1000)
        : `${closeToLimit(value, limit, unit === '×' || unit === ' s' ? 2 : 0)}${unit}`;
    const result = !Number.isFinite(value) ? 'n/a (not measured)' : value <= limit ? 'PASS' : 'FAIL';
    console.log(`${name.padEnd(50)}${shown.padEnd(12)}≤ ${`${limit}${unit}`.padEnd(9)}${result}`);
  }
}

/** Each step's time (and its ratio to its floor, as measured beside it) before and after, from this one run. */
function printBeforeAfter(before, after) {
  const ratioOf = (row) =>
    row.floor && !row.name.startsWith('peixun --') ? `${(row.seconds / row.floor.seconds).toFixed(2)}×` : '';
  console.log(`\nbefore (${BEFORE}) and after, this run`);
  console.log(
    `${'step'.padEnd(48)}${'before s'.padEnd(11)}${'after s'.padEnd(11)}${'before ×'.padEnd(10)}${'after ×'.padEnd(10)}peak MB before → after`,
  );
  for (const row of after) {
    const then = before.find((candidate) => candidate.name === row.name);
    if (!then) continue;
    console.log(
      `${row.name.padEnd(48)}${then.seconds.toFixed(2).padEnd(11)}${row.seconds.toFixed(2).padEnd(11)}${ratioOf(then).padEnd(10)}${ratioOf(row).padEnd(10)}${Number.isFinite(then.rssMb) ? `${then.rssMb.toFixed(0)} → ${row.rssMb.toFixed(0)}` : ''}`,
    );
  }
}

/**
 * The value with as many more digits as it takes not to read as the limit it missed or met: 150.3 MB is not
 * "150 MB … FAIL".
 */
function closeToLimit(value, limit, digits) {
  let shown = value.toFixed(digits);
  for (let more = digits + 1; Number(shown) === limit && value !== limit && more <= digits + 3; more++)
    shown = value.toFixed(more);
  return shown;
}

main();
