import { Command } from '@commander-js/extra-typings';
import { schemaVersion } from '../../db/open.js';
import type { Cli } from '../command.js';
import type { CommandContext } from '../context.js';
import { withDatabase } from '../database.js';

const declare = (cli: Cli) => new Command('init').description(cli.t('cmdInit'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, _options: Options): Promise<void> {
  const version = await withDatabase(context, 'init', (db) => schemaVersion(db));
  context.io.stdout.write(`${context.t('dbReady', { path: context.dbPath, version })}\n`);
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), { zh: ['peixun --db 宝山区.db init'], en: ['peixun --db baoshan.db init'] }, run);
