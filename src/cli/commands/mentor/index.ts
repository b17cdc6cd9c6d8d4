/** `peixun mentor …`: mentoring pairs (带教, 以老带新). */
import type { Cli } from '../../command.js';
import add from './add.js';
import end from './end.js';
import list from './list.js';

export default (cli: Cli) =>
  cli.group(
    'mentor',
    cli.t('cmdMentor'),
    [
      'peixun mentor add 王芳 李强 --from 2024-03-01',
      'peixun mentor end 王芳 李强 --to 2024-12-31',
      'peixun mentor list --active-on 2024-06-30',
    ],
    [list(cli), add(cli), end(cli)],
    'list',
  );
