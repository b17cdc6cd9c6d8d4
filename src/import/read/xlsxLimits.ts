/**
 * A workbook is checked before exceljs streams it: a 7 KB .xlsx can ask for 16 million merged cells, 1 MB can
 * hold 19 million shared strings, and exceljs would build them all in memory. The zip's directory is read here,
 * and each worksheet and the shared strings are inflated with a hard ceiling on their size (zlib's
 * maxOutputLength), so a lying size field cannot make memory grow either. Past any limit: a one-line refusal.
 */
import { readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { PeixunError, problem } from '../../errors.js';

export const XLSX_LIMITS = {
  fileBytes: 100 * 1024 * 1024,
  worksheetBytes: 96 * 1024 * 1024,
  // Shared texts are held while rows stream past: this many keep the import under 300 MB.
  sharedStringsBytes: 24 * 1024 * 1024,
  cells: 3_000_000,
  sharedStrings: 500_000,
  mergedRanges: 20_000,
  mergedCells: 500_000,
} as const;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** A merged range, rows and columns from 1. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** What the streaming reader needs to know beforehand: the sheets by name, and each one's merged ranges. */
export interface WorkbookOutline {
  sheets: { name: string; path: string }[];
  merges: Map<string, MergedRange[]>;
  rows: Map<string, number>;
}

/** Checks the limits and returns the workbook's outline; undefined for a file that is no zip (exceljs says why). */
export function inspectXlsx(file: string): WorkbookOutline | undefined {
  const refuse = (what: keyof typeof XLSX_LIMITS, limit: number) =>
    new PeixunError(problem('xlsxTooLarge', { file, what: problem(`xlsxLimit.${what}`), limit }));
  if (statSync(file).size > XLSX_LIMITS.fileBytes) throw refuse('fileBytes', XLSX_LIMITS.fileBytes);
  const zip = readFileSync(file);
  const entries = centralDirectory(zip);
  if (!entries) return undefined;
  const outline: WorkbookOutline = { sheets: [], merges: new Map(), rows: new Map() };
  for (const entry of entries) {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) {
      const xml = inflate(zip, entry, XLSX_LIMITS.worksheetBytes, () =>
        refuse('worksheetBytes', XLSX_LIMITS.worksheetBytes),
      );
      if (count(xml, '<c ') + count(xml, '<c>') > XLSX_LIMITS.cells) throw refuse('cells', XLSX_LIMITS.cells);
      const merges = [...xml.matchAll(/<mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)];
      if (merges.length > XLSX_LIMITS.mergedRanges) throw refuse('mergedRanges', XLSX_LIMITS.mergedRanges);
      let area = 0;
      const ranges: MergedRange[] = [];
      for (const [, c1 = 'A', r1 = '1', c2 = 'A', r2 = '1'] of merges) {
        const range = {
          top: Math.min(Number(r1), Number(r2)),
          bottom: Math.max(Number(r1), Number(r2)),
          left: Math.min(column(c1), column(c2)),
          right: Math.max(column(c1), column(c2)),
        };
        area += (range.right - range.left + 1) * (range.bottom - range.top + 1);
        ranges.push(range);
      }
      if (area > XLSX_LIMITS.mergedCells) throw refuse('mergedCells', XLSX_LIMITS.mergedCells);
      outline.merges.set(entry.name, ranges);
      outline.rows.set(entry.name, count(xml, '<row '));
    } else if (entry.name === 'xl/sharedStrings.xml') {
      const xml = inflate(zip, entry, XLSX_LIMITS.sharedStringsBytes, () =>
        refuse('sharedStringsBytes', XLSX_LIMITS.sharedStringsBytes),
      );
      if (count(xml, '<si>') + count(xml, '<si ') > XLSX_LIMITS.sharedStrings) {
        throw refuse('sharedStrings', XLSX_LIMITS.sharedStrings);
      }
    }
  }
  outline.sheets = sheetList(zip, entries);
  return outline;
}

/** The sheets in workbook order, each with its part's path (`xl/worksheets/sheet1.xml`). */
function sheetList(zip: Buffer, entries: Entry[]): { name: string; path: string }[] {
  const text = (name: string) => {
    const entry = entries.find((candidate) => candidate.name === name);
    return entry ? inflate(zip, entry, 16 * 1024 * 1024, () => new Error(name)) : '';
  };
  const targets = new Map<string, string>();
  for (const [relation] of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(relation)?.[1];
    const target = /\bTarget="([^"]*)"/.exec(relation)?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return [...text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)].flatMap(([sheet]) => {
    const name = /\bname="([^"]*)"/.exec(sheet)?.[1];
    const id = /\br:id="([^"]*)"/.exec(sheet)?.[1];
    const path = id ? targets.get(id) : undefined;
    return name && path ? [{ name: xmlText(name), path }] : [];
  });
}

function xmlText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The entries of the zip's central directory, or undefined when there is none. */
function centralDirectory(zip: Buffer): Entry[] | undefined {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) return undefined;
  const total = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let index = 0; index < total; index++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) return undefined;
    const nameLength = zip.readUInt16LE(offset + 28);
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      localOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return entries;
}

/** An entry's text, never more than `limit` bytes of it. */
function inflate(zip: Buffer, entry: Entry, limit: number, tooLarge: () => Error): string {
  const local = entry.localOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return '';
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, Math.min(zip.length, start + entry.compressedSize));
  if (entry.method === 0) {
    if (data.length > limit) throw tooLarge();
    return data.toString('utf8');
  }
  if (entry.method !== 8) return '';
  try {
    return inflateRawSync(data, { maxOutputLength: limit }).toString('utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
      throw tooLarge();
    return ''; // A damaged entry: exceljs reports the damage.
  }
}

function count(text: string, needle: string): number {
  let found = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) found++;
  return found;
}

/** `A` → 1, `XFD` → 16384. */
function column(letters: string): number {
  let value = 0;
  for (const letter of letters) value = value * 26 + (letter.charCodeAt(0) - 64);
  return value;
}
