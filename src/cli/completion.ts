/** Shell completion scripts, generated from the program's own commands and options so they never drift. */
import type { AnyCommand } from './command.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

interface Entry {
  path: string[];
  words: string[];
}

function entries(program: AnyCommand): Entry[] {
  const found: Entry[] = [];
  const walk = (command: AnyCommand, path: string[]) => {
    const subcommands = command.commands.map((sub) => sub.name());
    const options = command.options
      .map((option) => option.long)
      .filter((long): long is string => Boolean(long));
    found.push({ path, words: [...subcommands, ...options, '--help'] });
    for (const sub of command.commands) walk(sub as AnyCommand, [...path, sub.name()]);
  };
  walk(program, []);
  return found;
}

export function completionScript(program: AnyCommand, shell: (typeof SHELLS)[number]): string {
  const all = entries(program);
  if (shell === 'fish') {
    const lines = [
      '# peixun completion for fish: peixun completion fish > ~/.config/fish/completions/peixun.fish',
    ];
    for (const entry of all) {
      const condition =
        entry.path.length === 0
          ? '__fish_use_subcommand'
          : `__fish_seen_subcommand_from ${entry.path[entry.path.length - 1]}`;
      for (const word of entry.words) {
        lines.push(
          word.startsWith('--')
            ? `complete -c peixun -n '${condition}' -l ${word.slice(2)}`
            : `complete -c peixun -f -n '${condition}' -a ${word}`,
        );
      }
    }
    return lines.join('\n') + '\n';
  }
  // bash and zsh (through bashcompinit) share one function: the words after `peixun` pick the entry.
  const cases = all
    .sort((a, b) => b.path.length - a.path.length)
    .map((entry) => `    "${entry.path.join(' ')}") words="${entry.words.join(' ')}" ;;`)
    .join('\n');
  const body = `_peixun() {
  local current="\${COMP_WORDS[COMP_CWORD]}" path="" word words
  for word in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$word" in -*) ;; *) path="\${path:+$path }$word" ;; esac
  done
  while :; do
    case "$path" in
${cases}
    *) path="\${path% *}"; [ "$path" = "\${path% *}" ] && path=""; continue ;;
    esac
    break
  done
  COMPREPLY=( $(compgen -W "$words" -- "$current") )
}
complete -o default -F _peixun peixun
`;
  if (shell === 'zsh') {
    return `# peixun completion for zsh: peixun completion zsh > ~/.zsh/_peixun; or eval "$(peixun completion zsh)"
autoload -U +X bashcompinit && bashcompinit
${body}`;
  }
  return `# peixun completion for bash: eval "$(peixun completion bash)" in ~/.bashrc\n${body}`;
}
