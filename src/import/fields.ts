/** The columns of each import kind and every header name formats.md accepts for them. */
import { headerKey, type Cell } from './normalise.js';
import type { Slot } from '../domain/attendance.js';
import type { HeaderMapping, SessionSignInColumn } from './rows.js';
import { KINDS, type ImportKind } from './kinds/index.js';
import type { FieldSpec, KindSpec } from './kinds/spec.js';

export type { HeaderMapping };

export type { ImportKind };

/** Every kind, in the order a folder of files is imported (kinds/index.ts). */
export const IMPORT_KINDS: readonly ImportKind[] = KINDS.map((spec) => spec.kind);

/**
 * The kinds that are records of their own, exported to be imported again: a meeting list and a form are read into
 * sign-ins (their export is `export attendance`).
 */
export const RECORD_KINDS: readonly ImportKind[] = KINDS.filter((spec) => spec.records).map(
  (spec) => spec.kind,
);
export type RecordKind = ImportKind;

const SPECS = new Map<ImportKind, KindSpec>(KINDS.map((spec) => [spec.kind, spec]));

/** A kind's own declaration (kinds/<kind>.ts). */
export function kindSpec(kind: ImportKind): KindSpec {
  const spec = SPECS.get(kind);
  if (!spec) throw new Error(`no import kind ${kind}`);
  return spec;
}

const FIELDS = Object.fromEntries(KINDS.map((spec) => [spec.kind, spec.fields])) as Record<
  ImportKind,
  readonly FieldSpec[]
>;
const REQUIRED = Object.fromEntries(KINDS.map((spec) => [spec.kind, spec.required])) as Record<
  ImportKind,
  readonly (readonly string[])[]
>;
/** Fields that, all empty, make a row a non-record (a 合计 line, a signature line). */
export const KEY_FIELDS = Object.fromEntries(KINDS.map((spec) => [spec.kind, spec.keyFields])) as Record<
  ImportKind,
  readonly string[]
>;
const lookup = Object.fromEntries(KINDS.map((spec) => [spec.kind, aliasMap(spec.fields)])) as Record<
  ImportKind,
  Map<string, string>
>;

function aliasMap(
  specs: readonly FieldSpec[],
  which: 'headers' | 'otherwise' = 'headers',
): Map<string, string> {
  return new Map(
    specs.flatMap((spec) => (spec[which] ?? []).map((header) => [headerKey(header), spec.field] as const)),
  );
}

const lookupOtherwise = Object.fromEntries(
  IMPORT_KINDS.map((kind) => [kind, aliasMap(FIELDS[kind], 'otherwise')]),
) as Record<ImportKind, Map<string, string>>;

/**
 * A template's marks on a header, which say nothing of what the column holds: `*姓名`, `身份证号（必填）`,
 * `手机号【选填】`, and hints of how to write it: `身份证号码（18位）`, `联系电话（手机）`, `开始日期（如2023-07-05）`.
 * Only these words: a header such as `单位（原）` is another column, not `单位`.
 */
const TEMPLATE_MARKS =
  /^\*+|\*+$|[([【](?:必填项?|选填项?|非必填|可选|可不填|required|optional|\d+位(?:数字)?|手机|手机号|座机|固话|文本格式?|[如例][^()[\]【】]*|格式[^()[\]【】]*|请[^()[\]【】]*)[)\]】]$/u;

export function fieldForHeader(kind: ImportKind, header: Cell): string | undefined {
  const key = headerKey(header);
  return fieldForKey(kind, key) ?? fieldForKey(kind, asked(key));
}

function fieldForKey(kind: ImportKind, header: string): string | undefined {
  let key = header;
  let field = lookup[kind].get(key);
  for (let unmarked = key.replace(TEMPLATE_MARKS, ''); !field && unmarked !== key;) {
    key = unmarked;
    field = lookup[kind].get(key);
    unmarked = key.replace(TEMPLATE_MARKS, '');
  }
  return field;
}

