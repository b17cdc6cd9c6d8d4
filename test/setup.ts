// Run by vitest before every test file, also where files share one module graph (vitest.config.ts): a hook
// registered in helpers.ts itself would be registered for the first file of each worker only.
import { afterAll } from 'vitest';
import { removeTempFolders } from './helpers.js';

afterAll(removeTempFolders);
