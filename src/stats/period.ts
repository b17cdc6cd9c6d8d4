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
