/**
 * One import command: every file, one transaction, one batch. Any rejected row rolls the whole command
 * back, so the database holds all of it or none of it; with `skipInvalid` the valid rows are written and the
 * rejected ones go to `<file>.rejected.csv`.
 */
import { AttendanceStore } from '../db/attendance.js';
import { SessionStore } from '../db/sessions.js';
import {
  batchDetail,
  ChangeRecorder,
  createBatch,
  discardBatch,
  saveBatchCounts,
  type BatchDetail,
  type WriteEnvironment,
} from '../db/batches.js';
import { ClassStore, CourseStore } from '../db/classes.js';
import { headerMapping, headerMappingNames, saveHeaderMapping } from '../db/mappings.js';
import { inTransaction, setPageCache, type Db } from '../db/open.js';
import { PeixunError, problem, type Problem } from '../errors.js';
import { RowWriter } from '../db/rows.js';
import { TraineeStore } from '../db/trainees.js';
import { UnitStore } from '../db/units.js';
import type { AttendanceTally, SessionChange } from './attendance.js';
import { createdSince, namesBefore, type Created } from './created.js';
import { isKindHeader, kindSpec, mapHeader, type ImportKind } from './fields.js';
import { hasControlCharacter, type Cell } from './normalise.js';
import { localDate } from '../domain/dates.js';
import { type Slot } from '../domain/attendance.js';
import { invisibleIn } from '../domain/text.js';
import { expandFolders, openTable, type EncodingName } from './read/index.js';
import { writeRejects, type RejectedRow } from './rejects.js';
import {
  ABSORBED,
  rowProblem,
  RowReport,
  type DataRow,
  type FileContext,
  type FileNotes,
  type KindHandler,
  type PreparedRow,
  type RowProblem,
} from './rows.js';
import { SeenKeys, signatureHash } from './seen.js';
import { headerCells, HeaderNotFoundError, readRecords } from './table.js';
import type { TraineeMatchContext } from './trainees.js';
import { UnitResolver } from './units.js';

export interface ImportRequest {
  kind: ImportKind;
  files: readonly string[];
  classCode?: string;
  date?: string;
  slot?: Slot;
  sheet?: string;
  /** Every sheet of a workbook that holds a header of the kind (a sheet a session), each read as a file of its own. */
  allSheets?: boolean;
  encoding?: EncodingName;
  dryRun: boolean;
  addUnknown: boolean;
  /** Write the valid rows, and the rejected ones to `<file>.rejected.csv`. */
  skipInvalid?: boolean;
  /** The date from which a roster's units and categories hold (`--as-of`); the day of the import by default. */
  asOf?: string;
  /** Extra header names for fields, from a saved mapping or the user's answers: header → field. */
  headerAliases?: Readonly<Record<string, string>>;
  /** A saved mapping to use (`--mapping NAME`); its aliases join headerAliases. */
  mapping?: string;
  /** Save headerAliases under this name, in the same transaction as the import. */
  saveMappingAs?: string;
}

export interface ImportProgress {
  file: string;
  rows: number;
  /** Share of the file read so far, 0 to 1. */
  fraction: number;
}

export interface ImportEnvironment extends WriteEnvironment {
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  duplicate: number;
  rejected: number;
  /** Rows without a record: a 合计 line, a signature line. */
  skipped: number;
  /** Attendance rows whose status cell was empty, read as absent. */
  blankStatus: number;
  /** Trainees created by `--add-unknown`. */
  addedTrainees: number;
  /** Sign-in lines made late by a sign-in time after their session's start (formats.md). */
  madeLate: number;
}

export interface FileResult extends FileNotes {
  file: string;
  encoding?: string;
  sheet?: string;
  headerRow: number;
  /** A header of two rows: the second's row. */
  headerLastRow?: number;
  /** A sheet printed several to a line: how many blocks each line holds, each read as a line. */
  blocksPerLine?: number;
  unknownColumns: string[];
  /** With `skipInvalid`: where this file's rejected rows were written, and how many. */
  rejected?: { file: string; rows: number };
  /** A sign-in file with no sign-in column: how many rows it counted present (formats.md: said, never silent). */
  allPresent?: number;
}

