/** `peixun filed …`: reports kept on record as handed in, and what has changed since. */
import type { Cli } from '../../command.js';
import diff from './diff.js';
import list from './list.js';

export default (cli: Cli) =>
  cli.group(
    'filed',
    cli.t('cmdFiled'),
    ['peixun filed', 'peixun filed diff 1'],
    [list(cli), diff(cli)],
    'list',
  );
