/**
 * Exports for analysts: names, ID numbers and phones replaced by pseudonyms. A keyed hash (HMAC with the
 * register's own secret) makes each person's pseudonym the same in every export, and impossible to reverse
 * without the register. The fake ID numbers are well formed (so the files still import), in region 990000,
 * which does not exist; gender and birth date follow from them.
 */
import type { RecordKind } from '../import/fields.js';
import { birthDateFromId, genderFromId } from '../domain/identity.js';
import { Pseudonyms } from '../privacy/pseudonyms.js';
import type { RecordTable } from './records.js';

/**
 * Column positions of the personal data in each kind's export (records.ts keeps these headers). `generalise`
 * lists the columns that could single a person out (a 居村's party secretary is a public figure), in the order
 * they are blanked until every combination of them is shared by at least K_ANONYMITY people.
 */
const COLUMNS: Partial<
  Record<
    RecordKind,
    {
      name: number;
      id: number;
      phone?: number;
      gender?: number;
      birth?: number;
      unit: number[];
      generalise: number[];
    }
  >
> = {
  // 居村, 职务, 街镇, 人员类别, 性别, 区
  trainees: {
    name: 0,
    id: 1,
    gender: 2,
    birth: 3,
    phone: 4,
    unit: [5, 6, 7],
    generalise: [7, 8, 6, 9, 2, 5],
  },
  // 居村, 街镇, 区
  attendance: { name: 4, id: 3, unit: [5, 6, 7], generalise: [7, 6, 5] },
  // 居村, 街镇, 人员类别, 区
  enrolments: { name: 2, id: 1, unit: [3, 4, 5], generalise: [5, 4, 6, 3] },
  // 居村, 街镇, 区
  online: { name: 0, id: 1, unit: [2, 3, 4], generalise: [4, 3, 2] },
};

/** No combination of the exported fields that describe a person is rarer than this. */
export const K_ANONYMITY = 5;

export function anonymise(table: RecordTable, kind: RecordKind, key: string): RecordTable {
  // A teacher's name is on every timetable; their phone is not: it goes.
  if (kind === 'teachers') return { ...table, rows: table.rows.map((row) => [...row.slice(0, 4), '']) };
  const columns = COLUMNS[kind];
  if (!columns) return table;
  const pseudonyms = new Pseudonyms(key);
  const rows = table.rows.map((original) => {
    const row = [...original];
    const realId = String(row[columns.id] ?? '');
    // One person, one key: the ID number, else the name within the unit (as a name-only sign-in matches).
    const person =
      realId || `${String(row[columns.name])}|${columns.unit.map((index) => row[index]).join('/')}`;
    row[columns.name] = pseudonyms.name(person);
    if (realId) {
      const id = pseudonyms.idNumber(person);
      row[columns.id] = id;
      if (columns.gender !== undefined && row[columns.gender]) row[columns.gender] = genderFromId(id);
      if (columns.birth !== undefined && row[columns.birth]) row[columns.birth] = birthDateFromId(id);
    } else {
      if (columns.birth !== undefined) row[columns.birth] = '';
      // Without an ID number the gender would be the person's own: it is drawn from the pseudonym too.
      if (columns.gender !== undefined && row[columns.gender])
        row[columns.gender] = pseudonyms.gender(person);
    }
    if (columns.phone !== undefined && row[columns.phone]) row[columns.phone] = pseudonyms.phone(person);
    return { row, person };
  });
  return { ...table, rows: generalised(rows, columns.generalise) };
}

/**
 * Blanks, person by person and column by column in the given order, what makes a combination rarer than
 * K_ANONYMITY people, until none is. Blank cells still import (a unit one level up, no position, `其他`).
 */
function generalised(rows: { row: RecordTable['rows'][number]; person: string }[], order: readonly number[]) {
  const level = new Map<string, number>();
  const shown = (row: RecordTable['rows'][number], person: string) => {
    const blanked = new Set(order.slice(0, level.get(person) ?? 0));
    return order.map((column) => (blanked.has(column) ? '' : String(row[column] ?? ''))).join('\u0000');
  };
  const people = [...new Set(rows.map(({ person }) => person))];
  // Each round raises someone; levels only rise and are bounded, so this ends.
  for (let raised = true; raised;) {
    raised = false;
    const groups = new Map<string, Set<string>>();
    for (const { row, person } of rows) {
      const key = shown(row, person);
      groups.set(key, (groups.get(key) ?? new Set()).add(person));
    }
    let fullyBlank = 0;
    for (const { row, person } of rows) {
      const current = level.get(person) ?? 0;
      if (current === order.length) fullyBlank = groups.get(shown(row, person))?.size ?? 0;
      if (current === order.length || (groups.get(shown(row, person))?.size ?? 0) >= K_ANONYMITY) continue;
      level.set(person, current + 1);
      raised = true;
    }
    // The last resort, everything blank, must itself hold K_ANONYMITY people: the most generalised join it.
    if (!raised && fullyBlank > 0 && fullyBlank < K_ANONYMITY) {
      const joining = people
        .filter((person) => (level.get(person) ?? 0) < order.length)
        .sort((a, b) => (level.get(b) ?? 0) - (level.get(a) ?? 0))
        .slice(0, K_ANONYMITY - fullyBlank);
      for (const person of joining) level.set(person, order.length);
      raised = joining.length > 0;
    }
  }
  return rows.map(({ row, person }) => {
    const blanked = order.slice(0, level.get(person) ?? 0);
    return row.map((cell, index) => (blanked.includes(index) ? '' : cell));
  });
}
