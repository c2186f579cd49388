// CLI command `involve init`: a provider's starter return for a quarter, with every section the pack checks, or a starter config. Never overwrites.
import { dirname, relative, resolve } from 'node:path';
import { starterReturn } from '../../packs/starter-return.ts';
import type { Io } from '../io.ts';
import { resolveSettings } from '../settings.ts';
import { writeFileAtomically } from '../write-report.ts';

export interface InitOptions {
  provider?: string;
  period?: string;
  config?: boolean;
  output?: string;
  /** The pack whose sections the return is written for; default the config's pack, else core. */
  rules?: string;
}

export const STARTER_CONFIG = `# involve.config.yaml: settings for this evidence repository. involve finds it by walking up
# from the folder it audits, as ESLint and Prettier find theirs; options on the command line win.

# The rule pack: core, nottingham-cdp-2015, oxfordshire-daat-2009, or a path relative to this file.
pack: core

# Exit 1 when any return is at or above this status: red (the default), amber or never.
fail_on: red

# january (the default) labels quarters by calendar year; april labels them by the UK financial
# year, so 2026-Q3 shows as "Q2 2026/27". Evidence files always use calendar quarters.
year_start: january

# Your own reading of the pack's rules: severities (required, recommended, aspirational, off),
# parameters and the quarter a rule comes into force (earlier returns get skip), by rule id.
# See: involve explain RULE
overrides: {}
#  surveys-conducted:
#    effective_from: 2027-Q2
#    params:
#      min_respondents: 10

# A waived failure shows as "waived" with its reason and does not count towards red or amber.
# After \`expires\` (inclusive) the failure comes back, noting that the waiver lapsed.
waivers: []
#  - provider: smart-cjs
#    rule: charter-displayed
#    reason: Ground floor closed for refurbishment until December
#    approved_by: A. Commissioner, Oxfordshire DAAT
#    expires: 2026-12-31
#    period: 2026-Q3          # optional: this quarter's return only

# The provider register: who owes a return each quarter. With it, a registered provider due in a
# quarter the audit covers that sent no return is reported as missing, which counts as red; a return
# from a provider not in it is a warning. Its service_type is the one rules are scoped by.
# Without it, nothing is ever missing.
# providers:
#   - id: smart-cjs                         # the provider.id its returns carry
#     name: SMART Criminal Justice Service
#     contract: OXDAAT-CJS-2024             # optional
#     service_type: criminal-justice        # optional; wins over the return's own
#     from: 2024-Q2                         # optional: the first quarter a return is due
#     to: 2027-Q1                           # optional: the last quarter one is due (the contract's end)

# Limits on what is read (defaults shown).
# limits:
#   max_file_bytes: 1048576
#   max_depth: 64
`;

function writeNew(path: string, text: string, io: Io, then: string): number {
  const shown = relative(io.cwd, path) || path;
  try {
    // Whole or not at all, and never over anyone's work: an interrupted init leaves nothing to block a rerun.
    writeFileAtomically(path, text, io.signals, false);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(code === 'EEXIST' ? `involve: ${shown} already exists; it was left as it is\n` : `involve: cannot write ${shown} (${code ?? (error as Error).message})\n`);
    return 2;
  }
  io.stdout.write(`Wrote ${shown}. ${then.replace('FILE', shown)}\n`);
  return 0;
}

export function init(options: InitOptions, io: Io): number {
  if (options.config) return writeNew(resolve(io.cwd, options.output ?? 'involve.config.yaml'), STARTER_CONFIG, io, 'Edit it, then run: involve audit');
  if (!options.provider || !options.period) {
    io.stderr.write('involve: init needs --provider and --period (or --config for a starter config)\n');
    return 2;
  }
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(options.provider)) {
    io.stderr.write(`involve: --provider "${options.provider}" must be a lowercase id of letters, digits and single hyphens, e.g. smart-cjs\n`);
    return 2;
  }
  const path = resolve(io.cwd, options.output ?? `${options.period}/${options.provider}.yaml`);
  // The pack the return will be audited by: the config found from where it is written, as audit finds it.
  const pack = resolveSettings({ ...(options.rules ? { rules: options.rules } : {}) }, dirname(path), io)?.pack;
  if (!pack) return 2;
  const shown = relative(io.cwd, path).split('\\').join('/') || path;
  const schema = relative(dirname(path), resolve(io.cwd, 'involvement-evidence.schema.json')).split('\\').join('/');
  const text = starterReturn(pack, { provider: options.provider, period: options.period, schemaPath: schema, audit: `involve audit ${shown}`, ...(options.rules ? { rules: options.rules } : {}) });
  return writeNew(path, text, io, `Fill it in, then check it with: involve audit FILE${options.rules ? ` --rules ${options.rules}` : ''}`);
}
