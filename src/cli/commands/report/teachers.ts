import type { Cli } from '../../command.js';
import { periodReport } from './byPeriod.js';

/** A year's teaching (`--year 2024`, `2024`) or a quarter's (`--year 2024 --quarter 3`, `2024Q3`). */
export default (cli: Cli) =>
  periodReport(cli, 'teachers', 'cmdReportTeachers', (period) => ({ report: 'teachers', period }), [
    'peixun report teachers --year 2024',
    'peixun report teachers 2024Q3 --format xlsx --out 师资授课.xlsx',
  ]);