/**
 * A form's question as the field it asks for: `您的姓名：`, `请输入您的手机号码`, `您所在的居委(村)？` → 姓名, 手机号码,
 * 所在居委. Tried only where the header as written names no field.
 */
function asked(key: string): string {
  return key
    .replace(/[:?？。]+$/u, '')
    .replace(/^请(?:输入|填写|选择|填入)?/u, '')
    .replace(/^(?:您|你)(?:的)?/u, '')
    .replace(/^所在的/u, '所在')
    .replace(/^(.+?)\((?:村|居|社区)\)$/u, '$1')
    .replace(/^(.+?)(?:是|为)$/u, '$1');
}

export function fieldsOf(kind: ImportKind): string[] {
  return FIELDS[kind].map((spec) => spec.field);
}

/** The header formats.md gives a field first: `姓名`, `班级编号`. */
export function canonicalHeader(kind: ImportKind, field: string): string {
  return FIELDS[kind].find((spec) => spec.field === field)?.headers[0] ?? field;
}

/** Every header a field is known by: `班级编号, 班次编号, 编号, class_code`. */
export function headersOf(kind: ImportKind, field: string): string[] {
  return [...(FIELDS[kind].find((spec) => spec.field === field)?.headers ?? [])];
}

export function acceptedHeaders(kind: ImportKind): string[] {
  return FIELDS[kind].flatMap((spec) => spec.headers);
}

export function requiredGroups(kind: ImportKind): readonly (readonly string[])[] {
  return REQUIRED[kind];
}

/** `aliases` adds header names of the user's own (a saved mapping): header → field. */
export function mapHeader(
  kind: ImportKind,
  cells: readonly Cell[],
  aliases: Readonly<Record<string, string>> = {},
): HeaderMapping {
  const own = new Map(Object.entries(aliases).map(([header, field]) => [headerKey(header), field]));
  const columns = new Map<string, number>();
  const unknown: string[] = [];
  const ignored: string[] = [];
  const claimed = new Map<string, string[]>();
  const unclaimed: number[] = [];
  const claim = (field: string, index: number) => {
    claimed.set(field, [...(claimed.get(field) ?? []), String(cells[index]).trim()]);
    if (!columns.has(field)) columns.set(field, index);
  };
  cells.forEach((cell, index) => {
    const text = headerKey(cell);
    if (text === '') return;
    const field = own.get(text) ?? fieldForHeader(kind, cell);
    if (field === IGNORED_COLUMN) ignored.push(String(cell).trim());
    else if (field) claim(field, index);
    else unclaimed.push(index);
  });
  const ownColumns = new Set(columns.keys());
  for (const index of unclaimed) {
    const key = headerKey(cells[index] ?? '');
    const field = lookupOtherwise[kind].get(key) ?? fieldLike(kind, key);
    if (field && !ownColumns.has(field)) claim(field, index);
    else unknown.push(String(cells[index]).trim());
  }
  const clashes = [...claimed]
    .filter(([, headers]) => headers.length > 1)
    .map(([field, headers]) => ({ field, headers }));
  return { columns, unknown: [...unknown, ...ignored], clashes, ignored };
}

/**
 * The field whose `otherwiseLike` a header matches. A session's own column (上午签到, 签到（下午）) is none: it is
 * read as that session's (sessionSignInColumns).
 */
function fieldLike(kind: ImportKind, key: string): string | undefined {
  if (SESSION_SIGN_IN_HEADER.test(key)) return undefined;
  return FIELDS[kind].find((spec) => spec.otherwiseLike?.test(key))?.field;
}

export function holdsRequired(kind: ImportKind, mapping: HeaderMapping): boolean {
  return REQUIRED[kind].every((group) => group.some((field) => mapping.columns.has(field)));
}

