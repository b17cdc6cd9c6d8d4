import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // vitest's default leaves one core idle; the suite is mostly in-process and waits on SQLite, so use them all.
    maxWorkers: Math.max(2, availableParallelism()),
    // A few end-to-end tests spawn the built CLI (signals, two writers); give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
