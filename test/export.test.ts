/** Export writes the import formats: an export imported into an empty database gives the same content. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UnitStore } from '../src/db/units.js';
import { loadedSmall, register } from './helpers.js';

/** The register's content by natural keys: what a person would call "the same records". */
function content(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const units = new UnitStore(db);
    const unit = (id: number | null) => units.path(id);
    const rows = <T extends Record<string, unknown>>(sql: string) => db.prepare(sql).all() as T[];
    return {
      trainees: rows<{ unit_id: number | null }>(
        `SELECT id_number, name, gender, birth_date, phone, unit_id, position, category, left_on FROM trainees
         ORDER BY name, id_number`,
      ).map(({ unit_id, ...rest }) => ({ ...rest, unit: unit(unit_id) })),
      classes: rows<{ organiser_unit_id: number | null }>(
        `SELECT code, name, type, organiser_unit_id, start_date, end_date, planned_hours, venue, status FROM classes
         ORDER BY code`,
      ).map(({ organiser_unit_id, ...rest }) => ({ ...rest, organiser: unit(organiser_unit_id) })),
      enrolments: rows<{ unit_id: number | null }>(
        `SELECT c.code, t.name, t.id_number, e.unit_id, e.category FROM enrolments e
         JOIN classes c ON c.id = e.class_id JOIN trainees t ON t.id = e.trainee_id ORDER BY 1, 2, 3`,
      ).map(({ unit_id, ...rest }) => ({ ...rest, unit: unit(unit_id) })),
      attendance: rows(
        `SELECT c.code, t.name, t.id_number, s.date, s.slot, a.status, a.hours FROM attendance a
         JOIN sessions s ON s.id = a.session_id
         JOIN enrolments e ON e.id = a.enrolment_id JOIN classes c ON c.id = e.class_id
         JOIN trainees t ON t.id = e.trainee_id ORDER BY 1, 2, 3, 4, 5`,
      ),
      sessions: rows(
        `SELECT c.code, s.date, s.slot, s.start_time, s.end_time, s.hours, s.course_id, s.teacher, s.venue, s.online
         FROM sessions s JOIN classes c ON c.id = s.class_id ORDER BY 1, 2, 3`,
      ),
    };
  } finally {
    db.close();
  }
}

/** The small register, plus a name-only walk-in and a name a spreadsheet would run as a formula. */
async function richRegister() {
  const peixun = await loadedSmall();
  const roster = join(peixun.folder, 'more.csv');
  writeFileSync(
    roster,
    '姓名,身份证号,手机号,区,街镇,居村,人员类别\n' +
      '"=HYPERLINK(""http://example.invalid"",""点我"")",310113199202290079,+8613800000009,宝山区,高境镇,逸仙路居委,社区合伙人\n' +
      '周九,,,宝山区,高境镇,逸仙路居委,社区志愿者\n',
  );
  await peixun.ok('import', 'trainees', roster);
  const sheet = join(peixun.folder, 'more-attendance.csv');
  writeFileSync(
    sheet,
    '班级编号,日期,时段,姓名,街镇,居村,签到状态\nK2,2023-08-01,上午,周九,高境镇,逸仙路居委,迟到\n',
  );
  await peixun.ok('import', 'attendance', sheet);
  // A timetable: K4's one session planned, nobody signed in yet; K2's second day taught by 王教授 online.
  const timetable = join(peixun.folder, 'planned.csv');
  writeFileSync(
    timetable,
    '班级编号,日期,上课时间,学时,授课教师,地点,线上线下\n' +
      'K4,2023-08-15,09:00-11:00,2,李老师,宝山区社区治理学院,线下\n' +
      'K2,2023-08-02,09:00-11:30,2,王教授,,线上\n',
  );
  await peixun.ok('import', 'timetable', timetable);
  return peixun;
}

describe.each(['csv', 'xlsx'] as const)('export → import as %s', (format) => {
  it('gives the same content for trainees, classes, the timetable and attendance', async () => {
    const source = await richRegister();
    const target = register();
    for (const kind of ['trainees', 'classes', 'timetable', 'attendance']) {
      const file = join(source.folder, `${kind}.${format}`);
      await source.ok('export', kind, '--out', file);
      await target.ok('import', kind, file);
    }
    const before = content(source.db);
    expect(before.trainees).toHaveLength(8);
    expect(before.attendance).toHaveLength(25);
    // Held sessions and K4's planned one, with their times, hours, teachers and mode.
    expect(before.sessions).toHaveLength(10);
    expect(before.sessions.find((session) => session.code === 'K4')).toMatchObject({
      start_time: '09:00',
      end_time: '11:00',
      hours: 2,
      teacher: '李老师',
      online: 0,
    });
    expect(content(target.db)).toEqual(before);
  });
});

describe('exported files', () => {
  it('CSV has a BOM and the formula-like cell as text; --no-bom for machines', async () => {
    const peixun = await richRegister();
    const file = join(peixun.folder, 'trainees.csv');
    await peixun.ok('export', 'trainees', '--out', file);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF姓名,身份证号,性别,出生日期,手机号,区,街镇,居村,职务,人员类别\r\n')).toBe(
      true,
    );
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"",""点我"")"`);
    // The phone was given as +86 138…: stored as its eleven digits, nothing for a spreadsheet to evaluate.
    expect(text).toContain(',13800000009,');
    expect((await peixun.ok('export', 'classes', '--no-bom')).stdout.startsWith('班级编号,')).toBe(true);
  });

  it('.xlsx holds the formula-like cell as a text string, not a formula', async () => {
    const peixun = await richRegister();
    const file = join(peixun.folder, 'trainees.xlsx');
    await peixun.ok('export', 'trainees', '--out', file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const names = (sheet?.getColumn(1).values ?? []).slice(2);
    expect(names).toContain('=HYPERLINK("http://example.invalid","点我")');
    const cell = sheet?.getCell(`A${names.indexOf('=HYPERLINK("http://example.invalid","点我")') + 2}`);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.numFmt).toBe('@');
  });

  it('.xlsx needs --out', async () => {
    const peixun = await loadedSmall();
    expect((await peixun.run('export', 'trainees', '--format', 'xlsx')).code).toBe(2);
  });
});
