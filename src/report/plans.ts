/** Plan delivery as a report: each plan, each plan kind, and the classes outside any plan. */
import type { Translator } from '../i18n/index.js';
import type { PlanDelivery, PlansReport } from '../stats/plans.js';
import { definitions } from './figures.js';
import type { CellValue, Column, ReportTable, Section } from './model.js';
import { subtitle, type ReportHeading } from './summaries.js';

/** Planned, delivered and 完成率 for 班次, 人次 and 学时: nine columns after the row's own. */
function deliveryColumns(t: Translator): Column[] {
  return (['classes', 'participantTimes', 'hours'] as const).flatMap((figure): Column[] => {
    const kind = figure === 'hours' ? 'hours' : 'count';
    return [
      { label: t(`plan.planned.${figure}`), kind },
      { label: t(`plan.delivered.${figure}`), kind },
      { label: t(`plan.rate.${figure}`), kind: 'rate' },
    ];
  });
}

function deliveryCells(line: PlanDelivery): CellValue[] {
  return (['classes', 'participantTimes', 'hours'] as const).flatMap((figure) => [
    line.planned[figure],
    line.delivered[figure],
    line.rates[figure],
  ]);
}

/** The plan kinds and their total: also the section `--against-plan` adds to a summary. */
export function planKindsSection(report: PlansReport, t: Translator): Section {
  return {
    heading: t('plansByKind'),
    columns: [{ label: t('plan.kind'), kind: 'text' }, ...deliveryColumns(t)],
    rows: [
      ...report.kinds.map((kind) => [kind.kind ?? t('noneGroup'), ...deliveryCells(kind)]),
      [t('groupTotal'), ...deliveryCells(report.total)],
    ],
    totals: 1,
  };
}

export function plansTable(
  report: PlansReport,
  t: Translator,
  heading: ReportHeading,
  completionThreshold: number,
): ReportTable {
  const { period } = report;
  const quarterText = (quarter: number | null) => (quarter ? `Q${quarter}` : t('wholeYear'));
  const plans: Section = {
    heading: t('plansEach'),
    columns: [
      { label: t('plan.code'), kind: 'text' },
      { label: t('plan.name'), kind: 'text' },
      { label: t('plan.kind'), kind: 'text' },
      { label: t('plan.quarter'), kind: 'text' },
      ...deliveryColumns(t),
    ],
    rows: [
      ...report.plans.map((plan) => [
        plan.code,
        plan.name,
        plan.kind ?? t('noneGroup'),
        `${plan.year} ${quarterText(plan.quarter)}`,
        ...deliveryCells(plan),
      ]),
      [t('groupTotal'), '', '', '', ...deliveryCells(report.total)],
    ],
    totals: 1,
  };
  return {
    title: t('plansTitle', { label: period.label, from: period.from, to: period.to }),
    subtitle: subtitle(t, heading, period.from, period.to),
    // Classes outside any plan only where there are some.
    sections: [
      plans,
      planKindsSection(report, t),
      ...(report.outsidePlan.length > 0 ? [outsideSection(report, t)] : []),
      ...(report.unplanned.length > 0 ? [unplannedSection(report, t)] : []),
    ],
    notes: [t('notePlans')],
    definitions: definitions(t, completionThreshold),
    warnings: [],
  };
}

/** The period's classes of no plan, and what they delivered. */
function unplannedSection(report: PlansReport, t: Translator): Section {
  return {
    heading: t('plansUnplanned', { count: report.unplanned.length }),
    columns: [
      { label: t('column.classCode'), kind: 'text' },
      { label: t('column.className'), kind: 'text' },
      { label: t('column.classType'), kind: 'text' },
      { label: t('column.startDate'), kind: 'text' },
      { label: t('plan.delivered.participantTimes'), kind: 'count' },
      { label: t('plan.delivered.hours'), kind: 'hours' },
    ],
    rows: [
      ...report.unplanned.map((klass) => [
        klass.code,
        klass.name,
        klass.type,
        klass.startDate,
        klass.participantTimes,
        klass.hours,
      ]),
      [
        t('groupTotal'),
        '',
        '',
        '',
        report.unplanned.reduce((sum, klass) => sum + klass.participantTimes, 0),
        Math.round(report.unplanned.reduce((sum, klass) => sum + klass.hours, 0) * 1e6) / 1e6,
      ],
    ],
    totals: 1,
  };
}

/** Classes that name a plan but start outside its period. */
function outsideSection(report: PlansReport, t: Translator): Section {
  return {
    heading: t('plansOutside', { count: report.outsidePlan.length }),
    columns: [
      { label: t('column.classCode'), kind: 'text' },
      { label: t('column.className'), kind: 'text' },
      { label: t('column.startDate'), kind: 'text' },
      { label: t('plansOutsidePlan'), kind: 'text' },
      { label: t('plansOutsidePeriod'), kind: 'text' },
    ],
    rows: report.outsidePlan.map((klass) => [
      klass.code,
      klass.name,
      klass.startDate,
      klass.plan,
      `${klass.planFrom} ~ ${klass.planTo}`,
    ]),
    totals: 0,
  };
}
