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

/** `2023Q3`, `2023-Q3`, `2023q3`. */
export function parseQuarterLabel(text: string): { year: number; quarter: number } | undefined {
  const match = /^(\d{4})-?[Qq]([1-4])$/.exec(text.trim());
  return match ? { year: Number(match[1]), quarter: Number(match[2]) } : undefined;
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
