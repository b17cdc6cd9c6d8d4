/**
 * The architecture as a check (#30): every module of src/ imports only from its own floor or those below it, no
 * module reaches itself through its imports, and the rules of the domain are written once, in src/domain/. The
 * README's layout map is FLOORS, lowest first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = join(ROOT, 'src');

/**
 * The floors, lowest first: a module may import from its own floor and the floors below. Root files of src/ form
 * the `base` floor.
 */
export const FLOORS = [
  'domain', // the rules: identity, names, text, attendance and completion, dates and periods. Imports nothing of peixun
  'i18n', // the messages in Chinese and English, and problems as data
  'base', // errors.ts, files.ts (whole files, owner-only), spreadsheet.ts (CSV and formula safety), order.ts
  'db', // the register: opening, migrations, each table's queries, maintenance
  'filed', // reports kept as handed in, and what changed since
  'privacy', // pseudonyms and the keys behind them
  'stats', // the figures of statistics.md, from the register
  'import', // reading what offices send: files, header mapping, cell rules, each kind's rows, undo
  'export', // records out, to import again (anonymised on request)
  'register', // what the register's commands do: trainees, classes, units, sessions, mentoring, settings
  'bundle', // a district's quarter as one sealed file, checked and rolled up by the city
  'report', // report recipes and renderers: table, CSV, Markdown, JSON, .xlsx, HTML, the printed sheet
  'cli', // the commands, their options and output, and the only place that exits
] as const;

function modules(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? modules(join(folder, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(folder, entry.name)]
        : [],
  );
}

const IMPORTED = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.[^']+)'/g;

/** Each module's imports of other modules of src/, as paths relative to src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of modules(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORTED)].map((match) =>
      relative(SRC, resolve(dirname(file), (match[1] ?? '').replace(/\.js$/, '.ts'))),
    );
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

function floorOf(module: string): number {
  const folder = module.includes('/') ? module.split('/')[0] : 'base';
  return FLOORS.indexOf(folder as (typeof FLOORS)[number]);
}

/** The import cycles among modules (Tarjan's strongly connected components of more than one module). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The code of a module without its comments: a rule may be explained anywhere, written only in domain/. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('the floors of src/', () => {
  const graph = importGraph();

  it('every folder of src/ is a floor, and every module imports only from its floor or below', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !FLOORS.includes(folder as (typeof FLOORS)[number]))).toEqual([]);
    const upward: string[] = [];
    for (const [module, targets] of graph)
      for (const target of targets)
        if (floorOf(target) > floorOf(module)) upward.push(`${module} → ${target}`);
    expect(upward).toEqual([]);
  });

  it('no module reaches itself through its imports', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("the domain's rules are written in src/domain/ only: no one-seventh, no 6/7, outside it", () => {
    const restated: string[] = [];
    for (const [module] of graph) {
      // Messages may say the rule in words (`default 6/7` in the help); the domain holds the number they say.
      if (module.startsWith('domain/') || module.startsWith('i18n/')) continue;
      const code = withoutComments(readFileSync(join(SRC, module), 'utf8'));
      for (const rule of [/\b6\s*\/\s*7\b/, /\*\s*7\b(?!\s*\*)/, /\b7\s*\*/])
        if (rule.test(code)) restated.push(`${module}: ${rule.source}`);
    }
    expect(restated).toEqual([]);
  });

  it('the figure engine counts from facts alone: no register, no clock', () => {
    // engine.ts and cross.ts count; summary.ts reads the register's facts, bundle/rollup.ts a bundle's.
    for (const module of ['stats/engine.ts', 'stats/cross.ts']) {
      const reached = graph.get(module) ?? [];
      expect(
        reached.filter((target) => !/^(domain\/|stats\/engine|stats\/cross|errors|order)/.test(target)),
      ).toEqual([]);
    }
    // A figure that depends on the day is handed the day (coverage's active trainees): nothing in stats/ reads the
    // machine's clock.
    const clocked = [...graph.keys()].filter(
      (module) =>
        module.startsWith('stats/') &&
        /new Date\(\)|Date\.now\(/.test(readFileSync(join(SRC, module), 'utf8')),
    );
    expect(clocked).toEqual([]);
    expect(graph.get('bundle/rollup.ts')?.filter((target) => target.startsWith('db/'))).toEqual([]);
  });

  it('the checks can fail: an upward import, a cycle and a restated rule are found', () => {
    const planted = new Map([
      ['db/a.ts', ['cli/main.ts']],
      ['stats/x.ts', ['stats/y.ts']],
      ['stats/y.ts', ['stats/x.ts']],
    ]);
    expect(floorOf('cli/main.ts')).toBeGreaterThan(floorOf('db/a.ts'));
    expect(cycles(planted)).toEqual([['stats/x.ts', 'stats/y.ts']]);
    expect(/\*\s*7\b/.test(withoutComments('row.flagged = row.absences * 7 > sessions; // 1 of 7'))).toBe(
      true,
    );
  });

  it("the README's layout map lists the floors in this order", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const map = readme.slice(readme.indexOf('<!-- floors -->'), readme.indexOf('<!-- /floors -->'));
    const listed = [...map.matchAll(/^src\/(\w+)\/?/gm)].map((match) => match[1]);
    expect(listed).toEqual(FLOORS.map((floor) => (floor === 'base' ? '*' : floor)).filter((f) => f !== '*'));
  });
});
