/**
 * An .xlsx file as a package of parts, read from the zip's central directory, whatever program wrote it.
 *
 * exceljs's streaming reader took the parts in the order they stand in the zip and matched them by fixed paths,
 * so a workbook whose `workbook.xml` came after its sheets (exceljs's own writer does that now and then), whose
 * relationships name parts by absolute path (openpyxl, pandas) or whose sheet ids differ from their part
 * numbers read as broken, as empty or as another sheet. Here the parts are found as the package's
 * relationships say (ECMA-376 part 2), in any order and any spelling of their paths.
 *
 * It is also the guard: a 7 KB .xlsx can ask for 16 million merged cells, 1 MB can hold 19 million shared
 * strings. Each part is inflated with a hard ceiling on its size (zlib's maxOutputLength), so a lying size field
 * cannot make memory grow either; past any limit, a one-line refusal.
 */
import { readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
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

/** The small parts (relationships, workbook, styles) are never this large in a real workbook. */
const SMALL_PART_BYTES = 16 * 1024 * 1024;

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

export interface SheetPart {
  name: string;
  /** The part's name in the zip, as the relationships resolve it: `xl/worksheets/sheet1.xml`. */
  path: string;
  merges: MergedRange[];
  /** `<row>` elements in the part: how far a stream has come. */
  rows: number;
}

/** What a reader needs to know before it streams a sheet. */
export interface WorkbookPackage {
  sheets: SheetPart[];
  sharedStringsPath: string | undefined;
  stylesPath: string | undefined;
  /** Dates count from 1904 (Excel for Mac's old default) rather than 1900. */
  date1904: boolean;
  /** A part's inflated bytes as a stream; empty when the part is missing. */
  stream(path: string): Readable;
  /** A small part's text. */
  text(path: string): string;
}

const RELATIONSHIP = {
  officeDocument: /\/officeDocument$/,
  worksheet: /\/worksheet$/,
  sharedStrings: /\/sharedStrings$/,
  styles: /\/styles$/,
};

/** The workbook's parts, checked against the limits; undefined for a file that is no sound package. */
export function openWorkbookPackage(file: string): WorkbookPackage | undefined {
  const refuse = (what: keyof typeof XLSX_LIMITS, limit: number) =>
    new PeixunError(problem('xlsxTooLarge', { file, what: problem(`xlsxLimit.${what}`), limit }));
  if (statSync(file).size > XLSX_LIMITS.fileBytes) throw refuse('fileBytes', XLSX_LIMITS.fileBytes);
  const zip = readFileSync(file);
  const entries = centralDirectory(zip);
  if (!entries) return undefined;
  // Part names are compared without case (ECMA-376 part 2, 9.1.1.1).
  const byName = new Map(entries.map((entry) => [entry.name.toLowerCase(), entry]));
  const entry = (path: string) => byName.get(path.toLowerCase());
  const text = (path: string, limit = SMALL_PART_BYTES, tooLarge?: () => Error): string => {
    const found = entry(path);
    return found
      ? inflate(zip, found, limit, tooLarge ?? (() => new PeixunError(problem('xlsxBroken', { file }))))
      : '';
  };

  const workbookPath =
    relationships(text('_rels/.rels'), '').find((relation) => RELATIONSHIP.officeDocument.test(relation.type))
      ?.target ?? 'xl/workbook.xml';
  const workbookXml = text(workbookPath);
  if (workbookXml === '') return undefined;
  const related = relationships(text(relsPathOf(workbookPath)), posix.dirname(workbookPath));
  const targetOf = (pattern: RegExp) => related.find((relation) => pattern.test(relation.type))?.target;
  const targets = new Map(related.map((relation) => [relation.id, relation]));

  const workbook = elements(workbookXml, new Set(['sheet', 'workbookPr']));
  const date1904 = workbook.some(
    (element) => element.name === 'workbookPr' && /^(1|true)$/.test(element.attributes.date1904 ?? ''),
  );
  const sheets: SheetPart[] = [];
  for (const element of workbook) {
    if (element.name !== 'sheet') continue;
    const relation = targets.get(element.attributes.id ?? '');
    const name = element.attributes.name;
    if (!name || !relation || !RELATIONSHIP.worksheet.test(relation.type)) continue;
    const xml = text(relation.target, XLSX_LIMITS.worksheetBytes, () =>
      refuse('worksheetBytes', XLSX_LIMITS.worksheetBytes),
    );
    if (count(xml, /<(?:[\w.-]+:)?c[\s/>]/g) > XLSX_LIMITS.cells) throw refuse('cells', XLSX_LIMITS.cells);
    const merges = mergedRanges(xml);
    if (merges.length > XLSX_LIMITS.mergedRanges) throw refuse('mergedRanges', XLSX_LIMITS.mergedRanges);
    const area = merges.reduce(
      (sum, range) => sum + (range.right - range.left + 1) * (range.bottom - range.top + 1),
      0,
    );
    if (area > XLSX_LIMITS.mergedCells) throw refuse('mergedCells', XLSX_LIMITS.mergedCells);
    sheets.push({ name, path: relation.target, merges, rows: count(xml, /<(?:[\w.-]+:)?row[\s/>]/g) });
  }

  const sharedStringsPath = targetOf(RELATIONSHIP.sharedStrings);
  if (sharedStringsPath) {
    const xml = text(sharedStringsPath, XLSX_LIMITS.sharedStringsBytes, () =>
      refuse('sharedStringsBytes', XLSX_LIMITS.sharedStringsBytes),
    );
    if (count(xml, /<(?:[\w.-]+:)?si[\s/>]/g) > XLSX_LIMITS.sharedStrings)
      throw refuse('sharedStrings', XLSX_LIMITS.sharedStrings);
  }

  return {
    sheets,
    sharedStringsPath,
    stylesPath: targetOf(RELATIONSHIP.styles),
    date1904,
    text: (path) => text(path),
    stream: (path) => {
      const found = entry(path);
      if (!found) return Readable.from([]);
      const data = compressed(zip, found);
      if (found.method === 0) return Readable.from([data]);
      // The part was inflated once already under its ceiling; the ceiling holds here too.
      const inflater = createInflateRaw({ maxOutputLength: XLSX_LIMITS.worksheetBytes });
      inflater.end(data);
      return inflater;
    },
  };
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

interface Relationship {
  id: string;
  type: string;
  /** The part's name in the zip: relative targets resolved against the source's folder, `/` dropped. */
  target: string;
}

function relationships(xml: string, folder: string): Relationship[] {
  return elements(xml, new Set(['Relationship'])).flatMap(({ attributes }) => {
    const { Id: id, Type: type, Target: target, TargetMode: mode } = attributes;
    if (!id || !type || !target || mode === 'External') return [];
    const path = target.startsWith('/') ? target.slice(1) : posix.join(folder, target);
    return [{ id, type, target: posix.normalize(percentDecoded(path)).replace(/^(\.\.\/)+/, '') }];
  });
}

/** Part names may be percent-encoded in a target (`sheet%201.xml`); a stray `%` is kept as it is. */
function percentDecoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

interface XmlElement {
  name: string;
  /** By local name: `r:id` is `id`. */
  attributes: Record<string, string>;
}

/**
 * The elements of the given local names in a small part, with their attributes, in document order. Prefixes
 * are dropped: some writers (the .NET Open XML SDK) spell every element `x:sheet`. A part that is not XML
 * yields what was read before the fault, as a damaged part tells no more.
 */
function elements(xml: string, names: ReadonlySet<string>): XmlElement[] {
  const found: XmlElement[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (!names.has(name)) return;
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attributes[localName(key)] = String(value);
    found.push({ name, attributes });
  });
  try {
    parser.write(xml).close();
  } catch {
    // A damaged part: what was read before the fault stands.
  }
  return found;
}

export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** A sheet's merged ranges, read from its `<mergeCell ref="A1:C1"/>` elements. */
function mergedRanges(xml: string): MergedRange[] {
  const ranges: MergedRange[] = [];
  for (const [, c1 = 'A', r1 = '1', c2 = c1, r2 = r1] of xml.matchAll(
    /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref="\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?"/g,
  )) {
    ranges.push({
      top: Math.min(Number(r1), Number(r2)),
      bottom: Math.max(Number(r1), Number(r2)),
      left: Math.min(columnNumber(c1), columnNumber(c2)),
      right: Math.max(columnNumber(c1), columnNumber(c2)),
    });
  }
  return ranges;
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
      // Some writers store `xl\worksheets\sheet1.xml`.
      name: zip
        .toString('utf8', offset + 46, offset + 46 + nameLength)
        .replace(/\\/g, '/')
        .replace(/^\//, ''),
    });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return entries;
}

/** An entry's stored bytes. */
function compressed(zip: Buffer, entry: Entry): Buffer {
  const local = entry.localOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return Buffer.alloc(0);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  return zip.subarray(start, Math.min(zip.length, start + entry.compressedSize));
}

/** An entry's text, never more than `limit` bytes of it; '' for a damaged entry (the reader then says so). */
function inflate(zip: Buffer, entry: Entry, limit: number, tooLarge: () => Error): string {
  const data = compressed(zip, entry);
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
    return '';
  }
}

function count(text: string, pattern: RegExp): number {
  let found = 0;
  for (const _ of text.matchAll(pattern)) found++;
  return found;
}

/** `A` → 1, `XFD` → 16384. */
export function columnNumber(letters: string): number {
  let value = 0;
  for (const letter of letters) value = value * 26 + (letter.charCodeAt(0) - 64);
  return value;
}
