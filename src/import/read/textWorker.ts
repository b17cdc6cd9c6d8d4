/** The worker thread of `readInWorker`: parses a text file as the main thread would and sends its rows. */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readHere } from './delimited.js';
import { BATCHES_AHEAD, sent, WORKER_MARK, type WorkerInput, type WorkerMessage } from './inWorker.js';
import { wakeUp } from './wakeUp.js';

/** In the worker: parse the file and send its rows, never more than BATCHES_AHEAD not yet taken. */
async function runWorker(input: WorkerInput): Promise<void> {
  const port = parentPort;
  if (!port) return;
  let credits = BATCHES_AHEAD;
  const credited = wakeUp();
  port.on('message', () => {
    credits++;
    credited.wake();
  });
  const send = (message: WorkerMessage) => port.postMessage(message);
  try {
    const source = readHere(input.file, input.options, statSync(input.file).size);
    for await (const batch of source.rows) {
      while (credits === 0) await credited.wait();
      credits--;
      send({
        kind: 'rows',
        first: batch[0]?.row ?? 0,
        cells: batch.map((row) => row.cells),
        plain: Uint8Array.from(batch, (row) => (row.plain ? 1 : 0)),
        encoding: source.info.encoding,
        fraction: source.fractionRead(),
      });
    }
    send({ kind: 'end', encoding: source.info.encoding });
  } catch (error) {
    send({ kind: 'error', error: sent(error) });
  } finally {
    port.close();
  }
}

// Only the worker this module starts runs it: a test runner's own worker threads carry other data.
const given = (workerData as Record<string, WorkerInput> | null | undefined)?.[WORKER_MARK];
if (parentPort && given) await runWorker(given);
