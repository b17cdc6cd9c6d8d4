import type { Cli } from '../../command.js';
import { periodReport } from './byPeriod.js';

/** A year's venue use (`--year 2024`, `2024`) or a quarter's (`--year 2024 --quarter 3`, `2024Q3`). */
export default (cli: Cli) =>
  periodReport(cli, 'venues', 'cmdReportVenues', (period) => ({ report: 'venues', period }), [
    'peixun report venues --year 2024',
    'peixun report venues 2024Q3 --format xlsx --out 场地使用.xlsx',
  ]);
