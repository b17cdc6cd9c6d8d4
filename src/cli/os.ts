import { userInfo } from 'node:os';

/** Who runs the command, for the record of batches and filed reports; empty where the OS will not say. */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
