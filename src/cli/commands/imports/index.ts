/** `peixun imports …`: the batches every import and edit wrote, and taking one back. */
import type { Cli } from '../../command.js';
import list from './list.js';
import show from './show.js';
import undo from './undo.js';

export default (cli: Cli) =>
  cli.group(
    'imports',
    cli.t('cmdImports'),
    ['peixun imports', 'peixun imports undo 3'],
    [list(cli), show(cli), undo(cli)],
    'list',
  );
