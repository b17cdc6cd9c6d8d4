/** 结业证书 as one printable page each (A4 landscape), for a browser to print. */
import type { Translator } from '../i18n/index.js';
import type { CertificateRun } from '../register/certificates.js';
import { CHINESE_FONTS, escape } from './html.js';
import { certificateDate } from './certificateText.js';

export function certificatesHtml(run: CertificateRun, t: Translator): string {
  const klass = run.class;
  const pages = run.valid.map(
    (certificate) => `<section class="certificate">
  <h1>${escape(t('certificateTitle'))}</h1>
  <p class="to">${escape(t('certificateTo', { name: certificate.name }))}</p>
  <p class="body">${escape(
    t('certificateBody', {
      from: certificateDate(t, klass.startDate),
      to: certificateDate(t, klass.endDate ?? klass.startDate),
      organiser: klass.organiser,
      name: klass.name,
    }),
  )}</p>
  <p class="body">${escape(t('certificateClosing'))}</p>
  <p class="sign">${escape(klass.organiser)}<br>${escape(certificateDate(t, certificate.issuedOn))}</p>
  <p class="number">${escape(t('certificateNumber', { number: certificate.number }))}</p>
</section>`,
  );
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(`${klass.name} ${t('certificateTitle')}`)}</title>
<style>
@page { size: A4 landscape; margin: 0; }
body { margin: 0; font-family: ${CHINESE_FONTS}; }
.certificate { box-sizing: border-box; width: 297mm; height: 210mm; padding: 28mm 34mm; position: relative;
  border: 3mm double #a31d1d; page-break-after: always; break-after: page; }
.certificate:last-child { page-break-after: auto; break-after: auto; }
h1 { color: #a31d1d; text-align: center; font-size: 40pt; letter-spacing: 0.5em; margin: 8mm 0 14mm; }
.to, .body { font-size: 20pt; line-height: 1.8; margin: 0; }
.body { text-indent: 2em; }
.sign { position: absolute; right: 40mm; bottom: 38mm; font-size: 18pt; text-align: right; margin: 0; }
.number { position: absolute; left: 34mm; bottom: 22mm; font-size: 12pt; margin: 0; }
</style>
</head>
<body>
${pages.join('\n')}
</body>
</html>
`;
}
