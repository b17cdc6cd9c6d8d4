import { Command } from '@commander-js/extra-typings';
import { mentorshipListing } from '../../../db/mentorships.js';
import { UnitStore } from '../../../db/units.js';
import { localDate } from '../../../domain/dates.js';
import { mentorshipTable, type MentorshipLine } from '../../../report/registerTables.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { dateOption } from '../../options.js';
import { limited, outputTo, withListOutput, writeListing } from '../../output.js';

const declare = (cli: Cli) =>
  withListOutput(
    cli.t,
    new Command('list')
      .description(cli.t('cmdMentorList'))
      .addOption(dateOption(cli.t, '--active-on <date>', cli.t('optActiveOn'))),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options): Promise<void> {
  const { t, io } = context;
  const format = await outputTo(context, options);
  const today = localDate(io.now());
  const lines = await withDatabase(context, 'read', (db): MentorshipLine[] => {
    const units = new UnitStore(db);
    return mentorshipListing(db, options.activeOn).map((pair) => ({
      mentor: pair.mentor,
      mentorUnit: units.path(pair.mentorUnitId),
      mentee: pair.mentee,
      menteeUnit: units.path(pair.menteeUnitId),
      from: pair.from,
      to: pair.to,
      state: pair.from > today ? 'planned' : pair.to !== null && pair.to < today ? 'ended' : 'active',
    }));
  });
  const { shown, note } = limited(t, lines, options.limit);
  const report = { table: mentorshipTable(shown, t), data: shown };
  if (note) report.table.notes.push(note);
  await writeListing(context, report, lines.length, t('noMentorships'), format, options);
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun mentor list', 'peixun mentor list --active-on 2024-06-30 --json'], run);
