/** `peixun class …`: training classes, one by one. */
import type { Cli } from '../../command.js';
import add from './add.js';
import cancel from './cancel.js';
import edit from './edit.js';
import list from './list.js';
import show from './show.js';

export default (cli: Cli) =>
  cli.group(
    'class',
    cli.t('cmdClass'),
    ['peixun class list --year 2023', 'peixun class add', 'peixun class cancel PX2023-014'],
    [list(cli), show(cli), add(cli), edit(cli), cancel(cli)],
    'list',
  );
