import { localDate } from '../../../domain/dates.js';
import { Command } from '@commander-js/extra-typings';
import { buildReport } from '../../../report/recipes.js';
import type { TraineeRecord } from '../../../stats/trainee.js';
import { chooseTrainee } from '../../choose.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { ratioOption } from '../../options.js';
import { outputTo, withRecordOutput, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withRecordOutput(
    cli.t,
    new Command('show')
      .description(cli.t('cmdTraineeShow'))
      .argument('<trainee>', cli.t('argTraineeSearch'))
      .addOption(ratioOption(cli.t)),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, query: string): Promise<void> {
  const format = await outputTo(context, options);
  await withDatabase(context, 'read', async (db) => {
    const hit = await chooseTrainee(context, db, query);
    const report = buildReport(
      db,
      {
        report: 'trainee',
        query: `#${hit.id}`,
        completionThreshold: options.completionThreshold,
      },
      context.t,
      { organisation: '' },
      localDate(context.io.now()),
    );
    if (options.reveal) {
      // The record masks the ID number; asked for whole, every format shows it and the phone alike.
      const details = report.table.sections[0];
      details?.rows.splice(
        1,
        1,
        [context.t('column.idNumber'), hit.id_number ?? ''],
        [context.t('column.phone'), hit.phone ?? ''],
      );
      const record = report.data as TraineeRecord;
      report.data = {
        ...record,
        trainee: { ...record.trainee, idNumber: hit.id_number ?? '', phone: hit.phone ?? null },
      };
    }
    await writeReport(context, report, format, options);
  });
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun trainee show 310113198001010013', 'peixun trainee show "wang 高境"'], run);
