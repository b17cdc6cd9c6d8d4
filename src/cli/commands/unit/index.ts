/** `peixun unit …`: the unit tree (区 → 街镇 → 居村), seen and corrected. */
import type { Cli } from '../../command.js';
import list from './list.js';
import { merge, move, remove, rename } from './change.js';
import show from './show.js';

export default (cli: Cli) =>
  cli.group(
    'unit',
    cli.t('cmdUnit'),
    [
      'peixun unit list',
      'peixun unit move 高境镇 宝山区',
      'peixun unit merge 高境镇 宝山区/高境镇',
      'peixun unit rename 高境一材居委 高境一村居委',
    ],
    [list(cli), show(cli), rename(cli), move(cli), merge(cli), remove(cli)],
    'list',
  );
