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
  /** A list to tick, filtered as the person types (`matches` says which choices a typed text keeps). */
  checkbox<T>(
    message: string,
    choices: Choice<T>[],
    matches: (choice: Choice<T>, filter: string) => boolean,
  ): Promise<T[]>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  input(message: string, validate: (value: string) => true | string, defaultValue?: string): Promise<string>;
  /** A list to filter by typing, for long ones such as units. */
  search<T>(message: string, choices: Choice<T>[]): Promise<T>;
  /** A secret typed without echo (a key). */
  secret(message: string): Promise<string>;
}
