/**
 * Opens any table file as rows of cells. Each format is one reader; the rest of the import never knows
 * which one it got.
 */
import { extname } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { PeixunError } from '../../errors.js';
import type { Translator } from '../../i18n/index.js';
import { readDelimited } from './delimited.js';
import type { ReadOptions, TableSource } from './source.js';

export type { ReadOptions, SourceRow, TableSource, EncodingName } from './source.js';

const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

export async function openTable(file: string, options: ReadOptions, t: Translator): Promise<TableSource> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new PeixunError(t('fileMissing', { file }));
  const extension = extname(file).toLowerCase();
  if (extension === '.xlsx') {
    const { readXlsx } = await import('./xlsx.js');
    return readXlsx(file, options, t);
  }
  if (TEXT_EXTENSIONS.has(extension) || extension === '') return readDelimited(file, options, t);
  throw new PeixunError(t('fileType', { file, extension }));
}
