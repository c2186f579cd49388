// Bench: the floor, in its own process: read and `parseDocument` every file (a), then also validate it with zod (b).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';

const [mode, dir, schemaModule] = process.argv.slice(2);
const started = performance.now();
const { evidenceSchema } = mode === 'validate' ? await import(pathToFileURL(schemaModule).href) : {};

// The same files the audit finds: every *.yaml under the folder, folders starting with '.' skipped.
function walk(folder, out) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) walk(join(folder, entry.name), out);
    } else if (/\.ya?ml$/i.test(entry.name)) out.push(join(folder, entry.name));
  }
  return out;
}

// The loader's own options, so the floor parses exactly what the audit parses.
const options = { version: '1.2', schema: 'core', merge: false, resolveKnownTags: false, uniqueKeys: true, logLevel: 'error', prettyErrors: false };
const files = walk(dir, []).sort();
const loopStart = performance.now();
let parsed = 0;
let valid = 0;
for (const file of files) {
  const doc = parseDocument(readFileSync(file, 'utf8'), options);
  if (doc.errors.length > 0) continue;
  parsed++;
  if (evidenceSchema && evidenceSchema.safeParse(doc.toJS({ maxAliasCount: 0 })).success) valid++;
}
const loopMs = performance.now() - loopStart;
process.stdout.write(`${JSON.stringify({ mode, files: files.length, parsed, valid, loopMs, setupMs: loopStart - started })}\n`);
