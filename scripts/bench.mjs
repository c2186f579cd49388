// `npm run bench`: the audit against the parsing floor and `node -e 0` on seeded synthetic repositories (docs/speed.md).
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { generateRepository } from './bench/generate.mjs';
import { HAVE_GNU_TIME, machine, measure, median } from './bench/measure.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
// INVOLVE_BENCH_DIR: the repositories and results elsewhere than .bench/, so the bench's own test leaves the latest
// results alone. The bundled helpers stay in .bench/floor, where they find node_modules.
const bench = process.env.INVOLVE_BENCH_DIR ?? join(repo, '.bench');
const helpers = join(repo, '.bench', 'floor');
const node = process.execPath;
const involve = join(repo, 'bin', 'involve.js');

const { values: args } = parseArgs({
  options: {
    files: { type: 'string' },
    sizes: { type: 'string', default: '1000,10000,100000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string' },
    'startup-runs': { type: 'string', default: '15' },
    workers: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(`npm run bench -- [--sizes 1000,10000,100000 | --files N] [--seed 1] [--runs R] [--startup-runs 15] [--workers N]
  --runs         repeats of each measurement, reporting the median (default 3 up to 10,000 files, 1 above)
  --workers N    passed to the audit as INVOLVE_WORKERS (0: audit in-process)`);
  process.exit(0);
}
const sizes = (args.files ?? args.sizes).split(',').map((s) => Number(s.replace(/_/g, '')));
if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error(`--sizes/--files: whole numbers of files, got ${args.files ?? args.sizes}`);
const seed = Number(args.seed);
const startupRuns = Number(args['startup-runs']);
const auditEnv = { ...process.env, ...(args.workers !== undefined ? { INVOLVE_WORKERS: args.workers } : {}) };
delete auditEnv.FORCE_COLOR;

const fmt = (n, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (kb) => `${fmt(kb / 1024)} MB`;
const log = (s) => process.stderr.write(`${s}\n`);

/** A repository per size and seed, regenerated only when the generator changes. */
function repository(files) {
  const dir = join(bench, 'repos', `${files}-seed${seed}`);
  const generator = createHash('sha256').update(readFileSync(join(repo, 'scripts', 'bench', 'generate.mjs'))).digest('hex').slice(0, 16);
  const stamp = join(dir, '.stamp.json');
  try {
    const known = JSON.parse(readFileSync(stamp, 'utf8'));
    if (known.generator === generator) return { ...known, dir };
  } catch {
    // Not generated yet, or by another version of the generator.
  }
  log(`generating ${fmt(files)} evidence files (seed ${seed}) under ${relative(repo, dir)}…`);
  const made = { ...generateRepository(dir, files, seed), generator };
  writeFileSync(stamp, JSON.stringify(made));
  return made;
}

/** The report's summary, found without loading a report that may be larger than a string can hold. */
function summaryOf(file) {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let carry = '';
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) {
      const text = carry + chunk.toString('latin1', 0, n);
      const match = /\n {2}"summary": (\{[^}]*\})/.exec(text);
      if (match) return JSON.parse(match[1]);
      carry = text.slice(-256);
    }
  } finally {
    closeSync(fd);
  }
  return undefined;
}

