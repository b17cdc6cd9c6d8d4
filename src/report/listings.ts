/** Lists of people and classes as report tables. ID numbers and phones are masked unless asked for whole. */
import type { MessageKey, Translator } from '../i18n/index.js';
import { maskIdNumber, maskPhone } from '../domain/identity.js';
import type { ClassListing, DuplicatePair, TraineeListing } from '../register/listing.js';
import type { SessionListing } from '../db/sessions.js';
import type { UnitChange, UnitDetail, UnitListing } from '../register/units.js';
import type { UnitUseTable } from '../db/units.js';
import type { ReportTable } from './model.js';
import { tableLabel } from './registerTables.js';

const bare = (title: string, sections: ReportTable['sections'], notes: string[] = []): ReportTable => ({
  title,
  subtitle: '',
  sections,
  notes,
  definitions: [],
  warnings: [],
});

/**
 * A person's ID number, phone and birth date as a listing shows them. The birth date is the masked middle of the
 * ID number: shown beside the mask it would rebuild the number, so without `--reveal` it is left out.
 */
export function personalData(
  person: { idNumber: string | null; phone: string | null; birthDate?: string | null },
  reveal: boolean,
) {
  // Missing is null in JSON, never "": a program can tell "none" from "hidden".
  return {
    idNumber: person.idNumber === null ? null : reveal ? person.idNumber : maskIdNumber(person.idNumber),
    phone: person.phone === null ? null : reveal ? person.phone : maskPhone(person.phone),
    birthDate: reveal ? (person.birthDate ?? null) : null,
  };
}

export function traineeListTable(people: TraineeListing[], t: Translator, reveal: boolean): ReportTable {
  return bare(t('traineeListTitle', { count: people.length }), [
    {
      columns: [
        { label: t('column.name'), kind: 'text' },
        { label: t('column.idNumber'), kind: 'text' },
        { label: t('column.gender'), kind: 'text' },
        { label: t('column.phone'), kind: 'text' },
        { label: t('column.unit'), kind: 'text' },
        { label: t('column.position'), kind: 'text' },
        { label: t('column.category'), kind: 'text' },
        { label: t('column.classes'), kind: 'count' },
        { label: t('column.state'), kind: 'text' },
      ],
      rows: people.map((person) => {
        const shown = personalData(person, reveal);
        return [
          person.name,
          // A record without an ID number shows the number that names it (`#123`).
          shown.idNumber || `#${person.record}`,
          person.gender ?? '',
          shown.phone,
          person.unit,
          person.position ?? '',
          person.category,
          person.classes,
          person.leftOn ? t('leftOn', { date: person.leftOn }) : t('active'),
        ];
      }),
      totals: 0,
    },
  ]);
}

export function classListTable(classes: ClassListing[], t: Translator): ReportTable {
  return bare(t('classListTitle', { count: classes.length }), [
    {
      columns: [
        { label: t('column.classCode'), kind: 'text' },
        { label: t('column.className'), kind: 'text' },
        { label: t('column.classType'), kind: 'text' },
        { label: t('by.organiser'), kind: 'text' },
        { label: t('column.startDate'), kind: 'text' },
        { label: t('column.endDate'), kind: 'text' },
        { label: t('column.plannedHours'), kind: 'hours' },
        { label: t('column.sessions'), kind: 'count' },
        { label: t('column.trainees'), kind: 'count' },
        { label: t('column.classStatus'), kind: 'text' },
      ],
      rows: classes.map((klass) => [
        klass.code,
        klass.name,
        klass.type,
        klass.organiser,
        klass.startDate,
        klass.endDate ?? '',
        klass.plannedHours,
        klass.sessions,
        klass.trainees,
        klass.status ? t.dynamic(`classStatus.${klass.status}` as MessageKey) : '',
      ]),
      totals: 0,
    },
  ]);
}

export function duplicatesTable(pairs: DuplicatePair[], t: Translator, reveal: boolean): ReportTable {
  const describe = (person: TraineeListing) => {
    const shown = personalData(person, reveal);
    return [person.name, shown.idNumber, person.unit, shown.phone].filter(Boolean).join(' · ');
  };
  return bare(
    t('duplicatesTitle', { count: pairs.length }),
    [
      {
        columns: [
          { label: t('column.recordA'), kind: 'text' },
          { label: t('column.recordB'), kind: 'text' },
          { label: t('column.evidence'), kind: 'text' },
        ],
        rows: pairs.map((pair) => [
          describe(pair.a),
          describe(pair.b),
          pair.evidence.map((key) => t(`evidence.${key}`)).join(t('listSeparator')),
        ]),
        totals: 0,
      },
    ],
    [t('noteDuplicates')],
  );
}

