// Report stage: a JSON report saved by an earlier run (`--format json --output`), read back for --previous.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { showSubject } from '../validate/item-path.ts';
import type { FileReport, PreviousPack, Summary } from './model.ts';

const status = z.enum(['green', 'amber', 'red', 'invalid']);
const savedReport = z.looseObject({
  files: z.array(
    z.looseObject({
      file: z.string(),
      provider: z.string(),
      provider_name: z.string().optional(),
      period: z.string().nullable(),
      status,
      results: z.array(z.looseObject({ rule: z.string(), status: z.enum(['pass', 'fail', 'warn', 'info', 'skip']), message: z.string() })),
    }),
  ),
  summary: z.looseObject({ files: z.int(), red: z.int(), amber: z.int(), green: z.int(), invalid: z.int() }),
  pack: z.looseObject({ id: z.string(), version: z.string().optional(), hash: z.string().optional() }).optional(),
});

export class SavedReportError extends Error {}

export function readSavedReport(path: string, shown: string): { files: FileReport[]; summary: Summary; pack?: PreviousPack } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SavedReportError(`${shown}: not a JSON report (${(error as Error).message})`);
  }
  const parsed = savedReport.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SavedReportError(`${shown}: not an involve JSON report (${showSubject(issue.path, data)}: ${issue.message})`);
  }
  const { files, summary, pack } = parsed.data;
  return { files: files as unknown as FileReport[], summary: summary as unknown as Summary, ...(pack ? { pack: { id: pack.id, version: pack.version, hash: pack.hash } } : {}) };
}