export interface ImportResult {
  kind: ImportKind;
  /** The batch written, or null when nothing was (a rejected row, `--dry-run`, or nothing new). */
  batchId: number | null;
  dryRun: boolean;
  counts: ImportCounts;
  files: FileResult[];
  /** `FILE:ROW column: message`, one per problem, in file order. */
  problems: Problem[];
  warnings: Problem[];
  /** The header mapping saved with this import, if any. */
  savedMapping?: string;
  /** Under --dry-run: the records it would add, by table, and (the first 200 of) those it would change. */
  wouldChange?: Pick<BatchDetail, 'inserted' | 'changes'>;
  /** Units, class types and categories this import created (or would, under --dry-run). */
  created: Created;
  /** Session values a file stated otherwise than the register held them (each undone with the batch). */
  sessionChanges: SessionChange[];
}

/** Each pass can only find rows that the passes before it let through, so this many always settle. */
const MAX_PASSES = 4;

/**
 * An import reads each class, trainee and session a few times and writes forward: 4 MB of SQLite's page cache
 * does as well as better-sqlite3's 16 MB (timed in turns on a million sign-ins, docs/performance.md) and keeps
 * 12 MB off the peak. It holds for this connection, which ends with the command.
 */
const IMPORT_PAGE_CACHE_KIB = 4000;

export async function runImport(env: ImportEnvironment, given: ImportRequest): Promise<ImportResult> {
  const request = { ...given, files: expandFolders(given.files) };
  setPageCache(env.db, IMPORT_PAGE_CACHE_KIB);
  if (!request.skipInvalid) {
    const pass = await inTransaction(env.db, env.dbPath, async () =>
      settle(env.db, await importPass(env, request, new Map())),
    );
    return pass.result;
  }
  // Rows are set aside until a pass rejects nothing more: a rejected row can take another with it (the
  // earlier row of a conflicting repeat), which only the next pass, without both, shows cleanly.
  const setAside = new Map<string, RejectedRow>();
  for (let pass = 1; ; pass++) {
    const last = pass === MAX_PASSES;
    const outcome = await inTransaction(env.db, env.dbPath, async () => {
      const result = await importPass(env, request, setAside);
      if (result.rejected.length > 0 && !last) return { value: result, commit: false };
      return settle(env.db, result);
    });
    for (const rejected of outcome.rejected)
      setAside.set(
        rejected.derived
          ? derivedKey(rejected.file, rejected.row)
          : rowKey(rejected.file, rejected.row, rejected.part),
        rejected,
      );
    if (outcome.result.dryRun && (outcome.rejected.length === 0 || last)) return outcome.result;
    if (outcome.rejected.length === 0 || last) {
      const rejectedFiles = writeRejects([...setAside.values()], outcome.headers, env.say);
      for (const file of outcome.result.files) file.rejected = rejectedFiles.get(file.file);
      return outcome.result;
    }
  }
}

/**
 * Several kinds of files as one command (`peixun import FOLDER` without a kind): each kind a batch of its own, in
 * the order given (rosters and classes before the sign-ins that name them), all in one transaction: one rejected row
 * anywhere writes nothing at all.
 */
export async function runImports(
  env: ImportEnvironment,
  requests: readonly ImportRequest[],
): Promise<ImportResult[]> {
  setPageCache(env.db, IMPORT_PAGE_CACHE_KIB);
  return inTransaction(env.db, env.dbPath, async () => {
    const passes: PassResult[] = [];
    for (const given of requests) {
      const pass = await importPass(env, { ...given, files: expandFolders(given.files) }, new Map());
      passes.push(pass);
      // What follows names what this kind would have written: nothing more to learn from it.
      if (pass.result.problems.length > 0) break;
    }
    const failed = passes.some((pass) => pass.result.problems.length > 0);
    const dryRun = requests.some((request) => request.dryRun);
    for (const pass of passes) {
      const { value } = settle(env.db, pass);
      if (failed || dryRun) value.result.batchId = null;
      // A kind whose files changed nothing leaves no batch behind, as a single import does.
      if (!pass.changed) discardBatch(env.db, pass.batchId);
    }
    return {
      value: passes.map((pass) => pass.result),
      commit: !failed && !dryRun && passes.some((pass) => pass.changed),
    };
  });
}

