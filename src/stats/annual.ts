/**
 * A year (or any span) at a glance: the figures of each quarter beside those of the whole. The whole is
 * counted afresh, not added up: a person trained in two quarters is one of the year's 人数.
 */
import type { Db } from '../db/handle.js';
import { quartersWithin, type Period } from '../domain/periods.js';
import { joinedFacts, periodFacts, summarise, type RegisterRequest, type Summary } from './summary.js';

export interface AnnualSummary extends Summary {
  quarters: Summary[];
}

export function annualSummary(db: Db, request: RegisterRequest): AnnualSummary {
  // Each quarter's sign-ins are read once; the year is counted from the four quarters' facts together.
  const periods = quartersWithin(request.period);
  const facts = periods.map((period: Period) => periodFacts(db, period));
  const whole = summarise(db, request, 'annual', joinedFacts(facts));
  const quarters = periods.map((period: Period, index) =>
    summarise(db, { ...request, period }, 'quarterly', facts[index]),
  );
  return { ...whole, quarters };
}
