// Bundles the CLI with esbuild: one file per command chunk, so `involve --version`
// loads commander alone and never pays for yaml or zod (see README, "Speed").
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const entry = 'src/cli/main.ts';
const out = 'dist/involve.js';

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-needed')) {
  let built = 0;
  try { built = statSync(out).mtimeMs; } catch { /* not built yet */ }
  if (built > Math.max(newestSource('src'), statSync('package.json').mtimeMs)) process.exit(0);
}

// cli-table3 0.6.5 truncates every cell's whole text, for each line it draws, only to build a debug message that is
// never shown; its truncation measures the string again for every character it drops, so a one-file table took
// 250 ms of a 430 ms audit. The message is dropped at bundle time; nothing drawn changes (tests/cli compare).
const CLI_TABLE_DEBUG = 'let content = utils.truncate(this.content, 10, this.truncate);';
const cliTableDebugOff = {
  name: 'cli-table3-debug-off',
  setup(b) {
    b.onLoad({ filter: /cli-table3[\\/]src[\\/]cell\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(CLI_TABLE_DEBUG)) {
        return { contents: source, loader: 'js', warnings: [{ text: 'cli-table3 changed: its debug truncation was not found, so it is left in (slower tables)' }] };
      }
      return { contents: source.replace(CLI_TABLE_DEBUG, "let content = '';"), loader: 'js' };
    });
  },
};

const result = await build({
  // The audit's worker threads load their own entry; it sits beside the chunks, where audit-pool.ts looks for it.
  entryPoints: { involve: entry, 'chunks/audit-worker': 'src/cli/audit-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  minify: process.env.INVOLVE_MINIFY === '1',
  // cli-table3 is CommonJS and calls require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  define: { __INVOLVE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  logLevel: 'warning',
  metafile: true,
  plugins: [cliTableDebugOff],
});

// Chunk names carry content hashes, so each build leaves the last one's behind; remove what this build did not
// write (after writing, so a CLI running meanwhile never finds dist/ empty).
const written = new Set(Object.keys(result.metafile.outputs).map((p) => p.split('/').pop()));
for (const name of readdirSync('dist/chunks')) if (!written.has(name)) rmSync(join('dist/chunks', name), { force: true });
