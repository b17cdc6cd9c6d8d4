/** Venues (场地). */
import type { KindSpec, RecordContext, RecordTable } from './spec.js';
import { VenueStore, everyVenue } from '../../db/venues.js';
import { venueHandler } from '../venues.js';

export const venuesKind: KindSpec<'venues'> = {
  kind: 'venues',
  fields: [
    { field: 'name', headers: ['名称', '场地名称', '地点', '场地', 'name'] },
    { field: 'type', headers: ['类型', '场地类型', 'type'] },
    { field: 'unit', headers: ['所属单位', '单位', 'unit'] },
    { field: 'capacity', headers: ['容量', '座位数', '可容纳人数', 'capacity'] },
  ],
  required: [['name']],
  keyFields: ['name'],
  ownColumns: ['capacity', 'type'],
  titleWords: /场地|会客厅|阵地/,
  handler: (setup) => venueHandler(new VenueStore(setup.db), setup.units(), setup.writer),
  records: ({ db, units, text, number }: RecordContext): RecordTable => {
    return {
      sheetName: '场地',
      head: ['名称', '类型', '所属单位', '容量'],
      rows: everyVenue(db).map((venue) => [
        venue.name,
        text(venue.type),
        units.path(venue.unit_id),
        number(venue.capacity),
      ]),
    };
  },
};
