// The tables the docs take from the code: the evidence fields (src/validate/field-table.ts, as `involve schema --format markdown`), the
// check kinds (from the table of kinds) and the shipped packs' rules (by loading them); and the files of the pack the
// walkthrough builds, from its fixture. tests/docs.test.ts writes each into its marked block and fails when a block
// differs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { evidenceJsonSchema } from '../src/cli/commands/schema.ts';
import { checkKinds, type CheckKindName } from '../src/evaluate/checks/index.ts';
import type { MessageUse } from '../src/evaluate/checks/types.ts';
import { checkKindSummaries } from '../src/evaluate/checks/summaries.ts';
import { compilePack } from '../src/packs/compile-pack.ts';
import { loadPack, shippedPackNames } from '../src/packs/load-pack.ts';
import { fieldTable } from '../src/packs/field-table.ts';
import type { FormatNode } from '../src/packs/field-paths.ts';

/** The JSON Schema of the format, and of a check kind's parameters (which have defaults). */
type JsonSchema = Omit<FormatNode, 'properties' | 'items'> & { type?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; default?: unknown };

const code = (s: unknown) => `\`${String(s)}\``;
const cell = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
const table = (head: string[], body: string[][]) =>
  [head, head.map(() => '---'), ...body].map((row) => `| ${row.join(' | ')} |`).join('\n');

export function fieldReference(): string {
  return fieldTable(evidenceJsonSchema() as FormatNode);
}

/** A parameter as a pack writer needs to see it: its name, the keys of a nested mapping, its choices, its default. */
function describeParam(key: string, s: JsonSchema): string {
  let text = code(key);
  // A condition is described once, under "Conditions"; other mappings list their keys.
  if (s.type === 'object' && s.properties && !('present' in s.properties)) text += ` {${Object.keys(s.properties).map(code).join(', ')}}`;
  const choices = s.enum ?? s.items?.enum;
  if (choices) text += ` (${choices.map(code).join(', ')})`;
  if (s.default !== undefined && typeof s.default !== 'object') text += ` (default ${String(s.default)})`;
  return text;
}

// Just enough of a parameter to switch on the messages it brings: a non-empty list, a mapping with its required
// keys (a path is its own name), true.
function switchedOn(s: JsonSchema, name = ''): unknown {
  if (s.type === 'array') return [{}];
  if (s.type === 'boolean') return true;
  if (s.type === 'string') return name;
  if (s.type !== 'object') return 1;
  const keys = Object.entries(s.properties ?? {}).filter(([key, p]) => s.required?.includes(key) || p.default !== undefined);
  return Object.fromEntries(keys.map(([key, p]) => [key, p.default ?? switchedOn(p, key)]));
}

/** A message as a pack writer needs it: its id (a condition's is its own), and what its wording can name. */
function describeMessage(use: MessageUse): string {
  const item = use.item?.map((key) => (typeof key === 'number' ? '[]' : `.${key}`)).join('').slice(1);
  const data = [...use.data, ...(item ? [`the fields of ${item}`] : [])];
  return `${use.namedAt ? "each condition's `message`" : code(use.id)}${data.length ? ` (${data.join(', ')})` : ''}`;
}

function checkKindRow(name: CheckKindName): string[] {
  const kind = checkKinds[name];
  const schema = z.toJSONSchema(kind.params, { io: 'input' }) as JsonSchema;
  const params = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  // A path parameter (section, list), required or not, is its own name here: the messages only place their items with it.
  const defaults = Object.fromEntries(params.filter(([key, s]) => s.default !== undefined || s.type === 'string').map(([key, s]) => [key, s.default ?? key]));
  const always = kind.messages(defaults).map(describeMessage);
  const extra = params
    .filter(([key, s]) => !required.has(key) && s.type !== 'string')
    .map(([key, s]) => [key, [...new Set(kind.messages({ ...defaults, [key]: switchedOn(s) }).map(describeMessage))].filter((m) => !always.includes(m))] as const)
    .filter(([, messages]) => messages.length > 0)
    .map(([key, messages]) => `with ${code(key)}: ${messages.join(', ')}`);
  const needed = params.filter(([key]) => required.has(key)).map(([key, s]) => describeParam(key, s));
  const optional = params.filter(([key]) => !required.has(key)).map(([key, s]) => describeParam(key, s));
  const paramText = [needed.join(', '), optional.length ? `optional: ${optional.join(', ')}` : ''].filter(Boolean).join('; ');
  return [code(name), checkKindSummaries[name], paramText || 'none', [always.join(', '), ...extra].join('; ')];
}

export function checkKindReference(): string {
  const names = Object.keys(checkKinds) as CheckKindName[];
  return table(['kind', 'what it checks', 'parameters', 'messages it needs (the data each is given)'], names.map(checkKindRow));
}

export function shippedPackReference(): string {
  return shippedPackNames()
    .map((id) => compilePack(loadPack(id, process.cwd())))
    .map((pack) => {
      const [, base] = pack.lineage;
      const lines = [`### ${code(pack.id)}: ${pack.title}`, ''];
      if (pack.description) lines.push(cell(pack.description), '');
      lines.push(`Version ${code(pack.version)}.`, '');
      if (base) lines.push(`Extends ${code(base)}.${pack.off.length ? ` Turns off ${pack.off.map(code).join(' and ')}.` : ''}`, '');
      const rows = pack.rules.map((r) => [code(r.id), cell(r.title), r.severity, cell(r.citation.document), cell(r.citation.section)]);
      lines.push(table(['rule', 'title', 'severity', 'policy', 'section'], rows));
      return lines.join('\n');
    })
    .join('\n\n');
}

const thirdPack = join(import.meta.dirname, '..', 'fixtures', 'third-pack');

/** A file of the walkthrough's pack (fixtures/third-pack), as written, headed by its path. */
const walkthroughFile = (path: string) => () => `\`\`\`yaml\n# ${path}\n${readFileSync(join(thirdPack, path), 'utf8')}\`\`\``;

/** Each marked block the docs hold (`<!-- name:start -->` … `<!-- name:end -->`) and what writes it. */
export const generatedBlocks: Record<string, () => string> = {
  fields: fieldReference,
  'check-kinds': checkKindReference,
  'shipped-packs': shippedPackReference,
  'walkthrough-obligations': walkthroughFile('wessex-recovery/obligations.yaml'),
  'walkthrough-pack': walkthroughFile('wessex-recovery/pack.yaml'),
  'walkthrough-lived-experience-led': walkthroughFile('wessex-recovery/lived-experience-led.yaml'),
  'walkthrough-mutual-aid-introduced': walkthroughFile('wessex-recovery/mutual-aid-introduced.yaml'),
  'walkthrough-recovery-pathways-peer-led': walkthroughFile('wessex-recovery/recovery-pathways-peer-led.yaml'),
  'walkthrough-test-expected': walkthroughFile('wessex-recovery/tests/red-recovery-support-twelve-step-only.expected.yaml'),
};
