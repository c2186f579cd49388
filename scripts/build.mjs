// Bundles the CLI with esbuild: one file per command chunk, so `involve --version`
// loads commander alone and never pays for yaml or zod (see docs/speed.md).
import { build, formatMessages } from 'esbuild';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { isBuilt } from './build-inputs.mjs';
import { patchDependencies } from './patch-dependencies.mjs';

const entry = 'src/cli/main.ts';
const out = 'dist/involve.js';

if (process.argv.includes('--if-needed') && isBuilt(out)) process.exit(0);

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

/** Stops the build, leaving no dist/involve.js: nothing may run, and --if-needed must not skip, a bundle made wrong. */
function fail(...messages) {
  rmSync(out, { force: true });
  print(messages);
  process.exit(1);
}

function print(messages) {
  for (const message of messages) process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
}

// esbuild's messages are printed here rather than by esbuild: a patch's message is one line, which is all it needs
// (the rest keep esbuild's code frames), and a failed build must not leave the bundle esbuild wrote before the
// patches' last check.
async function bundle(options) {
  const shown = async (messages, kind) => {
    const lines = [];
    for (const message of messages) {
      if (message.pluginName === 'patch-dependencies') lines.push(`build: ${message.text}`);
      else lines.push(...(await formatMessages([message], { kind, color: process.stderr.isTTY === true })));
    }
    return lines;
  };
  try {
    const result = await build({ ...options, logLevel: 'silent' });
    print(await shown(result.warnings, 'warning'));
    return result;
  } catch (failure) {
    if (!Array.isArray(failure.errors)) throw failure;
    return fail(...(await shown(failure.warnings, 'warning')), ...(await shown(failure.errors, 'error')));
  }
}

const result = await bundle({
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
  metafile: true,
  plugins: [patchDependencies()],
});

// yaml-package.ts names the yaml entry relative to itself; a chunk moved elsewhere, or yaml bundled into another
// chunk (loaded at start-up after all), would make that wrong or slow, so the build fails here instead.
for (const [path, output] of Object.entries(result.metafile.outputs)) {
  const inputs = Object.keys(output.inputs);
  if (inputs.some((i) => i.endsWith('src/load/yaml-package.ts')) && !path.startsWith('dist/chunks/')) fail(`build: yaml-package.ts ended up in ${path}, not dist/chunks/`);
  if (path !== 'dist/chunks/yaml.js' && inputs.some((i) => i.includes('node_modules/yaml/'))) fail(`build: yaml is bundled into ${path} as well as dist/chunks/yaml.js`);
}

// Chunk names carry content hashes, so each build leaves the last one's behind; remove what this build did not
// write (after writing, so a CLI running meanwhile never finds dist/ empty).
const written = new Set(Object.keys(result.metafile.outputs).map((p) => p.split('/').pop()));
for (const name of readdirSync('dist/chunks')) if (!written.has(name)) rmSync(join('dist/chunks', name), { force: true });
