import { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../../errors.js';
import { listSessions } from '../../../register/sessions.js';
import { sessionListTable } from '../../../report/listings.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { withPeriod } from '../../options.js';
import { limited, outputTo, withListOutput, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withListOutput(
    cli.t,
    withPeriod(
      cli.t,
      new Command('list').description(cli.t('cmdSessionList')).argument('[class]', cli.t('argClass')),
    ),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(
  context: CommandContext,
  options: Options,
  code: string | undefined,
): Promise<void> {
  const { t } = context;
  if (options.from !== undefined && options.to !== undefined && options.to < options.from)
    throw new UsageError(t('fromAfterTo'));
  const format = await outputTo(context, options);
  const sessions = await withDatabase(context, 'read', (db) =>
    listSessions(db, { code, from: options.from, to: options.to }),
  );
  const { shown, note } = limited(t, sessions, options.limit);
  const table = sessionListTable(shown, t);
  table.title = t('sessionListTitle', {
    count: sessions.length,
    planned: sessions.filter((session) => session.records === 0).length,
  });
  if (note) table.notes.push(note);
  const data = shown.map((session) => ({
    class: session.code,
    date: session.date,
    slot: session.slot || null,
    start: session.start_time,
    end: session.end_time,
    hours: session.hours,
    course: session.courseCode,
    teacher: session.teacher ?? session.courseTeacher,
    venue: session.venue ?? session.classVenue,
    mode: session.online ? 'online' : 'offline',
    records: session.records,
    attended: session.attended,
    held: session.records > 0,
  }));
  await writeReport(context, { table, data }, format, options);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    ['peixun session list PX2023-001', 'peixun session list --from 2023-07-01 --to 2023-09-30 --format csv'],
    run,
  );
