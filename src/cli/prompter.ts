/**
 * What a command may ask at the terminal, as an interface: prompts.ts answers it through inquirer, tests through
 * streams or scripts of their own.
 */
export interface Choice<T> {
  name: string;
  value: T;
  checked?: boolean;
}

export interface Prompter {
  select<T>(message: string, choices: Choice<T>[], defaultValue?: T): Promise<T>;
  /**
   * A list to tick, filtered as the person types (`matches` says which choices a typed text keeps). With
   * `onWalkIn`, a name typed that matches no one and entered is handed to it (someone who came, not on the list).
   */
  checkbox<T>(
    message: string,
    choices: Choice<T>[],
    matches: (choice: Choice<T>, filter: string) => boolean,
    onWalkIn?: (typed: string) => void,
  ): Promise<T[]>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  input(message: string, validate: (value: string) => true | string, defaultValue?: string): Promise<string>;
  /** A list to filter by typing, for long ones such as units. */
  search<T>(message: string, choices: Choice<T>[]): Promise<T>;
  /** A secret typed without echo (a key). */
  secret(message: string): Promise<string>;
}

/** Ctrl-C or Ctrl-D at a question: inquirer's way of saying the person stopped. */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
