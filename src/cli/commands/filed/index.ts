/** `peixun filed …`: reports kept on record as handed in, and what has changed since. */
import type { Cli } from '../../command.js';
import diff from './diff.js';
import list from './list.js';
import show from './show.js';

export default (cli: Cli) =>
  cli.group(
    'filed',
    cli.t('cmdFiled'),
    ['peixun filed', 'peixun filed show 1', 'peixun filed diff 1'],
    [list(cli), show(cli), diff(cli)],
    'list',
  );