/** A class's sessions, planned and held: the timetable as the register holds it. */
export function sessionListTable(sessions: SessionListing[], t: Translator): ReportTable {
  return bare(t('sessionListTitle', { count: sessions.length, planned: 0 }), [
    {
      columns: [
        { label: t('column.classCode'), kind: 'text' },
        { label: t('column.date'), kind: 'text' },
        { label: t('column.slot'), kind: 'text' },
        { label: t('column.time'), kind: 'text' },
        { label: t('sessionField.hours'), kind: 'hours' },
        { label: t('sessionField.course_id'), kind: 'text' },
        { label: t('sessionField.teacher'), kind: 'text' },
        { label: t('sessionField.venue'), kind: 'text' },
        { label: t('sessionField.online'), kind: 'text' },
        { label: t('column.signedIn'), kind: 'count' },
        { label: t('column.state'), kind: 'text' },
      ],
      rows: sessions.map((session) => [
        session.code,
        session.date,
        session.slot,
        [session.start_time, session.end_time].filter(Boolean).join('-'),
        session.hours,
        session.courseCode ?? '',
        session.teacher ?? session.courseTeacher ?? '',
        session.venue ?? session.classVenue ?? '',
        session.online ? t('modeOnline') : t('modeOffline'),
        session.records,
        session.records > 0 ? t('sessionHeld') : t('sessionPlanned'),
      ]),
      totals: 0,
    },
  ]);
}

/** The unit tree: each unit by its path, with who is registered in it and below it. */
export function unitListTable(units: UnitListing[], t: Translator): ReportTable {
  return bare(t('unitListTitle', { count: units.length }), [
    {
      columns: [
        { label: t('column.unit'), kind: 'text' },
        { label: t('column.level'), kind: 'text' },
        { label: t('column.traineesHere'), kind: 'count' },
        { label: t('column.traineesWithin'), kind: 'count' },
        { label: t('column.subUnits'), kind: 'count' },
        { label: t('column.classesOrganised'), kind: 'count' },
      ],
      rows: units.map((unit) => [
        unit.path,
        t(`level.${unit.level}`),
        unit.trainees,
        unit.traineesWithin,
        unit.subUnits,
        unit.classes,
      ]),
      totals: 0,
    },
  ]);
}

/** One unit: where it stands, what is below it, and everything that names it. */
export function unitDetailTable(unit: UnitDetail, t: Translator): ReportTable {
  // Its sub-units are listed on a line of their own.
  const used = Object.entries(unit.uses)
    .filter(([table, count]) => count > 0 && table !== 'units')
    .map(([table, count]) => t('unitUse', { table: tableLabel(t, table as UnitUseTable), count }));
  return bare(unit.path, [
    {
      columns: [
        { label: t('column.item'), kind: 'text' },
        { label: t('column.value'), kind: 'text' },
      ],
      rows: [
        [t('column.level'), t(`level.${unit.level}`)],
        [t('column.parentUnit'), unit.parent ?? '—'],
        [t('column.subUnits'), unit.children.join(t('listSeparator')) || '—'],
        [t('column.traineesHere'), String(unit.trainees)],
        [t('column.traineesWithin'), String(unit.traineesWithin)],
        [t('column.namedBy'), used.join(t('listSeparator')) || '—'],
        [t('column.madeBy'), `#${unit.batchId}`],
      ],
      totals: 0,
    },
  ]);
}

/** What a unit command moved, in one line each. */
export function unitChangeLines(change: UnitChange, t: Translator): string[] {
  const moved = Object.entries(change.moved)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([table, count]) =>
      table === 'units'
        ? t('unitUseChildren', { count: count ?? 0 })
        : t('unitUse', { table: tableLabel(t, table as UnitUseTable), count: count ?? 0 }),
    );
  return [
    ...(moved.length > 0 ? [t('unitMoved', { what: moved.join(t('listSeparator')) })] : []),
    ...change.merged.map((line) => t('unitMergedToo', { units: line })),
  ];
}
