/**
 * A year (or any span) at a glance: the figures of each quarter beside those of the whole. The whole is
 * counted afresh, not added up: a person trained in two quarters is one of the year's 人数.
 */
import type { Db } from '../db/open.js';
import { quartersWithin, type Period } from './period.js';
import { summarise, type Summary, type SummaryRequest } from './summary.js';

export interface AnnualSummary extends Summary {
  quarters: Summary[];
}

export function annualSummary(db: Db, request: SummaryRequest): AnnualSummary {
  const whole = summarise(db, request, 'annual');
  const quarters = quartersWithin(request.period).map((period: Period) =>
    summarise(db, { ...request, period }),
  );
  return { ...whole, quarters };
}