interface PassResult {
  result: ImportResult;
  /** Rows this pass rejected, besides those set aside before it. */
  rejected: RejectedRow[];
  /** Each file's header cells and the values it took from its title, for a rejects file. */
  headers: Map<string, { cells: Cell[]; implied: Record<string, string> }>;
  batchId: number;
  changed: boolean;
}

/**
 * Commits when nothing was rejected, something changed and this is not a dry run. A dry run says what it
 * would have changed, read from the batch before it is rolled back.
 */
function settle(db: Db, pass: PassResult): { value: PassResult; commit: boolean } {
  const { result } = pass;
  const commit = result.problems.length === 0 && !result.dryRun && pass.changed;
  result.batchId = commit ? pass.batchId : null;
  if (result.dryRun && pass.changed && result.problems.length === 0) {
    const detail = batchDetail(db, pass.batchId, DRY_RUN_CHANGES_LISTED);
    if (detail) result.wouldChange = { inserted: detail.inserted, changes: detail.changes };
  }
  return { value: pass, commit };
}

/** A dry run lists this many of the records it would change; the counts cover them all. */
const DRY_RUN_CHANGES_LISTED = 200;

const rowKey = (file: string, row: number, part = 0) =>
  part === 0 ? `${file}\u0000${row}` : `${file}\u0000${row}\u0000${part}`;
const derivedKey = (file: string, row: number) => `${file}\u0000${row}\u0000derived`;

function importPass(
  env: ImportEnvironment,
  request: ImportRequest,
  setAside: ReadonlyMap<string, RejectedRow>,
): Promise<PassResult> {
  return new ImportPass(env, request, setAside).run();
}

/** One pass over a request's files into a new batch: each row read, checked and written, or rejected. */
class ImportPass {
  private readonly counts: ImportCounts = {
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    duplicate: 0,
    rejected: 0,
    skipped: 0,
    blankStatus: 0,
    addedTrainees: 0,
    madeLate: 0,
  };
  private readonly tally: AttendanceTally = {
    blankStatus: 0,
    addedTrainees: 0,
    openedSessions: [],
    madeLate: 0,
    sessionChanges: [],
  };
  private readonly problems: RowProblem[] = [];
  private readonly warnings: Problem[] = [];
  private readonly files: FileResult[] = [];
  private readonly rejected: RejectedRow[] = [];
  private readonly headers: PassResult['headers'] = new Map();
  private readonly seen = new SeenKeys();
  private readonly rejectedEarlier = new Set<string>();

  constructor(
    private readonly env: ImportEnvironment,
    private readonly request: ImportRequest,
    private readonly setAside: ReadonlyMap<string, RejectedRow>,
  ) {}

  async run(): Promise<PassResult> {
    const { env, request } = this;
    const { db } = env;
    const headerAliases = { ...savedAliases(db, request), ...request.headerAliases };
    const before = namesBefore(db);
    if (request.saveMappingAs) {
      saveHeaderMapping(
        db,
        { name: request.saveMappingAs, kind: request.kind, aliases: { ...request.headerAliases } },
        env.now().toISOString(),
      );
    }
    const batchId = createBatch(db, {
      kind: request.kind,
      files: request.files,
      createdAt: env.now().toISOString(),
      osUser: env.osUser,
      host: env.host,
    });
    const writer = new RowWriter(db, new ChangeRecorder(db, batchId), batchId);
    const handler = createHandler(env, request, writer, this.tally);
    for (const path of request.files)
      for (const sheet of request.allSheets
        ? await sheetsOfKind(path, request.kind, headerAliases)
        : [undefined])
        await this.readFile(path, handler, headerAliases, sheet);
    handler.finish?.();
    return this.passResult(batchId, before);
  }

