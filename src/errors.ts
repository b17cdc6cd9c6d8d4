/**
 * Typed failures and messages as data. Domain code throws and returns problems (`{code, params}`), never
 * translated text; the CLI and the renderers say them in the person's language, and turn failures into exit
 * codes in one place (src/cli/main.ts), so no layer below them ever exits or prints.
 */
import type { MessageKey, Problem, ProblemParams, ProblemParamsOf } from './i18n/index.js';

export type { Problem, ProblemParams };

/** A problem whose parameters are checked against the message's placeholders. */
export function problem<Code extends MessageKey>(code: Code, ...params: ProblemParamsOf<Code>): Problem {
  const [given] = params;
  return given === undefined ? { code } : { code, params: given as ProblemParams };
}

/** A code chosen at run time (a table's or field's label): its placeholders are the catalogue test's to check. */
export function dynamicProblem(code: MessageKey, params?: ProblemParams): Problem {
  return params === undefined ? { code } : { code, params };
}

/** What an option or column got wrong: `--end: …`. */
export const optionProblem = (option: string, message: Problem): Problem =>
  problem('optionProblem', { option, message });

/** The command could not do its work: rejected data, not found, conflict, busy or damaged database. Exit 1. */
export class PeixunError extends Error {
  /** One line per detail, said after the problem; a string is data shown as it is (a code, a schema name). */
  readonly details: readonly (Problem | string)[];
  constructor(
    readonly problem: Problem,
    details: readonly (Problem | string)[] = [],
  ) {
    // The code and parameters, for a stack trace; people see the problem said in their language.
    super(`${problem.code} ${JSON.stringify(problem.params ?? {})}`);
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
