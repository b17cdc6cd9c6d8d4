#!/usr/bin/env node
// `peixun --version`, and `peixun [command] --help` or `peixun help [command]`, are answered before the program
// loads: scripts call the one to check what is installed, people type the other to find their way.
const words = process.argv.slice(2);
if (words.length === 1 && (words[0] === '--version' || words[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else if (!(
  words.some((word) => word === '--help' || word === '-h' || word === 'help') &&
  (await import('../dist/cli/quickHelp.js')).answerHelpFromBuild()
)) {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
