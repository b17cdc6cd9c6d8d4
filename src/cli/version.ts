import { readFileSync } from 'node:fs';

/** peixun's version, as package.json gives it: `--version` and the bundles a register makes. */
export const PEIXUN_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
