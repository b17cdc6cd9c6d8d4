/** `peixun report …`: the quarterly and annual figures, a trainee's record, a class's sheet, coverage. */
import type { Cli } from '../../command.js';
import annual from './annual.js';
import klass from './class.js';
import coverage from './coverage.js';
import hours from './hours.js';
import plans from './plans.js';
import teachers from './teachers.js';
import venues from './venues.js';
import quarterly from './quarterly.js';
import trainee from './trainee.js';

export default (cli: Cli) =>
  cli.group(
    'report',
    cli.t('cmdReport'),
    [
      'peixun report quarterly 2023Q3',
      'peixun report annual --year 2023',
      'peixun report coverage --year 2023 --by category',
    ],
    [
      quarterly(cli),
      annual(cli),
      trainee(cli),
      klass(cli),
      coverage(cli),
      hours(cli),
      plans(cli),
      teachers(cli),
      venues(cli),
    ],
  );
