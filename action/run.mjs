// GitHub Action (action.yml): the action's inputs, from INPUT_* variables, → one `involve audit` run over the
// workspace → its exit status, and the paths of the reports it wrote as step outputs. Plain Node, no dependencies,
// so that a test runs it as GitHub does; inputs reach it only as variables, never spliced into a shell command.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// A report's file name in the output folder; a format involve does not know is passed on for it to refuse.
const FILE_NAMES = { sarif: 'involve.sarif', junit: 'involve-junit.xml', html: 'involve-report.html', markdown: 'involve-report.md', json: 'involve-report.json' };

// action.yml hands each input over as INPUT_<NAME>, with - as _ (composite actions set no INPUT_* of their own).
const input = (name) => (process.env[`INPUT_${name.toUpperCase().replaceAll('-', '_')}`] ?? '').trim();
const list = (value, separator) => value.split(separator).map((item) => item.trim()).filter(Boolean);

const paths = list(input('paths'), /\n/);
const reports = list(input('reports'), /[\s,]+/);
const outputDir = input('output-dir') || 'involve-reports';
const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
const files = reports.map((format) => [format, join(outputDir, FILE_NAMES[format] ?? `involve.${format}`)]);

const args = ['audit', ...paths, '--format', 'github'];
for (const [option, name] of [['--rules', 'rules'], ['--fail-on', 'fail-on'], ['--period', 'period'], ['--as-of', 'as-of']]) {
  if (input(name)) args.push(option, input(name));
}
if (input('allow-empty') === 'true') args.push('--allow-empty');
for (const [format, file] of files) args.push('--report', `${format}=${file}`);

const involve = join(import.meta.dirname, '..', 'bin', 'involve.js');
const run = spawnSync(process.execPath, [involve, ...args], { cwd: workspace, stdio: 'inherit' });
const status = run.status ?? 2;

// Only reports that were written: after a run that could not start (exit 2) there are none to upload.
const outputs = [`exit-code=${status}`, ...files.filter(([, file]) => existsSync(join(workspace, file))).map(([format, file]) => `${format}=${file}`)];
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, outputs.map((line) => `${line}\n`).join(''));
process.exitCode = status;
