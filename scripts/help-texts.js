// Part of `npm run build`: writes every command's help, in both languages, for `peixun --help` to print
// without loading the program (src/cli/quickHelp.ts). `--docs` (npm run docs) also writes the command reference
// made of them: docs/cli.md in Chinese, docs/cli.en.md in English (test/cli.test.ts fails when they are stale).
import { writeFileSync } from 'node:fs';

const { makeHelpTexts, referenceMarkdown } = await import('../dist/cli/helpTexts.js');
const { HELP_TEXTS_URL } = await import('../dist/cli/quickHelp.js');
const texts = await makeHelpTexts();
writeFileSync(HELP_TEXTS_URL, `${JSON.stringify(texts)}\n`);
if (process.argv.includes('--docs')) {
  writeFileSync(new URL('../docs/cli.md', import.meta.url), referenceMarkdown(texts, 'zh'));
  writeFileSync(new URL('../docs/cli.en.md', import.meta.url), referenceMarkdown(texts, 'en'));
}