  /**
   * One file, or one sheet of a workbook read with `allSheets`: then the sheet is part of its name wherever it is
   * said (`签到.xlsx[7月17日]:3`), and its rejects file its own.
   */
  private async readFile(
    path: string,
    handler: KindHandler,
    headerAliases: Record<string, string>,
    sheet?: string,
  ) {
    const file = sheet === undefined ? path : `${path}[${sheet}]`;
    const request = sheet === undefined ? this.request : { ...this.request, sheet };
    const { source, header, rows } = await openRecords(path, file, request, headerAliases);
    const context = { file, header };
    const notes = handler.beginFile(context);
    const fileResult: FileResult = {
      file,
      ...source.info,
      headerRow: header.row,
      ...(header.lastRow === undefined ? {} : { headerLastRow: header.lastRow }),
      ...(header.blocks ? { blocksPerLine: header.blocks.starts.length } : {}),
      unknownColumns: header.mapping.unknown,
      ...notes,
    };
    this.files.push(fileResult);
    const unread = await sheetsAlike(path, source.info, request, headerAliases);
    if (unread.length > 0)
      this.warnings.push(
        problem('otherSheetsUnread', { file, sheet: source.info.sheet ?? '', sheets: unread.join(', ') }),
      );
    this.headers.set(file, { cells: header.cells, implied: impliedColumns(notes) });
    if (header.mapping.unknown.length > 0) {
      this.warnings.push(problem('unknownColumns', { file, columns: header.mapping.unknown.join(', ') }));
    }
    let rowsInFile = 0;
    let recordsInFile = 0;
    const invisibleCells = new InvisibleCells();
    const progress = () => this.env.onProgress?.({ file, rows: rowsInFile, fraction: source.fractionRead() });
    const fields = [...header.mapping.columns.keys()];
    // Rows come a batch at a time; each is still read, checked and written on its own.
    for await (const batch of rows)
      for (const item of batch) {
        if (++rowsInFile % 2000 === 0) progress();
        if ('skipped' in item) {
          this.counts.skipped++;
          continue;
        }
        this.counts.read++;
        recordsInFile++;
        if (this.setAside.size > 0 && this.setAsideRecord(file, item)) continue;
        const report = new RowReport(context, item.row, item);
        const controlled = controlCharacters(item, fields, report, invisibleCells);
        const prepared = controlled ? undefined : handler.prepare(item, report);
        this.warnings.push(...report.warnings);
        // A row a handler keeps to make records of the file's rows together (a meeting list's joins).
        if (prepared === ABSORBED) continue;
        this.settleRow(file, item.row, item.cells, report, prepared, false, item.part);
      }
    this.derivedRecords(handler, context, fileResult);
    // A header and nothing under it is a sheet exported too early, or the wrong sheet: said, not "no change".
    if (recordsInFile === 0) throw new PeixunError(problem('noDataRows', { file }));
    this.warnings.push(...invisibleCells.said(file, header.headerText));
    if (notes.noSignInColumn) fileResult.allPresent = recordsInFile;
    progress();
  }

  /** Records the file's rows make together: a person of a meeting list, the roster's absentees. */
  private derivedRecords(handler: KindHandler, context: FileContext, fileResult: FileResult): void {
    const derived = handler.endFile?.();
    if (!derived) return;
    Object.assign(fileResult, derived.notes);
    for (const record of derived.records) {
      if (this.wasSetAside(derivedKey(context.file, record.row))) continue;
      const report = new RowReport(context, record.row);
      const prepared = record.prepare(report);
      this.warnings.push(...report.warnings);
      this.settleRow(context.file, record.row, record.cells, report, prepared, true);
    }
  }

  /** A record set aside by an earlier pass: itself, or its whole line (an earlier line a later one showed wrong). */
  private setAsideRecord(file: string, item: DataRow): boolean {
    if (this.wasSetAside(rowKey(file, item.row, item.part), item.cells)) return true;
    return item.part !== undefined && item.part !== 0 && this.wasSetAside(rowKey(file, item.row), item.cells);
  }

  /** A row set aside by an earlier pass: reported as then, with the cells this pass can now see. */
  private wasSetAside(key: string, cells?: Cell[]): boolean {
    const earlierRejection = this.setAside.get(key);
    if (!earlierRejection) return false;
    if (cells) earlierRejection.cells = cells;
    this.counts.rejected++;
    this.problems.push(...earlierRejection.problems);
    return true;
  }