/**
 * A header that names a level of units (所属片区, 社区居委会, 网格) without being one of the unit columns: the
 * column says where people belong, and peixun would count them a level too high if it left it out (formats.md,
 * Units). Asked about on a terminal, refused elsewhere.
 */
const UNIT_LEVEL_HEADER =
  /^(?:所属|所在|归属)?[\p{Script=Han}()]{0,6}?(?:(?<![小地校园])区|区县|县|街道|街镇|乡镇|镇|乡|居委会?|居村|村居|村委会?|村|社区|居民区|片区|网格)(?:名称|名)?$/u;

export function unplacedUnitColumns(kind: ImportKind, mapping: HeaderMapping): string[] {
  if (!FIELDS[kind].some((spec) => spec.field === 'community')) return [];
  const ignored = new Set(mapping.ignored ?? []);
  return mapping.unknown.filter(
    (header) => !ignored.has(header) && UNIT_LEVEL_HEADER.test(headerKey(header)),
  );
}

/**
 * A column that says ID numbers under a header no field takes (身份证号/护照号), and that no saved mapping leaves
 * out: left out, its people would be told apart by name alone, a different person where a namesake exists.
 */
export function unreadIdColumn(kind: ImportKind, mapping: HeaderMapping): string | undefined {
  if (!fieldsOf(kind).includes('idNumber') || mapping.columns.has('idNumber')) return undefined;
  const ignored = new Set(mapping.ignored ?? []);
  return mapping.unknown.find((header) => !ignored.has(header) && /身份证|证件号/.test(header));
}

/** The fields an unplaced unit column may be said to be, at the terminal. */
export const UNIT_COLUMN_FIELDS = ['district', 'subdistrict', 'community', 'unit'] as const;
/** A saved alias that says: this column is not a unit, leave it out. */
export const IGNORED_COLUMN = '-';

/**
 * A sign-in sheet of a whole day, one line a person: a sign-in column for each session (上午签到, 下午签名,
 * 签到（上午）, 上午; 签到上午 where a 签到 group heads 上午 and 下午, withSubHeader). Only on sheets (the
 * attendance kind), only columns no field took.
 */
const SESSION_SIGN_IN_HEADER =
  /^(?:(上午|下午|晚上)场?(?:签到|签名|签字|考勤|出勤)?(?:情况|状态)?|(?:签到|签名|签字|考勤|出勤)(?:情况|状态)?(?:\((上午|下午|晚上)场?\)|(上午|下午|晚上)场?))$/u;

export function sessionSignInColumns(
  kind: ImportKind,
  cells: readonly Cell[],
  mapping: HeaderMapping,
): SessionSignInColumn[] {
  if (kind !== 'attendance') return [];
  const taken = new Set(mapping.columns.values());
  const columns: SessionSignInColumn[] = [];
  cells.forEach((cell, index) => {
    if (taken.has(index)) return;
    const found = SESSION_SIGN_IN_HEADER.exec(headerKey(cell));
    const slot = (found?.[1] ?? found?.[2] ?? found?.[3]) as Slot | undefined;
    if (slot) columns.push({ slot, index, header: String(cell).trim() });
  });
  return columns;
}

/**
 * A header of two rows, as offices draw one in Excel (formats.md, "A header of two rows"): a group cell
 * (签到情况, 所在单位) across the columns it heads, their own headers in the row below (上午 | 下午; 区 | 街镇 |
 * 居村), every other header merged down both rows, or blank below. `lower` is such a second row when each of its
 * cells is blank, repeats the cell above (merged down), or stands under a group; and the two rows together name
 * more columns than `upper` alone. Then the header they make, a column under a group named by its own cell (上午),
 * or by the group's and its own (上午 + 签到) where its own alone names nothing or names a column twice; else null,
 * and `lower` is data.
 */
