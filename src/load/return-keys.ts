// Load stage: whose return each found file is, and for which quarter, read from its header's lines without parsing
// the YAML: what a run that writes its files out as they come must know before the first, to mark two returns for
// one provider and quarter (commissioning.md) on both.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { FoundFile } from './find-evidence.ts';

// The header as `involve init` writes it, and the one-line flow style; quotes allowed. A header written otherwise
// falls back to what the audit itself falls back to: the file's name and its folder's quarter.
const PROVIDER_ID = /^provider:[ \t]*(?:#.*)?\r?\n(?:[ \t]+(?:#.*)?\r?\n|[ \t]+[a-z_]+:.*\r?\n)*?[ \t]+id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?$|^provider:[ \t]*\{[^}\n]*\bid:[ \t]*["']?([a-z0-9-]+)/m;
const PERIOD = /^period:[ \t]*["']?(\d{4}-Q[1-4])["']?[ \t]*(?:#.*)?$/m;

/** `provider NUL quarter` for a file, as its audit's header will give it (audit-file.ts headerOf) for an ordinary return. */
export function returnKey(found: FoundFile, text: string): string | undefined {
  const id = PROVIDER_ID.exec(text);
  const provider = id?.[1] ?? id?.[2] ?? basename(found.file).replace(/\.ya?ml$/i, '');
  const period = PERIOD.exec(text)?.[1] ?? /(\d{4}-Q[1-4])\/[^/]+$/.exec(found.file)?.[1];
  return period === undefined ? undefined : `${provider}\u0000${period}`;
}

/** The header text of a file the audit will read, or '' for one it will refuse unread (its name and folder then say whose it is). */
function headerText(f: FoundFile, maxBytes: number): string {
  try {
    // A device, a pipe or a folder is never read (a FIFO would block the run); nor is a file over the size limit.
    const stat = statSync(f.absolute);
    return stat.isFile() && stat.size <= maxBytes ? readFileSync(f.absolute, 'latin1') : '';
  } catch {
    return '';
  }
}

/** For each file that shares its provider and quarter with another, the others' paths (as found). */
export function sharedReturns(found: readonly FoundFile[], maxBytes: number): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const f of found) {
    const key = returnKey(f, headerText(f, maxBytes));
    if (key === undefined) continue;
    const files = byKey.get(key);
    if (files) files.push(f.file);
    else byKey.set(key, [f.file]);
  }
  const shared = new Map<string, string[]>();
  for (const files of byKey.values()) if (files.length > 1) for (const file of files) shared.set(file, files.filter((o) => o !== file));
  return shared;
}
