/**
 * Makes the help texts `peixun --help` is answered from (see quickHelp.ts): every command's help in both
 * languages, printed by the program itself, once when peixun is built.
 */
import type { AnyCommand } from './command.js';
import type { Io } from './context.js';
import { buildProgram, main } from './main.js';
import { LANGS, type Lang } from '../i18n/lang.js';
import type { HelpText, HelpTexts } from './quickHelp.js';

/** Wide enough that commander wraps nothing. */
const UNBOUNDED_WIDTH = 10_000;

export async function makeHelpTexts(): Promise<HelpTexts> {
  const texts = {} as HelpTexts;
  for (const lang of LANGS) {
    texts[lang] = {};
    for (const path of await commandPaths(lang)) texts[lang][path.join(' ')] = await helpText(lang, path);
  }
  return texts;
}

/** The help the program prints for `peixun --lang <lang> <path…> --help`, as commander lays it out. */
export async function printedHelp(lang: Lang, path: readonly string[], width?: number): Promise<string> {
  let printed = '';
  const io = helpIo(
    { write: (text) => (printed += String(text)), isTTY: width !== undefined, columns: width },
    (text) => process.stderr.write(text),
  );
  const exit = await main(['node', 'peixun', '--lang', lang, ...path, '--help'], io);
  if (exit !== 0) throw new Error(`peixun ${path.join(' ')} --help exited ${exit}`);
  return printed;
}

async function helpText(lang: Lang, path: readonly string[]): Promise<HelpText> {
  const text = await printedHelp(lang, path);
  return { text, anyWidth: text === (await printedHelp(lang, path, UNBOUNDED_WIDTH)) };
}

/** Every command's path from the program down: `[]`, `['import']`, `['import', 'trainees']`, … */
async function commandPaths(lang: Lang): Promise<string[][]> {
  const io = helpIo({ write: () => true }, () => true);
  const program = await buildProgram(lang, { io, argv: [] }, () => true);
  const paths: string[][] = [];
  const walk = (command: AnyCommand, path: string[]) => {
    paths.push(path);
    for (const sub of command.commands) walk(sub as AnyCommand, [...path, sub.name()]);
  };
  walk(program, []);
  return paths;
}

/** Streams for making help: no terminal to ask, no environment to choose the language (`--lang` does). */
function helpIo(stdout: Io['stdout'], writeErr: (text: string) => unknown): Io {
  return { stdout, stderr: { write: writeErr }, stdinIsTTY: false, env: {}, now: () => new Date() };
}

const REFERENCE_HEADINGS: Record<Lang, { title: string; about: string; contents: string }> = {
  zh: {
    title: 'peixun 命令参考',
    about:
      '每个命令的 `--help`，由 `npm run build` 从程序本身生成（`scripts/help-texts.js`），请勿手改。' +
      '终端里 `peixun 命令 --help` 显示的就是这些内容。English: [cli.en.md](cli.en.md)。',
    contents: '目录',
  },
  en: {
    title: 'peixun command reference',
    about:
      "Every command's `--help`, written by `npm run build` from the program itself (`scripts/help-texts.js`): do " +
      'not edit by hand. `peixun COMMAND --help` prints the same at a terminal. 中文：[cli.md](cli.md).',
    contents: 'Contents',
  },
};

/** docs/cli.md (Chinese) or docs/cli.en.md: every command's help, in the order of the program's commands. */
export function referenceMarkdown(texts: HelpTexts, lang: Lang): string {
  const headings = REFERENCE_HEADINGS[lang];
  const paths = Object.keys(texts[lang]);
  const anchor = (path: string) => `peixun${path ? `-${path.replace(/ /g, '-')}` : ''}`;
  const title = (path: string) => `peixun${path ? ` ${path}` : ''}`;
  const contents = paths.map(
    (path) => `${'  '.repeat(path ? path.split(' ').length - 1 : 0)}- [${title(path)}](#${anchor(path)})`,
  );
  const sections = paths.map(
    (path) => `## ${title(path)}\n\n\`\`\`text\n${(texts[lang][path]?.text ?? '').trimEnd()}\n\`\`\`\n`,
  );
  return [
    `# ${headings.title}\n`,
    `${headings.about}\n`,
    `## ${headings.contents}\n`,
    `${contents.join('\n')}\n`,
    ...sections,
  ].join('\n');
}
