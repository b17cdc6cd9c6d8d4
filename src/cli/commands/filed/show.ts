import { Command } from '@commander-js/extra-typings';
import { PeixunError, problem } from '../../../errors.js';
import { filedForm } from '../../../filed/filed.js';
import { jsonText, type Report } from '../../../report/renderers.js';
import type { Cli } from '../../command.js';
import type { CommandContext } from '../../context.js';
import { withDatabase } from '../../database.js';
import { numberParser } from '../../options.js';
import { outputTo, withFormats, writeReport } from '../../output.js';

const declare = (cli: Cli) =>
  withFormats(
    cli.t,
    new Command('show')
      .description(cli.t('cmdFiledShow'))
      .argument('<id>', cli.t('argFiled'), numberParser(cli.t, 'badFiledId')),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

/**
 * The form as it was handed in, in any format: not counted again (`filed diff` does that), so a copy lost or asked
 * for again is the same form, figures, notes and sign-off block, in the language it was printed in.
 */
export async function run(context: CommandContext, options: Options, id: number): Promise<void> {
  const format = await outputTo(context, options);
  const { shown, figures } = await withDatabase(context, 'read', (db) => filedForm(db, id));
  if (shown === null) {
    // Filed before the form was kept: its figures as filed are all there is.
    if (format !== 'json') throw new PeixunError(problem('filedShowNoForm', { id }));
    context.io.stdout.write(jsonText(figures));
    return;
  }
  await writeReport(context, (shown as { report: Report }).report, format, options);
}

export default (cli: Cli) =>
  cli.leaf(declare(cli), ['peixun filed show 1', 'peixun filed show 1 --out 2023Q3-上报.xlsx'], run);
