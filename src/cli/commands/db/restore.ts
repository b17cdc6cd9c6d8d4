import { Command } from '@commander-js/extra-typings';
import { restoreFrom, validateBackup } from '../../../db/maintenance.js';
import { schemaVersion } from '../../../db/open.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { confirmed } from '../../prompts.js';

const declare = (cli: Cli) =>
  new Command('restore')
    .description(cli.t('cmdDbRestore'))
    .argument('<file>', cli.t('argBackupFile'))
    .option('--yes', cli.t('optYes'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, file: string): Promise<void> {
  const { t, io } = context;
  const version = validateBackup(file);
  if (!(await confirmed(context, options.yes, t('confirmRestore', { path: context.dbPath, file })))) return;
  const pause = Number(io.env.PEIXUN_RESTORE_PAUSE_MS);
  const kept = await restoreFrom(context.dbPath, file, io.now(), {
    // For the kill test only: a pause between tables opens the restore's window wide enough to hit it.
    pauseBetweenTablesMs: Number.isFinite(pause) && pause > 0 ? pause : undefined,
  });
  // Opening it brings an older backup up to today's schema.
  await withDatabase(context, 'read', (db) => schemaVersion(db));
  io.stdout.write(`${context.color.green(t('restored', { path: context.dbPath, file, version }))}\n`);
  if (kept) io.stdout.write(`${t('restoreKept', { file: kept })}\n`);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    { zh: ['peixun db restore 2023Q3-上报前.db'], en: ['peixun db restore before-2023Q3.db'] },
    run,
  );
