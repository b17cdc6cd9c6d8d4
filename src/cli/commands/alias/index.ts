/** `peixun alias …`: nicknames meeting apps and QR forms show, each tied to a trainee. */
import type { Cli } from '../../command.js';
import add from './add.js';
import list from './list.js';
import remove from './remove.js';

export default (cli: Cli) =>
  cli.group(
    'alias',
    cli.t('cmdAlias'),
    ['peixun alias add 小王老师 "王芳 高境一村"', 'peixun alias list', 'peixun alias remove 小王老师'],
    [list(cli), add(cli), remove(cli)],
    'list',
  );
