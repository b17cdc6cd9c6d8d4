import { Command } from '@commander-js/extra-typings';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { PeixunError, problem, UsageError } from '../../../errors.js';
import { CONFIG_NAMES, isSecretSetting, setConfig } from '../../../register/config.js';
import { prompterFor } from '../../prompts.js';
import { configShown } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';

const declare = (cli: Cli) =>
  new Command('set')
    .description(cli.t('cmdConfigSet'))
    .argument('<name>', cli.t('argConfigName', { names: CONFIG_NAMES.join(', ') }))
    .argument('[value]', cli.t('argConfigValue'))
    .option('--from-file <file>', cli.t('optFromFile'));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(
  context: CommandContext,
  options: Options,
  name: string,
  given: string | undefined,
): Promise<void> {
  const { t, io } = context;
  const value = await valueOf(context, name, given, options.fromFile);
  const entry = await withDatabase(context, 'write', (db) =>
    db.transaction(() => setConfig(db, name, value)).immediate(),
  );
  io.stdout.write(`${context.color.green(t('configSetDone', { name, value: configShown(entry, t) }))}\n`);
}

/**
 * The value to set: given on the command line; for a secret (the city key) never there, where `ps` and the shell's
 * history would keep it: typed without echo at a terminal, else the first line of standard input, or of a file.
 */
async function valueOf(
  context: CommandContext,
  name: string,
  given: string | undefined,
  file: string | undefined,
): Promise<string> {
  const { t, io } = context;
  const secret = isSecretSetting(name);
  if (given !== undefined && file !== undefined) throw new UsageError(t('configValueTwice'));
  if (secret && given !== undefined) throw new UsageError(t('secretOnCommandLine', { name }));
  if (file !== undefined) {
    if (!existsSync(file) || !statSync(file).isFile())
      throw new PeixunError(problem('fileMissing', { file }));
    return (
      readFileSync(file, 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0] ?? ''
    ).trim();
  }
  if (given !== undefined) return given;
  if (!secret) throw new UsageError(t('cliMissingArgument', { label: t('argConfigValue') }));
  const prompter = await prompterFor(context);
  if (prompter) return (await prompter.secret(t('askSecret', { name }))).trim();
  if (!io.readLine) throw new UsageError(t('secretOnCommandLine', { name }));
  return (await io.readLine()).trim();
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun config set district 宝山区',
      'peixun config set city-key',
      'peixun config set city-key < city.key',
      'peixun config set city-key --from-file city.key',
    ],
    run,
  );
