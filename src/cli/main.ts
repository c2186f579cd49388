// CLI: the commander program. run() parses argv, calls one command and returns its exit status; it never
// calls process.exit, so tests run it in-process (ESLint's execute()). Commands load on demand, so
// `involve --version` never pays for yaml or zod.
import { isAbsolute, relative, sep } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { COVERAGE_FORMAT_NAMES } from '../report/coverage/index.ts';
import { FORMAT_NAMES } from '../report/formats/index.ts';
import { REVIEW_FORMAT_NAMES } from '../report/review/index.ts';
import { TREND_FORMAT_NAMES } from '../report/trend/index.ts';
import { VERSION } from '../version.ts';
import type { Io } from './io.ts';
import { CannotWrite } from './write-report.ts';

export type { Io } from './io.ts';

const PERIOD = /^\d{4}-Q[1-4]$/;
function period(value: string): string {
  if (!PERIOD.test(value)) throw new InvalidArgumentError('expected a calendar quarter such as 2026-Q3.');
  return value;
}

function calendarDate(value: string): string {
  const day = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('expected a real date written YYYY-MM-DD.');
  }
  return value;
}

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

// What a person can do something about: a file that cannot be written, or read, where they asked.
const FILE_SYSTEM_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'part of the path is a file, not a folder',
  ENOENT: 'no such file or folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EEXIST: 'it already exists',
};