  private reject(
    file: string,
    row: number,
    cells: Cell[] | undefined,
    rowProblems: RowProblem[],
    derived = false,
    part = 0,
  ) {
    this.counts.rejected++;
    this.problems.push(...rowProblems);
    this.rejected.push({
      file,
      row,
      cells,
      problems: rowProblems,
      ...(derived ? { derived } : {}),
      ...(part === 0 ? {} : { part }),
    });
  }

  /** What becomes of a row (or a record made of several) once its handler has prepared it, or refused it. */
  private settleRow(
    file: string,
    row: number,
    cells: Cell[] | undefined,
    report: RowReport,
    prepared: PreparedRow | undefined,
    derivedRecord: boolean,
    part = 0,
  ): void {
    if (!prepared) {
      // An earlier row this one shows to be wrong too is rejected with it (listed once, in row order).
      for (const earlier of report.earlier) {
        if (this.rejectedEarlier.has(rowKey(file, earlier.row))) continue;
        this.rejectedEarlier.add(rowKey(file, earlier.row));
        this.reject(file, earlier.row, undefined, [earlier]);
      }
      this.reject(file, row, cells, report.problems, derivedRecord, part);
      return;
    }
    const signature = signatureHash(prepared.signature);
    const earlier = prepared.existingId === undefined ? undefined : this.seen.get(prepared.existingId);
    if (!earlier) {
      const { outcome, id } = prepared.write();
      this.counts[outcome]++;
      this.seen.set(id, { signature, outcome, file, row, part });
      return;
    }
    if (earlier.signature === signature) {
      this.counts.duplicate++;
      return;
    }
    // A row that only fills in what the earlier one left blank is the same record, completed by it.
    if (earlier.outcome !== 'rejected' && prepared.agreesWithWritten?.()) {
      prepared.write();
      this.counts.duplicate++;
      return;
    }
    // The same record twice with different values: neither row can be trusted.
    const conflict = (
      where: { file: string; row: number },
      other: { file: string; row: number },
    ): RowProblem => ({
      ...where,
      column: '',
      message: problem('conflictingRepeat', { file: other.file, row: other.row }),
    });
    const here = { file, row };
    const there = { file: earlier.file, row: earlier.row };
    if (earlier.outcome !== 'rejected') {
      this.counts[earlier.outcome]--;
      this.reject(there.file, there.row, undefined, [conflict(there, here)], false, earlier.part);
      this.seen.set(prepared.existingId ?? 0, { ...earlier, outcome: 'rejected' });
    }
    this.reject(file, row, cells, [conflict(here, there)], derivedRecord, part);
  }

  private passResult(batchId: number, before: ReturnType<typeof namesBefore>): PassResult {
    const { request, tally, counts, problems } = this;
    counts.blankStatus = tally.blankStatus;
    counts.addedTrainees = tally.addedTrainees;
    counts.madeLate = tally.madeLate;
    // An import that changes nothing leaves no batch behind: the database stays exactly as it was.
    const changed =
      counts.inserted + counts.updated > 0 ||
      tally.sessionChanges.length > 0 ||
      Boolean(request.saveMappingAs);
    // With skipInvalid the set-aside rows are reported, but they do not stop the valid ones.
    const blocking = request.skipInvalid ? [] : problems;
    if (changed) saveBatchCounts(this.env.db, batchId, { ...counts });
    const result: ImportResult = {
      kind: request.kind,
      batchId: null,
      dryRun: request.dryRun,
      counts,
      files: this.files,
      problems: listed(blocking).map(rowProblem),
      warnings: this.warnings,
      ...(request.saveMappingAs ? { savedMapping: request.saveMappingAs } : {}),
      created: {
        ...createdSince(this.env.db, before, batchId),
        sessions: tally.openedSessions.map((name) => ({ name })),
      },
      sessionChanges: tally.sessionChanges,
    };
    // One by one: a file of 200,000 rejected rows spread into one call would overflow the stack.
    if (request.skipInvalid)
      for (const rejected of listed(problems)) result.warnings.push(rowProblem(rejected));
    return { result, rejected: this.rejected, headers: this.headers, batchId, changed };
  }
}

