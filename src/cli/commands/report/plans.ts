import type { Cli } from '../../command.js';
import { periodReport } from './byPeriod.js';

/** A year's plans (`--year 2024`, `2024`) or a quarter's (`--year 2024 --quarter 3`, `2024Q3`). */
export default (cli: Cli) =>
  periodReport(
    cli,
    'plans',
    'cmdReportPlans',
    (period, completionThreshold) => ({ report: 'plans', period, completionThreshold }),
    [
      'peixun report plans --year 2024',
      'peixun report plans 2024Q3',
      'peixun report plans --year 2024 --format xlsx --out 2024年培训计划完成情况.xlsx',
    ],
    true,
  );
