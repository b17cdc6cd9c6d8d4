/** A one-line progress display on stderr, for terminals only: piped output never sees it. */
import type { ImportProgress } from '../import/run.js';
import type { CommandContext } from './context.js';

/** Short imports finish before this; a line that flashes by helps nobody. */
const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

export interface ProgressLine {
  update(progress: ImportProgress): void;
  /** Clears the line before the results are printed. */
  done(): void;
}

export function progressLine(context: CommandContext): ProgressLine | undefined {
  const { io, t } = context;
  if (!io.stderr.isTTY) return undefined;
  const started = Date.now();
  let drawn = 0;
  let visible = false;
  let fileStarted = started;
  let currentFile = '';
  return {
    update({ file, rows, fraction }) {
      const now = Date.now();
      if (file !== currentFile) {
        currentFile = file;
        fileStarted = now;
      }
      if (now - started < SHOW_AFTER_MS || now - drawn < REDRAW_EVERY_MS) return;
      drawn = now;
      const seconds = Math.max((now - fileStarted) / 1000, 0.001);
      const rate = Math.round(rows / seconds);
      const left = fraction > 0 && fraction < 1 ? Math.round((seconds * (1 - fraction)) / fraction) : 0;
      const text = t('progress', {
        file,
        rows: rows.toLocaleString('en'),
        rate: rate.toLocaleString('en'),
        left,
      });
      io.stderr.write(`\r\u001b[2K${text}`);
      visible = true;
    },
    done() {
      if (visible) io.stderr.write('\r\u001b[2K');
    },
  };
}
