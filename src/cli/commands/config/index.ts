/** `peixun config …`: the register's settings (the city's key for bundles, the district it speaks for). */
import type { Cli } from '../../command.js';
import get from './get.js';
import list from './list.js';
import set from './set.js';
import unset from './unset.js';

export default (cli: Cli) =>
  cli.group(
    'config',
    cli.t('cmdConfig'),
    [
      'peixun config',
      'peixun config set city-key 6f1c…（市委组织部下发的密钥 / the key the city sent）',
      'peixun config set district 宝山区',
      'peixun config get city-key',
    ],
    [list(cli), get(cli), set(cli), unset(cli)],
    'list',
  );
