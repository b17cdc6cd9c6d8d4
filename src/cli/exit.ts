/** Exit codes, defined once (cli.md). */
export const EXIT = {
  ok: 0,
  /** The command could not do its work: invalid data, not found, conflict, busy or damaged database. */
  failure: 1,
  /** Unknown command or option, missing or malformed argument. */
  usage: 2,
  /** A defect in peixun itself. */
  internal: 70,
  /** Ctrl-C or Ctrl-D at a prompt: nothing was written (128 + SIGINT, as shells report it). */
  cancelled: 130,
} as const;
