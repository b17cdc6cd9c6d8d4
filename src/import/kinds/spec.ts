/**
 * What an import kind is, in one place (one file a kind under src/import/kinds/): the columns a file of it may
 * have and must have, how its rows are read into the register, how its records are written back out, and how a
 * file of it is told from the others. `kinds/index.ts` lists the kinds, in the order a folder imports them.
 */
import type { Db } from '../../db/handle.js';
import type { RowWriter } from '../../db/rows.js';
import type { UnitStore } from '../../db/units.js';
import type { Slot } from '../../domain/attendance.js';
import type { AttendanceTally, SignInContext } from '../attendance.js';
import type { KindHandler } from '../rows.js';
import type { TraineeMatchContext } from '../trainees.js';
import type { UnitResolver } from '../units.js';

/** A field of a kind and the header names formats.md accepts for it. */
export interface FieldSpec {
  field: string;
  headers: readonly string[];
  /**
   * Headers that stand for the field only where no column has one of its own headers: a sheet with a 签到 column
   * and a 签名 column reads the first, one with only a 签名 column reads that.
   */
  otherwise?: readonly string[];
  /** Headers no list names that stand for the field as `otherwise` do, by what they say (a header key). */
  otherwiseLike?: RegExp;
}

/** The stores and options a kind's rows are read with, each made when a kind first asks for it. */
export interface HandlerSetup {
  db: Db;
  writer: RowWriter;
  tally: AttendanceTally;
  options: { classCode?: string; date?: string; slot?: Slot; addUnknown: boolean };
  unitStore(): UnitStore;
  units(): UnitResolver;
  /** People found as a roster finds them (by ID number, else by name within the unit). */
  matching(): TraineeMatchContext;
  /** The same, with the classes, courses, sessions and sign-ins a sheet names. */
  signIn(): SignInContext;
}

/** A kind's records as a file that imports again: its sheet, its columns in formats.md's words, its rows. */
export interface RecordTable {
  sheetName: string;
  head: string[];
  rows: (string | number)[][];
}

/** What a record's columns need of the register: units in their level's columns, blanks for nulls. */
export interface RecordContext {
  db: Db;
  units: UnitStore;
  /** 区, 街镇, 居村 columns: each unit of the lineage in its level's column. */
  unitColumns: (unitId: number | null) => string[];
  text: (value: string | null) => string;
  number: (value: number | null) => number | '';
}

export interface KindSpec<Kind extends string = string> {
  kind: Kind;
  fields: readonly FieldSpec[];
  /** Which fields a header row must hold: every group must have at least one of its fields. */
  required: readonly (readonly string[])[];
  /** Fields that, all empty, make a row a non-record (a 合计 line, a signature line). */
  keyFields: readonly string[];
  /** Columns only this kind has: without one of them a file is not of it, whatever else it holds. */
  ownColumns?: readonly string[];
  /** Words of a title or file name that say a file is of this kind. */
  titleWords?: RegExp;
  handler(setup: HandlerSetup): KindHandler;
  /** Its records written back out (`peixun export KIND`); none for a kind read into others' records. */
  records?(context: RecordContext): RecordTable;
}

/** A kind's canonical header row: each field's first header, in the fields' order (what an office's file names first). */
export function canonicalHead(fields: readonly FieldSpec[]): string[] {
  return fields.map((field) => field.headers[0] ?? field.field);
}
