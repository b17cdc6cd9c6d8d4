/** Human-readable results of commands that write. */
import { visibleText } from '../domain/text.js';
import type { Problem } from '../errors.js';
import { problemJson, say, type Translator } from '../i18n/index.js';
import type { Created } from '../import/created.js';
import type { ImportResult } from '../import/run.js';
import type { MeetingNote } from '../import/meeting.js';
import { addedLine, describeChange, maskedChanges } from '../report/registerTables.js';
import type { CommandContext } from './context.js';

/** formats.md: list up to 50 problems, then a count of the rest. */
const MAX_LISTED = 50;
const MAX_CREATED_LISTED = 20;

export function listLimited(
  context: CommandContext,
  lines: readonly (Problem | string)[],
  paint: (text: string) => string,
): void {
  for (const line of lines.slice(0, MAX_LISTED)) context.io.stderr.write(`${paint(say(context.t, line))}\n`);
  if (lines.length > MAX_LISTED) {
    context.io.stderr.write(`${context.t('andMore', { count: lines.length - MAX_LISTED })}\n`);
  }
}

export function printImportResult(context: CommandContext, result: ImportResult): void {
  const { t, io, color, colorErr } = context;
  listLimited(
    context,
    result.warnings.map((warning) => t('warningPrefix') + say(t, warning)),
    colorErr.yellow,
  );
  listLimited(context, result.problems, colorErr.red);
  for (const file of result.files) printFileResult(context, file);
  const c = result.counts;
  if (result.problems.length > 0) {
    // Nothing was written: counts of inserts and updates would mislead.
    io.stdout.write(`${t('importCountsRejected', { read: c.read, rejected: c.rejected })}\n`);
    return;
  }
  io.stdout.write(
    `${t('importCounts', {
      read: c.read,
      inserted: c.inserted,
      updated: c.updated,
      unchanged: c.unchanged,
      duplicate: c.duplicate,
      rejected: c.rejected,
    })}\n`,
  );
  printCreated(context, result.created);
  const extras = [
    c.skipped ? t('countSkipped', { count: c.skipped }) : '',
    c.blankStatus ? t('countBlankStatus', { count: c.blankStatus }) : '',
    c.addedTrainees ? t('countAddedTrainees', { count: c.addedTrainees }) : '',
    c.madeLate ? t('countMadeLate', { count: c.madeLate }) : '',
  ].filter(Boolean);
  if (extras.length > 0) io.stdout.write(`${extras.join(t('listSeparator'))}\n`);
  for (const change of result.sessionChanges.slice(0, MAX_CREATED_LISTED)) {
    io.stdout.write(
      `${colorErr.yellow(
        t('sessionChanged', {
          session: change.session,
          field: t(`sessionField.${change.field}`),
          from: change.from || t('valueNone'),
          to: change.to,
        }),
      )}\n`,
    );
  }
  if (result.sessionChanges.length > MAX_CREATED_LISTED)
    io.stdout.write(`${t('andMore', { count: result.sessionChanges.length - MAX_CREATED_LISTED })}\n`);
  if (result.wouldChange) printWouldChange(context, result.wouldChange);
  if (result.batchId !== null) {
    io.stdout.write(`${color.green(t('batchWritten', { id: result.batchId }))}\n`);
    if (result.savedMapping) io.stdout.write(`${t('mappingSaved', { name: result.savedMapping })}\n`);
  } else if (result.dryRun) {
    io.stdout.write(`${t('dryRunNothingWritten')}\n`);
  } else {
    io.stdout.write(`${t('nothingChanged')}\n`);
  }
}

/** A file's line: its encoding, sheet and header row; then what it took from its title and what it noted. */
function printFileResult(context: CommandContext, file: ImportResult['files'][number]): void {
  const { t, io, colorErr } = context;
  const details = [
    file.encoding ? t('fileEncoding', { encoding: file.encoding.toUpperCase() }) : '',
    file.sheet ? t('fileSheet', { sheet: file.sheet }) : '',
    file.headerLastRow === undefined
      ? t('fileHeaderRow', { row: file.headerRow })
      : t('fileHeaderRows', { first: file.headerRow, last: file.headerLastRow }),
  ].filter(Boolean);
  io.stdout.write(`${visibleText(file.file)}: ${details.join(t('listSeparator'))}\n`);
  if (file.rejected) {
    const written = t('rejectsWritten', { count: file.rejected.rows, file: file.rejected.file });
    io.stdout.write(`  ${colorErr.yellow(written)}\n`);
  }
  if (file.blocksPerLine !== undefined)
    io.stdout.write(`  ${t('fileSideBySide', { count: file.blocksPerLine })}\n`);
  // formats.md: a file with no sign-in column counts everyone present, and says so.
  if (file.allPresent !== undefined)
    io.stdout.write(`  ${colorErr.yellow(t('noSignInColumn', { count: file.allPresent }))}\n`);
  const title = file.fromTitle;
  if (title) {
    const taken = [
      title.classCode ? t('titleClass', { code: title.classCode }) : '',
      title.date ? t('titleDate', { date: title.date }) : '',
      title.slot ? t('titleSlot', { slot: title.slot }) : '',
    ].filter(Boolean);
    io.stdout.write(`  ${t('fromTitle', { what: taken.join(t('listSeparator')) })}\n`);
  }
  if (file.sessionColumns) {
    const read = file.sessionColumns.map(({ header, slot }) => `${visibleText(header)} → ${slot}`);
    io.stdout.write(`  ${t('sessionColumnsRead', { columns: read.join(t('listSeparator')) })}\n`);
  }
  if (file.meeting) printMeeting(context, file.meeting);
  if (file.form)
    io.stdout.write(
      `  ${t('formSessions', { sessions: file.form.sessions.join(t('listSeparator')) || '—', absent: file.form.absentees })}\n`,
    );
}

