import { Command } from '@commander-js/extra-typings';
import { duplicatePairs } from '../../../register/listing.js';
import { duplicatesTable, personalData } from '../../../report/listings.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { limited, outputTo, withListOutput, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withListOutput(cli.t, new Command('duplicates').description(cli.t('cmdTraineeDuplicates')));

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const format = await outputTo(context, options);
  const all = await withDatabase(context, 'read', (db) => duplicatePairs(db));
  const { shown: pairs, note } = limited(context.t, all, options.limit);
  const reveal = Boolean(options.reveal);
  const data = pairs.map((pair) => ({
    a: { ...pair.a, ...personalData(pair.a, reveal) },
    b: { ...pair.b, ...personalData(pair.b, reveal) },
    evidence: pair.evidence,
  }));
  const table = duplicatesTable(pairs, context.t, reveal);
  if (note) table.notes.push(note);
  await writeReport(context, { table, data }, format, options);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: ['peixun trainee duplicates', 'peixun trainee duplicates --format csv --out 疑似重复.csv'],
      en: ['peixun trainee duplicates', 'peixun trainee duplicates --format csv --out duplicates.csv'],
    },
    run,
  );
