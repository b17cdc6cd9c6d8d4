/**
 * Typed failures. Domain code throws these; the CLI turns them into exit codes in one place
 * (src/cli/main.ts), so no layer below it ever exits or prints.
 */

/** The command could not do its work: rejected data, not found, conflict, busy or damaged database. Exit 1. */
export class PeixunError extends Error {
  /** One line per problem, printed after the message. */
  readonly details: readonly string[];
  constructor(message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'PeixunError';
    this.details = details;
  }
}

/** The command line itself is wrong: unknown option, missing or malformed argument. Exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
