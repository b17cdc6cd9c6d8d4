/**
 * Finding a person without their ID number: by name, pinyin initials (`wf`) or full pinyin (`wangfang`), the last
 * digits of an ID number or phone, or a unit name ("that Wang from Gaojing": `wang 高境`).
 */
import { createRequire } from 'node:module';
import type { Db } from '../db/handle.js';
import {
  traineeById,
  traineeByIdNumber,
  traineeSearchFields,
  traineesNamed,
  traineesWithIds,
  type TraineeRow,
} from '../db/trainees.js';
import { UnitStore } from '../db/units.js';
import { PeixunError, problem, type Problem } from '../errors.js';
import { visibleText } from '../domain/text.js';
import { maskIdNumber } from '../domain/identity.js';
import { nameKey } from '../domain/names.js';

export interface TraineeHit extends TraineeRow {
  unitPath: string;
}

/** Every word of the text must match something of the person. */
export function searchTrainees(db: Db, text: string): TraineeHit[] {
  const words = text.normalize('NFKC').trim().toLowerCase().split(/\s+/).filter(Boolean);
  const wordKeys = words.map(nameKey);
  if (words.length === 0) return [];
  const units = new UnitStore(db);
  // Thousands of units among hundreds of thousands of people: each unit's path is spelt once.
  const paths = new Map<number | null, string>();
  const pathOf = (unitId: number | null) => {
    let path = paths.get(unitId);
    if (path === undefined) paths.set(unitId, (path = units.path(unitId)));
    return path;
  };
  // Only what a word can match is read of everyone (a whole row costs better-sqlite3 ten times as much: a search of
  // a city's 200,000 people took 2 s); the rows of those found, afterwards.
  const found: number[] = [];
  for (const [id, name, idNumber, phone, unitId] of traineeSearchFields(db)) {
    const unitPath = pathOf(unitId);
    const fields = { name, id_number: idNumber, phone };
    if (words.every((word, at) => matches(fields, unitPath, word, wordKeys[at] ?? ''))) found.push(id);
  }
  const hits = traineesWithIds(db, found) as TraineeHit[];
  for (const hit of hits) hit.unitPath = pathOf(hit.unit_id);
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

/** `wordKey`: the word as a name is matched (its {@link nameKey}). */
function matches(
  trainee: Pick<TraineeRow, 'name' | 'id_number' | 'phone'>,
  unitPath: string,
  word: string,
  wordKey: string,
): boolean {
  if (WITHOUT_ID.has(word)) return !trainee.id_number;
  if (trainee.name.toLowerCase().includes(word)) return true;
  // 阿不都热合曼 finds 阿不都·热合曼, as an import matches them; most names are their own key.
  if (wordKey !== '') {
    const key = nameKey(trainee.name);
    if ((key !== trainee.name || wordKey !== word) && key.toLowerCase().includes(wordKey)) return true;
  }
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
  return visibleText(
    `${hit.name} (${[hit.unitPath, maskIdNumber(hit.id_number) || `#${hit.id}`].filter(Boolean).join(', ')})`,
  );
}

/** `#123`: a record number, as listings and candidate lists show it. */
const RECORD_NUMBER = /^#(\d+)$/;

/**
 * The one trainee a text names: a record number (`#123`), an exact ID number, a name as registered, else the
 * single search hit (a name and unit, `王芳 高境一村`, narrow it down); none, or several listed to choose from, is
 * an error.
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
  // A name needs no search through everyone: one person is the one; namesakes are the candidates (a search would
  // find others besides, a name that contains theirs, and then choose the exact ones again).
  const named = traineesNamed(db, text.trim());
  if (named.length > 0) {
    const units = new UnitStore(db);
    const hits = named
      .sort((a, b) => a.id - b.id)
      .map((row) => ({ ...row, unitPath: units.path(row.unit_id) }));
    if (hits.length === 1 && hits[0]) return hits[0];
    throw new AmbiguousTraineeError(problem('traineeQueryAmbiguous', { query: text }), hits);
  }
  const hits = searchTrainees(db, text);
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length === 0) throw new PeixunError(problem('traineeNotFound', { query: text }));
  throw new AmbiguousTraineeError(problem('traineeQueryAmbiguous', { query: text }), hits);
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
