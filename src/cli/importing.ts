/** Running an import from the command line: progress on a terminal, and asking about unfamiliar headers. */
import { mappingQuestion } from '../import/mapping.js';
import { runImport, runImports, type ImportRequest, type ImportResult } from '../import/run.js';
import { IGNORED_COLUMN, UNIT_COLUMN_FIELDS } from '../import/fields.js';
import { HeaderNotFoundError, UnplacedUnitColumnError } from '../import/table.js';
import type { CommandContext } from './context.js';
import { watchingFiled, withDatabase, writeEnvironment } from './database.js';
import { keepHeapNearLiveSet } from './heap.js';
import { askMapping } from './mapping.js';
import { progressLine } from './progress.js';
import { prompterFor } from './prompts.js';

/**
 * Imports; when a file's headers are unfamiliar and a person is at the terminal, asks which column is which
 * and imports again with the answer (saved as a named mapping if they wish). Each file is asked about once.
 */
export async function importAsking(context: CommandContext, request: ImportRequest): Promise<ImportResult> {
  const asked = new Set<string>();
  let current = request;
  for (;;) {
    try {
      return await importFiles(context, current);
    } catch (error) {
      if (error instanceof UnplacedUnitColumnError && !asked.has(`${error.file}\u0000units`)) {
        const prompter = await prompterFor(context);
        if (!prompter) throw error;
        asked.add(`${error.file}\u0000units`);
        current = {
          ...current,
          headerAliases: { ...current.headerAliases, ...(await askUnitColumns(context, prompter, error)) },
        };
        continue;
      }
      if (!(error instanceof HeaderNotFoundError) || asked.has(error.file)) throw error;
      const prompter = await prompterFor(context);
      if (!prompter) throw error;
      const question = mappingQuestion(error.kind, error.rows);
      if (!question || question.missing.length === 0) throw error;
      asked.add(error.file);
      const write = (text: string) => context.io.stderr.write(text);
      const answer = await askMapping(prompter, context.t, error.kind, error.file, question, write);
      const headerAliases = { ...current.headerAliases, ...answer.aliases };
      current = { ...current, headerAliases, saveMappingAs: answer.saveAs ?? current.saveMappingAs };
    }
  }
}

export async function importFiles(
  context: CommandContext,
  request: Parameters<typeof runImport>[1],
): Promise<ImportResult> {
  keepHeapNearLiveSet();
  const progress = progressLine(context);
  try {
    return await withDatabase(context, 'write', (db) =>
      watchingFiled(context, db, () =>
        runImport({ ...writeEnvironment(context, db), onProgress: progress?.update }, request),
      ),
    );
  } finally {
    progress?.done();
  }
}

/** Several kinds at once (`peixun import FOLDER`): one transaction, a batch per kind. */
export async function importKinds(
  context: CommandContext,
  requests: ImportRequest[],
): Promise<ImportResult[]> {
  keepHeapNearLiveSet();
  const progress = progressLine(context);
  try {
    return await withDatabase(context, 'write', (db) =>
      watchingFiled(context, db, () =>
        runImports({ ...writeEnvironment(context, db), onProgress: progress?.update }, requests),
      ),
    );
  } finally {
    progress?.done();
  }
}

/**
 * A column headed like a level of units that peixun cannot place (所属片区, 社区居委会): the person says which level
 * it is, or that it names no unit and may be left out. Never left out without asking.
 */
async function askUnitColumns(
  context: CommandContext,
  prompter: NonNullable<Awaited<ReturnType<typeof prompterFor>>>,
  error: UnplacedUnitColumnError,
): Promise<Record<string, string>> {
  const { t } = context;
  const aliases = Object.create(null) as Record<string, string>;
  for (const header of error.headers) {
    aliases[header] = await prompter.select(t('unitColumnAsk', { header, file: error.file }), [
      ...UNIT_COLUMN_FIELDS.map((field) => ({
        name: t(`field.${field}`),
        value: field as string,
      })),
      { name: t('unitColumnNone'), value: IGNORED_COLUMN },
    ]);
  }
  return aliases;
}
