/** Reading files as offices send them: encodings, delimiters, .xlsx. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../src/import/read/decode.js';
import { openTable, type ReadOptions, type SourceRow } from '../src/import/read/index.js';
import { readRecords } from '../src/import/table.js';
import { PeixunError } from '../src/errors.js';
import { english, FIXTURES, register, saveWorkbook, SMALL, tempFolder } from './helpers.js';

async function rowsOf(file: string, options = {}): Promise<SourceRow[]> {
  const table = await openTable(file, options);
  const rows: SourceRow[] = [];
  for await (const batch of table.rows) rows.push(...batch);
  return rows;
}

const HEADER = '姓名,身份证号,街镇\r\n';
const ROW = '王芳,310113198001010013,高境镇\r\n';

describe('encodings', () => {
  it('detects UTF-8 with and without BOM, UTF-16 with BOM, else GB18030', () => {
    expect(detectEncoding(Buffer.from('\uFEFF姓名', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('姓名', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名', 'utf16le')]))).toBe(
      'utf-16le',
    );
    // 姓名 in GBK: D0 D5 C3 FB, not valid UTF-8.
    expect(detectEncoding(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]))).toBe('gb18030');
  });

  it('reads the same rows from UTF-8, GB18030 and UTF-16 (tab-separated, as Excel saves "Unicode text")', async () => {
    const folder = tempFolder();
    const utf8 = join(folder, 'utf8.csv');
    const gbk = join(folder, 'gbk.csv');
    const utf16 = join(folder, 'unicode.txt');
    writeFileSync(utf8, HEADER + ROW);
    writeFileSync(gbk, encodeGb18030(HEADER + ROW));
    writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from((HEADER + ROW).replace(/,/g, '\t'), 'utf16le')]),
    );
    const expected = [
      { row: 1, cells: ['姓名', '身份证号', '街镇'], plain: true },
      { row: 2, cells: ['王芳', '310113198001010013', '高境镇'], plain: true },
    ];
    expect(await rowsOf(utf8)).toEqual(expected);
    expect(await rowsOf(gbk)).toEqual(expected);
    expect(await rowsOf(utf16)).toEqual(expected);
  });

  it('a file that is not text in the named encoding is rejected, naming it', async () => {
    const file = join(tempFolder(), 'bad.csv');
    writeFileSync(file, Buffer.from([0x80, 0x81, 0xff, 0xfe, 0x00, 0x41]));
    await expect(rowsOf(file, { encoding: 'utf-8' })).rejects.toMatchObject({
      problem: { code: 'encodingForcedFailed', params: { file, encoding: 'utf-8' } },
    });
  });

  it('quoted fields keep commas and line breaks; rows are numbered as records', async () => {
    const file = join(tempFolder(), 'quoted.csv');
    writeFileSync(file, '姓名,备注\n"王芳","一,二\n三"\n李四,x\n');
    expect(await rowsOf(file)).toEqual([
      { row: 1, cells: ['姓名', '备注'], plain: true },
      // A line break is no plain text: the cell rules make it a space.
      { row: 2, cells: ['王芳', '一,二\n三'], plain: false },
      { row: 3, cells: ['李四', 'x'], plain: true },
    ]);
  });

  it('says which rows the cell rules would leave as they are, in the worker as on the main thread', async () => {
    const file = join(tempFolder(), 'plain.csv');
    const lines = [
      '姓名,身份证号,签到',
      '王芳,31011319800101001X,出勤',
      '王 芳,310113198001010013,出勤',
      '王\u200b芳,310113198001010013,出勤',
      "李四,'=1+2,出勤",
      '李四,ＡＢ12,出勤',
      ',,',
    ];
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    const expected = [true, true, false, false, false, false, true];
    for (const parseInWorker of [false, true])
      expect((await rowsOf(file, { parseInWorker })).map((row) => row.plain)).toEqual(expected);
  });
});

/** GB18030 encoding for tests, from the decoder: every character used here is in GBK's two-byte range. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const character = decoder.decode(new Uint8Array([lead, trail]));
      if (!table.has(character)) table.set(character, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(character);
      if (!pair) throw new Error(`no GBK code for ${character}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

describe('header detection', () => {
  it('skips title rows and names the header row', async () => {
    const file = join(tempFolder(), 'titled.csv');
    writeFileSync(
      file,
      '2023年第三季度社区工作者培训签到表,,\n培训日期：2023年7月5日 上午,,\n\n' + HEADER + ROW + '合计,,\n',
    );
    const table = await openTable(file, {});
    const records = await readRecords(table.rows, 'trainees', file);
    expect(records.header.row).toBe(4);
    expect(records.header.titleText).toContain('培训日期:2023年7月5日上午');
    const rows = [];
    for await (const batch of records.rows)
      for (const row of batch) rows.push('skipped' in row ? `skipped ${row.skipped}` : row.text('name'));
    expect(rows).toEqual(['王芳', 'skipped 6']);
  });

  it('without the required columns in the first 10 rows, lists what it found and what it accepts', async () => {
    const file = join(tempFolder(), 'odd.csv');
    writeFileSync(file, 'Full name,Identity\nWang Fang,310113198001010013\n');
    const table = await openTable(file, {});
    const error = await readRecords(table.rows, 'trainees', file).catch((thrown: PeixunError) => thrown);
    expect(error).toBeInstanceOf(PeixunError);
    expect((error as PeixunError).details.map(english)).toEqual([
      expect.stringContaining('Full name, Identity'),
      expect.stringContaining('学员姓名'),
    ]);
  });
});

describe('.xlsx', () => {
  async function signInWorkbook(file: string): Promise<void> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('签到');
    sheet.addRow(['居村书记轮训班签到表']);
    sheet.mergeCells('A1:F1');
    sheet.addRow([]);
    sheet.addRow(['班级编号', '日期', '身份证号', '姓名', '签到状态', '学时']);
    sheet.addRow(['K1', new Date(Date.UTC(2023, 6, 10)), '310113198001010013', '张三', '出勤', 2]);
    // A serial date, and hours as a formula whose cached result counts.
    sheet.addRow([
      'K1',
      45117,
      '31011319851212002X',
      { richText: [{ text: '李' }, { text: '四' }] },
      '迟到',
      { formula: '1+1', result: 2 },
    ]);
    sheet.addRow(['K1', new Date(Date.UTC(2023, 6, 10)), 310113199005050000, '王五', '出勤', 2]);
    workbook.addWorksheet('备注');
    await saveWorkbook(workbook, file);
  }

  it('reads typed cells: dates, serials, rich text, formulas; rows numbered as Excel shows them', async () => {
    const file = join(tempFolder(), 'signin.xlsx');
    await signInWorkbook(file);
    const rows = await rowsOf(file);
    expect(rows.map((row) => row.row)).toEqual([1, 3, 4, 5, 6]);
    expect(rows[2]?.cells[1]).toBeInstanceOf(Date);
    expect(rows[3]?.cells).toEqual(['K1', 45117, '31011319851212002X', '李四', '迟到', 2]);
  });

  it('imports through the CLI, an ID stored as a number gets the Excel message, --sheet lists sheets', async () => {
    const peixun = register();
    const file = join(peixun.folder, 'signin.xlsx');
    await signInWorkbook(file);
    const result = await peixun.run('import', 'attendance', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:6 身份证号: Excel converted this column to a number`);
    const wrongSheet = await peixun.run('import', 'attendance', file, '--sheet', '汇总');
    expect(wrongSheet.code).toBe(1);
    expect(wrongSheet.stderr).toContain('the sheets are: 签到, 备注');
  });
});

describe('workbooks with an instructions sheet first', () => {
  const workbook = async (path: string, sheets: [string, string[][]][]) => {
    const book = new ExcelJS.Workbook();
    for (const [name, rows] of sheets) book.addWorksheet(name).addRows(rows);
    await saveWorkbook(book, path);
  };

  it('reads the first sheet with the header it needs, and says which; none: lists the sheets', async () => {
    const peixun = register();
    const file = join(peixun.folder, 'roster.xlsx');
    await workbook(file, [
      ['填表说明', [['请在“学员”工作表填写'], ['身份证号为 18 位']]],
      [
        '学员',
        [
          ['姓名', '身份证号'],
          ['张三', '310113198001010013'],
        ],
      ],
    ]);
    const result = JSON.parse((await peixun.ok('import', 'trainees', file, '--json')).stdout) as {
      counts: { inserted: number };
      files: { sheet: string }[];
    };
    expect(result.counts.inserted).toBe(1);
    expect(result.files[0]?.sheet).toBe('学员');
    const none = join(peixun.folder, 'none.xlsx');
    await workbook(none, [
      ['填表说明', [['说明']]],
      ['备注', [['无']]],
    ]);
    const refused = await peixun.run('import', 'trainees', none);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no sheet has such a header: 填表说明, 备注 (name one with --sheet)');
  });
});

describe('a large text file is parsed in a worker thread, row for row as on the main thread', () => {
  /** Every row and the encoding found, read one way or the other. */
  async function read(file: string, options: ReadOptions) {
    const table = await openTable(file, options);
    const rows: SourceRow[] = [];
    let batches = 0;
    for await (const batch of table.rows) {
      rows.push(...batch);
      batches++;
    }
    return { rows, batches, encoding: table.info.encoding, fraction: table.fractionRead() };
  }

  async function failure(file: string, options: ReadOptions): Promise<unknown> {
    try {
      await read(file, options);
    } catch (error) {
      return error;
    }
    throw new Error(`${file} read without an error`);
  }

  it('the examples, GB18030, UTF-16 and a file of several batches read the same in both', async () => {
    const folder = tempFolder();
    const utf16 = join(folder, 'unicode.txt');
    writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from((HEADER + ROW).replace(/,/g, '\t'), 'utf16le')]),
    );
    // 5,500 records: six batches of at most 1,000, more than the worker may send ahead of the reader.
    const many = join(folder, 'many.csv');
    const lines = Array.from({ length: 5_500 }, (_, index) => `学员${index},"备注,${index}",${index % 7}`);
    writeFileSync(many, ['姓名,备注,次数', ...lines].join('\r\n') + '\r\n');
    const examples = join(import.meta.dirname, 'fixtures', 'examples');
    const files = [
      ...['attendance-gbk.csv', 'attendance-messy-utf8.csv', 'classes-gbk.csv', 'trainees.csv'].map((name) =>
        join(examples, name),
      ),
      utf16,
      many,
    ];
    for (const file of files) {
      const here = await read(file, { parseInWorker: false });
      const inWorker = await read(file, { parseInWorker: true });
      expect(inWorker, file).toEqual(here);
      expect(here.rows.length, file).toBeGreaterThan(1);
      expect(here.fraction, file).toBe(1);
    }
    const counted = await read(many, { parseInWorker: true });
    expect(counted.rows.length).toBe(5_501);
    expect(counted.batches).toBeGreaterThan(5);
    expect(counted.rows.at(-1)).toEqual({ row: 5_501, cells: ['学员5499', '备注,5499', '4'], plain: true });
  });

  it('a file it cannot read is refused with the same problem, file and row', async () => {
    const folder = tempFolder();
    const notUtf8 = join(folder, 'bad.csv');
    writeFileSync(notUtf8, Buffer.from([0x80, 0x81, 0xff, 0xfe, 0x00, 0x41]));
    const brokenQuote = join(folder, 'quote.csv');
    writeFileSync(brokenQuote, '姓名,备注\n王芳,x\n李四,"未完\n');
    for (const [file, options] of [
      [notUtf8, { encoding: 'utf-8' }],
      [brokenQuote, {}],
    ] as const) {
      const here = await failure(file, { ...options, parseInWorker: false });
      const inWorker = await failure(file, { ...options, parseInWorker: true });
      expect(here).toBeInstanceOf(PeixunError);
      expect(inWorker).toBeInstanceOf(PeixunError);
      expect((inWorker as PeixunError).problem).toEqual((here as PeixunError).problem);
    }
  });

  it('a reader that stops early lets the worker go (the test would otherwise never end)', async () => {
    const file = join(tempFolder(), 'long.csv');
    writeFileSync(file, '姓名\n' + '王芳\n'.repeat(20_000));
    const table = await openTable(file, { parseInWorker: true });
    for await (const batch of table.rows) {
      expect(batch[0]).toEqual({ row: 1, cells: ['姓名'], plain: true });
      break;
    }
  });
});

