/**
 * One import command: every file, one transaction, one batch. Any rejected row rolls the whole command
 * back, so the database holds all of it or none of it.
 */
import { AttendanceStore } from '../db/attendance.js';
import { ChangeRecorder, createBatch, saveBatchCounts } from '../db/batches.js';
import { ClassStore } from '../db/classes.js';
import { inTransaction, type Db } from '../db/open.js';
import { RowWriter } from '../db/rows.js';
import { TraineeStore } from '../db/trainees.js';
import { UnitStore } from '../db/units.js';
import type { Translator } from '../i18n/index.js';
import { attendanceHandler, type AttendanceTally } from './attendance.js';
import { classHandler } from './classes.js';
import type { ImportKind } from './fields.js';
import type { Slot } from './normalise.js';
import { openTable, type EncodingName } from './read/index.js';
import { RowReport, type FileNotes, type KindHandler, type Written } from './rows.js';
import { readRecords } from './table.js';
import { traineeHandler, type TraineeMatchContext } from './trainees.js';
import { UnitResolver } from './units.js';

export interface ImportRequest {
  kind: ImportKind;
  files: readonly string[];
  classCode?: string;
  date?: string;
  slot?: Slot;
  sheet?: string;
  encoding?: EncodingName;
  dryRun: boolean;
  addUnknown: boolean;
}

export interface ImportEnvironment {
  db: Db;
  dbPath: string;
  t: Translator;
  now: () => Date;
  osUser: string;
  host: string;
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
}

export interface FileResult extends FileNotes {
  file: string;
  encoding?: string;
  sheet?: string;
  headerRow: number;
  unknownColumns: string[];
}

export interface ImportResult {
  kind: ImportKind;
  /** The batch written, or null when nothing was (a rejected row, `--dry-run`, or nothing new). */
  batchId: number | null;
  dryRun: boolean;
  counts: ImportCounts;
  files: FileResult[];
  /** `FILE:ROW column: message`, one per problem, in file order. */
  problems: string[];
  warnings: string[];
}

interface SeenKey {
  signature: string;
  outcome: Written | 'duplicate' | 'rejected';
  where: { file: string; row: number };
}

export async function runImport(env: ImportEnvironment, request: ImportRequest): Promise<ImportResult> {
  const { db, t } = env;
  return inTransaction(db, env.dbPath, t, async () => {
    const batchId = createBatch(db, {
      kind: request.kind,
      files: request.files,
      createdAt: env.now().toISOString(),
      osUser: env.osUser,
      host: env.host,
    });
    const writer = new RowWriter(db, new ChangeRecorder(db, batchId), batchId);
    const tally: AttendanceTally = { blankStatus: 0, addedTrainees: 0 };
    const handler = createHandler(env, request, writer, tally);
    const counts: ImportCounts = {
      read: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      rejected: 0,
      skipped: 0,
      blankStatus: 0,
      addedTrainees: 0,
    };
    const problems: string[] = [];
    const warnings: string[] = [];
    const files: FileResult[] = [];
    const seen = new Map<string, SeenKey>();

    for (const file of request.files) {
      const source = await openTable(file, { encoding: request.encoding, sheet: request.sheet }, t);
      const { header, rows } = await readRecords(source.rows, request.kind, file, t);
      const context = { file, header };
      const notes = handler.beginFile(context);
      files.push({
        file,
        ...source.info,
        headerRow: header.row,
        unknownColumns: header.mapping.unknown,
        ...notes,
      });
      if (header.mapping.unknown.length > 0) {
        warnings.push(t('unknownColumns', { file, columns: header.mapping.unknown.join(', ') }));
      }
      for await (const item of rows) {
        if ('skipped' in item) {
          counts.skipped++;
          continue;
        }
        counts.read++;
        const report = new RowReport(t, context, item.row);
        const prepared = handler.prepare(item, report);
        warnings.push(...report.warnings);
        if (!prepared) {
          counts.rejected++;
          problems.push(...report.problems);
          continue;
        }
        const earlier = seen.get(prepared.key);
        if (earlier) {
          if (earlier.signature === prepared.signature) {
            counts.duplicate++;
            continue;
          }
          // The same record twice with different values: neither row can be trusted.
          if (earlier.outcome !== 'rejected') {
            counts[earlier.outcome]--;
            counts.rejected++;
            problems.push(
              t('rowProblem', {
                file: earlier.where.file,
                row: earlier.where.row,
                column: '',
                message: t('conflictingRepeat', { file, row: item.row }),
              }),
            );
            earlier.outcome = 'rejected';
          }
          counts.rejected++;
          problems.push(
            t('rowProblem', {
              file,
              row: item.row,
              column: '',
              message: t('conflictingRepeat', { file: earlier.where.file, row: earlier.where.row }),
            }),
          );
          continue;
        }
        const outcome = prepared.write();
        counts[outcome]++;
        seen.set(prepared.key, { signature: prepared.signature, outcome, where: { file, row: item.row } });
      }
    }
    counts.blankStatus = tally.blankStatus;
    counts.addedTrainees = tally.addedTrainees;
    // An import that changes nothing leaves no batch behind: the database stays exactly as it was.
    const changed = counts.inserted + counts.updated > 0;
    const commit = problems.length === 0 && !request.dryRun && changed;
    if (commit) saveBatchCounts(db, batchId, { ...counts });
    const result: ImportResult = {
      kind: request.kind,
      batchId: commit ? batchId : null,
      dryRun: request.dryRun,
      counts,
      files,
      problems,
      warnings,
    };
    return { value: result, commit };
  });
}

function createHandler(
  env: ImportEnvironment,
  request: ImportRequest,
  writer: RowWriter,
  tally: AttendanceTally,
): KindHandler {
  const { db, t } = env;
  const unitStore = new UnitStore(db);
  const units = new UnitResolver(unitStore);
  if (request.kind === 'classes') return classHandler(new ClassStore(db), units, writer);
  const matching: TraineeMatchContext = {
    trainees: new TraineeStore(db),
    units,
    unitOf: (id) => unitStore.get(id),
    isWithin: (unitId, ancestorId) => unitStore.isWithin(unitId, ancestorId),
  };
  if (request.kind === 'trainees') return traineeHandler(matching, writer);
  return attendanceHandler(
    { ...matching, classes: new ClassStore(db), attendance: new AttendanceStore(db), t },
    { classCode: request.classCode, date: request.date, slot: request.slot, addUnknown: request.addUnknown },
    writer,
    tally,
  );
}
