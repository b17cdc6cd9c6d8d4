/**
 * The command line: declares commands and options, and is the only place that turns failures into exit
 * codes. Each command's code is imported when it runs, so `--help` and `--version` stay quick.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { PeixunError, UsageError } from '../errors.js';
import { resolveLang, translator, type Translator } from '../i18n/index.js';
import { colours, processIo, type CommandContext, type Io } from './context.js';
import { EXIT } from './exit.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

interface GlobalOptions {
  db?: string;
  lang?: string;
  color: boolean;
}

export async function main(argv: readonly string[], given: Io = processIo()): Promise<number> {
  const io = visibleControls(given);
  const langOption = optionValue(argv, '--lang');
  const lang = resolveLang(langOption, io.env) ?? 'en';
  const t = translator(lang);
  const program = buildProgram(t, io, argv);
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, t, io, program);
  }
}

/**
 * Nothing peixun prints may drive the terminal: control characters that came with data (an ESC sequence that
 * clears the screen, OSC 52 that writes the clipboard) are shown as visible codes. Colour (SGR) passes.
 */
function visibleControls(io: Io): Io {
  const visible = (text: string) =>
    // A match longer than one character is a whole colour sequence.
    text.replace(PRINTED_CONTROLS, (match) =>
      match.length > 1 ? match : `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  const wrap = <S extends { write(text: string): unknown; isTTY?: boolean }>(stream: S) => ({
    ...stream,
    isTTY: stream.isTTY,
    write: (text: string | Uint8Array) =>
      stream.write(typeof text === 'string' ? visible(text) : (text as unknown as string)),
  });
  return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}

// An SGR colour sequence whole, or any other control character but tab and line breaks.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const PRINTED_CONTROLS = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function reportFailure(error: unknown, t: Translator, io: Io, program: Command): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT.ok;
    // commander has already printed "error: …" and the command's usage hint.
    return EXIT.usage;
  }
  const { colorErr } = colours(io, false);
  if (error instanceof UsageError) {
    io.stderr.write(`${colorErr.red(t('errorPrefix'))}${error.message}\n`);
    const command = activeCommand(program);
    io.stderr.write(`${t('usageHint', { usage: `${commandPath(command)} ${command.usage()}` })}\n`);
    return EXIT.usage;
  }
  // inquirer's answer to Ctrl-C or Ctrl-D at a prompt: the person stopped; nothing was written.
  if (error instanceof Error && error.name === 'ExitPromptError') {
    io.stderr.write(`${t('promptCancelled')}\n`);
    return EXIT.cancelled;
  }
  if (error instanceof PeixunError) {
    io.stderr.write(`${colorErr.red(t('errorPrefix'))}${error.message}\n`);
    for (const detail of error.details) io.stderr.write(`  ${detail}\n`);
    return EXIT.failure;
  }
  // A defect in peixun, not the user's doing: say so, with enough to report it.
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(
    `${t('internalError')}\n${io.env.PEIXUN_DEBUG ? message : ((error as Error)?.message ?? message)}\n`,
  );
  return EXIT.internal;
}

let lastAction: Command | undefined;
function activeCommand(program: Command): Command {
  return lastAction ?? program;
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent)
    names.unshift(current.name());
  return names.join(' ');
}

function quoteArgument(argument: string): string {
  return /^[\w./:=@,+\-\u4e00-\u9fff]+$/u.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** Reads one option from argv before commander runs, so help and errors come in the right language. */
function optionValue(argv: readonly string[], name: string): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === name) return argv[index + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

function buildProgram(t: Translator, io: Io, argv: readonly string[]): Command {
  const program = new Command('peixun');
  program
    .description(t('programDescription'))
    .version(packageJson.version, '-V, --version', t('optVersion'))
    .helpOption('-h, --help', t('optHelp'))
    .helpCommand('help [command]', t('optHelp'))
    .option('--db <path>', t('optDb'))
    .addOption(new Option('--lang <lang>', t('optLang')).choices(['zh', 'en']))
    .option('--no-color', t('optNoColor'))
    .showHelpAfterError(t('helpAfterError'))
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .addHelpText('after', `\n${t('examplesHeading')}\n${t('examplesProgram')}`);

  const endWarnings: string[] = [];
  const context = (command: Command): CommandContext => {
    const global = command.optsWithGlobals() as GlobalOptions;
    const lang = resolveLang(global.lang, io.env) ?? 'en';
    return {
      warnAtEnd: (message) => endWarnings.push(message),
      lang,
      t: translator(lang),
      commandLine: ['peixun', ...argv.slice(2)].map(quoteArgument).join(' '),
      io,
      dbPath: global.db ?? io.env.PEIXUN_DB ?? 'peixun.db',
      ...colours(io, global.color === false),
    };
  };
  // Each command module's run() takes the context, then commander's arguments and options in order.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Runner = (context: CommandContext, ...args: any[]) => Promise<void>;
  const action =
    (load: () => Promise<{ run: Runner }>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      lastAction = command;
      const module = await load();
      const commandContext = context(command);
      await module.run(commandContext, ...command.processedArgs, command.opts());
      for (const message of endWarnings.splice(0)) {
        io.stderr.write(`${commandContext.colorErr.yellow(commandContext.t('warningPrefix') + message)}\n`);
      }
    };

  const configure = (command: Command, examples: string) =>
    command
      .exitOverride()
      .showHelpAfterError(t('helpAfterError'))
      .addHelpText('after', `\n${t('examplesHeading')}\n${examples}`);

  // Literal here rather than imported, so that --help loads no import code.
  const kindArgument = () =>
    program
      .createArgument('<kind>', t('argKind'))
      .choices(['trainees', 'classes', 'attendance', 'courses', 'projects']);

  configure(program.command('init').description(t('cmdInit')), t('examplesInit')).action(
    action(() => import('./commands/init.js')),
  );

  configure(
    program
      .command('import')
      .description(t('cmdImport'))
      .addArgument(kindArgument())
      .argument('<files...>', t('argFiles'))
      .option('--class <code>', t('optClass'))
      .option('--date <date>', t('optDate'))
      .addOption(new Option('--slot <slot>', t('optSlot')).choices(['上午', '下午', '晚上']))
      .option('--sheet <name>', t('optSheet'))
      .option('--encoding <encoding>', t('optEncoding'))
      .option('--mapping <name>', t('optMapping'))
      .option('--dry-run', t('optDryRun'))
      .option('--skip-invalid', t('optSkipInvalid'))
      .option('--add-unknown', t('optAddUnknown'))
      .option('--as-of <date>', t('optAsOf'))
      .option('--json', t('optJson')),
    t('examplesImport'),
  ).action(action(() => import('./commands/import.js')));

  const imports = configure(
    program.command('imports').description(t('cmdImports')).addHelpText('before', ''),
    t('examplesImports'),
  );
  configure(
    imports
      .command('list', { isDefault: true })
      .description(t('cmdImportsList'))
      .addOption(new Option('--format <format>', t('optFormat')).choices(['table', 'json'])),
    t('examplesImports'),
  ).action(action(() => import('./commands/imports.js').then((module) => ({ run: module.runList }))));
  configure(
    imports
      .command('undo')
      .description(t('cmdImportsUndo'))
      .argument('<batch>', t('argBatch'))
      .option('--json', t('optJson')),
    t('examplesUndo'),
  ).action(action(() => import('./commands/imports.js').then((module) => ({ run: module.runUndo }))));

  const report = configure(program.command('report').description(t('cmdReport')), t('examplesReport'));
  const reportModule = (name: 'runQuarterly' | 'runAnnual' | 'runTrainee' | 'runClass' | 'runCoverage') =>
    action(() => import('./commands/report.js').then((module) => ({ run: module[name] })));
  // One definition of the output options, shared by every report.
  const withOutput = (command: Command) =>
    command
      .addOption(
        new Option('--format <format>', t('optFormat')).choices([
          'table',
          'csv',
          'json',
          'md',
          'xlsx',
          'html',
        ]),
      )
      .option('--out <file>', t('optOut'))
      .option('--no-bom', t('optNoBom'))
      .option('--organisation <name>', t('optOrganisation'))
      .option('--file', t('optFile'));
  const withPeriod = (command: Command) =>
    command.option('--from <date>', t('optFrom')).option('--to <date>', t('optTo'));
  const withGrouping = (command: Command, groupings: string[]) =>
    command
      .addOption(new Option('--by <grouping>', t('optBy')).choices(groupings))
      .addOption(
        new Option('--level <level>', t('optLevel')).choices(['district', 'subdistrict', 'community']),
      );
  const threshold = (command: Command) => command.option('--completion-threshold <ratio>', t('optThreshold'));
  const summaryGroupings = ['class-type', 'organiser', 'category', 'unit', 'course-category'];

  configure(
    withOutput(
      threshold(
        withGrouping(
          withPeriod(
            report
              .command('quarterly')
              .description(t('cmdReportQuarterly'))
              .argument('[quarter]', t('argQuarter'))
              .option('--year <year>', t('optYear'))
              .option('--quarter <quarter>', t('optQuarter')),
          ),
          summaryGroupings,
        ),
      ),
    ),
    t('examplesReport'),
  ).action(reportModule('runQuarterly'));

  configure(
    withOutput(
      threshold(
        withGrouping(
          withPeriod(
            report.command('annual').description(t('cmdReportAnnual')).option('--year <year>', t('optYear')),
          ),
          summaryGroupings,
        ),
      ),
    ),
    t('examplesAnnual'),
  ).action(reportModule('runAnnual'));

  configure(
    withOutput(
      threshold(
        report
          .command('trainee')
          .description(t('cmdReportTrainee'))
          .argument('<trainee>', t('argTrainee'))
          .option('--required-hours <hours>', t('optRequiredHours')),
      ),
    ),
    t('examplesTrainee'),
  ).action(reportModule('runTrainee'));

  configure(
    withOutput(
      threshold(report.command('class').description(t('cmdReportClass')).argument('<code>', t('argClass'))),
    ),
    t('examplesClass'),
  ).action(reportModule('runClass'));

  configure(
    withOutput(
      withGrouping(
        withPeriod(
          report
            .command('coverage')
            .description(t('cmdReportCoverage'))
            .option('--year <year>', t('optYear'))
            .option('--list', t('optList')),
        ),
        ['category', 'unit'],
      ),
    ),
    t('examplesCoverage'),
  ).action(reportModule('runCoverage'));

  configure(
    program
      .command('export')
      .description(t('cmdExport'))
      .addArgument(kindArgument())
      .addOption(new Option('--format <format>', t('optFormat')).choices(['csv', 'xlsx']))
      .option('--out <file>', t('optOutExport'))
      .option('--no-bom', t('optNoBom'))
      .option('--anonymise', t('optAnonymise')),
    t('examplesExport'),
  ).action(action(() => import('./commands/export.js')));

  // One definition of a listing's output options, shared by every listing command.
  const withListOutput = (command: Command) =>
    command
      .addOption(
        new Option('--format <format>', t('optFormat')).choices([
          'table',
          'csv',
          'json',
          'md',
          'xlsx',
          'html',
        ]),
      )
      .option('--out <file>', t('optOut'))
      .option('--no-bom', t('optNoBom'))
      .option('--reveal', t('optReveal'));
  const traineeFields = (command: Command) =>
    command
      .option('--name <name>', t('optName'))
      .option('--id-number <id>', t('optIdNumber'))
      .option('--gender <gender>', t('optGender'))
      .option('--birth-date <date>', t('optBirthDate'))
      .option('--phone <phone>', t('optPhone'))
      .option('--unit <unit>', t('optUnit'))
      .option('--position <position>', t('optPosition'))
      .option('--category <category>', t('optCategory'));
  const classFields = (command: Command) =>
    command
      .option('--code <code>', t('optCode'))
      .option('--name <name>', t('optClassName'))
      .option('--type <type>', t('optType'))
      .option('--organiser <unit>', t('optOrganiser'))
      .option('--start <date>', t('optStart'))
      .option('--end <date>', t('optEnd'))
      .option('--hours <hours>', t('optHours'))
      .option('--venue <venue>', t('optVenue'))
      .option('--status <status>', t('optClassStatus'));
  const traineeModule = (
    name: 'runList' | 'runShow' | 'runAdd' | 'runEdit' | 'runLeave' | 'runMerge' | 'runDuplicates',
  ) => action(() => import('./commands/trainee.js').then((module) => ({ run: module[name] })));
  const classModule = (name: 'runList' | 'runShow' | 'runAdd' | 'runEdit' | 'runCancel') =>
    action(() => import('./commands/class.js').then((module) => ({ run: module[name] })));

  const trainee = configure(program.command('trainee').description(t('cmdTrainee')), t('examplesTrainees'));
  configure(
    withListOutput(
      trainee
        .command('list', { isDefault: true })
        .description(t('cmdTraineeList'))
        .option('--unit <unit>', t('optFilterUnit'))
        .option('--category <category>', t('optFilterCategory'))
        .addOption(new Option('--status <status>', t('optTraineeStatus')).choices(['active', 'left', 'all']))
        .option('--search <text>', t('optSearch')),
    ),
    t('examplesTraineeList'),
  ).action(traineeModule('runList'));
  configure(
    withListOutput(
      trainee.command('show').description(t('cmdTraineeShow')).argument('<trainee>', t('argTraineeSearch')),
    ),
    t('examplesTraineeShow'),
  ).action(traineeModule('runShow'));
  configure(
    traineeFields(trainee.command('add').description(t('cmdTraineeAdd'))),
    t('examplesTraineeAdd'),
  ).action(traineeModule('runAdd'));
  configure(
    traineeFields(
      trainee.command('edit').description(t('cmdTraineeEdit')).argument('<trainee>', t('argTraineeSearch')),
    ).option('--from <date>', t('optEditFrom')),
    t('examplesTraineeEdit'),
  ).action(traineeModule('runEdit'));
  configure(
    trainee
      .command('leave')
      .description(t('cmdTraineeLeave'))
      .argument('<trainee>', t('argTraineeSearch'))
      .option('--date <date>', t('optLeaveDate'))
      .option('--undo', t('optLeaveUndo'))
      .option('--yes', t('optYes')),
    t('examplesTraineeLeave'),
  ).action(traineeModule('runLeave'));
  configure(
    trainee
      .command('merge')
      .description(t('cmdTraineeMerge'))
      .argument('<keep>', t('argKeep'))
      .argument('<drop>', t('argDrop'))
      .option('--yes', t('optYes')),
    t('examplesTraineeMerge'),
  ).action(traineeModule('runMerge'));
  configure(
    withListOutput(trainee.command('duplicates').description(t('cmdTraineeDuplicates'))),
    t('examplesTraineeDuplicates'),
  ).action(traineeModule('runDuplicates'));

  const klass = configure(program.command('class').description(t('cmdClass')), t('examplesClasses'));
  configure(
    withListOutput(
      withPeriod(
        klass
          .command('list', { isDefault: true })
          .description(t('cmdClassList'))
          .option('--type <type>', t('optFilterType'))
          .option('--organiser <unit>', t('optFilterOrganiser'))
          .option('--year <year>', t('optYear'))
          .option('--status <status>', t('optClassStatus')),
      ),
    ),
    t('examplesClassList'),
  ).action(classModule('runList'));
  configure(
    withListOutput(klass.command('show').description(t('cmdClassShow')).argument('<code>', t('argClass'))),
    t('examplesClassShow'),
  ).action(classModule('runShow'));
  configure(classFields(klass.command('add').description(t('cmdClassAdd'))), t('examplesClassAdd')).action(
    classModule('runAdd'),
  );
  configure(
    classFields(klass.command('edit').description(t('cmdClassEdit')).argument('<code>', t('argClass'))),
    t('examplesClassEdit'),
  ).action(classModule('runEdit'));
  configure(
    klass
      .command('cancel')
      .description(t('cmdClassCancel'))
      .argument('<code>', t('argClass'))
      .option('--yes', t('optYes')),
    t('examplesClassCancel'),
  ).action(classModule('runCancel'));

  configure(
    program
      .command('attend')
      .description(t('cmdAttend'))
      .argument('<class>', t('argClass'))
      .option('--date <date>', t('optAttendDate'))
      .option('--slot <slot>', t('optSlot'))
      .option('--present <trainee...>', t('optPresent'))
      .option('--late <trainee...>', t('optLate'))
      .option('--excused <trainee...>', t('optExcused'))
      .option('--absent <trainee...>', t('optAbsent')),
    t('examplesAttend'),
  ).action(action(() => import('./commands/attend.js')));

  configure(
    program
      .command('completion')
      .description(t('cmdCompletion'))
      .addArgument(program.createArgument('<shell>', t('argShell')).choices(['bash', 'zsh', 'fish'])),
    t('examplesCompletion'),
  ).action(async (shell: 'bash' | 'zsh' | 'fish') => {
    const { completionScript } = await import('./completion.js');
    io.stdout.write(completionScript(program, shell));
  });

  const database = configure(program.command('db').description(t('cmdDb')), t('examplesDb'));
  configure(
    database.command('backup').description(t('cmdDbBackup')).argument('<file>', t('argBackupFile')),
    t('examplesDb'),
  ).action(action(() => import('./commands/db.js').then((module) => ({ run: module.runBackup }))));
  configure(
    database
      .command('restore')
      .description(t('cmdDbRestore'))
      .argument('<file>', t('argBackupFile'))
      .option('--yes', t('optYes')),
    t('examplesDbRestore'),
  ).action(action(() => import('./commands/db.js').then((module) => ({ run: module.runRestore }))));
  configure(database.command('check').description(t('cmdDbCheck')), t('examplesDbCheck')).action(
    action(() => import('./commands/db.js').then((module) => ({ run: module.runCheck }))),
  );

  const filed = configure(program.command('filed').description(t('cmdFiled')), t('examplesFiled'));
  configure(
    filed
      .command('list', { isDefault: true })
      .description(t('cmdFiledList'))
      .addOption(new Option('--format <format>', t('optFormat')).choices(['table', 'json'])),
    t('examplesFiled'),
  ).action(action(() => import('./commands/filed.js').then((module) => ({ run: module.runList }))));
  configure(
    filed
      .command('diff')
      .description(t('cmdFiledDiff'))
      .argument('<id>', t('argFiled'))
      .option('--json', t('optJson')),
    t('examplesFiledDiff'),
  ).action(action(() => import('./commands/filed.js').then((module) => ({ run: module.runDiff }))));

  configure(program.command('demo').description(t('cmdDemo')), t('examplesDemo')).action(
    action(() => import('./commands/demo.js')),
  );
  return program;
}
