import { Command } from '@commander-js/extra-typings';
import { checkDatabase } from '../../../db/maintenance.js';
import { PeixunError, problem } from '../../../errors.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';

const declare = (cli: Cli) => new Command('check').description(cli.t('cmdDbCheck'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, _options: Options): Promise<void> {
  const { t, io } = context;
  const problems = await withDatabase(context, 'read', (db) => checkDatabase(db));
  if (problems.length > 0)
    throw new PeixunError(problem('checkFailed', { path: context.dbPath, count: problems.length }), problems);
  io.stdout.write(`${context.color.green(t('checkClean', { path: context.dbPath }))}\n`);
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun db check', 'peixun --db 宝山区.db db check'], run);
