// The whole one-way path for one file: load → validate → evaluate → report. Anything unexpected becomes
// an `invalid` file with one line, so one provider's file can never stop the audit of the others.
import { realpathSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Diagnostic } from './diagnostic.ts';
import { evaluateFile, readsAttachments } from './evaluate/evaluate-file.ts';
import { findPersonalData, REFERENCE_FIELDS } from './evaluate/personal-data.ts';
import { FolderCache, inspectAttachments } from './load/attachments.ts';
import type { FoundFile } from './load/find-evidence.ts';
import { readEvidenceFile } from './load/read-evidence-file.ts';
import type { ReadLimits } from './load/read-yaml.ts';
import type { CompiledPack, CompiledRule } from './packs/compile-pack.ts';
import { auditedFile, invalidFile, toResults, type FileHeader } from './report/build-report.ts';
import type { FileReport } from './report/model.ts';
import { redactPersonalData } from './report/redact.ts';
import type { RegisteredProvider } from './config/config-schema.ts';
import { registerWarnings } from './config/register-warnings.ts';
import { serviceTypeOf } from './validate/service-type.ts';
import { validateEvidence } from './validate/validate-evidence.ts';

/** What a broken file can still tell us about whose it is. */
function headerOf(found: FoundFile, data?: Record<string, unknown>): FileHeader {
  const provider = data?.provider as { id?: unknown; name?: unknown } | undefined;
  const period = typeof data?.period === 'string' && /^\d{4}-Q[1-4]$/.test(data.period) ? data.period : /(\d{4}-Q[1-4])\/[^/]+$/.exec(found.file)?.[1];
  const submitted = (data?.submitted as { on?: unknown } | undefined)?.on;
  return {
    file: found.file,
    provider: typeof provider?.id === 'string' && provider.id ? provider.id : basename(found.file).replace(/\.ya?ml$/i, ''),
    ...(typeof provider?.name === 'string' ? { provider_name: provider.name } : {}),
    period: period ?? null,
    ...(typeof submitted === 'string' ? { submitted_on: submitted } : {}),
  };
}

/** Where a name must not stand: the format's reference fields, and any more the pack's personal-data guard names. */
function referenceFields(rules: readonly CompiledRule[]): string[] {
  const guarded = rules.flatMap((r) => (r.kind === 'no-personal-data' ? (r.check as { references: string[] }).references : []));
  return [...REFERENCE_FIELDS, ...guarded];
}

export interface AuditFileOptions {
  limits?: ReadLimits;
  /** The evidence repository's root (the config's folder); attachments must lie inside it. Default: found.root. */
  root?: string;
  /** What the run has learnt of its folders (inspectAttachments). */
  folders?: FolderCache;
  /** The run is of a few files (ValidateOptions). */
  few?: boolean;
  /** The audit's date, YYYY-MM-DD: no return may be submitted after it (ValidateOptions). */
  today?: string;
  /** The config's provider register, by id: its service type wins, and a return is checked against it. */
  register?: ReadonlyMap<string, RegisteredProvider>;
}

export function auditFile(found: FoundFile, pack: CompiledPack, { limits, root, folders, few, today, register }: AuditFileOptions = {}): FileReport {
  try {
    const read = readEvidenceFile(found, limits);
    // A file refused for its encoding alone is still validated, so the provider sees all its errors in one round.
    const [readable, refused] = read.ok ? [read, []] : [read.readable, read.errors];
    if (!readable) return invalidFile(headerOf(found), refused, []);
    // Found before validation changes anything, and removed from the report whether or not the file is valid.
    const personal = findPersonalData(readable.data, { references: referenceFields(pack.rules) });
    const header = headerOf(found, readable.data);
    const valid = validateEvidence(readable.data, readable.positions, found.file, { few, ...(today ? { today } : {}), ...(pack.evidence ? { declared: pack.evidence } : {}) });
    const warnings = [...readable.warnings, ...valid.warnings];
    if (!valid.ok || refused.length) {
      const errors = [...refused, ...(valid.ok ? [] : valid.errors)].sort((a, b) => a.line - b.line || a.column - b.column);
      return redactPersonalData(invalidFile(header, errors, warnings), personal);
    }
    // Only when a rule will look: the audit of a pack without it touches no attachment.
    let attachments: ReturnType<typeof inspectAttachments> = [];
    if (readsAttachments(pack.rules)) {
      // The root is the same for every file of a run: its real path comes from the run's cache, not a call per file.
      const cache = folders ?? new FolderCache();
      attachments = inspectAttachments(valid.evidence, dirname(realpathSync.native(found.absolute)), cache.real(root ?? found.root), cache);
    }
    const serviceType = serviceTypeOf(valid.evidence, register?.get(valid.evidence.provider.id)?.service_type);
    const outcomes = evaluateFile(valid.evidence, pack.rules, attachments, serviceType);
    // In the file's order, with the others: the register's are about the header, near the top.
    if (register) warnings.push(...registerWarnings(valid.evidence, register, readable.positions, found.file));
    warnings.sort((a, b) => a.line - b.line || a.column - b.column);
    return redactPersonalData(auditedFile({ ...header, service_type: serviceType }, toResults(outcomes, readable.positions, pack.id), warnings), personal);
  } catch (error) {
    return internalErrorFile(found, (error as Error)?.message ?? String(error));
  }
}

/** A file whose audit failed unexpectedly: `invalid`, with one line saying why, so the run goes on. */
export function internalErrorFile(found: FoundFile, reason: string): FileReport {
  const internal: Diagnostic = {
    code: 'internal-error',
    severity: 'error',
    message: `internal error while auditing this file (please report it): ${reason}`,
    file: found.file,
    line: 1,
    column: 1,
  };
  return invalidFile(headerOf(found), [internal], []);
}
