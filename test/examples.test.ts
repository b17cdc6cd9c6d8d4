/**
 * The office files of ../shared/examples (copied to test/fixtures/examples), in every form, against the
 * figures counted independently in expected-figures.json (completion threshold 0.8).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, register } from './helpers.js';

interface Expected {
  quarters: Record<
    string,
    {
      classes: number;
      participantTimes: number;
      participants: number;
      hours: number;
      attendanceRate: number;
      completionRate: number;
      byClassType: Record<string, { classes: number; participantTimes: number; hours: number }>;
      byCategory: Record<string, { participants: number; participantTimes: number; hours: number }>;
    }
  >;
  years: Record<string, { classes: number; participantTimes: number; participants: number; hours: number }>;
}
const expected = JSON.parse(readFileSync(join(EXAMPLES, 'expected-figures.json'), 'utf8')) as Expected;

interface Report {
  rows: { group: string; [figure: string]: unknown }[];
  total: Record<string, number>;
}

/** The categories of the example roster (人员类别, the sixth column of trainees.csv). */
const CATEGORY_COLUMN = 8;
const rosterCategories = [
  ...new Set(
    readFileSync(join(EXAMPLES, 'trainees.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[CATEGORY_COLUMN]?.trim() ?? ''),
  ),
];

const SIGNIN_SHEETS = Array.from({ length: 7 }, (_, index) =>
  join(EXAMPLES, 'signin-sheets', `签到表_00${index + 1}.csv`),
);

const FORMS: { name: string; trainees: string; classes: string; attendance: string[] }[] = [
  {
    name: 'canonical UTF-8',
    trainees: 'trainees.csv',
    classes: 'classes.csv',
    attendance: ['attendance.csv'],
  },
  {
    name: 'GB18030 office files',
    trainees: 'trainees-gbk.csv',
    classes: 'classes-gbk.csv',
    attendance: ['attendance-gbk.csv'],
  },
  {
    name: 'messy UTF-8 with BOM',
    trainees: 'trainees.csv',
    classes: 'classes-gbk.csv',
    attendance: ['attendance-messy-utf8.csv'],
  },
  {
    name: '.xlsx sign-in sheet',
    trainees: 'trainees-gbk.csv',
    classes: 'classes.csv',
    attendance: ['attendance.xlsx'],
  },
  {
    name: 'typed-up sign-in sheets',
    trainees: 'trainees.csv',
    classes: 'classes.csv',
    attendance: SIGNIN_SHEETS,
  },
];

describe.each(FORMS)('examples as $name', (form) => {
  it('import to the independently counted figures', async () => {
    const peixun = register();
    await peixun.ok('import', 'trainees', join(EXAMPLES, form.trainees));
    await peixun.ok('import', 'classes', join(EXAMPLES, form.classes));
    await peixun.ok(
      'import',
      'attendance',
      ...form.attendance.map((file) => (file.startsWith('/') ? file : join(EXAMPLES, file))),
    );
    for (const [label, quarter] of Object.entries(expected.quarters)) {
      const report = async (by?: string) =>
        await peixun.json<Report>(
          'report',
          'quarterly',
          label,
          '--completion-threshold',
          '0.8',
          '--format',
          'json',
          ...(by ? ['--by', by] : []),
        );
      const total = (await report()).total;
      expect(total.classes).toBe(quarter.classes);
      expect(total.participantTimes).toBe(quarter.participantTimes);
      expect(total.participants).toBe(quarter.participants);
      expect(total.hours).toBeCloseTo(quarter.hours, 6);
      expect(total.attendanceRate).toBeCloseTo(quarter.attendanceRate, 6);
      expect(total.completionRate).toBeCloseTo(quarter.completionRate, 6);
      const byType = Object.fromEntries(
        (await report('class-type')).rows.map((row) => [
          row.group,
          { classes: row.classes, participantTimes: row.participantTimes, hours: row.hours },
        ]),
      );
      expect(byType).toEqual(quarter.byClassType);
      const categoryRows = (await report('category')).rows;
      const byCategory = Object.fromEntries(
        categoryRows
          .filter((row) => row.participantTimes !== 0)
          .map((row) => [
            row.group,
            { participants: row.participants, participantTimes: row.participantTimes, hours: row.hours },
          ]),
      );
      expect(byCategory).toEqual(quarter.byCategory);
      // The counted figures list the categories someone trained in; the report keeps the others as zero rows
      // (statistics.md: groups are never dropped), so it has a row for every category of the roster.
      const untrained = categoryRows.filter((row) => row.participantTimes === 0);
      for (const row of untrained) expect([row.participants, row.hours, row.coverage]).toEqual([0, 0, 0]);
      expect(categoryRows.map((row) => row.group).sort()).toEqual([...rosterCategories].sort());
    }
  });
});
