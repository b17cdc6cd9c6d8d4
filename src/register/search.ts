/**
 * Finding a person without their ID number: by name, pinyin initials (`wf`) or full pinyin (`wangfang`), the last
 * digits of an ID number or phone, or a unit name ("that Wang from Gaojing": `wang 高境`).
 */
import { createRequire } from 'node:module';
import type { Db } from '../db/open.js';
import {
  everyTrainee,
  traineeById,
  traineeByIdNumber,
  traineesNamed,
  type TraineeRow,
} from '../db/trainees.js';
import { UnitStore } from '../db/units.js';
import { PeixunError, problem, type Problem } from '../errors.js';
import { maskIdNumber } from '../import/normalise.js';

export interface TraineeHit extends TraineeRow {
  unitPath: string;
}

/** Every word of the text must match something of the person. */
export function searchTrainees(db: Db, text: string): TraineeHit[] {
  const words = text.normalize('NFKC').trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const units = new UnitStore(db);
  // Thousands of units among hundreds of thousands of people: each unit's path is spelt once.
  const paths = new Map<number | null, string>();
  const pathOf = (unitId: number | null) => {
    let path = paths.get(unitId);
    if (path === undefined) paths.set(unitId, (path = units.path(unitId)));
    return path;
  };
  const hits: TraineeHit[] = [];
  for (const trainee of everyTrainee(db)) {
    const unitPath = pathOf(trainee.unit_id);
    if (words.every((word) => matches(trainee, unitPath, word))) hits.push({ ...trainee, unitPath });
  }
  return hits;
}

/** pinyin-pro's dictionaries take 50 ms to load: only a search by pinyin pays for them. */
let pinyinOf: ((text: string) => string[]) | undefined;
function syllablesOf(name: string): string[] {
  if (!pinyinOf) {
    const { pinyin } = createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro');
    pinyinOf = (text) => pinyin(text, { toneType: 'none', type: 'array' }) as string[];
  }
  return pinyinOf(name);
}

/** A search word for the records that have no ID number (a name-only sign-in made them). */
const WITHOUT_ID = new Set(['noid', '无身份证号', '无证件']);

function matches(trainee: TraineeRow, unitPath: string, word: string): boolean {
  if (WITHOUT_ID.has(word)) return !trainee.id_number;
  if (trainee.name.toLowerCase().includes(word)) return true;
  if (/^\d{3,}x?$/.test(word)) {
    if (trainee.id_number?.toLowerCase().endsWith(word)) return true;
    if (trainee.phone?.replace(/\D/g, '').endsWith(word)) return true;
  }
  if (trainee.id_number?.toLowerCase() === word) return true;
  if (/^[a-z]+$/.test(word)) {
    const syllables = syllablesOf(trainee.name);
    if (syllables.map((syllable) => syllable[0]).join('') === word) return true;
    if (syllables.join('').startsWith(word)) return true;
  }
  return unitPath.toLowerCase().includes(word);
}

/**
 * Whether a name (and unit) answers what is typed so far: part of the name or unit, or the start of its pinyin
 * initials or spelling (`o`, `oy`, `ouyang` all find 欧阳小明).
 */
export function nameMatchesTyping(name: string, unit: string, typed: string): boolean {
  const word = typed.normalize('NFKC').trim().toLowerCase();
  if (word === '' || name.toLowerCase().includes(word) || unit.toLowerCase().includes(word)) return true;
  if (!/^[a-z]+$/.test(word)) return false;
  const syllables = syllablesOf(name);
  return (
    syllables
      .map((syllable) => syllable[0])
      .join('')
      .startsWith(word) || syllables.join('').startsWith(word)
  );
}

/** `王芳 (宝山区/高境镇/高境一村居委, 310113********123X)`; a record without an ID number shows its number, `#123`. */
export function describeHit(hit: TraineeHit): string {
  return `${hit.name} (${[hit.unitPath, maskIdNumber(hit.id_number) || `#${hit.id}`].filter(Boolean).join(', ')})`;
}

/** `#123`: a record number, as listings and candidate lists show it. */
const RECORD_NUMBER = /^#(\d+)$/;

/**
 * The one trainee a text names: a record number (`#123`), an exact ID number, else the single search hit (a
 * name and unit, `王芳 高境一村`, narrow it down); none, or several listed to choose from, is an error.
 */
export function resolveTrainee(db: Db, text: string): TraineeHit {
  const record = RECORD_NUMBER.exec(text.trim());
  if (record) {
    const row = traineeById(db, Number(record[1]));
    if (!row) throw new PeixunError(problem('traineeNotFound', { query: text }));
    return { ...row, unitPath: new UnitStore(db).path(row.unit_id) };
  }
  const exact = traineeByIdNumber(db, text.trim().toUpperCase());
  if (exact) return { ...exact, unitPath: new UnitStore(db).path(exact.unit_id) };
  // A name only one person has needs no search through everyone.
  const named = traineesNamed(db, text.trim());
  if (named.length === 1 && named[0])
    return { ...named[0], unitPath: new UnitStore(db).path(named[0].unit_id) };
  const hits = searchTrainees(db, text);
  const exactName = hits.filter((hit) => hit.name === text.trim());
  const chosen = exactName.length === 1 ? exactName : hits;
  if (chosen.length === 1 && chosen[0]) return chosen[0];
  if (chosen.length === 0) throw new PeixunError(problem('traineeNotFound', { query: text }));
  throw new AmbiguousTraineeError(problem('traineeQueryAmbiguous', { query: text }), chosen);
}

/** Several people match: the candidates travel with the error, so that a terminal can offer them. */
export class AmbiguousTraineeError extends PeixunError {
  constructor(
    message: Problem,
    readonly candidates: TraineeHit[],
  ) {
    super(message, [...candidates.slice(0, 20).map(describeHit), ...(candidates.length > 20 ? ['…'] : [])]);
  }
}
