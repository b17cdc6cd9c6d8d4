/** The venues' list: one venue per row, named once; a class's 地点 and a session's are matched to it by name. */
import { changedColumns, type RowWriter } from '../db/rows.js';
import type { VenueRow, VenueStore } from '../db/venues.js';
import { parseCount } from './plans.js';
import { requiredTexts, type FileNotes, type KindHandler, type PreparedRow } from './rows.js';
import { optionalField } from './trainees.js';
import type { UnitResolver } from './units.js';

export function venueHandler(venues: VenueStore, units: UnitResolver, writer: RowWriter): KindHandler {
  return {
    beginFile: (): FileNotes => ({}),
    prepare(row, report): PreparedRow | undefined {
      requiredTexts(row, report, 'name');
      const name = row.written('name');
      const capacity = optionalField(row, report, 'capacity', parseCount);
      if (report.failed) return undefined;
      const unit = units.resolveOrganiser(row.written('unit'), { batchId: writer.batchId });
      if (!unit.ok) return report.problem('unit', unit.problem);
      const given: Partial<Omit<VenueRow, 'id' | 'batch_id'>> = {
        name,
        type: row.text('type') || undefined,
        unit_id: unit.value?.id,
        capacity,
      };
      const existing = venues.named(name);
      return {
        existingId: existing?.id,
        signature: JSON.stringify(given),
        write() {
          if (!existing) {
            const id = venues.insert(writer, {
              name,
              type: given.type ?? null,
              unit_id: unit.value?.id ?? null,
              capacity: capacity ?? null,
            });
            return { outcome: 'inserted', id };
          }
          const changes = changedColumns(existing, { ...given, name: existing.name });
          if (Object.keys(changes).length === 0) return { outcome: 'unchanged', id: existing.id };
          venues.update(writer, existing, changes);
          return { outcome: 'updated', id: existing.id };
        },
      };
    },
  };
}
