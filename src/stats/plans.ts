/**
 * Plan delivery (计划完成情况): each training plan's planned 班次, 人次 and 学时 against what its classes delivered,
 * with 完成率, by plan kind; and the period's classes outside any plan. Delivered figures are the summaries' own
 * (docs/statistics.md), counted over the plan's classes that started within the plan's own period (its quarter, else
 * its year) and no later than the report's last day: a yearly plan in a quarterly report shows the year so far.
 */
import { classById, planById, plansOfYears } from '../db/classes.js';
import type { Db } from '../db/handle.js';
import { UnitStore } from '../db/units.js';
import { chineseOrder } from '../order.js';
import { customPeriod, isCustomPeriod, planPeriod, type Period } from '../domain/periods.js';
import { countSummary, periodFacts, type EnrolmentFact, type PeriodFacts } from './summary.js';

export interface PlanFigures {
  classes: number | null;
  participantTimes: number | null;
  hours: number | null;
}

export interface PlanDelivery {
  planned: PlanFigures;
  delivered: { classes: number; participantTimes: number; hours: number };
  /** delivered ÷ planned, null where nothing was planned. */
  rates: PlanFigures;
}

export interface PlanLine extends PlanDelivery {
  code: string;
  name: string;
  kind: string | null;
  year: number;
  /** Null for a plan of the whole year. */
  quarter: number | null;
  organiser: string;
  targetCategory: string | null;
}

export interface PlansReport {
  report: 'plans';
  period: Period;
  plans: PlanLine[];
  /** Each plan kind's plans added up (班次, 人次 and 学时 add up: each class is in one plan). */
  kinds: ({ kind: string | null } & PlanDelivery)[];
  total: PlanDelivery;
  /**
   * Classes of the period that name a plan but start outside the plan's own period: they count toward no plan's
   * delivery, and are listed so that nobody takes them for delivered or for 计划外.
   */
  outsidePlan: {
    code: string;
    name: string;
    plan: string;
    startDate: string;
    planFrom: string;
    planTo: string;
  }[];
  /** Classes of the period that name no plan. */
  unplanned: {
    code: string;
    name: string;
    type: string;
    startDate: string;
    participantTimes: number;
    hours: number;
  }[];
}

/** The plans whose own period meets the report's, and what each delivered up to the report's end. */
export function planDelivery(db: Db, period: Period, completionThreshold: number): PlansReport {
  const plans = plansOfYears(db, Number(period.from.slice(0, 4)), Number(period.to.slice(0, 4))).filter(
    (plan) => {
      const own = planPeriod(plan);
      return own.from <= period.to && own.to >= period.from;
    },
  );
  const units = new UnitStore(db);
  // Facts are read once per delivery window (a quarter's plans share one, the year's plans another).
  const windows = new Map<string, PeriodFacts>();
  const factsFor = (window: Period) => {
    const key = `${window.from}~${window.to}`;
    let facts = windows.get(key);
    if (!facts) windows.set(key, (facts = periodFacts(db, window)));
    return facts;
  };
  // Each window's facts split by plan once: a city's year has hundreds of plans and hundreds of thousands of
  // enrolments, and filtering the whole year's for each plan took seconds.
  const planFacts = new Map<PeriodFacts, Map<number | null, PeriodFacts>>();
  const factsOfPlan = (facts: PeriodFacts, planId: number) => {
    let byPlan = planFacts.get(facts);
    if (!byPlan) planFacts.set(facts, (byPlan = splitByPlan(facts)));
    return byPlan.get(planId) ?? { classes: [], enrolments: [], projects: [] };
  };
  const deliveredBy = (facts: PeriodFacts, planId: number) => {
    const total = countSummary(
      factsOfPlan(facts, planId),
      undefined,
      { period, completionThreshold },
      'plans',
    ).total;
    return { classes: total.classes, participantTimes: total.participantTimes, hours: total.hours };
  };
  const lines: PlanLine[] = plans.map((plan) => {
    const own = planPeriod(plan);
    // A quarter's or a year's report shows a plan's delivery so far (from the plan's first day); a span asked for
    // by its days (--from/--to) counts only the classes starting in it.
    const from = isCustomPeriod(period) && period.from > own.from ? period.from : own.from;
    const window = customPeriod(from, own.to < period.to ? own.to : period.to);
    const planned = {
      classes: plan.planned_classes,
      participantTimes: plan.planned_participant_times,
      hours: plan.planned_hours,
    };
    return {
      code: plan.code,
      name: plan.name,
      kind: plan.kind,
      year: plan.year,
      quarter: plan.quarter,
      organiser: units.path(plan.organiser_unit_id),
      targetCategory: plan.target_category,
      ...delivery(planned, deliveredBy(factsFor(window), plan.id)),
    };
  });
  const kindOrder = [...new Set(lines.map((line) => line.kind))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : chineseOrder(a, b),
  );
  const kinds = kindOrder.map((kind) => ({ kind, ...added(lines.filter((line) => line.kind === kind)) }));
  // The plans grouped by kind, in the kinds' order; within a kind, by period and code.
  lines.sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
  const current = factsFor(period);
  const unplanned = unplannedClasses(db, current);
  const outsidePlan = classesOutsidePlan(db, current);
  return { report: 'plans', period, plans: lines, kinds, total: added(lines), outsidePlan, unplanned };
}

