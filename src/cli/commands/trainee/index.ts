/** `peixun trainee …`: the people in the register. */
import type { Cli } from '../../command.js';
import add from './add.js';
import duplicates from './duplicates.js';
import edit from './edit.js';
import leave from './leave.js';
import list from './list.js';
import merge from './merge.js';
import show from './show.js';

export default (cli: Cli) =>
  cli.group(
    'trainee',
    cli.t('cmdTrainee'),
    [
      'peixun trainee list --unit 高境镇',
      'peixun trainee show wf',
      'peixun trainee add',
      'peixun trainee duplicates',
    ],
    [list(cli), show(cli), add(cli), edit(cli), leave(cli), merge(cli), duplicates(cli)],
    'list',
  );
