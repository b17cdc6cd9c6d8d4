/**
 * Opens any table file as rows of cells. Each format is one reader; the rest of the import never knows
 * which one it got.
 */
import { extname } from 'node:path';
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PeixunError, problem } from '../../errors.js';
import { refuseUnreadable } from '../../files.js';
import { readDelimited } from './delimited.js';
import type { ReadOptions, TableSource } from './source.js';

export type { ReadOptions, SourceRow, TableSource, EncodingName } from './source.js';

const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

export async function openTable(file: string, options: ReadOptions): Promise<TableSource> {
  if (!existsSync(file)) throw new PeixunError(problem('fileMissing', { file }));
  // A FIFO, a device (/dev/zero) or a folder is no table file: refused at once rather than read for ever.
  if (!statSync(file).isFile()) throw new PeixunError(problem('fileNotRegular', { file }));
  // An unreadable file surfaced as an internal error.
  refuseUnreadable(file);
  const extension = extname(file).toLowerCase();
  if (extension === '.xlsx') {
    const { readXlsx } = await import('./xlsx.js');
    return readXlsx(file, options);
  }
  if (TEXT_EXTENSIONS.has(extension) || extension === '') return readDelimited(file, options);
  if (OLD_SPREADSHEET_EXTENSIONS.has(extension)) {
    // Platforms name a workbook .xls that is an .xlsx inside (a zip), or a web page's table: told by its bytes.
    const start = firstBytes(file, 2048);
    if (start.subarray(0, 4).equals(ZIP_SIGNATURE)) {
      const { readXlsx } = await import('./xlsx.js');
      return readXlsx(file, options);
    }
    if (/<(?:html|table)[\s>]/i.test(start.toString('latin1')))
      throw new PeixunError(problem('fileHtmlSpreadsheet', { file }));
    // Excel 97–2003 and WPS's own format: one Save As away from a file peixun reads.
    throw new PeixunError(problem('fileOldSpreadsheet', { file }));
  }
  throw new PeixunError(problem('fileType', { file, extension }));
}

const OLD_SPREADSHEET_EXTENSIONS = new Set(['.xls', '.et']);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function firstBytes(file: string, length: number): Buffer {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, readSync(descriptor, buffer, 0, length, 0));
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The files named, with a folder standing for the table files in it (a folder of sign-in sheets), in name
 * order. Rejects files that an earlier `--skip-invalid` wrote there are left out.
 */
export function expandFolders(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    if (!existsSync(path) || !statSync(path).isDirectory()) return [path];
    const files = readdirSync(path)
      // An .xls among them is read when it is an .xlsx inside, else refused saying how to save it: never left out.
      .filter((name) => {
        const extension = extname(name).toLowerCase();
        return (
          TEXT_EXTENSIONS.has(extension) || extension === '.xlsx' || OLD_SPREADSHEET_EXTENSIONS.has(extension)
        );
      })
      .filter((name) => !name.endsWith('.rejected.csv') && !name.startsWith('~$'))
      .sort()
      .map((name) => join(path, name));
    if (files.length === 0) throw new PeixunError(problem('folderEmpty', { folder: path }));
    return files;
  });
}
