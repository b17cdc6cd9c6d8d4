/** Reporting periods: calendar quarters and years, inclusive ISO dates. */
export interface Period {
  label: string;
  from: string;
  to: string;
}

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

export function quarterPeriod(year: number, quarter: number): Period {
  const startMonth = String((quarter - 1) * 3 + 1).padStart(2, '0');
  return {
    label: `${year}Q${quarter}`,
    from: `${year}-${startMonth}-01`,
    to: `${year}-${QUARTER_ENDS[quarter - 1]}`,
  };
}

export function yearPeriod(year: number): Period {
  return { label: String(year), from: `${year}-01-01`, to: `${year}-12-31` };
}

const CHINESE_QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };

/**
 * A quarter as people write it: `2023Q3`, `2023-Q3`, `2023 Q3`, `2023-3`, `2023年三季度`, `2023年第三季度`,
 * `2023年第3季度`; without a year (`三季度`, `第三季度`, `Q3`) it is a quarter of `thisYear`, when one is given.
 */
export function parseQuarterLabel(
  text: string,
  thisYear?: number,
): { year: number; quarter: number } | undefined {
  const written = text.trim().normalize('NFKC');
  const match =
    /^(?:(\d{4})[-\s]?)?[Qq]([1-4])$/.exec(written) ??
    /^(\d{4})-([1-4])$/.exec(written) ??
    /^(?:(\d{4})\s*年\s*)?第?([一二三四1-4])\s*季度?$/.exec(written);
  if (!match) return undefined;
  const year = match[1] === undefined ? thisYear : Number(match[1]);
  const quarter = CHINESE_QUARTER[match[2] ?? ''];
  // `3` alone is no quarter (a bare number reads as a month or a count); `三季度`, `Q3` are.
  if (year === undefined || quarter === undefined || /^[1-4]$/.test(written)) return undefined;
  return { year, quarter };
}

/** Any span of days, inclusive: `--from 2023-07-01 --to 2023-08-31`. */
export function customPeriod(from: string, to: string): Period {
  return { label: `${from}~${to}`, from, to };
}

/** The calendar quarters that meet a period, each cut to the period. */
export function quartersWithin(period: Period): Period[] {
  const quarters: Period[] = [];
  for (let year = Number(period.from.slice(0, 4)); year <= Number(period.to.slice(0, 4)); year++) {
    for (let quarter = 1; quarter <= 4; quarter++) {
      const whole = quarterPeriod(year, quarter);
      if (whole.to < period.from || whole.from > period.to) continue;
      quarters.push({
        label: whole.label,
        from: whole.from < period.from ? period.from : whole.from,
        to: whole.to > period.to ? period.to : whole.to,
      });
    }
  }
  return quarters;
}

/** A training plan's own period: its quarter, else its year (statistics.md, "Training plans"). */
export function planPeriod(plan: { year: number; quarter: number | null }): Period {
  return plan.quarter ? quarterPeriod(plan.year, plan.quarter) : yearPeriod(plan.year);
}

/** A span asked for by its days (`--from/--to`), not a calendar quarter or year. */
export function isCustomPeriod(period: Period): boolean {
  return period.label.includes('~');
}
