import { existsSync } from 'node:fs';
import { Command } from '@commander-js/extra-typings';
import { backupTo } from '../../../db/maintenance.js';
import { PeixunError, problem } from '../../../errors.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';

const declare = (cli: Cli) =>
  new Command('backup').description(cli.t('cmdDbBackup')).argument('<file>', cli.t('argBackupFile'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, _options: Options, file: string): Promise<void> {
  const { t, io } = context;
  if (existsSync(file)) throw new PeixunError(problem('backupExists', { file }));
  await withDatabase(context, 'read', (db) => backupTo(db, file));
  io.stdout.write(`${context.color.green(t('backupWritten', { file }))}\n`);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    { zh: ['peixun db backup 2023Q3-上报前.db'], en: ['peixun db backup before-2023Q3.db'] },
    run,
  );
