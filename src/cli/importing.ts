/** Running an import from the command line: progress on a terminal, and asking about unfamiliar headers. */
import { mappingQuestion } from '../import/mapping.js';
import { runImport, type ImportRequest, type ImportResult } from '../import/run.js';
import { HeaderNotFoundError } from '../import/table.js';
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
