#!/usr/bin/env node
// `peixun --version`, and `peixun [command] --help` or `peixun help [command]`, are answered before the program
// loads: scripts call the one to check what is installed, people type the other to find their way. This file is
// CommonJS (bin/package.json): Node starts one about 10 ms sooner than an ES module, and `--version` needs no more.
'use strict';

const words = process.argv.slice(2);

async function run() {
  const asksHelp = words.some((word) => word === '--help' || word === '-h' || word === 'help');
  if (asksHelp && (await import('../dist/cli/quickHelp.js')).answerHelpFromBuild()) return;
  // The bundle of dist/cli/main.js (scripts/bundle.js): the same code, loaded a few files at a time.
  const { main } = await import('../dist/main/main.js');
  process.exitCode = await main(process.argv);
}

if (words.length === 1 && (words[0] === '--version' || words[0] === '-V')) {
  const { readFileSync } = require('node:fs');
  const { join } = require('node:path');
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  void run();
}