/** The period's classes of no plan, with what they delivered. */
function unplannedClasses(db: Db, current: PeriodFacts): PlansReport['unplanned'] {
  const enrolmentsOf = new Map<number, EnrolmentFact[]>();
  for (const enrolment of current.enrolments) {
    const ofClass = enrolmentsOf.get(enrolment.classId);
    if (ofClass) ofClass.push(enrolment);
    else enrolmentsOf.set(enrolment.classId, [enrolment]);
  }
  return current.classes
    .filter((fact) => !fact.planId)
    .flatMap((fact) => {
      const row = classById(db, fact.id);
      if (!row) return [];
      const enrolments = enrolmentsOf.get(fact.id) ?? [];
      return [
        {
          code: row.code,
          name: row.name,
          type: row.type,
          startDate: row.start_date,
          participantTimes: enrolments.filter((enrolment) => enrolment.attended > 0).length,
          hours: Math.round(enrolments.reduce((sum, enrolment) => sum + enrolment.hours, 0) * 1e6) / 1e6,
        },
      ];
    })
    .sort((x, y) => x.startDate.localeCompare(y.startDate) || x.code.localeCompare(y.code));
}

/** The period's classes that name a plan but start outside its period. */
function classesOutsidePlan(db: Db, current: PeriodFacts): PlansReport['outsidePlan'] {
  return current.classes.flatMap((fact) => {
    const plan = fact.planId ? planById(db, fact.planId) : undefined;
    const row = plan ? classById(db, fact.id) : undefined;
    if (!plan || !row) return [];
    const own = planPeriod(plan);
    if (row.start_date >= own.from && row.start_date <= own.to) return [];
    return [
      {
        code: row.code,
        name: row.name,
        plan: plan.code,
        startDate: row.start_date,
        planFrom: own.from,
        planTo: own.to,
      },
    ];
  });
}

/** The classes and enrolments of each plan (classes of no plan under null); projects count in no plan. */
function splitByPlan(facts: PeriodFacts): Map<number | null, PeriodFacts> {
  const byPlan = new Map<number | null, PeriodFacts>();
  const planOf = new Map<number, PeriodFacts>();
  for (const fact of facts.classes) {
    const planId = fact.planId ?? null;
    let ofPlan = byPlan.get(planId);
    if (!ofPlan) byPlan.set(planId, (ofPlan = { classes: [], enrolments: [], projects: [] }));
    ofPlan.classes.push(fact);
    planOf.set(fact.id, ofPlan);
  }
  for (const enrolment of facts.enrolments) planOf.get(enrolment.classId)?.enrolments.push(enrolment);
  return byPlan;
}

function delivery(planned: PlanFigures, delivered: PlanDelivery['delivered']): PlanDelivery {
  const rate = (done: number, plan: number | null) => (plan ? done / plan : null);
  return {
    planned,
    delivered,
    rates: {
      classes: rate(delivered.classes, planned.classes),
      participantTimes: rate(delivered.participantTimes, planned.participantTimes),
      hours: rate(delivered.hours, planned.hours),
    },
  };
}

/**
 * Plans added up: planned and delivered figures add up (a planned figure no plan gives stays null); a rate is
 * counted over the plans that planned that figure (a number above 0), so a plan without one adds its delivery to
 * no rate (statistics.md: 100 % beside a plan at 50 % was its unplanned classes counted as delivered).
 */
function added(lines: readonly PlanDelivery[]): PlanDelivery {
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  const sum = (values: (number | null)[]) =>
    values.some((value) => value !== null)
      ? round(values.reduce<number>((total, value) => total + (value ?? 0), 0))
      : null;
  const plannedOf = (figure: keyof PlanFigures) => sum(lines.map((line) => line.planned[figure]));
  const deliveredOf = (figure: keyof PlanFigures) =>
    round(lines.reduce((total, line) => total + line.delivered[figure], 0));
  const rateOf = (figure: keyof PlanFigures) => {
    const numbered = lines.filter((line) => (line.planned[figure] ?? 0) > 0);
    const planned = numbered.reduce((total, line) => total + (line.planned[figure] ?? 0), 0);
    const delivered = numbered.reduce((total, line) => total + line.delivered[figure], 0);
    return planned > 0 ? delivered / planned : null;
  };
  const planned = {
    classes: plannedOf('classes'),
    participantTimes: plannedOf('participantTimes'),
    hours: plannedOf('hours'),
  };
  const delivered = {
    classes: deliveredOf('classes'),
    participantTimes: deliveredOf('participantTimes'),
    hours: deliveredOf('hours'),
  };
  const rates = {
    classes: rateOf('classes'),
    participantTimes: rateOf('participantTimes'),
    hours: rateOf('hours'),
  };
  return { planned, delivered, rates };
}
