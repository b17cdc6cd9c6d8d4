/** `peixun session …`: a class's sessions (课次), planned and held. */
import type { Cli } from '../../command.js';
import edit from './edit.js';
import list from './list.js';

export default (cli: Cli) =>
  cli.group(
    'session',
    cli.t('cmdSession'),
    [
      'peixun session list PX2023-001',
      'peixun session edit PX2023-001 --date 2023-07-05 --slot 上午 --teacher 张老师',
    ],
    [list(cli), edit(cli)],
    'list',
  );
