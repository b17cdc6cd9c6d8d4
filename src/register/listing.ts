/** Lists of people and classes, filtered the way organisers ask, and likely duplicate records. */
import { classDetails, classesStartingBetween, type ClassDetails } from '../db/classes.js';
import { classCountsByTrainee } from '../db/attendance.js';
import type { Db } from '../db/handle.js';
import { everyTrainee } from '../db/trainees.js';
import { UnitStore } from '../db/units.js';
import { cleanText } from '../import/normalise.js';
import { nameKey } from '../domain/names.js';
import { chineseOrder } from '../order.js';
import { searchTrainees } from './search.js';

export const TRAINEE_STATUSES = ['active', 'left', 'all'] as const;

export interface TraineeFilter {
  unit?: string;
  category?: string;
  status: (typeof TRAINEE_STATUSES)[number];
  search?: string;
}

export interface TraineeListing {
  /** The record number (`#123`), by which every command can name a person who has no ID number. */
  record: number;
  name: string;
  idNumber: string | null;
  gender: string | null;
  birthDate: string | null;
  phone: string | null;
  unit: string;
  position: string | null;
  category: string;
  leftOn: string | null;
  classes: number;
}

export function listTrainees(db: Db, filter: TraineeFilter): TraineeListing[] {
  const units = new UnitStore(db);
  const rows = filter.search ? searchTrainees(db, filter.search) : [...everyTrainee(db)];
  const classes = classCountsByTrainee(db, filter.search ? rows.map((row) => row.id) : undefined);
  const unitText = filter.unit ? cleanText(filter.unit) : undefined;
  return rows
    .filter((row) => filter.status === 'all' || (filter.status === 'left') === (row.left_on !== null))
    .filter((row) => !filter.category || row.category === cleanText(filter.category))
    .map((row) => ({ row, unit: units.path(row.unit_id) }))
    .filter(
      ({ unit }) =>
        !unitText || unit.split('/').some((name) => name.includes(unitText)) || unit.includes(unitText),
    )
    .sort((a, b) => chineseOrder(a.unit, b.unit) || chineseOrder(a.row.name, b.row.name))
    .map(({ row, unit }) => ({
      record: row.id,
      name: row.name,
      idNumber: row.id_number,
      gender: row.gender,
      birthDate: row.birth_date,
      phone: row.phone,
      unit,
      position: row.position,
      category: row.category,
      leftOn: row.left_on,
      classes: classes.get(row.id) ?? 0,
    }));
}

export interface ClassFilter {
  type?: string;
  organiser?: string;
  from?: string;
  to?: string;
  status?: string;
}

export interface ClassListing extends ClassDetails {
  sessions: number;
  trainees: number;
}

export function listClasses(db: Db, filter: ClassFilter): ClassListing[] {
  const units = new UnitStore(db);
  const rows = classesStartingBetween(db, filter.from, filter.to);
  const organiser = filter.organiser ? cleanText(filter.organiser) : undefined;
  return rows
    .filter((row) => !filter.type || row.type === cleanText(filter.type))
    .filter((row) => !filter.status || row.status === filter.status)
    .map((row) => ({ row, organiserPath: units.path(row.organiser_unit_id) }))
    .filter(({ organiserPath }) => !organiser || organiserPath.includes(organiser))
    .map(({ row, organiserPath }) => ({
      ...classDetails(row, organiserPath),
      sessions: row.sessions,
      trainees: row.trainees,
    }));
}

export interface DuplicatePair {
  a: TraineeListing;
  b: TraineeListing;
  /** Message keys of the evidence: same name and phone, same name and birth date, … */
  evidence: ('sameNamePhone' | 'sameNameBirth' | 'sameId' | 'idAndNoId')[];
}

/** Pairs that are likely one person recorded twice, with the evidence for each. */
export function duplicatePairs(db: Db): DuplicatePair[] {
  const everyone = listTrainees(db, { status: 'all' });
  const byName = new Map<string, TraineeListing[]>();
  // Names as an import matches them: 阿不都·热合曼 and 阿不都•热合曼 are one name.
  for (const person of everyone) {
    const name = nameKey(person.name);
    byName.set(name, [...(byName.get(name) ?? []), person]);
  }
  const byId = new Map<string, TraineeListing[]>();
  for (const person of everyone) {
    const id = person.idNumber?.replace(/\s+/g, '').toUpperCase();
    if (id) byId.set(id, [...(byId.get(id) ?? []), person]);
  }
  const pairs = new Map<string, DuplicatePair>();
  const add = (a: TraineeListing, b: TraineeListing, evidence: DuplicatePair['evidence'][number]) => {
    const key = [a, b]
      .map((person) => `${person.name}|${person.idNumber ?? ''}|${person.unit}|${person.phone ?? ''}`)
      .sort()
      .join('\u0000');
    const pair = pairs.get(key) ?? { a, b, evidence: [] };
    if (!pair.evidence.includes(evidence)) pair.evidence.push(evidence);
    pairs.set(key, pair);
  };
  for (const group of [...byName.values(), ...byId.values()]) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i];
        const b = group[j];
        if (!a || !b) continue;
        if (a.idNumber && b.idNumber && a.idNumber.toUpperCase() === b.idNumber.toUpperCase())
          add(a, b, 'sameId');
        if (nameKey(a.name) !== nameKey(b.name)) continue;
        if (a.phone && a.phone === b.phone) add(a, b, 'sameNamePhone');
        if (a.birthDate && a.birthDate === b.birthDate) add(a, b, 'sameNameBirth');
        if (Boolean(a.idNumber) !== Boolean(b.idNumber) && a.unit === b.unit) add(a, b, 'idAndNoId');
      }
    }
  }
  return [...pairs.values()];
}
