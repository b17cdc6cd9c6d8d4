// Part of `npm run build`: writes every command's help, in both languages, for `peixun --help` to print
// without loading the program (src/cli/quickHelp.ts).
import { writeFileSync } from 'node:fs';

const { makeHelpTexts } = await import('../dist/cli/helpTexts.js');
const { HELP_TEXTS_URL } = await import('../dist/cli/quickHelp.js');
writeFileSync(HELP_TEXTS_URL, `${JSON.stringify(await makeHelpTexts())}\n`);
