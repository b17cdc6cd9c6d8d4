/** One waiter at a time, woken by the next event: how a reader waits for rows that have not arrived yet. */
export function wakeUp() {
  let waiting: (() => void) | undefined;
  return {
    /** Resolves at the next `wake()`. */
    wait: () => new Promise<void>((resolve) => (waiting = resolve)),
    wake(): void {
      const resolve = waiting;
      waiting = undefined;
      resolve?.();
    },
  };
}