/**
 * A control character (NUL, an escape sequence) in a cell is refused: stored, it would be printed raw. One that
 * prints as nothing (a zero-width space pasted with a name) is taken out by the cell rules, and said once for the
 * file: kept, it would make a second 王芳.
 */
function controlCharacters(
  item: DataRow,
  fields: readonly string[],
  report: RowReport,
  invisibleCells: InvisibleCells,
): boolean {
  if (item.plain) return false;
  let controlled = false;
  for (const field of fields) {
    const cell = item.cell(field);
    if (typeof cell !== 'string') continue;
    if (hasControlCharacter(cell)) {
      report.problem(field, { code: 'controlCharacter' });
      controlled = true;
      continue;
    }
    const invisible = invisibleIn(cell);
    if (invisible) invisibleCells.note(field, item.row, invisible);
  }
  return controlled;
}

/** The problems a person reads: one said once for its file is not repeated (the rejects file keeps each). */
const listed = (problems: readonly RowProblem[]) => problems.filter((problem) => !problem.repeated);

function savedAliases(db: Db, request: ImportRequest): Record<string, string> {
  if (!request.mapping) return {};
  const saved = headerMapping(db, request.mapping);
  if (!saved) {
    const names = headerMappingNames(db);
    throw new PeixunError(
      problem('mappingUnknown', { name: request.mapping, names: names.join(', ') || '—' }),
    );
  }
  if (saved.kind !== request.kind) {
    throw new PeixunError(problem('mappingKind', { name: saved.name, kind: saved.kind }));
  }
  return saved.aliases;
}

/** Values a sign-in sheet took from its title, as columns a rejects file must carry to stand alone. */
function impliedColumns(notes: FileNotes): Record<string, string> {
  const implied: Record<string, string> = {};
  if (notes.fromTitle?.classCode) implied['班级编号'] = notes.fromTitle.classCode;
  if (notes.fromTitle?.date) implied['日期'] = notes.fromTitle.date;
  if (notes.fromTitle?.slot) implied['时段'] = notes.fromTitle.slot;
  return implied;
}

/**
 * The kind's reader of rows (kinds/<kind>.ts), with the stores it asks for made once, when first asked: a list of
 * classes never loads the register's trainees.
 */
function createHandler(
  env: ImportEnvironment,
  request: ImportRequest,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  const { db } = env;
  const once = <T>(make: () => T): (() => T) => {
    let made: { value: T } | undefined;
    return () => (made ??= { value: make() }).value;
  };
  const unitStore = once(() => new UnitStore(db));
  const units = once(() => new UnitResolver(unitStore()));
  const matching = once((): TraineeMatchContext => ({
    // A roster writes its new trainees many to a statement; sign-in sheets add the odd name-only one.
    trainees: new TraineeStore(db, request.asOf ?? localDate(env.now()), {
      queueInserts: request.kind === 'trainees',
    }),
    units: units(),
    unitOf: (id) => unitStore().get(id),
    isWithin: (unitId, ancestorId) => unitStore().isWithin(unitId, ancestorId),
  }));
  const signIn = once(() => ({
    ...matching(),
    classes: new ClassStore(db),
    courses: new CourseStore(db),
    sessions: new SessionStore(db),
    attendance: new AttendanceStore(db),
  }));
  return kindSpec(request.kind).handler({
    db,
    writer,
    tally,
    options: {
      classCode: request.classCode,
      date: request.date,
      slot: request.slot,
      addUnknown: request.addUnknown,
    },
    unitStore,
    units,
    matching,
    signIn,
  });
}

/**
 * A file's records. A workbook read from its first sheet (no --sheet) whose first sheet holds no header — a
 * 填表说明 sheet of instructions before the roster — is read from the first sheet that does; none does: said,
 * with the sheets there are.
 */
