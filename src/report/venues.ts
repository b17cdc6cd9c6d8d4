/** How the venues were used, as a report: by venue (quarter by quarter), then by venue type. */
import { DEFAULT_COMPLETION_THRESHOLD } from '../domain/attendance.js';
import { say, type Translator } from '../i18n/index.js';
import type { VenueUse, VenuesReport } from '../stats/venues.js';
import { definitions } from './figures.js';
import type { CellValue, Column, ReportTable } from './model.js';
import { subtitle, type ReportHeading } from './summaries.js';

export function venuesTable(report: VenuesReport, t: Translator, heading: ReportHeading): ReportTable {
  const { period } = report;
  const { useColumns, useCells } = useOf(report, t);
  const type = (value: string | null) => value ?? t('noneGroup');
  const unregistered = report.venues
    .filter((line) => line.name !== null && !line.registered)
    .map((line) => line.name);
  return {
    title: t('venuesTitle', { label: period.label, from: period.from, to: period.to }),
    subtitle: subtitle(t, heading, period.from, period.to),
    sections: [
      {
        heading: t('venuesEach'),
        columns: [
          { label: t('venue.name'), kind: 'text' },
          { label: t('venue.type'), kind: 'text' },
          { label: t('column.unit'), kind: 'text' },
          { label: t('venue.capacity'), kind: 'count' },
          ...useColumns,
          { label: t('venue.busiest'), kind: 'count' },
        ],
        rows: [
          ...report.venues.map((line) => [
            line.name === null
              ? t('venueNone')
              : line.registered
                ? line.name
                : `${line.name} ${t('venueUnregisteredMark')}`,
            type(line.type),
            line.unit,
            line.capacity,
            ...useCells(line),
            line.busiest,
          ]),
          [t('groupTotal'), '', '', null, ...useCells(report.total), null],
        ],
        totals: 1,
      },
      {
        heading: t('venuesByType'),
        columns: [
          { label: t('venue.type'), kind: 'text' },
          { label: t('venue.count'), kind: 'count' },
          ...useColumns,
        ],
        rows: [
          ...report.types.map((line) => [type(line.type), line.venues, ...useCells(line)]),
          [
            t('groupTotal'),
            report.venues.filter((line) => line.name !== null).length,
            ...useCells(report.total),
          ],
        ],
        totals: 1,
      },
    ],
    notes: [
      t('noteVenues'),
      ...(unregistered.length > 0
        ? [t('noteVenuesUnregistered', { names: unregistered.join(t('listSeparator')) })]
        : []),
    ],
    // No figure of completion here: the definitions say the rule as it stands by default.
    definitions: definitions(t, DEFAULT_COMPLETION_THRESHOLD),
    warnings: report.warnings.map((warning) => say(t, warning)),
  };
}

/** A venue's use as columns: sessions and attendances, then the sessions of each quarter (a year's report). */
function useOf(report: VenuesReport, t: Translator) {
  const perQuarter = report.quarters.length > 1;
  // The quarters' columns and this one add up to 场次: a class's sessions after the period count with it.
  const after = perQuarter && report.venues.some((line) => line.afterPeriod > 0);
  const useColumns: Column[] = [
    { label: t('venue.sessions'), kind: 'count' },
    { label: t('venue.attendances'), kind: 'count' },
    ...(perQuarter
      ? report.quarters.map((label) => ({ label: t('venue.sessionsIn', { label }), kind: 'count' as const }))
      : []),
    ...(after ? [{ label: t('venue.sessionsAfter', { to: report.period.to }), kind: 'count' as const }] : []),
  ];
  const useCells = (use: VenueUse): CellValue[] => [
    use.sessions,
    use.attendances,
    ...(perQuarter ? use.byQuarter : []),
    ...(after ? [use.afterPeriod] : []),
  ];
  return { useColumns, useCells };
}
