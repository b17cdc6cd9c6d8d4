/** What a certificate says in words, whether printed as PDF or as an HTML page. */
import type { Translator } from '../i18n/index.js';

/** `2023年7月17日` (`7/17/2023` in English): how a certificate dates itself. */
export function certificateDate(t: Translator, iso: string): string {
  return t('certificateDate', {
    year: iso.slice(0, 4),
    month: Number(iso.slice(5, 7)),
    day: Number(iso.slice(8, 10)),
  });
}