/** `file` is how the file is named in what is said: its path, with the sheet when every sheet is read. */
async function openRecords(
  path: string,
  file: string,
  request: ImportRequest,
  aliases: Record<string, string>,
) {
  let source = await openTable(path, { encoding: request.encoding, sheet: request.sheet });
  // 腾讯会议's workbook: one row a join (成员参会明细, a webinar's 成员观看明细) says more than one a person (概况).
  const joinsSheet = source.info.sheets?.find((sheet) => /明细/.test(sheet));
  if (
    request.kind === 'meeting' &&
    request.sheet === undefined &&
    joinsSheet &&
    joinsSheet !== source.info.sheet
  )
    source = await openTable(path, { sheet: joinsSheet });
  try {
    return { source, ...(await readRecords(source.rows, request.kind, file, aliases)) };
  } catch (error) {
    const sheets = source.info.sheets ?? [];
    if (!(error instanceof HeaderNotFoundError) || request.sheet !== undefined || sheets.length < 2)
      throw error;
    for (const sheet of sheets.slice(1)) {
      const other = await openTable(path, { sheet });
      try {
        return { source: other, ...(await readRecords(other.rows, request.kind, file, aliases)) };
      } catch (notThere) {
        if (!(notThere instanceof HeaderNotFoundError)) throw notThere;
      }
    }
    // On a terminal the first sheet's columns can still be mapped by hand.
    throw new HeaderNotFoundError(error.file, error.kind, error.rows, sheets);
  }
}

/** How far down a sheet a header is looked for when telling which sheets hold one. */
const ROWS_FOR_A_HEADER = 30;

/**
 * The sheets of a workbook that hold a header of the kind, in the workbook's order; a file of one table (a CSV,
 * a workbook of one sheet, or none holding one, which the reading then refuses as usual) is read as it is.
 */
async function sheetsOfKind(
  path: string,
  kind: ImportKind,
  aliases: Readonly<Record<string, string>>,
): Promise<(string | undefined)[]> {
  if (!/\.xlsx$/i.test(path)) return [undefined];
  const sheets = (await openTable(path, {})).info.sheets ?? [];
  const holding: string[] = [];
  for (const sheet of sheets) if (await sheetHoldsKind(path, sheet, kind, aliases)) holding.push(sheet);
  return holding.length > 0 ? holding : [undefined];
}

async function sheetHoldsKind(
  path: string,
  sheet: string,
  kind: ImportKind,
  aliases: Readonly<Record<string, string>>,
): Promise<boolean> {
  const { rows } = await openTable(path, { sheet });
  for await (const batch of rows)
    return batch
      .slice(0, ROWS_FOR_A_HEADER)
      .map(headerCells)
      .some((cells) => isKindHeader(kind, cells, mapHeader(kind, cells, aliases)));
  return false;
}

/**
 * The other sheets of a workbook read without `--sheet` that hold a header of the same kind (a sheet a session:
 * 5月10日, 5月17日): only one is read, and these are named, never left unread without a word. A meeting app's
 * sheets are views of one meeting, and not named.
 */
async function sheetsAlike(
  path: string,
  info: { sheet?: string; sheets?: string[] },
  request: ImportRequest,
  aliases: Readonly<Record<string, string>>,
): Promise<string[]> {
  if (request.sheet !== undefined || request.allSheets || request.kind === 'meeting') return [];
  const alike: string[] = [];
  for (const sheet of info.sheets ?? [])
    if (sheet !== info.sheet && (await sheetHoldsKind(path, sheet, request.kind, aliases))) alike.push(sheet);
  return alike;
}

/** The cells of one file that held a character printing as nothing, by field: said once, naming their rows. */
class InvisibleCells {
  private readonly byField = new Map<string, { rows: number[]; characters: Set<string> }>();

  note(field: string, row: number, character: string): void {
    const seen = this.byField.get(field) ?? { rows: [], characters: new Set<string>() };
    seen.rows.push(row);
    seen.characters.add(character);
    this.byField.set(field, seen);
  }

  said(file: string, headerText: ReadonlyMap<string, string>): Problem[] {
    return [...this.byField].map(([field, { rows, characters }]) =>
      problem('invisibleRemoved', {
        file,
        column: headerText.get(field) || field,
        count: rows.length,
        rows: rows.slice(0, 10).join(', ') + (rows.length > 10 ? ' …' : ''),
        characters: [...characters].join(' '),
      }),
    );
  }
}