/**
 * Workbooks as other programs write them (test/fixtures/workbooks, made by those programs or, where they cannot
 * run here, part by part as they write: make.py there). Each read as empty, as broken or as another sheet before.
 */
describe('workbooks from other programs read like Excel’s', () => {
  const WORKBOOKS = join(FIXTURES, 'workbooks');
  const texts = (rows: SourceRow[]) =>
    rows.map((row) =>
      row.cells.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell)),
    );

  it('openpyxl: absolute part paths, the workbook after its sheets; the roster sheet after an instructions sheet', async () => {
    const file = join(WORKBOOKS, 'openpyxl-trainees.xlsx');
    expect((await openTable(file, {})).info.sheets).toEqual(['填表说明', '学员']);
    expect(texts(await rowsOf(file, { sheet: '学员' }))[1]).toEqual([
      '张三',
      '310113198001010013',
      '13800000001',
      '宝山区',
      '高境镇',
      '高境一村居委',
      '社区工作者',
    ]);
    const peixun = register();
    const result = JSON.parse((await peixun.ok('import', 'trainees', file, '--json')).stdout) as {
      counts: { inserted: number };
      files: { sheet: string }[];
    };
    expect(result.counts.inserted).toBe(2);
    expect(result.files[0]?.sheet).toBe('学员');
  });

  it('pandas: inline strings, dates in a custom YYYY-MM-DD HH:MM:SS format, imported as sign-ins', async () => {
    const file = join(WORKBOOKS, 'pandas-attendance.xlsx');
    const rows = await rowsOf(file);
    expect(rows[1]?.cells[1]).toBeInstanceOf(Date);
    expect(texts(rows)).toEqual([
      ['班级编号', '日期', '时段', '身份证号', '姓名', '签到状态', '学时'],
      ['K1', '2023-07-10', '上午', '310113198001010013', '张三', '出勤', 2],
      ['K1', '2023-07-10', '下午', '310113198001010013', '张三', '迟到', 2],
      ['K1', '2023-07-17', '上午', '31011319851212002X', '李四', '出勤', 2],
    ]);
    const peixun = register();
    await peixun.ok('import', 'trainees', join(SMALL, 'trainees.csv'));
    await peixun.ok('import', 'classes', join(SMALL, 'classes.csv'));
    const result = JSON.parse((await peixun.ok('import', 'attendance', file, '--json')).stdout) as {
      counts: { inserted: number };
    };
    expect(result.counts.inserted).toBe(3);
  });

  it('a platform export: no shared strings, styles or dimension, rows and cells without r, prefixed elements', async () => {
    const file = join(WORKBOOKS, 'platform-trainees.xlsx');
    expect((await openTable(file, {})).info.sheet).toBe('导出数据');
    expect(await rowsOf(file)).toEqual([
      { row: 1, cells: ['姓名', '身份证号', '街镇'] },
      { row: 2, cells: ['王五', '310113199005050033', '高境镇'] },
      { row: 3, cells: ['赵六', '310113197511110044', '罗店镇'] },
    ]);
  });

  it('exceljs’s own workbook with workbook.xml last in the zip (the order that failed one run in two)', async () => {
    const file = join(WORKBOOKS, 'exceljs-workbook-last.xlsx');
    const peixun = register();
    const result = JSON.parse((await peixun.ok('import', 'trainees', file, '--json')).stdout) as {
      counts: { inserted: number };
      files: { sheet: string }[];
    };
    expect(result).toMatchObject({ counts: { inserted: 1 }, files: [{ sheet: '学员' }] });
  });

  it('Excel: sheet ids that are not part numbers, a Chinese built-in date format, an escaped line break', async () => {
    // The first tab, 签到, is sheet2.xml with sheetId 3; 旧表 is sheet1.xml.
    const file = join(WORKBOOKS, 'excel-sheet-ids.xlsx');
    expect((await openTable(file, {})).info.sheets).toEqual(['签到', '旧表']);
    const rows = await rowsOf(file);
    expect(rows.map((row) => row.row)).toEqual([1, 3, 4]);
    expect(rows[1]?.cells[1]).toEqual(new Date(Date.UTC(2023, 6, 10)));
    expect(rows[2]?.cells[3]).toBe('李\r四');
    expect(texts(await rowsOf(file, { sheet: '旧表' }))).toEqual([['旧表', '作废']]);
  });
});
