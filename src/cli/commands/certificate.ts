/**
 * `peixun certificate CLASS`: 结业证书 for the class's completers, numbered once and kept (statistics.md); written as
 * A4 pages with `--out F.pdf` or `--out F.html`. `peixun certificate list [CLASS]`: every certificate kept.
 */
import { Command } from '@commander-js/extra-typings';
import { localDate } from '../../domain/dates.js';
import { writeWhole } from '../../files.js';
import { certificateRun, listCertificates, type CertificateListing } from '../../register/certificates.js';
import { certificateTable } from '../../report/registerTables.js';
import { chooseTrainee } from '../choose.js';
import type { Cli } from '../command.js';
import type { CommandContext } from '../context.js';
import { withDatabase, writeEnvironment } from '../database.js';
import { ratioOption } from '../options.js';
import { limited, outputTo, withListOutput, writeListing } from '../output.js';

const declare = (cli: Cli) =>
  withListOutput(
    cli.t,
    new Command('certificate')
      .description(cli.t('cmdCertificate'))
      .argument('<class>', cli.t('argCertificateClass'))
      .argument('[list-class]', cli.t('argCertificateListClass'))
      .option('--reissue <trainee>', cli.t('optReissue'))
      .addOption(ratioOption(cli.t)),
  );

type Options = ReturnType<ReturnType<typeof declare>['opts']>;

export async function run(context: CommandContext, options: Options, code: string, listClass?: string) {
  const { t, io } = context;
  const format = await outputTo(context, options);
  if (code === 'list') {
    const lines = await withDatabase(context, 'read', (db) => listCertificates(db, listClass));
    return writeCertificates(context, options, format, lines);
  }
  const pages = format === 'pdf' || format === 'html' ? format : undefined;
  const { missingGlyph, certificatesPdf } = pages === 'pdf' ? await import('../../report/pdf.js') : {};
  const outcome = await withDatabase(context, 'write', async (db) => {
    const reissue = options.reissue ? await chooseTrainee(context, db, options.reissue) : undefined;
    return certificateRun(writeEnvironment(context, db), code, {
      completionThreshold: options.completionThreshold,
      today: localDate(io.now()),
      ...(reissue ? { reissue } : {}),
      ...(missingGlyph ? { missingGlyph } : {}),
    });
  });
  for (const certificate of outcome.issued)
    io.stderr.write(`${t('certificateIssued', { number: certificate.number, name: certificate.name })}\n`);
  for (const certificate of outcome.voided)
    io.stderr.write(
      `${context.colorErr.yellow(t('certificateVoided', { number: certificate.number, name: certificate.name }))}\n`,
    );
  if (outcome.batchId !== null) io.stderr.write(`${t('certificateBatch', { batch: outcome.batchId })}\n`);
  if (pages && options.out) {
    const bytes =
      pages === 'pdf' && certificatesPdf
        ? await certificatesPdf(outcome, t)
        : (await import('../../report/certificateHtml.js')).certificatesHtml(outcome, t);
    writeWhole(options.out, bytes);
    io.stderr.write(`${t('certificatesWritten', { count: outcome.valid.length, file: options.out })}\n`);
    return;
  }
  const lines: CertificateListing[] = outcome.valid.map((certificate) => ({
    ...certificate,
    classCode: outcome.class.code,
    className: outcome.class.name,
    voidedOn: null,
  }));
  await writeCertificates(context, options, format === 'pdf' || format === 'html' ? 'table' : format, lines);
}

async function writeCertificates(
  context: CommandContext,
  options: Options,
  format: Awaited<ReturnType<typeof outputTo>>,
  lines: CertificateListing[],
) {
  const { t } = context;
  const { shown, note } = limited(t, lines, options.limit);
  const report = { table: certificateTable(shown, t), data: shown };
  if (note) report.table.notes.push(note);
  await writeListing(context, report, lines.length, t('noCertificates'), format, options);
}

export default (cli: Cli) =>
  cli.leaf(
    declare(cli),
    {
      zh: [
        'peixun certificate PX2023-001 --out 结业证书.pdf',
        'peixun certificate PX2023-001 --out 结业证书.html',
        'peixun certificate PX2023-001 --reissue 王芳 --out 补发证书.pdf',
        'peixun certificate list PX2023-001',
        'peixun certificate list --out 证书台账.xlsx',
      ],
      en: [
        'peixun certificate PX2023-001 --out certificates.pdf',
        'peixun certificate PX2023-001 --reissue 王芳 --out reissued.pdf',
        'peixun certificate list PX2023-001',
      ],
    },
    run,
  );
