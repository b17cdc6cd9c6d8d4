import { Command, Option } from '@commander-js/extra-typings';
import { listTrainees, TRAINEE_STATUSES } from '../../../register/listing.js';
import { personalData, traineeListTable } from '../../../report/listings.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { choiceParser } from '../../options.js';
import { limited, outputTo, withListOutput, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withListOutput(
    cli.t,
    new Command('list')
      .description(cli.t('cmdTraineeList'))
      .option('--unit <unit>', cli.t('optFilterUnit'))
      .option('--category <category>', cli.t('optFilterCategory'))
      .addOption(
        new Option('--status <status>', cli.t('optTraineeStatus'))
          .choices(TRAINEE_STATUSES)
          // As the table shows them: 在册 / registered, 已离开, 全部.
          .argParser(
            choiceParser(
              cli.t,
              '--status',
              TRAINEE_STATUSES,
              { active: 'active' },
              { 已离开: 'left', 离开: 'left', 全部: 'all' },
            ),
          ),
      )
      .option('--search <text>', cli.t('optSearch')),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const format = await outputTo(context, options);
  const { unit, category, search } = options;
  const people = await withDatabase(context, 'read', (db) =>
    listTrainees(db, { unit, category, search, status: options.status ?? 'active' }),
  );
  const reveal = Boolean(options.reveal);
  const { shown, note } = limited(context.t, people, options.limit);
  const data = shown.map((person) => ({ ...person, ...personalData(person, reveal) }));
  const table = traineeListTable(shown, context.t, reveal);
  // The title counts everyone found; the note says how many are shown.
  table.title = context.t('traineeListTitle', { count: people.length });
  if (note) table.notes.push(note);
  await writeReport(context, { table, data }, format, options);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun trainee list --unit 高境镇 --category 社区工作者',
        'peixun trainee list --search wangfang --reveal',
        'peixun trainee list --status left --format csv --out 已离开.csv',
      ],
      en: [
        'peixun trainee list --unit 高境镇 --category 社区工作者',
        'peixun trainee list --search wangfang --reveal',
        'peixun trainee list --status left --format csv --out left.csv',
      ],
    },
    run,
  );