export function withSubHeader(
  kind: ImportKind,
  upper: readonly Cell[],
  lower: readonly Cell[],
  aliases: Readonly<Record<string, string>> = {},
): { cells: Cell[]; mapping: HeaderMapping } | null {
  const width = Math.max(upper.length, lower.length);
  // A group's cell and the columns it spans: read merged, it repeats across them; from a CSV, blanks follow it.
  const group: (string | null)[] = [];
  for (let index = 0, text = '', start = -1; index < width; index++) {
    const key = headerKey(upper[index] ?? null);
    if (key !== '' && key !== text) [text, start] = [key, index];
    group.push(start >= 0 ? String(upper[start]).trim() : null);
  }
  const spans = (index: number) =>
    group[index] !== null && (group[index - 1] === group[index] || group[index + 1] === group[index]);
  const own: number[] = [];
  for (let index = 0; index < width; index++) {
    const below = headerKey(lower[index] ?? null);
    if (below === '' || below === headerKey(upper[index] ?? null)) continue;
    if (!spans(index)) return null;
    own.push(index);
  }
  if (own.length === 0) return null;
  const cells: Cell[] = Array.from({ length: width }, (_, index) => upper[index] ?? null);
  for (const index of own) cells[index] = String(lower[index]).trim();
  const named = (mapping: HeaderMapping, row: readonly Cell[]) =>
    new Set([
      ...mapping.columns.values(),
      ...sessionSignInColumns(kind, row, mapping).map((column) => column.index),
    ]);
  const alone = mapHeader(kind, cells, aliases);
  const clashing = new Set(alone.clashes.flatMap((clash) => clash.headers));
  const aloneNamed = named(alone, cells);
  for (const index of own) {
    const text = String(cells[index]);
    if (aloneNamed.has(index) && !clashing.has(text)) continue;
    const joined = `${group[index] ?? ''}${text}`;
    if (fieldForHeader(kind, joined) || SESSION_SIGN_IN_HEADER.test(headerKey(joined))) cells[index] = joined;
  }
  const mapping = mapHeader(kind, cells, aliases);
  const more = named(mapping, cells).size > named(mapHeader(kind, upper, aliases), upper).size;
  return more && mapping.clashes.length === 0 && holdsRequired(kind, mapping) ? { cells, mapping } : null;
}

/**
 * A sheet printed two or more to a line, as paper sign-in sheets are to save paper (formats.md): the header's
 * columns repeated side by side (序号 姓名 签名 | 序号 姓名 签名), with a blank column between them or none. Where
 * each block starts and how wide it is, or null.
 */
export function sideBySideBlocks(cells: readonly Cell[]): { starts: number[]; width: number } | null {
  const keys = cells.map((cell) => headerKey(cell));
  while (keys.length > 0 && keys[keys.length - 1] === '') keys.pop();
  for (let width = 2; width * 2 <= keys.length; width++)
    for (const gap of [0, 1]) {
      const stride = width + gap;
      if ((keys.length + gap) % stride !== 0) continue;
      const first = keys.slice(0, width);
      if (first[0] === '' || new Set(first.filter((key) => key !== '')).size < 2) continue;
      const starts = Array.from({ length: (keys.length + gap) / stride }, (_, block) => block * stride);
      const repeats = starts.every(
        (start) =>
          first.every((key, index) => keys[start + index] === key) &&
          (start === 0 || keys[start - 1] === '' || gap === 0),
      );
      if (repeats) return { starts, width };
    }
  return null;
}

/**
 * A header a file of this kind has: its required columns and, where the kind has columns only it has (a sign-in
 * sheet's status or time), one of them or a sign-in column a session. A roster's header is no sign-in sheet's.
 */
export function isKindHeader(kind: ImportKind, cells: readonly Cell[], mapping: HeaderMapping): boolean {
  const own = kindSpec(kind).ownColumns;
  return (
    holdsRequired(kind, mapping) &&
    (!own ||
      own.some((field) => mapping.columns.has(field)) ||
      sessionSignInColumns(kind, cells, mapping).length > 0)
  );
}
