import { accessSync, constants, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Where the tests' registers live: memory-backed /dev/shm where the machine has one. SQLite syncs a register to
 * disk at every commit and close, a sixth of the suite's time on a disk (65 s against 55 s here); nothing a test
 * checks depends on the disk underneath.
 */
function memoryBackedTmp(): string | undefined {
  try {
    if (!statSync('/dev/shm').isDirectory()) return undefined;
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return undefined;
  }
}

const tmp = memoryBackedTmp();

export default defineConfig({
  test: {
    // vitest's default leaves one core idle; the suite is mostly in-process and waits on SQLite, so use them all.
    maxWorkers: Math.max(2, availableParallelism()),
    // A few end-to-end tests spawn the built CLI (signals, two writers); give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/globalSetup.ts'],
    ...(tmp ? { env: { TMPDIR: tmp } } : {}),
    // The test files share one module graph per worker, loaded once instead of once a file (a fifth of the suite's
    // time): nothing in src keeps state between commands but caches of pure answers, and tests that change the
    // process (TZ, the clock, the working folder) put it back. Who runs a command comes in its io (`machine`), as
    // the clock does, so no test mocks a module of Node's.
    include: ['test/**/*.test.ts'],
    isolate: false,
  },
});
