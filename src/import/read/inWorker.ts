/**
 * A text file parsed in a worker thread (issue 14: the second core was idle while the main thread parsed,
 * checked and wrote). The worker decodes and parses exactly as on the main thread (`readHere`) and hands the
 * rows over a batch at a time, a few batches ahead of what the import has taken, so memory stays bounded.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PeixunError, type Problem } from '../../errors.js';
import type { Cell } from '../normalise.js';
import type { EncodingName, ReadOptions, SourceRow, TableSource } from './source.js';
import { wakeUp } from './wakeUp.js';

/** The key of the worker's input in its workerData. */
export const WORKER_MARK = 'peixunParseTextFile';

/** Batches the worker may parse before the import has taken them. */
export const BATCHES_AHEAD = 4;

export interface WorkerInput {
  file: string;
  options: ReadOptions;
}

export type WorkerMessage =
  | {
      kind: 'rows';
      first: number;
      cells: Cell[][];
      /** Of each row, 1 when it is plain (SourceRow's `plain`). */
      plain: Uint8Array;
      encoding?: EncodingName;
      fraction: number;
    }
  | { kind: 'end'; encoding?: EncodingName }
  | { kind: 'error'; error: SentError };

/** An error as it crosses between threads: a PeixunError keeps its problem, another its message and code. */
type SentError =
  { problem: Problem; details: readonly (Problem | string)[] } | { message: string; code?: string };

export function sent(error: unknown): SentError {
  if (error instanceof PeixunError) return { problem: error.problem, details: error.details };
  const { message, code } = error as { message?: string; code?: string };
  return { message: message ?? String(error), ...(code ? { code } : {}) };
}

function received(error: SentError): Error {
  if ('problem' in error) return new PeixunError(error.problem, error.details);
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
}

/** The worker's script: the build's JavaScript, also when this module runs as TypeScript under the tests. */
function workerScript(): URL {
  const here = new URL('./textWorker.js', import.meta.url);
  return existsSync(fileURLToPath(here))
    ? here
    : new URL('../../../dist/import/read/textWorker.js', import.meta.url);
}

export function readInWorker(file: string, options: ReadOptions): TableSource {
  const info: TableSource['info'] = {};
  let fraction = 0;
  return {
    info,
    rows: batchesFromWorker({ file, options: { ...options, parseInWorker: false } }, (message) => {
      if (message.encoding) info.encoding = message.encoding;
      if (message.kind === 'rows') fraction = message.fraction;
    }),
    fractionRead: () => fraction,
  };
}

async function* batchesFromWorker(
  input: WorkerInput,
  onMessage: (message: Exclude<WorkerMessage, { kind: 'error' }>) => void,
): AsyncGenerator<SourceRow[]> {
  const worker = new Worker(workerScript(), {
    workerData: { [WORKER_MARK]: input },
    // The worker keeps nothing between batches: a young generation of 8 MB instead of V8's 32–48 holds a
    // batch's garbage, and takes about 25 MB off a large import's peak at the same speed (docs/performance.md).
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const queue: WorkerMessage[] = [];
  let failure: Error | undefined;
  let ended = false;
  const arrival = wakeUp();
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    arrival.wake();
  });
  // An exception the worker did not catch, or its end before it said so: a defect, not the file's fault.
  worker.on('error', (error) => {
    failure ??= error;
    arrival.wake();
  });
  worker.on('exit', (code) => {
    if (!ended)
      failure ??= new Error(`the parsing worker stopped (exit code ${code}) before the end of the file`);
    arrival.wake();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (!message) {
        if (failure) throw failure;
        await arrival.wait();
        continue;
      }
      if (message.kind === 'error') throw received(message.error);
      onMessage(message);
      if (message.kind === 'end') {
        ended = true;
        return;
      }
      worker.postMessage('more');
      const batch = new Array<SourceRow>(message.cells.length);
      for (let index = 0; index < batch.length; index++)
        batch[index] = {
          row: message.first + index,
          cells: message.cells[index] ?? [],
          plain: message.plain[index] === 1,
        };
      yield batch;
    }
  } finally {
    ended = true;
    void worker.terminate();
  }
}
