/**
 * The register as files in the import formats (formats.md, canonical headers), so that an export imports
 * back into an empty database to the same content. Records carry ID numbers and phones whole: they must. Each kind
 * writes its own records (src/import/kinds/<kind>.ts).
 */
import type { Db } from '../db/handle.js';
import { UnitStore } from '../db/units.js';
import { kindSpec, type RecordKind } from '../import/fields.js';
import type { RecordTable } from '../import/kinds/spec.js';

export type { RecordTable };

export function recordTable(db: Db, kind: RecordKind): RecordTable {
  const records = kindSpec(kind).records;
  if (!records) throw new Error(`the ${kind} kind writes no records of its own`);
  const units = new UnitStore(db);
  return records({
    db,
    units,
    unitColumns: (unitId) => {
      const columns = ['', '', ''];
      for (const unit of units.lineage(unitId)) columns[unit.level - 1] = unit.name;
      return columns;
    },
    text: (value) => value ?? '',
    number: (value) => value ?? '',
  });
}