function fileSystemProblem(error: unknown, cwd: string): string | undefined {
  const { code, path } = error instanceof CannotWrite ? error : ((error ?? {}) as NodeJS.ErrnoException);
  if (!code || !Object.hasOwn(FILE_SYSTEM_REASONS, code) || !path) return undefined;
  const inside = relative(cwd, path);
  const shown = (inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path).split(sep).join('/');
  return `${error instanceof CannotWrite ? 'cannot write' : 'cannot read'} ${shown}: ${FILE_SYSTEM_REASONS[code]}`;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  let status = 0;
  const program = new Command('involve')
    .description("Audit drug and alcohol treatment providers' quarterly service-user involvement evidence\nagainst a commissioner's rule pack, and print a Red/Amber/Green report.")
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
    })
    .addHelpText('after', examples(['involve audit evidence/2026-Q3', 'involve init --provider smart-cjs --period 2026-Q3', 'involve explain charter-displayed --rules oxfordshire-daat-2009']));

  const rulesOption = () => new Option('-r, --rules <pack>', 'rule pack: core, nottingham-cdp-2015, oxfordshire-daat-2009, or a path to a pack folder (default: the config\'s pack, else core)');
  const configOption = () => new Option('--config <file>', 'use this config file, not the involve.config.yaml found by walking up from the path');
  const noConfigOption = () => new Option('--no-config', 'ignore any involve.config.yaml');

  program
    .command('audit')
    .description('audit evidence files and folders (searched for *.yaml and *.yml)')
    .argument('[paths...]', 'evidence files or folders', [])
    .addOption(rulesOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(new Option('-p, --period <quarter>', 'only files for this quarter, e.g. 2026-Q3').argParser(period))
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMAT_NAMES).default('table'))
    .option('-o, --output <file>', 'write the report to this file (atomically) instead of stdout')
    .option('--report <format=file>', 'also write a report in another format to a file, e.g. junit=out/junit.xml (repeatable)', (value: string, all: string[]) => [...all, value], [])
    .addOption(new Option('--fail-on <status>', 'exit 1 when any file is at or above this status (default: the config\'s fail_on, else red)').choices(['red', 'amber', 'never']))
    .addOption(new Option('--as-of <date>', 'the audit\'s date, YYYY-MM-DD (default: today in London): waivers\' expiry is judged at it, and a return submitted after it is invalid (missing, when the provider register expects it)').argParser(calendarDate))
    .option('--allow-empty', 'exit 0 when no evidence file is found (by default that is exit 2, so CI cannot pass by mistake)')
    .option('--previous <path>', "last quarter's evidence (file or folder) or a saved JSON report: show what changed")
    .option('--color', 'colour the table even when stdout is not a terminal')
    .option('--no-color', 'never colour the table (NO_COLOR=1 does the same)')
    .addHelpText('after', `
Exit status: 0 nothing at or above --fail-on; 1 some file is (an invalid file counts as red);
2 the command could not run (unknown option, no such path, unknown or broken rule pack), or
no evidence file was found for the paths and period given (unless --allow-empty).
${examples([
  'involve audit evidence/2026-Q3/smart-cjs.yaml',
  'involve audit evidence --period 2026-Q3 --rules oxfordshire-daat-2009',
  'involve audit evidence --format json --output report.json --fail-on amber',
  'involve audit evidence --rules ./packs/our-pack',
  'involve audit evidence --report junit=out/junit.xml --report sarif=out/involve.sarif',
])}`)
    .action(async (paths: string[], options) => {
      const { audit } = await import('./commands/audit.ts');
      status = await audit(paths, options, io);
    });

  program
    .command('trend')
    .description('every quarter found, side by side: each provider\'s status, how long each rule has been failing, what moved since the quarter before')
    .argument('[paths...]', 'evidence files or folders, several quarters of them', [])
    .addOption(rulesOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(new Option('--from <quarter>', 'the first quarter to show, e.g. 2025-Q4 (default: the first found)').argParser(period))
    .addOption(new Option('--to <quarter>', 'the last quarter to show, e.g. 2026-Q3 (default: the last found)').argParser(period))
    .addOption(new Option('-f, --format <format>', 'report format').choices(TREND_FORMAT_NAMES).default('table'))
    .option('-o, --output <file>', 'write the report to this file (atomically) instead of stdout')
    .addOption(new Option('--as-of <date>', 'the audit\'s date, YYYY-MM-DD (default: today in London): waivers\' expiry is judged at it, and no return may be submitted after it').argParser(calendarDate))
    .option('--color', 'colour the table even when stdout is not a terminal')
    .option('--no-color', 'never colour the table (NO_COLOR=1 does the same)')
    .addHelpText('after', `
Each quarter is judged by the rules in force then (a rule's effective_from). A quarter with no result
for a rule (no return, an invalid one, a rule not in force) neither breaks nor starts a failing streak.
Exit status: 0 the trend was written, whatever it shows (--fail-on belongs to audit); 2 the command
could not run (unknown option, no such path, unknown or broken rule pack, --from after --to), or no
evidence file was found for the paths and quarters given.
${examples([
  'involve trend evidence',
  'involve trend evidence --from 2025-Q4 --to 2026-Q3 --format html --output trend.html',
  'involve trend evidence --format json --output trend.json',
])}`)
    .action(async (paths: string[], options) => {
      const { trend } = await import('./commands/trend.ts');
      status = await trend(paths, options, io);
    });

  program
    .command('review')
    .description("one provider's contract-review dossier: its register details, each quarter's status, every rule quarter by quarter with its evidence and policy clause, persistent failures and waivers")
    .argument('<provider>', 'the provider id its returns carry, e.g. smart-cjs')
    .argument('[paths...]', 'evidence files or folders', [])
    .addOption(rulesOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(new Option('--from <quarter>', 'first quarter to review (default: a year before --to, else of the last four quarters found)').argParser(period))
    .addOption(new Option('--to <quarter>', 'last quarter to review (default: the latest found for the provider, or due from it)').argParser(period))
    .addOption(new Option('-f, --format <format>', 'markdown for papers, html to print on A4, json for tools, table for a terminal').choices(REVIEW_FORMAT_NAMES).default('table'))
    .option('-o, --output <file>', 'write the dossier to this file (atomically) instead of stdout')
    .addOption(new Option('--as-of <date>', 'the review\'s date, YYYY-MM-DD (default: today in London): waivers\' expiry is judged at it').argParser(calendarDate))
    .option('--color', 'colour the table even when stdout is not a terminal')
    .option('--no-color', 'never colour the table (NO_COLOR=1 does the same)')
    .addHelpText('after', `
Only the provider's own returns and waivers are in the dossier: nothing about any other provider.
Exit status: 0 the dossier was written; 2 it could not be (no returns from the provider, a bad
--from or --to, an unknown option, no such path, a broken rule pack or config).
${examples([
  'involve review smart-cjs evidence',
  'involve review smart-cjs evidence --format html --output smart-cjs-review.html',
  'involve review smart-cjs evidence --from 2025-Q4 --to 2026-Q3 --format markdown',
])}`)
    .action(async (provider: string, paths: string[], options) => {
      const { review } = await import('./commands/review.ts');
      status = await review(provider, paths, options, io);
    });

  program
    .command('explain')
    .description('what a rule checks, its parameters in the chosen pack, its citation and how to put it right')
    .argument('<rule>', 'rule id, e.g. charter-displayed')
    .addOption(rulesOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addHelpText('after', examples(['involve explain surveys-conducted', 'involve explain surveys-conducted --rules oxfordshire-daat-2009']))
    .action(async (rule: string, options) => {
      const { explain } = await import('./commands/explain.ts');
      status = explain(rule, options, io);
    });

  program
    .command('rules')
    .description("list a pack's rules with their severities and citations")
    .addOption(rulesOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addHelpText('after', examples(['involve rules', 'involve rules --rules nottingham-cdp-2015']))
    .action(async (options) => {
      const { listRules } = await import('./commands/rules.ts');
      status = listRules(options, io);
    });

  program
    .command('coverage')
    .description("the pack's register of its policy's obligations on providers: the rules that check each, or why none does, and the share checked")
    .addOption(rulesOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(new Option('-f, --format <format>', 'table for a terminal, markdown for papers, json for tools').choices(COVERAGE_FORMAT_NAMES).default('table'))
    .option('--color', 'colour the table even when stdout is not a terminal')
    .option('--no-color', 'never colour the table (NO_COLOR=1 does the same)')
    .addHelpText('after', examples(['involve coverage --rules oxfordshire-daat-2009', 'involve coverage --rules nottingham-cdp-2015 --format markdown > coverage.md', 'involve coverage --format json']))
    .action(async (options) => {
      const { coverage } = await import('./commands/coverage.ts');
      status = await coverage(options, io);
    });

  program
    .command('test-rules')
    .description("run rule packs' own tests: evidence files in <pack>/tests/ beside <name>.expected.yaml")
    .argument('<packs...>', 'pack folders, or shipped pack names')
    .addHelpText('after', `
Exit status: 0 every case as expected; 1 some case is not; 2 a pack is broken or has no tests.
${examples(['involve test-rules ./packs/our-pack', 'involve test-rules core nottingham-cdp-2015 oxfordshire-daat-2009'])}`)
    .action(async (packs: string[]) => {
      const { testRules } = await import('./commands/test-rules.ts');
      status = testRules(packs, io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the evidence format, or of rule pack files (for editor completion)')
    .option('-o, --output <file>', 'write it to this file instead of stdout')
    .addOption(new Option('--pack [which]', 'the schema of rule pack files instead: pack.yaml, rule files and obligations.yaml, or only one (rule, pack or register)').choices(['rule', 'pack', 'register']))
    .addOption(new Option('-r, --rules <pack>', 'the format as this pack reads it, with the sections and fields it declares (default: the core format)').conflicts('pack'))
    .addOption(new Option('-f, --format <format>', 'json (the JSON Schema) or markdown (a table of every field)').choices(['json', 'markdown']).default('json').conflicts('pack'))
    .addHelpText('after', examples(['involve schema --output involvement-evidence.schema.json', 'involve schema --rules ./packs/our-pack --output involvement-evidence.schema.json', 'involve schema --rules ./packs/our-pack --format markdown', 'involve schema --pack --output rule-pack.schema.json']))
    .action(async (options) => {
      const { printSchema } = await import('./commands/schema.ts');
      status = printSchema(options, io);
    });

  program
    .command('init')
    .description("write a provider's starter return for a quarter, with every section the pack checks, or a starter config")
    .option('--provider <id>', 'provider id: lowercase letters, digits and hyphens, e.g. smart-cjs')
    .addOption(new Option('--period <quarter>', 'calendar quarter, e.g. 2026-Q3').argParser(period))
    .addOption(rulesOption())
    .option('--config', 'write a commented involve.config.yaml instead')
    .option('-o, --output <file>', 'where to write it (default: <period>/<provider>.yaml, or involve.config.yaml)')
    .addHelpText('after', `
The return has every section the pack checks, with what each rule asks above it, and nothing in it
passes until it is filled in. It never overwrites an existing file.
${examples(['involve init --provider smart-cjs --period 2026-Q3', 'involve init --provider smart-cjs --period 2026-Q3 --rules oxfordshire-daat-2009', 'involve init --config'])}`)
    .action(async (options) => {
      const { init } = await import('./commands/init.ts');
      status = init(options, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const cannot = fileSystemProblem(error, io.cwd);
    if (cannot) {
      io.stderr.write(`involve: ${cannot}\n`);
      return 2;
    }
    const debug = Boolean(io.env.INVOLVE_DEBUG);
    io.stderr.write(`involve: unexpected error: ${(error as Error)?.message ?? String(error)}${debug ? `\n${(error as Error)?.stack}` : ' (set INVOLVE_DEBUG=1 for details)'}\n`);
    return 2;
  }
}
