// Validate stage: parsed YAML → typed Evidence, or every located error; unknown keys are only warnings.
import type { Diagnostic } from '../diagnostic.ts';
import type { PositionIndex } from '../load/positions.ts';
import { evidenceSchemaFor, type EvidenceDeclaration } from './declared-evidence.ts';
import type { Evidence } from './evidence-schema.ts';
import { forEachDate } from './schema-walk.ts';
import { showSubject } from './item-path.ts';
import { issueToDiagnostics } from './zod-issues.ts';

export type ValidateResult =
  | { ok: true; evidence: Evidence; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

const HEADER = new Set(['format', 'provider', 'period', 'submitted']);

/**
 * `name:` with nothing after it is null in YAML. Inside the sections it means "left out", which the rules
 * report by name; refusing the whole file for it would hide that. Header fields stay strict.
 */
function dropEmptyValues(node: unknown): void {
  if (Array.isArray(node)) node.forEach(dropEmptyValues);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (value === null) delete (node as Record<string, unknown>)[key];
      else dropEmptyValues(value);
    }
  }
}

export interface ValidateOptions {
  /**
   * Validate without compiling: zod turns a schema into a faster function on its first use, which costs more
   * (about 7 ms, measured) than it saves over a run of a few files.
   */
  few?: boolean;
  /**
   * The audit's date, YYYY-MM-DD (today in Europe/London, or --as-of): a return submitted after it is refused. Given
   * as data, never read from a clock here. Left out (a pack's own tests, which have no today), it is not checked.
   */
  today?: string;
  /** What the pack adds to the format (its `evidence:` declaration): validated as the format's own fields are. */
  declared?: EvidenceDeclaration;
}

export function validateEvidence(data: Record<string, unknown>, positions: PositionIndex, file: string, { few = false, today, declared }: ValidateOptions = {}): ValidateResult {
  const evidenceSchema = evidenceSchemaFor(declared);
  const context = { reportInput: true, jitless: few } as const;
  for (const [key, value] of Object.entries(data)) {
    if (HEADER.has(key)) continue;
    if (value === null) delete data[key];
    else dropEmptyValues(value);
  }
  let parsed = evidenceSchema.safeParse(data, context);
  const warnings: Diagnostic[] = [];
  if (!parsed.success) {
    const found = parsed.error.issues.flatMap((issue) => issueToDiagnostics(issue, evidenceSchema, positions, file, data));
    warnings.push(...found.filter((d) => d.severity === 'warning'));
    const errors = found.filter((d) => d.severity === 'error');
    if (errors.length > 0) return { ok: false, errors: sortByPosition(errors), warnings };
    // Only unknown keys: drop them (from our own copy of the data) and validate what is known.
    for (const issue of parsed.error.issues) {
      if (issue.code !== 'unrecognized_keys') continue;
      const owner = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown>)[key], data) as Record<string, unknown>;
      for (const key of issue.keys) delete owner[key];
    }
    parsed = evidenceSchema.safeParse(data, context);
    if (!parsed.success) {
      const errors = parsed.error.issues.flatMap((issue) => issueToDiagnostics(issue, evidenceSchema, positions, file, data));
      return { ok: false, errors: sortByPosition(errors), warnings };
    }
  }
  const evidence = parsed.data as Evidence;
  // Evidence cannot post-date its own submission (evidence-format.md, "Header").
  const errors: Diagnostic[] = [];
  const submittedOn = evidence.submitted.on;
  // Its own code: with a provider register, such a return can be read as not yet received rather than refused.
  if (today !== undefined && submittedOn > today) {
    errors.push({
      code: 'submitted-after-today',
      severity: 'error',
      message: `"submitted.on" is ${submittedOn}, after today (${today}): a return cannot be submitted in the future; give the day it was signed off`,
      file,
      ...positions.locate(['submitted', 'on'], 'value'),
    });
  }
  forEachDate(evidenceSchema, evidence, (date, path) => {
    if (date > submittedOn) {
      errors.push({
        code: 'date-after-submission',
        severity: 'error',
        message: `${showSubject(path, evidence)} is ${date}, after the return was submitted (submitted.on ${submittedOn}); evidence cannot post-date its submission`,
        file,
        ...positions.locate(path, 'value'),
        path: [...path],
      });
    }
  });
  if (errors.length > 0) return { ok: false, errors: sortByPosition(errors), warnings };
  return { ok: true, evidence, warnings: sortByPosition(warnings) };
}

function sortByPosition(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.line - b.line || a.column - b.column);
}
