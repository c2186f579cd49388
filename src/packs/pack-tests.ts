// Packs stage: a pack's own tests (as `conftest verify` runs a policy's): evidence files in <pack>/tests/, each
// beside <name>.expected.yaml saying what the pack must make of it, rule by rule. Expectations are by meaning: a
// result's status and its notes by message id with data, never fragments of wording (issue 10).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

const ruleStatus = z.enum(['pass', 'fail', 'warn', 'info', 'skip', 'waived']);

/** A note expected among a result's: its message id, and values its data must hold (others may be there too). */
export const expectedNoteSchema = z.strictObject({
  id: z.string().min(1),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type ExpectedNote = z.infer<typeof expectedNoteSchema>;

/** What a result's findings (what is wrong, or why it was skipped), evidence and commendations must include. */
export const expectedNotesSchema = z.strictObject({
  findings: z.array(expectedNoteSchema).optional(),
  evidence: z.array(expectedNoteSchema).optional(),
  commendations: z.array(expectedNoteSchema).optional(),
});
export type ExpectedNotes = z.infer<typeof expectedNotesSchema>;

export const expectedSchema = z.strictObject({
  /** The file's RAG status. */
  status: z.enum(['green', 'amber', 'red', 'invalid']).optional(),
  /** Every rule the pack runs, with its status, or its status and the notes its result must include. */
  rules: z.record(z.string(), z.union([ruleStatus, expectedNotesSchema.extend({ status: ruleStatus })])).default({}),
});
export type Expected = z.infer<typeof expectedSchema>;

/** A note as a result holds it, or as a test expects it. */
interface NoteLike {
  id?: string;
  data?: Readonly<Record<string, unknown>>;
}

/** `room-short (label "Oxford hub", actual 5)`: a note with the values named, or all of them. */
function show({ id, data = {} }: NoteLike, names: readonly string[] = Object.keys(data)): string {
  const values = names.map((name) => `${name} ${Object.hasOwn(data, name) ? JSON.stringify(data[name]) : '(none)'}`);
  return `${id}${values.length ? ` (${values.join(', ')})` : ''}`;
}

const holds = (got: NoteLike, want: ExpectedNote) =>
  got.id === want.id && Object.entries(want.data).every(([name, value]) => got.data !== undefined && Object.hasOwn(got.data, name) && got.data[name] === value);

const KINDS = { findings: 'finding', evidence: 'evidence', commendations: 'commendation' } as const;

/**
 * One plain line for each expected note the result lacks: what was expected, and what came (the notes with its id,
 * showing the values it names; else the ids there were).
 */
export function missingNotes(expected: ExpectedNotes, result: { [K in keyof typeof KINDS]: readonly NoteLike[] }): string[] {
  const out: string[] = [];
  for (const key of Object.keys(KINDS) as (keyof typeof KINDS)[]) {
    for (const want of expected[key] ?? []) {
      const got = result[key];
      if (got.some((note) => holds(note, want))) continue;
      const same = got.filter((note) => note.id === want.id);
      const came = same.length
        ? same.map((note) => show(note, Object.keys(want.data))).join('; ')
        : got.length
          ? `only ${[...new Set(got.map((note) => note.id))].join(', ')}`
          : 'none';
      out.push(`expected ${KINDS[key]} ${show(want)}, got ${came}`);
    }
  }
  return out;
}

export interface PackTestCase {
  name: string;
  evidence: string;
  expected: string;
}

export function packTestCases(packDir: string): PackTestCase[] {
  const dir = join(packDir, 'tests');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name) && !/\.expected\.ya?ml$/.test(name))
    .sort()
    .map((name) => ({ name: `tests/${name}`, evidence: join(dir, name), expected: join(dir, name.replace(/\.ya?ml$/, '.expected.yaml')) }));
}
