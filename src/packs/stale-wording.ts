// Packs stage: a hint or message written as words ("covers at least travel") where a pack has since changed the
// parameter those words name. It still reads true to its author and misleads every provider, so it is a warning at
// the override that changed the value.
import type { Diagnostic } from '../diagnostic.ts';
import { paramsAsData, placeholdersOf } from '../evaluate/interpolate.ts';
import type { KeyPath, PositionIndex } from '../load/positions.ts';

/** A text shown to providers, with the parameters in force where it was written. */
export interface Wording {
  /** "its hint", "its message \"not-covered\"" */
  what: string;
  /** "pack core" */
  by: string;
  text: string;
  params: Record<string, unknown>;
  /** What to do about it, given the parameter's name. */
  fix: (name: string) => string;
}

/** Where a parameter was last set. */
export interface SetAt {
  file: string;
  positions: PositionIndex;
  path: KeyPath;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ways words name a value: as a placeholder fills it ("travel, lunch"), and as a sentence lists it ("travel and lunch"). */
function spellings(value: unknown): string[] {
  if (typeof value === 'boolean') return [];
  const filled = paramsAsData({ value }).value;
  if (filled === undefined || filled === '') return [];
  if (!Array.isArray(value) || value.length < 2) return [String(filled)];
  const items = value.map(String);
  const listed = (joint: string) => `${items.slice(0, -1).join(', ')} ${joint} ${items.at(-1)}`;
  return [String(filled), listed('and'), listed('or')];
}

function names(text: string, value: unknown): string | undefined {
  // A placeholder is filled with the value in force, so only the words around it can be stale.
  let words = text;
  for (const name of placeholdersOf(text)) words = words.replaceAll(new RegExp(`\\{\\{\\s*${escape(name)}\\s*\\}\\}`, 'g'), ' ');
  return spellings(value).find((spelt) => new RegExp(`(?:^|[^\\w-])${escape(spelt)}(?:$|[^\\w-])`, 'i').test(words));
}

const shown = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

/** One warning for each wording that names, in words, the value a parameter had before a pack or config changed it. */
export function staleWording(ruleId: string, wordings: readonly Wording[], params: Record<string, unknown>, setAt: Record<string, SetAt | undefined>): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  for (const wording of wordings) {
    for (const [name, old] of Object.entries(wording.params)) {
      const now = params[name];
      const at = setAt[name];
      if (!at || JSON.stringify(now) === JSON.stringify(old)) continue;
      const said = names(wording.text, old);
      if (said === undefined) continue;
      warnings.push({
        code: 'stale-wording',
        severity: 'warning',
        message: `rule "${ruleId}": ${wording.what} (from ${wording.by}) says "${said}", the value of ${name} it was written for, but ${name} is ${shown(now)} here; ${wording.fix(name)}`,
        file: at.file,
        ...at.positions.locate(at.path, 'value'),
      });
    }
  }
  return warnings;
}
