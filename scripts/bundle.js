// Part of `npm run build`: the command line's own modules (the build's dist/, not the packages it uses) bundled
// into a few files in dist/main/, which bin/peixun.js loads. Node 20 resolves, reads and links an ES module at
// about a millisecond each, and a report loaded 120 of them: 40–90 ms of every command (docs/performance.md).
// Each command is still loaded only when it runs: `import()` of a command becomes a chunk of its own.
import { build } from 'esbuild';
import { dirname, join, relative } from 'node:path';
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const outdir = join(dist, 'main');

/**
 * A module finds its files beside it (`new URL('./help-texts.json', import.meta.url)`): in the bundle, its
 * `import.meta.url` is made the URL its file has in dist/, from wherever the chunk holding it lies.
 */
const importMetaAsInDist = {
  name: 'import-meta-as-in-dist',
  setup(bundler) {
    bundler.onLoad({ filter: /\/dist\/.*\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'js' };
      const fromChunk = relative(outdir, path).split('\\').join('/');
      const inDist = `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', inDist), loader: 'js' };
    });
  },
};

const { metafile } = await build({
  // The metafile names its outputs from here.
  absWorkingDir: root,
  entryPoints: [join(dist, 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  plugins: [importMetaAsInDist],
  logLevel: 'warning',
  metafile: true,
});

// Chunks are named by their content: those of an earlier build would stay beside the new ones. Taken away after
// the new ones are written, so that a command started meanwhile never finds the folder empty.
const written = new Set(Object.keys(metafile.outputs).map((output) => join(root, output)));
for (const name of readdirSync(outdir)) {
  if (!written.has(join(outdir, name))) rmSync(join(outdir, name), { force: true });
}
