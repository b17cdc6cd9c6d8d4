/** CSV and TSV files, streamed: a large file is never held in memory whole. */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { isPlainRow } from '../../domain/text.js';
import { PeixunError, problem } from '../../errors.js';
import { decodeChunks } from './decode.js';
import type { ReadOptions, SourceRow, TableSource } from './source.js';
import { readInWorker } from './inWorker.js';
import { wakeUp } from './wakeUp.js';

const MAX_RECORD_CHARACTERS = 1_000_000;

/**
 * From this size a text file is decoded and parsed in a worker thread, while the import checks and writes
 * the rows before on the main one: starting the worker costs tens of milliseconds, parsing a megabyte about as
 * much.
 */
const WORKER_FROM_BYTES = 2 * 1024 * 1024;

export function readDelimited(file: string, options: ReadOptions): TableSource {
  const size = statSync(file).size;
  if (options.parseInWorker ?? size >= WORKER_FROM_BYTES) return readInWorker(file, options);
  return readHere(file, options, size);
}

/** The rows parsed on this thread; also what the worker itself runs. */
export function readHere(file: string, options: ReadOptions, size: number): TableSource {
  const info: TableSource['info'] = {};
  const bytes = createReadStream(file, { highWaterMark: 256 * 1024 });
  const text = decodeChunks(bytes, file, options.encoding, (encoding) => (info.encoding = encoding));
  return {
    info,
    rows: parseRows(file, text, /\.tsv$/i.test(file)),
    fractionRead: () => (size > 0 ? Math.min(1, bytes.bytesRead / size) : 1),
  };
}

/** Rows a batch at a time. */
const BATCH_ROWS = 1000;

/**
 * An object stream's items in arrays of what has arrived, at most BATCH_ROWS: the stream is paused while a
 * full batch waits to be taken, so memory stays bounded.
 */
async function* inBatches<T>(stream: Readable): AsyncGenerator<T[]> {
  let batch: T[] = [];
  let ended = false;
  let failure: unknown;
  const arrival = wakeUp();
  stream.on('data', (item: T) => {
    batch.push(item);
    if (batch.length >= BATCH_ROWS) stream.pause();
    arrival.wake();
  });
  stream.on('end', () => {
    ended = true;
    arrival.wake();
  });
  stream.on('error', (error) => {
    failure = error;
    arrival.wake();
  });
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      if (batch.length > 0) {
        const taken = batch;
        batch = [];
        yield taken;
        stream.resume();
        continue;
      }
      if (ended) return;
      await arrival.wait();
    }
  } finally {
    // A reader that stops early (a broken row, a bad header) lets go of the stream, as `for await` would.
    if (!ended) stream.destroy();
  }
}

async function* parseRows(
  file: string,
  chunks: AsyncGenerator<string>,
  tabByName: boolean,
): AsyncGenerator<SourceRow[]> {
  const first = await chunks.next();
  if (first.done) return;
  const head = first.value;
  const delimiter = tabByName || sniffTab(head) ? '\t' : ',';
  const text = Readable.from(
    (async function* () {
      yield head;
      yield* chunks;
    })(),
  );
  const parser = text.pipe(
    parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // Excel saves CRLF; a few rows appended by another program end in LF. Every line end counts as one, so
      // the file reads as the lines a person sees (csv-parse would otherwise keep the first one it met).
      record_delimiter: ['\r\n', '\n', '\r'],
      // A row past this is no roster's: refuse it rather than hold an unbounded field in memory.
      max_record_size: MAX_RECORD_CHARACTERS,
    }),
  );
  // Forward a decoding failure to the parser's consumer instead of leaving it unhandled on the pipe.
  text.on('error', (error) => parser.destroy(error));
  let row = 0;
  try {
    for await (const records of inBatches<string[]>(parser)) {
      const batch: SourceRow[] = new Array<SourceRow>(records.length);
      for (let index = 0; index < records.length; index++) {
        const cells = records[index] ?? [];
        batch[index] = { row: ++row, cells, plain: isPlainRow(cells) };
      }
      yield batch;
    }
  } catch (error) {
    if (error instanceof PeixunError) throw error;
    const line = (error as { lines?: number }).lines ?? row + 1;
    // csv-parse's own message is English and names its internals: its code says which of ours it is.
    const code = (error as { code?: string }).code ?? '';
    const reason = code.includes('QUOTE')
      ? problem('csvReason.quote')
      : code.includes('MAX_RECORD_SIZE')
        ? problem('csvReason.long')
        : problem('csvReason.other');
    throw new PeixunError(problem('csvBroken', { file, row: line, reason }));
  }
}

/**
 * Tabs or commas, from the first lines: a ".csv" that Excel saved as "Unicode text" is tab-separated (tabs and
 * no commas); a ".txt" may be either, and its header row says which (more tabs than commas: tabs).
 */
function sniffTab(head: string): boolean {
  const lines = head.split(/\r?\n/).slice(0, 20).join('\n');
  const count = (character: string) => lines.split(character).length - 1;
  return count('\t') > 0 && (count(',') === 0 || count('\t') > count(','));
}
