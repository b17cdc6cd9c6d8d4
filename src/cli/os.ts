import { hostname, userInfo } from 'node:os';
import type { Io } from './context.js';

/** Who runs the command, for the record of batches and filed reports; empty where the OS will not say. */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/** Who runs the command and on which host: as the command's io says (a test's), else as the OS does. */
export function machineOf(io: Io): { user: string; host: string } {
  return io.machine ?? { user: osUser(), host: hostname() };
}
