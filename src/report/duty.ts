/** The year's duty (`report hours`) as a report: each trainee's hours against the requirement, or per group. */
import type { Translator } from '../i18n/index.js';
import type { DutyReport, DutyRow } from '../stats/duty.js';
import type { CellValue, ReportTable, Section } from './model.js';
import { subtitle, type ReportHeading } from './summaries.js';

export function dutyTable(report: DutyReport, t: Translator, heading: ReportHeading): ReportTable {
  const from = `${report.year}-01-01`;
  const to = `${report.year}-12-31`;
  const sections: Section[] = [];
  if (report.groups) {
    sections.push({
      heading: t('dutyByGroup'),
      columns: [
        { label: report.by === 'category' ? t('column.category') : t('column.unit'), kind: 'text' },
        { label: t('duty.trainees'), kind: 'count' },
        { label: t('duty.met'), kind: 'count' },
        { label: t('duty.metRate'), kind: 'rate' },
        { label: t('duty.averageHours'), kind: 'hours' },
      ],
      rows: [
        ...report.groups.map((group): CellValue[] => [
          group.group || t('noneGroup'),
          group.trainees,
          group.met,
          group.metRate,
          group.averageHours,
        ]),
        [
          t('groupTotal'),
          report.total.trainees,
          report.total.met,
          report.total.metRate,
          report.total.averageHours,
        ],
      ],
      totals: 1,
    });
  }
  if (!report.groups || report.unmet) {
    sections.push({
      heading: report.unmet
        ? t('dutyUnmet', { count: report.rows.length })
        : t('dutyEach', { count: report.rows.length }),
      columns: [
        { label: t('column.name'), kind: 'text' },
        { label: t('column.idNumber'), kind: 'text' },
        { label: t('column.unit'), kind: 'text' },
        { label: t('column.category'), kind: 'text' },
        { label: t('duty.central'), kind: 'hours' },
        { label: t('duty.online'), kind: 'hours' },
        { label: t('duty.total'), kind: 'hours' },
        { label: t('duty.required'), kind: 'hours' },
        { label: t('duty.short'), kind: 'text' },
        { label: t('duty.metColumn'), kind: 'text' },
      ],
      rows: report.rows.map((row): CellValue[] => [
        row.leftOn ? `${row.name} ${t('dutyLeft', { date: row.leftOn })}` : row.name,
        row.idNumber || `#${row.record}`,
        row.unit,
        row.category,
        row.centralHours,
        row.onlineHours,
        row.totalHours,
        row.requiredOnline === null
          ? row.required
          : `${row.required} + ${t('duty.onlineShort')} ${row.requiredOnline}`,
        shortfall(t, row),
        row.met ? t('yes') : t('no'),
      ]),
      totals: 0,
    });
  }
  return {
    title: t('dutyTitle', { year: report.year }),
    subtitle: subtitle(t, heading, from, to),
    sections,
    notes: [
      t('dutyCounted', { day: report.day, met: report.total.met, trainees: report.total.trainees }),
      ...requirementLines(t, report),
      t('dutyHowToChange'),
    ],
    definitions: [t('defDuty')],
    warnings: [],
  };
}

/** 总学时差 N, 网络学习差 M: each requirement's shortfall on its own, never summed. */
function shortfall(t: Translator, row: DutyRow): string {
  const parts = [
    row.short > 0 ? t('dutyShortTotal', { hours: Math.round(row.short * 10) / 10 }) : '',
    row.shortOnline ? t('dutyShortOnline', { hours: Math.round(row.shortOnline * 10) / 10 }) : '',
  ].filter(Boolean);
  return parts.join(t('listSeparator'));
}

/** Which requirement applied to which category, and where it came from; once for all where all share one. */
function requirementLines(t: Translator, report: DutyReport): string[] {
  const said = (requirement: DutyReport['requirements'][number], category: string) =>
    t('dutyRequirement', {
      category,
      hours: requirement.total,
      source: t.dynamic(`dutySource.${requirement.source}`),
      online: requirement.online === null ? '' : t('dutyRequirementOnline', { hours: requirement.online }),
    });
  const [first, ...rest] = report.requirements;
  if (!first) return [];
  const same = rest.every(
    (other) => other.total === first.total && other.source === first.source && other.online === first.online,
  );
  return same
    ? [said(first, t('dutyEveryCategory'))]
    : report.requirements.map((requirement) => said(requirement, requirement.category));
}