/** Units, class types and categories a command created, each with the nearest existing name if one is close. */
export function printCreated(context: CommandContext, created: Created | undefined): void {
  if (!created) return;
  const { t, io, colorErr } = context;
  const kinds = [
    ['createdUnit', created.units],
    ['createdClassType', created.classTypes],
    ['createdCategory', created.categories],
    ['createdSession', created.sessions],
  ] as const;
  for (const [key, names] of kinds) {
    // A city's sign-ins open thousands of sessions: the first twenty, then how many more.
    for (const { name, nearest, unknownDistrict, parentMissing } of names.slice(0, MAX_CREATED_LISTED)) {
      const line = unknownDistrict
        ? t('createdUnknownDistrict', { name })
        : parentMissing
          ? t('createdUnitWithoutParent', { name, parent: t(`level.${parentMissing}`) })
          : t(key, { name });
      const said = nearest ? `${line} ${t('didYouMean', { name: nearest })}` : line;
      io.stdout.write(
        nearest || unknownDistrict || parentMissing ? `${colorErr.yellow(said)}\n` : `${said}\n`,
      );
    }
    if (names.length > MAX_CREATED_LISTED) {
      io.stdout.write(`${t('andMore', { count: names.length - MAX_CREATED_LISTED })}\n`);
    }
  }
}

/** An import's result as `--json` prints it: problems and warnings as `{code, message, params}`. */
export function importResultJson(t: Translator, result: ImportResult) {
  return {
    ...result,
    problems: result.problems.map((problem) => problemJson(t, problem)),
    warnings: result.warnings.map((warning) => problemJson(t, warning)),
    // What a dry run would change, with ID numbers and phones masked as everywhere.
    ...(result.wouldChange ? { wouldChange: maskedChanges(result.wouldChange) } : {}),
  };
}

export type ImportResultJson = ReturnType<typeof importResultJson>;

/** What a dry run would write: the records it would add, and the first of those it would change. */
function printWouldChange(context: CommandContext, would: NonNullable<ImportResult['wouldChange']>): void {
  const { t, io } = context;
  io.stdout.write(`${t('dryRunWouldAdd', { added: addedLine(t, would.inserted) })}\n`);
  for (const change of would.changes.slice(0, MAX_CREATED_LISTED)) {
    const [table, record, what] = describeChange(t, change, false);
    io.stdout.write(
      `  ${t('dryRunWouldChange', { table, record, what: what.split('\n').join(t('listSeparator')) })}\n`,
    );
  }
  if (would.changes.length > MAX_CREATED_LISTED)
    io.stdout.write(`${t('andMore', { count: would.changes.length - MAX_CREATED_LISTED })}\n`);
}

/** A meeting list's session: its window, each person's minutes in it and what they count as, and who was left out. */
function printMeeting(context: CommandContext, meeting: MeetingNote): void {
  const { t, io, colorErr } = context;
  io.stdout.write(
    `  ${t('meetingSession', {
      session: meeting.session,
      window: meeting.window,
      from: t(`meetingWindow.${meeting.windowFrom}`),
    })}\n`,
  );
  for (const person of meeting.people)
    io.stdout.write(
      `    ${t('meetingPerson', {
        name: visibleText(person.name),
        minutes: person.minutes,
        status: t(`status.${person.status}`),
      })}\n`,
    );
  if (meeting.absentees > 0) io.stdout.write(`  ${t('meetingAbsentees', { count: meeting.absentees })}\n`);
  if (meeting.kept > 0) io.stdout.write(`  ${t('meetingKept', { count: meeting.kept })}\n`);
  if (meeting.hosts.length > 0)
    io.stdout.write(
      `  ${t('meetingHosts', { names: meeting.hosts.map(visibleText).join(t('listSeparator')) })}\n`,
    );
  if (meeting.unplaced.length > 0)
    io.stdout.write(
      `  ${colorErr.yellow(t('meetingUnplaced', { names: meeting.unplaced.map(visibleText).join(t('listSeparator')) }))}\n`,
    );
}
