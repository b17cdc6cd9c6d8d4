/**
 * PDF pages: 结业证书 (A4 landscape, one page each) and any report as printed pages (a person's 一人一档 record). Drawn by
 * pdfkit, with Noto Sans SC (SIL Open Font License) from the npm package @expo-google-fonts/noto-sans-sc, which
 * `npm install` brings: no font is assumed on the machine, and pdfkit embeds only the glyphs a file uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Translator } from '../i18n/index.js';
import type { CertificateRun } from '../register/certificates.js';
import { certificateDate } from './certificateText.js';
import { formattedRows, type ReportTable } from './model.js';

const FONT_FILE = createRequire(import.meta.url).resolve(
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
);

let font: fontkit.Font | undefined;

/** The first character of the text that the font has no glyph for (a 生僻字), if any: it would print blank. */
export function missingGlyph(text: string): string | undefined {
  font ??= fontkit.create(readFileSync(FONT_FILE)) as fontkit.Font;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (/\s/u.test(character)) continue;
    if (!font.hasGlyphForCodePoint(codePoint)) return character;
  }
  return undefined;
}

/** A document drawn in the CJK font, its bytes when it ends. Its dates fixed: the same pages, the same bytes. */
function document(options: PDFKit.PDFDocumentOptions): {
  doc: PDFKit.PDFDocument;
  bytes: Promise<Uint8Array>;
} {
  const doc = new PDFDocument({
    ...options,
    autoFirstPage: false,
    info: { ...options.info, CreationDate: new Date(0), ModDate: new Date(0) },
  });
  // Named by its path, the name pdfkit's tables restore it by after each cell: opened (10 MB) once, not per cell.
  doc.font(FONT_FILE);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

/** The class's certificates that hold, one A4 landscape page each. */
export async function certificatesPdf(run: CertificateRun, t: Translator): Promise<Uint8Array> {
  const { doc, bytes } = document({
    size: 'A4',
    layout: 'landscape',
    info: { Title: t('certificateTitle') },
  });
  const klass = run.class;
  for (const certificate of run.valid) {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 72 });
    const { width, height } = doc.page;
    doc
      .lineWidth(3)
      .rect(36, 36, width - 72, height - 72)
      .stroke('#a31d1d');
    doc
      .lineWidth(1)
      .rect(44, 44, width - 88, height - 88)
      .stroke('#a31d1d');
    doc
      .fillColor('#a31d1d')
      .fontSize(40)
      .text(t('certificateTitle'), 72, 110, { align: 'center', characterSpacing: 16 });
    doc.fillColor('black').fontSize(20);
    doc.text(t('certificateTo', { name: certificate.name }), 110, 220);
    doc.moveDown(0.8);
    doc.text(
      t('certificateBody', {
        from: certificateDate(t, klass.startDate),
        to: certificateDate(t, klass.endDate ?? klass.startDate),
        organiser: klass.organiser,
        name: klass.name,
      }),
      110,
      undefined,
      { width: width - 220, indent: 40, lineGap: 10 },
    );
    doc.moveDown(0.6);
    doc.text(t('certificateClosing'), 110, undefined, { indent: 40 });
    doc.fontSize(18);
    doc.text(klass.organiser, width - 400, height - 190, { width: 300, align: 'right' });
    doc.text(certificateDate(t, certificate.issuedOn), width - 400, height - 160, {
      width: 300,
      align: 'right',
    });
    doc.fontSize(12).text(t('certificateNumber', { number: certificate.number }), 110, height - 120);
  }
  doc.end();
  return bytes;
}

/** Any report as printed pages: its title, the period, each section as a table, its notes and definitions. */
export async function reportPdf(table: ReportTable): Promise<Uint8Array> {
  const widest = Math.max(...table.sections.map((section) => section.columns.length), 1);
  const layout = widest > 6 ? 'landscape' : 'portrait';
  const { doc, bytes } = document({ size: 'A4', layout, info: { Title: table.title } });
  doc.addPage({ size: 'A4', layout, margin: 48 });
  doc.fontSize(16).text(table.title, { align: 'center' });
  if (table.subtitle) doc.fontSize(10).fillColor('#444').text(table.subtitle, { align: 'center' });
  doc.fillColor('black');
  for (const section of table.sections) {
    doc.moveDown(0.8);
    if (section.heading) doc.fontSize(12).text(section.heading);
    doc.moveDown(0.3);
    doc.fontSize(9).table({
      defaultStyle: { padding: 3, border: 0.5, borderColor: '#999' },
      rowStyles: (row) => (row === 0 ? { backgroundColor: '#eee' } : undefined),
      data: [section.columns.map((column) => column.label), ...formattedRows(section)],
    });
  }
  const words = [...table.notes, ...table.warnings, ...table.definitions];
  if (words.length > 0) {
    doc.moveDown(0.8);
    for (const line of words) doc.fontSize(8).fillColor('#333').text(line);
  }
  doc.end();
  return bytes;
}
