import { Argument, Command } from '@commander-js/extra-typings';
import type { Cli } from '../command.js';
import { completionScript, SHELLS } from '../completion.js';

export default (cli: Cli) =>
  cli.leaf(
    new Command('completion')
      .description(cli.t('cmdCompletion'))
      .addArgument(new Argument('<shell>', cli.t('argShell')).choices(SHELLS)),
    ['eval "$(peixun completion bash)"', 'peixun completion fish > ~/.config/fish/completions/peixun.fish'],
    async (context, _options, shell) => {
      context.io.stdout.write(completionScript(await cli.wholeProgram(), shell));
    },
  );