async function floorSchema() {
  const out = join(helpers, 'evidence-schema.mjs');
  await build({ entryPoints: [join(repo, 'src', 'validate', 'evidence-schema.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  return out;
}

/** Where one thread's time goes, stage by stage (scripts/bench/stages.ts), over the smallest repository. */
async function stages(dir) {
  const out = join(helpers, 'stages.mjs');
  await build({
    entryPoints: [join(repo, 'scripts', 'bench', 'stages.ts')],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    define: { __INVOLVE_VERSION__: '"bench"' },
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return JSON.parse(check(await measure(node, [out, dir], { cwd: repo }), 'stages').stdout);
}

function check(result, what) {
  if (result.status !== 0) throw new Error(`${what} failed (status ${result.status}, signal ${result.signal}): ${result.stderr.slice(0, 2000)}`);
  return result;
}

async function measureSize(files, schema) {
  const made = repository(files);
  const runs = Number(args.runs ?? (files > 10_000 ? 1 : 3));
  const output = join(bench, 'out', `audit-${files}.json`);
  const trendOutput = join(bench, 'out', `trend-${files}.json`);
  mkdirSync(join(bench, 'out'), { recursive: true });
  const samples = { parse: [], validate: [], audit: [], trend: [] };
  // The same date as the audit's, and no config: the trend of the same files, judged alike.
  const trendArgs = (format, file) => [involve, 'trend', made.dir, '--format', format, '--output', file, '--no-config', '--as-of', '2027-02-01'];
  let summary;
  // Interleaved, so a burst of load from elsewhere on the machine lands on all three alike.
  for (let run = 0; run < runs; run++) {
    log(`${fmt(files)} files, run ${run + 1} of ${runs}: floor (a)…`);
    const a = check(await measure(node, [join(repo, 'scripts', 'bench', 'floor.mjs'), 'parse', made.dir]), 'floor (a)');
    samples.parse.push({ wallMs: a.wallMs, peakRssKb: a.peakRssKb, ...JSON.parse(a.stdout) });
    log(`${fmt(files)} files, run ${run + 1} of ${runs}: floor (b)…`);
    const b = check(await measure(node, [join(repo, 'scripts', 'bench', 'floor.mjs'), 'validate', made.dir, schema]), 'floor (b)');
    samples.validate.push({ wallMs: b.wallMs, peakRssKb: b.peakRssKb, ...JSON.parse(b.stdout) });
    log(`${fmt(files)} files, run ${run + 1} of ${runs}: involve audit…`);
    // A date after every generated submission (the last quarter's come in January 2027), so the clock changes nothing.
    const c = check(await measure(node, [involve, 'audit', made.dir, '--format', 'json', '--output', output, '--fail-on', 'never', '--no-config', '--as-of', '2027-02-01'], { cwd: repo, env: auditEnv }), 'involve audit');
    summary = summaryOf(output);
    samples.audit.push({ wallMs: c.wallMs, peakRssKb: c.peakRssKb, outputBytes: statSync(output).size });
    rmSync(output, { force: true });
    log(`${fmt(files)} files, run ${run + 1} of ${runs}: involve trend…`);
    const t = check(await measure(node, trendArgs('json', trendOutput), { cwd: repo, env: auditEnv }), 'involve trend');
    samples.trend.push({ wallMs: t.wallMs, peakRssKb: t.peakRssKb, outputBytes: statSync(trendOutput).size });
  }
  // The trend's page, once: its size for this many providers and quarters.
  const { providers, quarters } = JSON.parse(readFileSync(trendOutput, 'utf8'));
  rmSync(trendOutput, { force: true });
  const page = join(bench, 'out', `trend-${files}.html`);
  check(await measure(node, trendArgs('html', page), { cwd: repo, env: auditEnv }), 'involve trend --format html');
  const trendHtml = { bytes: statSync(page).size, providers: providers.length, quarters: quarters.length };
  rmSync(page, { force: true });
  const digest = (list) => {
    const wallMs = median(list.map((s) => s.wallMs));
    return { wallMs, msPerFile: wallMs / files, filesPerSecond: (files * 1000) / wallMs, peakRssKb: median(list.map((s) => s.peakRssKb)), runs: list };
  };
  return { files, bytes: made.bytes, intended: made.intended, audited: summary, parse: digest(samples.parse), validate: digest(samples.validate), audit: digest(samples.audit), trend: digest(samples.trend), trendHtml };
}

async function startup() {
  const one = join(repo, 'fixtures', 'sample', '2026-Q3', 'oxon-adult-recovery.yaml');
  const commands = {
    'node -e 0': [node, ['-e', '0']],
    'involve --version': [node, [involve, '--version']],
    'involve --help': [node, [involve, '--help']],
    'involve audit FILE': [node, [involve, 'audit', one, '--fail-on', 'never', '--no-config']],
  };
  const walls = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const rss = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  // One untimed round warms the page cache and the compile cache; then the rounds interleave the commands.
  for (let round = -1; round < startupRuns; round++) {
    for (const [name, [command, argv]] of Object.entries(commands)) {
      const r = check(await measure(command, argv, { cwd: repo, env: auditEnv }), name);
      if (round >= 0) {
        walls[name].push(r.wallMs);
        rss[name].push(r.peakRssKb);
      }
    }
  }
  return Object.fromEntries(Object.keys(commands).map((k) => [k, { wallMs: median(walls[k]), peakRssKb: median(rss[k]), runs: walls[k] }]));
}

const info = machine();
log(`${info.cpu}, ${info.cores} cores, ${info.memory}, Node ${info.node}; load average ${info.loadavg.join(' ')}${HAVE_GNU_TIME ? '' : '; no /usr/bin/time, peak RSS polled from /proc'}`);
mkdirSync(bench, { recursive: true });
const schema = await floorSchema();
log('start-up…');
const start = await startup();
const results = [];
for (const files of sizes) results.push(await measureSize(files, schema));

log('where the time goes, one thread…');
const breakdown = await stages(repository(Math.min(...sizes)).dir);

const bare = start['node -e 0'].wallMs;
const targets = [];
const target = (name, measured, limit, met, note) => targets.push({ target: name, measured, limit, met, ...(note ? { note } : {}) });
for (const name of ['involve --version', 'involve --help']) {
  const ratio = start[name].wallMs / bare;
  target(`${name} within 1.3× node -e 0`, `${fmt(ratio, 2)}×`, '1.3×', ratio <= 1.3);
}
const oneRatio = start['involve audit FILE'].wallMs / bare;
target('audit of one file within 2.5× node -e 0', `${fmt(oneRatio, 2)}×`, '2.5×', oneRatio <= 2.5);
const ten = results.find((r) => r.files === 10_000);
if (ten) {
  const ratio = ten.audit.wallMs / ten.validate.wallMs;
  target('10,000 files within 0.5× floor (b)', `${fmt(ratio, 2)}×`, '0.5×', ratio <= 0.5);
}
for (const r of results) {
  // Under 500 files an audit runs in one thread, and start-up is most of either run; the target is for real runs.
  if (r.files < 1000) continue;
  const ratio = r.trend.wallMs / r.audit.wallMs;
  target(`trend of ${fmt(r.files)} files within 1.1× their audit`, `${fmt(ratio, 2)}×`, '1.1×', ratio <= 1.1);
}
const largest = results.reduce((a, b) => (b.files > a.files ? b : a));
if (largest.files >= 100_000) target('100,000 files under 300 MB peak RSS', mb(largest.audit.peakRssKb), '300 MB', largest.audit.peakRssKb < 300 * 1024);
const smallest = results.reduce((a, b) => (b.files < a.files ? b : a));
if (largest.files >= 10 * smallest.files) {
  // The fixed cost of starting up is taken off first: it is what makes 1,000 files dearer per file, not the audit.
  const perFile = (r) => (r.audit.wallMs - start['involve audit FILE'].wallMs) / r.files;
  const growth = perFile(largest) / perFile(smallest);
  target(`time per file flat from ${fmt(smallest.files)} to ${fmt(largest.files)} files (start-up excluded)`, `${fmt(growth, 2)}×`, '≤ 1.2×', growth <= 1.2);
}

const out = { date: new Date().toISOString(), machine: info, seed, peakRss: HAVE_GNU_TIME ? '/usr/bin/time %M' : '/proc VmHWM polled', floor: "read + yaml parseDocument (the notes' floor), (b) + toJS + zod safeParse of the evidence schema", startup: start, sizes: results, stages: breakdown, targets };
writeFileSync(join(bench, 'results.json'), `${JSON.stringify(out, null, 2)}\n`);

const lines = [];
lines.push(`Machine: ${info.cpu}, ${info.cores} cores (availableParallelism ${info.availableParallelism}), ${info.memory}, Node ${info.node}, ${info.platform}`);
lines.push('');
lines.push('| files | step | wall | files/s | ms per file | peak RSS | audit ÷ step |');
lines.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const row = (label, m, ratio) => lines.push(`| ${fmt(r.files)} | ${label} | ${fmt(m.wallMs / 1000, 2)} s | ${fmt(m.filesPerSecond)} | ${fmt(m.msPerFile, 3)} | ${mb(m.peakRssKb)} | ${ratio} |`);
  row('(a) floor: read + `parseDocument`', r.parse, `${fmt(r.audit.wallMs / r.parse.wallMs, 2)}×`);
  row('(b) floor: (a) + zod', r.validate, `${fmt(r.audit.wallMs / r.validate.wallMs, 2)}×`);
  row('`involve audit --format json`', r.audit, '');
  row('`involve trend --format json`', r.trend, `trend ÷ audit ${fmt(r.trend.wallMs / r.audit.wallMs, 2)}×`);
}
lines.push('');
lines.push('| files | trend page (`--format html`) | providers × quarters |');
lines.push('| ---: | ---: | --- |');
for (const r of results) lines.push(`| ${fmt(r.files)} | ${fmt(r.trendHtml.bytes / 1024 / 1024, 2)} MB | ${fmt(r.trendHtml.providers)} × ${r.trendHtml.quarters} |`);
lines.push('');
lines.push('| start-up | median wall | ÷ `node -e 0` | peak RSS |');
lines.push('| --- | ---: | ---: | ---: |');
for (const [name, m] of Object.entries(start)) lines.push(`| \`${name}\` | ${fmt(m.wallMs)} ms | ${fmt(m.wallMs / bare, 2)}× | ${mb(m.peakRssKb)} |`);
lines.push('');
lines.push(`| one thread, warm, over ${fmt(breakdown.files)} files | ms per file |`);
lines.push('| --- | ---: |');
for (const [stage, ms] of Object.entries(breakdown.msPerFile)) lines.push(`| ${stage} | ${fmt(ms, 3)} |`);
lines.push('');
lines.push('| target | measured | limit | met |');
lines.push('| --- | ---: | ---: | --- |');
for (const t of targets) lines.push(`| ${t.target} | ${t.measured} | ${t.limit} | ${t.met ? 'yes' : '**no**'} |`);
lines.push('');
for (const r of results) {
  const s = r.audited;
  lines.push(`${fmt(r.files)} files (${fmt(r.bytes / r.files)} bytes each on average): built as ${r.intended.green} green, ${r.intended.amber} amber, ${r.intended.red} red, ${r.intended.invalid} invalid; audited ${s ? `${s.green} green, ${s.amber} amber, ${s.red} red, ${s.invalid} invalid` : '(no summary found)'}`);
}
lines.push(`Wall times are medians of ${args.runs ?? '3 (1 above 10,000 files)'} runs; start-up, of ${startupRuns}. Results: ${relative(repo, join(bench, 'results.json'))}`);
console.log(lines.join('\n'));
