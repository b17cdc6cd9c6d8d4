/** Venues (实训课堂, 会客厅, 党群服务站, 线上): named once each, with their unit and capacity. */
import type { Db } from './handle.js';
import type { RowWriter } from './rows.js';
import { unitKey } from './units.js';

export interface VenueRow {
  id: number;
  name: string;
  type: string | null;
  unit_id: number | null;
  capacity: number | null;
  batch_id: number;
}

/** A venue is its name, matched as unit names are: NFKC, spaces aside (`（一）` finds `(一)`). */
export const venueKey = unitKey;

export class VenueStore {
  private readonly byKey = new Map<string, VenueRow>();
  constructor(db: Db) {
    for (const row of everyVenue(db)) this.byKey.set(venueKey(row.name), row);
  }

  named(name: string): VenueRow | undefined {
    return this.byKey.get(venueKey(name));
  }

  insert(writer: RowWriter, values: Omit<VenueRow, 'id' | 'batch_id'>): number {
    const id = writer.insert('venues', { ...values });
    this.byKey.set(venueKey(values.name), { ...values, id, batch_id: writer.batchId });
    return id;
  }

  update(writer: RowWriter, row: VenueRow, changes: Partial<Omit<VenueRow, 'id' | 'batch_id'>>): void {
    writer.update('venues', row, changes);
  }
}

export function everyVenue(db: Db): VenueRow[] {
  return db.prepare(`SELECT * FROM venues ORDER BY id`).all() as VenueRow[];
}
