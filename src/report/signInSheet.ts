/**
 * The printed sign-in sheet, as an office makes it: the class's name and 签到表 as title, the date, slot, venue
 * and class code below it, then 序号 / 姓名 / 单位 / 签到 with a row tall enough to sign in, on A4 portrait, the
 * header repeated on every page. It is a Chinese form whatever the language of the terminal: the title and
 * headers are what `import attendance` reads back.
 */
import ExcelJS from 'exceljs';
import type { SignInSheet } from '../register/signInSheet.js';
import { CHINESE_FONTS, escape } from './html.js';

/** Empty lines for people who come without being on the roster (they write their name and unit). */
const WALK_IN_LINES = 3;
const HEADERS = ['序号', '姓名', '单位', '签到'];
/** The space a Chinese form puts between its fields. */
const IDEOGRAPHIC_SPACE = '\u3000';

const chineseDate = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};

export function sheetTitle(sheet: SignInSheet): string {
  return `${sheet.className}签到表`;
}

/** The line under the title: everything the import needs besides the class name, and where to go. */
export function sheetSubtitle(sheet: SignInSheet): string {
  return [
    `培训日期：${chineseDate(sheet.date)}${sheet.slot ? ` ${sheet.slot}` : ''}`,
    sheet.time ? `时间：${sheet.time}` : '',
    sheet.venue ? `地点：${sheet.venue}` : '',
    sheet.teacher ? `授课教师：${sheet.teacher}` : '',
    `班级编号：${sheet.code}`,
  ]
    .filter(Boolean)
    .join(IDEOGRAPHIC_SPACE);
}

const expected = (sheet: SignInSheet) =>
  [`应到 ${sheet.entries.length} 人`, '实到 ____ 人', '记录人：__________'].join(IDEOGRAPHIC_SPACE);

export async function signInWorkbook(sheet: SignInSheet): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const page = workbook.addWorksheet('签到表', {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  [6, 14, 44, 22].forEach((width, index) => (page.getColumn(index + 1).width = width));
  const merged = (text: string, options: { size: number; bold?: boolean; height: number }) => {
    const row = page.addRow([text]);
    page.mergeCells(row.number, 1, row.number, HEADERS.length);
    row.font = { size: options.size, bold: options.bold };
    row.alignment = { horizontal: 'center', vertical: 'middle' };
    row.height = options.height;
  };
  merged(sheetTitle(sheet), { size: 16, bold: true, height: 30 });
  merged(sheetSubtitle(sheet), { size: 11, height: 20 });
  page.addRow([]);
  const head = page.addRow(HEADERS);
  head.font = { bold: true };
  head.height = 22;
  page.pageSetup.printTitlesRow = `${head.number}:${head.number}`;
  const lines = [
    ...sheet.entries.map((entry, index) => [index + 1, entry.name, entry.unit, '']),
    ...Array.from({ length: WALK_IN_LINES }, () => ['', '', '', '']),
  ];
  for (const values of lines) {
    const row = page.addRow(values);
    row.height = 28;
  }
  for (let number = head.number; number <= head.number + lines.length; number++) {
    const row = page.getRow(number);
    for (let column = 1; column <= HEADERS.length; column++) {
      const cell = row.getCell(column);
      cell.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
      cell.alignment = { vertical: 'middle', horizontal: column === 3 ? 'left' : 'center' };
      // Names and units as text, never evaluated (a name typed `=HYPERLINK(…)`), as every other workbook writes them.
      if (typeof cell.value === 'string') cell.numFmt = '@';
    }
  }
  page.addRow([]);
  // In the first cell only, overflowing to the right: merged, a reader would see it in every column of the row.
  page.addRow([expected(sheet)]).alignment = { horizontal: 'left' };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const STYLE = `
@page { size: A4 portrait; margin: 15mm 14mm; }
body { font-family: ${CHINESE_FONTS};
  color: #000; margin: 24px; font-size: 14px; }
h1 { font-size: 22px; text-align: center; margin: 0 0 6px; }
.subtitle { text-align: center; margin: 0 0 14px; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
th, td { border: 1px solid #000; padding: 0 8px; height: 11mm; }
th { height: 9mm; }
td.number, td.sign, th { text-align: center; }
col.number { width: 8%; } col.name { width: 18%; } col.unit { width: 46%; } col.sign { width: 28%; }
tr { break-inside: avoid; }
.footer { margin-top: 12px; }
@media print { body { margin: 0; } }
`;

/** The same sheet as one self-contained page that prints on A4 from any browser. */
export function signInPage(sheet: SignInSheet): string {
  const lines = [
    ...sheet.entries.map((entry, index) => [String(index + 1), entry.name, entry.unit]),
    ...Array.from({ length: WALK_IN_LINES }, () => ['', '', '']),
  ];
  const rows = lines
    .map(
      ([number, name, unit]) =>
        `<tr><td class="number">${escape(number ?? '')}</td><td>${escape(name ?? '')}</td><td>${escape(unit ?? '')}</td><td class="sign"></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(sheetTitle(sheet))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(sheetTitle(sheet))}</h1>
<p class="subtitle">${escape(sheetSubtitle(sheet))}</p>
<table>
<colgroup><col class="number"><col class="name"><col class="unit"><col class="sign"></colgroup>
<thead><tr>${HEADERS.map((header) => `<th>${header}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="footer">${escape(expected(sheet))}</p>
</body>
</html>
`;
}
