/**
 * Opens any table file as rows of cells. Each format is one reader; the rest of the import never knows
 * which one it got.
 */
import { extname } from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PeixunError, problem } from '../../errors.js';
import { readDelimited } from './delimited.js';
import type { ReadOptions, TableSource } from './source.js';

export type { ReadOptions, SourceRow, TableSource, EncodingName } from './source.js';

const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

export async function openTable(file: string, options: ReadOptions): Promise<TableSource> {
  if (!existsSync(file)) throw new PeixunError(problem('fileMissing', { file }));
  // A FIFO, a device (/dev/zero) or a folder is no table file: refused at once rather than read for ever.
  if (!statSync(file).isFile()) throw new PeixunError(problem('fileNotRegular', { file }));
  const extension = extname(file).toLowerCase();
  if (extension === '.xlsx') {
    const { readXlsx } = await import('./xlsx.js');
    return readXlsx(file, options);
  }
  if (TEXT_EXTENSIONS.has(extension) || extension === '') return readDelimited(file, options);
  // Excel 97–2003 and WPS's own format: one Save As away from a file peixun reads.
  if (extension === '.xls' || extension === '.et')
    throw new PeixunError(problem('fileOldSpreadsheet', { file }));
  throw new PeixunError(problem('fileType', { file, extension }));
}

/**
 * The files named, with a folder standing for the table files in it (a folder of sign-in sheets), in name
 * order. Rejects files that an earlier `--skip-invalid` wrote there are left out.
 */
export function expandFolders(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    if (!existsSync(path) || !statSync(path).isDirectory()) return [path];
    const files = readdirSync(path)
      .filter((name) => TEXT_EXTENSIONS.has(extname(name).toLowerCase()) || /\.xlsx$/i.test(name))
      .filter((name) => !name.endsWith('.rejected.csv') && !name.startsWith('~$'))
      .sort()
      .map((name) => join(path, name));
    if (files.length === 0) throw new PeixunError(problem('folderEmpty', { folder: path }));
    return files;
  });
}
