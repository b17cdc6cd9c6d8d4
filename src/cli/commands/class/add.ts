import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import { addClass, type ClassInput } from '../../../register/classes.js';
import { say } from '../../../i18n/index.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase, writeEnvironment } from '../../database.js';
import { printCreated } from '../../print.js';
import { prompterFor } from '../../prompts.js';
import { askClass, withClassFields } from './fields.js';

const declare = (cli: Cli) => withClassFields(cli.t, new Command('add').description(cli.t('cmdClassAdd')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const { t, io } = context;
  let input: ClassInput = { ...options };
  await withDatabase(context, 'write', async (db) => {
    if (!input.code || !input.name || !input.start) {
      const prompter = await prompterFor(context);
      if (!prompter) {
        const missing = (['code', 'name', 'start'] as const)
          .filter((field) => !input[field])
          .map((field) => `--${field}`);
        throw new UsageError(t('missingOption', { option: missing.join(', ') }));
      }
      input = await askClass(context, prompter, db, input);
    }
    const { value, batchId, created } = await addClass(writeEnvironment(context, db), input);
    printCreated(context, created);
    if (value.outsidePlan) context.warnAtEnd(say(t, value.outsidePlan));
    io.stdout.write(`${context.color.green(t('classAdded', { code: value.code, batch: batchId ?? 0 }))}\n`);
  });
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    [
      'peixun class add',
      'peixun class add --code PX2024-001 --name 新任居委书记培训班 --type 新任职培训 --start 2024-03-04 --hours 24',
    ],
    run,
  );
