// Bundles the CLI with esbuild: one file per command chunk, so `involve --version`
// loads commander alone and never pays for yaml or zod (see README, "Speed").
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

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
  if (built > Math.max(newestSource('src'), newestSource('rules'), statSync('package.json').mtimeMs)) process.exit(0);
}

// Dependencies' start-up and table costs, mended at bundle time: each patch replaces one exact piece of source,
// and if that piece is not found (the package changed) the file is bundled as it is, with a warning. Nothing a
// command prints changes (tests/cli compare the output); only the time taken.
const PATCHES = [
  {
    // cli-table3 0.6.5 truncates every cell's whole text, for each line it draws, only to build a debug message
    // that is never shown; its truncation measures the string again for every character it drops, so a one-file
    // table took 250 ms of a 430 ms audit.
    file: /cli-table3[\\/]src[\\/]cell\.js$/,
    from: 'let content = utils.truncate(this.content, 10, this.truncate);',
    to: "let content = '';",
  },
  {
    // commander loads child_process (and with it net, dgram and streams) as it starts, only to run executable
    // subcommands, of which involve has none; it is loaded when first used instead.
    file: /commander[\\/]lib[\\/]command\.js$/,
    from: "const childProcess = require('node:child_process');",
    to: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  },
  {
    // cli-table3 measures every cell with string-width, whose strip-ansi built its regular expression again for
    // each string (3 ms of a one-file table).
    file: /strip-ansi[\\/]index\.js$/,
    from: "module.exports = string => typeof string === 'string' ? string.replace(ansiRegex(), '') : string;",
    to: "const ANSI = ansiRegex();\nmodule.exports = string => typeof string === 'string' ? string.replace(ANSI, '') : string;",
  },
  {
    // ... and which replaced emoji with a regular expression so large that compiling it took 5 ms; text that is
    // all ASCII holds no emoji.
    file: /string-width[\\/]index\.js$/,
    from: "string = string.replace(emojiRegex(), '  ');",
    to: "if (/[^\\x00-\\x7f]/.test(string)) string = string.replace(emojiRegex(), '  ');",
  },
];
const patchDependencies = {
  name: 'patch-dependencies',
  setup(b) {
    for (const { file, from, to } of PATCHES) {
      b.onLoad({ filter: file }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes(from)) return { contents: source, loader: 'js', warnings: [{ text: `${args.path} changed: ${JSON.stringify(from)} was not found, so it is bundled unpatched (slower)` }] };
        return { contents: source.replace(from, to), loader: 'js' };
      });
    }
  },
};

// The shipped packs, compiled now so that a run need not (src/packs/pack-snapshot.ts): the pack code is bundled
// beside dist/ (where it finds rules/), run, and its snapshot handed to the bundle as a constant.
async function packSnapshot() {
  const helper = 'dist/.pack-snapshot.mjs';
  await build({ entryPoints: ['src/packs/pack-snapshot.ts'], outfile: helper, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" } });
  try {
    const { makePackSnapshot } = await import(`${pathToFileURL(helper).href}?${Date.now()}`);
    const names = readdirSync('rules', { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join('rules', e.name, 'pack.yaml'))).map((e) => e.name).sort();
    const snapshot = makePackSnapshot(names);
    // A value JSON cannot carry (an infinite parameter, say) would come back different: that pack is left out.
    for (const [name, { pack }] of Object.entries(snapshot.packs)) {
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(pack)), withoutUndefined(pack))) {
        console.warn(`build: pack ${name} does not survive JSON; it is compiled at run time`);
        delete snapshot.packs[name];
      }
    }
    return JSON.stringify(snapshot);
  } catch (error) {
    // A pack that does not load is for the CLI to report, at run time, as it always has.
    console.warn(`build: no pack snapshot (${error.message}); packs are compiled at run time`);
    return undefined;
  } finally {
    rmSync(helper, { force: true });
  }
}

function withoutUndefined(value) {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
  return value;
}

const packs = await packSnapshot();

const result = await build({
  // The audit's worker threads load their own entry; it sits beside the chunks, where audit-pool.ts looks for it.
  // yaml is an entry of its own, which src/load/yaml-package.ts loads only when a file needs it.
  entryPoints: { involve: entry, 'chunks/audit-worker': 'src/cli/audit-worker.ts', 'chunks/yaml': 'yaml' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  // cli-table3 is CommonJS and calls require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  define: {
    __INVOLVE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
    // Relative to the chunk that loads it, which the check below keeps in dist/chunks.
    __INVOLVE_YAML_CHUNK__: JSON.stringify('./yaml.js'),
    ...(packs ? { __INVOLVE_PACK_SNAPSHOT__: JSON.stringify(packs) } : {}),
  },
  logLevel: 'warning',
  metafile: true,
  plugins: [patchDependencies],
});

// yaml-package.ts names the yaml entry relative to itself; a chunk moved elsewhere, or yaml bundled into another
// chunk (loaded at start-up after all), would make that wrong or slow, so the build stops here instead.
for (const [path, output] of Object.entries(result.metafile.outputs)) {
  const inputs = Object.keys(output.inputs);
  if (inputs.some((i) => i.endsWith('src/load/yaml-package.ts')) && !path.startsWith('dist/chunks/')) throw new Error(`build: yaml-package.ts ended up in ${path}, not dist/chunks/`);
  if (path !== 'dist/chunks/yaml.js' && inputs.some((i) => i.includes('node_modules/yaml/'))) throw new Error(`build: yaml is bundled into ${path} as well as dist/chunks/yaml.js`);
}

// Chunk names carry content hashes, so each build leaves the last one's behind; remove what this build did not
// write (after writing, so a CLI running meanwhile never finds dist/ empty).
const written = new Set(Object.keys(result.metafile.outputs).map((p) => p.split('/').pop()));
for (const name of readdirSync('dist/chunks')) if (!written.has(name)) rmSync(join('dist/chunks', name), { force: true });
