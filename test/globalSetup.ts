/**
 * One empty register, migrated once for the whole run: the tests' registers are copies of it (helpers.ts), where
 * making each by its 21 migrations took 23 ms, a third of the suite's time. The migrations themselves run where
 * they are the point: the tests that ask for a fresh register (`register({ fresh: true })`), upgrade older ones
 * (drift, safety, sessions) or open their own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/open.js';

declare module 'vitest' {
  export interface ProvidedContext {
    registerTemplate: string;
  }
}

export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'peixun-template-'));
  const template = join(folder, 'template.db');
  // Closing the only connection checkpoints the -wal into the file: the copy is the whole register.
  openDatabase(template, { create: true }).close();
  project.provide('registerTemplate', template);
  return () => rmSync(folder, { recursive: true, force: true });
}
