/** How the process's heap grows, for commands that hold a large working set for long (imports). */
import { setFlagsFromString } from 'node:v8';

/**
 * V8 lets its heap grow to several times what is alive before it collects the whole: a million-row sign-in
 * import with about 80 MB alive peaked at 462 MB. Growing by half at a time keeps it nearer what is alive
 * (337 MB, no slower; by a fifth, 317 MB and about 8 % slower: docs/performance.md). A growth policy, not a
 * limit: a larger register only makes V8 collect more often, never stops the import. It holds for the rest of
 * the process, worker threads included.
 */
export function keepHeapNearLiveSet(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
