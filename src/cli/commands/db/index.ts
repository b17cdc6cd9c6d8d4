/** `peixun db …`: keeping the register safe. */
import type { Cli } from '../../command.js';
import backup from './backup.js';
import check from './check.js';
import restore from './restore.js';

export default (cli: Cli) =>
  cli.group(
    'db',
    cli.t('cmdDb'),
    {
      zh: ['peixun db backup 2023Q3-上报前.db', 'peixun db check'],
      en: ['peixun db backup before-2023Q3.db', 'peixun db check'],
    },
    [backup(cli), restore(cli), check(cli)],
  );
