/** Values typed as command-line options or answers, checked by the import's own cell rules. */
import { optionProblem, PeixunError, problem, type Problem } from '../errors.js';
import { cleanText, type Parsed } from '../import/normalise.js';

/**
 * Collects every problem of a set of options before refusing, so that one run names them all
 * (`--id-number: …`, `--start: …`).
 */
export class OptionChecks {
  readonly problems: Problem[] = [];

  /** The parsed value; undefined when the option is absent or empty, or wrong (then noted). */
  parse<T>(option: string, value: string | undefined, parse: (text: string) => Parsed<T>): T | undefined {
    if (value === undefined || cleanText(value) === '') return undefined;
    const parsed = parse(value);
    if (parsed.ok) return parsed.value;
    this.note(option, parsed.problem);
    return undefined;
  }

  note(option: string, message: Problem): void {
    this.problems.push(optionProblem(option, message));
  }

  /** Throws when anything was wrong: nothing is written. */
  done(): void {
    if (this.problems.length > 0) throw new PeixunError(problem('editRejected'), this.problems);
  }
}

/** A text option as stored: cleaned, or undefined when absent or empty. */
export function textOption(value: string | undefined): string | undefined {
  return value === undefined || cleanText(value) === '' ? undefined : cleanText(value);
}
