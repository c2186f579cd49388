// Packs stage: a rule's wording against what its check gives it (issue 10). Every message the check uses is written
// and none is left over, and every {{placeholder}} names the message's data, a field of the evidence item it is
// about, or a param of the rule; the hint may name params. A slip is a located error, not "(not given)" in a report.
import type { Diagnostic } from '../diagnostic.ts';
import type { MessageUse } from '../evaluate/checks/types.ts';
import { placeholdersOf } from '../evaluate/interpolate.ts';
import type { KeyPath, Position } from '../load/positions.ts';
import { didYouMean } from '../validate/did-you-mean.ts';
import { evidenceSchema } from '../validate/evidence-schema.ts';
import type { z } from 'zod';
import { knownKeysAt } from '../validate/schema-walk.ts';
import type { Located } from './load-pack.ts';
import type { RuleDefinition } from './rule-schema.ts';

const error = (code: Diagnostic['code'], message: string, file: string, at: Position): Diagnostic => ({ code, severity: 'error', message, file, ...at });

const itemName = (path: KeyPath) => path.map((p) => (typeof p === 'number' ? '[]' : `.${p}`)).join('').slice(1);

/** What a placeholder outside `allowed` should have been, as the one-line tail of its error. */
function unknownPlaceholder(name: string, where: string, allowed: readonly string[], item?: KeyPath): string {
  const said = `${where} names {{${name}}}, which it is not given`;
  const suggestion = didYouMean(name, allowed);
  if (suggestion) return `${said}; did you mean {{${suggestion}}}?`;
  return `${said}: it can name ${allowed.join(', ') || 'nothing'}${item ? ` (the fields of ${itemName(item)} among them)` : ''}`;
}

// Braces round no placeholder name ({{$must_cover}}, {{must-cover}}, {{}}) are not filled: they would print as
// written in every report, so they are refused where they are written.
const BRACED = /\{\{([^{}]*)\}\}/g;

function unfilled(text: string, where: string, allowed: readonly string[], file: string, at: Position): Diagnostic[] {
  return [...text.matchAll(BRACED)]
    .filter(([braced]) => placeholdersOf(braced).length === 0)
    .map(([braced, inside]) => {
      const suggestion = didYouMean(inside!.trim().replace(/^\$/, '').replace(/-/g, '_'), allowed);
      const fix = suggestion ? `; write {{${suggestion}}}` : `: a placeholder is a name of letters, digits and _ (it can name ${allowed.join(', ') || 'nothing'})`;
      return error('unknown-placeholder', `${where} holds ${braced}, which is no placeholder and would print as written${fix}`, file, at);
    });
}

/** The messages of a rule file against the uses its check kind declares, given the rule's params and the format the pack reads. */
export function checkMessages({ definition, file, positions }: Located<RuleDefinition>, kind: string, uses: readonly MessageUse[], params: readonly string[], format: z.ZodType = evidenceSchema): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const written = Object.keys(definition.messages);
  const used = new Set(uses.map((u) => u.id));
  for (const use of uses) {
    if (!Object.hasOwn(definition.messages, use.id)) {
      const suggestion = didYouMean(use.id, written.filter((id) => !used.has(id)));
      const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
      problems.push(
        use.namedAt
          ? error('unknown-message', `the condition's message "${use.id}" is not in the rule's messages${hint}`, file, positions.locate(use.namedAt, 'value'))
          : error('invalid-value', `rule "${definition.id}" needs a message "${use.id}" for check kind ${kind}${hint}`, file, positions.locate(['messages'], 'key')),
      );
      continue;
    }
    const allowed = [...new Set([...use.data, ...(use.item ? knownKeysAt(format, use.item) : []), ...params])];
    problems.push(...unfilled(definition.messages[use.id]!, `message "${use.id}"`, allowed, file, positions.locate(['messages', use.id], 'value')));
    for (const name of placeholdersOf(definition.messages[use.id]!)) {
      if (!allowed.includes(name)) {
        problems.push(error('unknown-placeholder', unknownPlaceholder(name, `message "${use.id}"`, allowed, use.item), file, positions.locate(['messages', use.id], 'value')));
      }
    }
  }
  for (const id of written.filter((id) => !used.has(id))) {
    const suggestion = didYouMean(id, [...used].filter((u) => !Object.hasOwn(definition.messages, u)));
    problems.push(error('unknown-key', `rule "${definition.id}" has a message "${id}" that check kind ${kind} never uses here${suggestion ? `; did you mean "${suggestion}"?` : ''}`, file, positions.locate(['messages', id], 'key')));
  }
  return problems;
}

/** A hint is filled from the rule's params only: it is the same for every file. */
export function checkHint(hint: string, params: readonly string[], file: string, at: Position): Diagnostic[] {
  return [
    ...placeholdersOf(hint)
      .filter((name) => !params.includes(name))
      .map((name) => error('unknown-placeholder', unknownPlaceholder(name, 'the hint', params), file, at)),
    ...unfilled(hint, 'the hint', params, file, at),
  ];
}
