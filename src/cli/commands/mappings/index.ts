/** `peixun mappings …`: the header mappings saved for offices' own file formats. */
import type { Cli } from '../../command.js';
import remove from './delete.js';
import list from './list.js';
import show from './show.js';

export default (cli: Cli) =>
  cli.group(
    'mappings',
    cli.t('cmdMappings'),
    [
      'peixun mappings',
      'peixun mappings show district-roster',
      'peixun mappings delete district-roster --yes',
    ],
    [list(cli), show(cli), remove(cli)],
    'list',
  );
