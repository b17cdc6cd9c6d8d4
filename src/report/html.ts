/**
 * One self-contained page: inline CSS and SVG, no script, nothing fetched; prints on A4. A bar chart per
 * figure follows each table whose rows are groups.
 */
import { formatCell, formattedRows, type ReportTable, type Section } from './model.js';

/** Text as HTML shows it, never as markup. */
export const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Fonts that show Chinese on Windows, macOS and Linux, in that order of likelihood at an office. */
export const CHINESE_FONTS =
  '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

const STYLE = `
@page { size: A4; margin: 14mm; }
body { font-family: ${CHINESE_FONTS};
  color: #1d2433; margin: 24px; font-size: 13px; }
h1 { font-size: 20px; margin: 0 0 4px; }
.subtitle { color: #555; margin: 0 0 16px; }
h2 { font-size: 15px; margin: 20px 0 8px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
th, td { border: 1px solid #c9d1dc; padding: 4px 6px; }
th { background: #eef2f7; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; background: #f7f9fb; }
.charts { display: grid; grid-template-columns: repeat(2, 1fr); gap: 12px; }
figure { margin: 0; break-inside: avoid; border: 1px solid #e2e7ee; padding: 8px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.notes, .definitions { color: #444; font-size: 12px; }
.warnings { color: #8a5a00; }
@media print { body { margin: 0; } .charts { grid-template-columns: repeat(2, 1fr); } }
`;

export function htmlPage(table: ReportTable): string {
  const body = [
    `<h1>${escape(table.title)}</h1>`,
    `<p class="subtitle">${escape(table.subtitle)}</p>`,
    ...table.sections.flatMap((section) => [
      section.heading ? `<h2>${escape(section.heading)}</h2>` : '',
      sectionTable(section),
      section.chart ? charts(section) : '',
    ]),
    table.warnings.length > 0
      ? `<ul class="warnings">${table.warnings.map((warning) => `<li>${escape(warning)}</li>`).join('')}</ul>`
      : '',
    `<div class="notes">${table.notes.map((note) => `<p>${escape(note)}</p>`).join('')}</div>`,
    `<div class="definitions"><ol>${table.definitions.map((line) => `<li>${escape(line)}</li>`).join('')}</ol></div>`,
  ];
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(table.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.filter(Boolean).join('\n')}
</body>
</html>
`;
}

function sectionTable(section: Section): string {
  const head = section.columns.map((column) => `<th>${escape(column.label)}</th>`).join('');
  const rows = formattedRows(section).map((cells, index) => {
    const total = index >= section.rows.length - section.totals;
    const tds = cells
      .map((cell, column) => {
        const numeric = section.columns[column]?.kind !== 'text';
        return `<td${numeric ? ' class="num"' : ''}>${escape(cell)}</td>`;
      })
      .join('');
    return `<tr${total ? ' class="total"' : ''}>${tds}</tr>`;
  });
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const BAR_HEIGHT = 18;
const LABEL_WIDTH = 120;
const BAR_WIDTH = 200;

/** One horizontal bar chart per figure, over the group rows (totals left out: they would dwarf the rest). */
function charts(section: Section): string {
  const groups = section.rows.slice(0, section.rows.length - section.totals);
  if (groups.length === 0) return '';
  const numeric = section.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.kind !== 'text');
  const figures = (section.chart === 'last' ? numeric.slice(-1) : numeric).map(({ column, index }) => {
    const values = groups.map((row) => (typeof row[index] === 'number' ? (row[index] as number) : null));
    const max = Math.max(0, ...values.map((value) => value ?? 0));
    const height = groups.length * BAR_HEIGHT + 4;
    const bars = groups.map((row, position) => {
      const value = values[position] ?? null;
      const y = position * BAR_HEIGHT + 2;
      const width = value !== null && max > 0 ? (value / max) * BAR_WIDTH : 0;
      const label = escape(String(row[0] ?? ''));
      const shown = escape(formatCell(column.kind, value));
      return (
        `<text x="${LABEL_WIDTH - 4}" y="${y + 12}" text-anchor="end" font-size="11">${label}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y + 2}" width="${width.toFixed(1)}" height="${BAR_HEIGHT - 6}" fill="#3b6fb6"/>` +
        `<text x="${LABEL_WIDTH + width + 4}" y="${y + 12}" font-size="11">${shown}</text>`
      );
    });
    const svgWidth = LABEL_WIDTH + BAR_WIDTH + 60;
    return (
      `<figure><figcaption>${escape(column.label)}</figcaption>` +
      `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escape(column.label)}" ` +
      `width="100%" viewBox="0 0 ${svgWidth} ${height}">${bars.join('')}</svg></figure>`
    );
  });
  return `<div class="charts">${figures.join('')}</div>`;
}
