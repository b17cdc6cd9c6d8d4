/**
 * Shell completion scripts, generated from the program's own commands and options so they never drift: the
 * subcommands and options after each command, the values of options with a fixed set (`--by`, `--format`,
 * `--level`), and the class codes of the register where a command takes one.
 */
import type { AnyCommand } from './command.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

interface Entry {
  path: string[];
  words: string[];
  /** Each option with a fixed set of values, and the values. */
  values: Record<string, readonly string[]>;
  /** The command takes a class code as its first argument. */
  classCode: boolean;
}

function entries(program: AnyCommand): Entry[] {
  const found: Entry[] = [];
  const walk = (command: AnyCommand, path: string[]) => {
    const subcommands = command.commands.map((sub) => sub.name());
    const options = command.options
      .map((option) => option.long)
      .filter((long): long is string => Boolean(long));
    const values = Object.fromEntries(
      command.options.flatMap((option) =>
        option.long && option.argChoices ? [[option.long, option.argChoices]] : [],
      ),
    );
    const first = command.registeredArguments[0]?.name();
    found.push({
      path,
      words: [...subcommands, ...options, '--help'],
      values,
      classCode: first === 'code' || first === 'class',
    });
    for (const sub of command.commands) walk(sub as AnyCommand, [...path, sub.name()]);
  };
  walk(program, []);
  return found;
}

/** The register's class codes, from the register the command line names (`--db`), else the default one. */
const CLASS_CODES = `peixun \${db:+--db "$db"} class list --format csv --no-bom 2>/dev/null | tail -n +2 | cut -d, -f1`;

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
        const values = entry.values[word];
        lines.push(
          word.startsWith('--')
            ? `complete -c peixun -n '${condition}' -l ${word.slice(2)}${values ? ` -x -a '${values.join(' ')}'` : ''}`
            : `complete -c peixun -f -n '${condition}' -a ${word}`,
        );
      }
      if (entry.classCode)
        lines.push(
          `complete -c peixun -f -n '${condition}' -a '(peixun class list --format csv --no-bom 2>/dev/null | tail -n +2 | cut -d, -f1)'`,
        );
    }
    return lines.join('\n') + '\n';
  }
  // bash and zsh (through bashcompinit) share one function: the words after `peixun` pick the entry.
  const cases = [...all]
    .sort((a, b) => b.path.length - a.path.length)
    .map((entry) => {
      const values = Object.entries(entry.values)
        .map(([option, choices]) => `${option}) words="${choices.join(' ')}" ;;`)
        .join(' ');
      const codes = entry.classCode
        ? ` [ -z "$previous_is_option" ] && words="$words $(${CLASS_CODES})";`
        : '';
      return `    "${entry.path.join(' ')}") words="${entry.words.join(' ')}";${codes} case "$previous" in ${values || '__none__) ;;'} esac ;;`;
    })
    .join('\n');
  const body = `_peixun() {
  local current="\${COMP_WORDS[COMP_CWORD]}" previous="\${COMP_WORDS[COMP_CWORD-1]}" path="" word words db="" previous_is_option=""
  local index=1
  while [ $index -lt $COMP_CWORD ]; do
    word="\${COMP_WORDS[$index]}"
    case "$word" in
      --db) index=$((index + 1)); db="\${COMP_WORDS[$index]}" ;;
      -*) ;;
      *) path="\${path:+$path }$word" ;;
    esac
    index=$((index + 1))
  done
  case "$previous" in -*) previous_is_option=1 ;; esac
  while :; do
    case "$path" in
${cases}
    *) case "$path" in *" "*) path="\${path% *}" ;; *) path="" ;; esac; continue ;;
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
