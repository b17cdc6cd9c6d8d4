/** Values typed as command-line options or answers, checked by the import's own cell rules. */
import { PeixunError } from '../errors.js';
import type { Translator } from '../i18n/index.js';
import { cleanText, type Parsed } from '../import/normalise.js';

/**
 * Collects every problem of a set of options before refusing, so that one run names them all
 * (`--id-number: …`, `--start: …`).
 */
export class OptionChecks {
  readonly problems: string[] = [];
  constructor(private readonly t: Translator) {}

  /** The parsed value; undefined when the option is absent or empty, or wrong (then noted). */
  parse<T>(option: string, value: string | undefined, parse: (text: string) => Parsed<T>): T | undefined {
    if (value === undefined || cleanText(value) === '') return undefined;
    const parsed = parse(value);
    if (parsed.ok) return parsed.value;
    this.problems.push(`${option}: ${this.t.dynamic(parsed.problem.key, parsed.problem.params)}`);
    return undefined;
  }

  note(option: string, message: string): void {
    this.problems.push(`${option}: ${message}`);
  }

  /** Throws when anything was wrong: nothing is written. */
  done(): void {
    if (this.problems.length > 0) throw new PeixunError(this.t('editRejected'), this.problems);
  }
}

/** A text option as stored: cleaned, or undefined when absent or empty. */
export function textOption(value: string | undefined): string | undefined {
  return value === undefined || cleanText(value) === '' ? undefined : cleanText(value);
}

/** For a prompt: validates as you type with a cell rule; empty is allowed. */
export function validateWith<T>(
  t: Translator,
  parse: (text: string) => Parsed<T>,
): (value: string) => true | string {
  return (value) => {
    if (cleanText(value) === '') return true;
    const parsed = parse(value);
    return parsed.ok ? true : t.dynamic(parsed.problem.key, parsed.problem.params);
  };
}
