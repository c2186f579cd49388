// Bench: where one thread's time goes, stage by stage, auditing the same files warm (bench.mjs bundles and runs it).
import { readFileSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { Lexer, LineCounter, Parser } from 'yaml';
import { auditFile } from '../../src/audit-file.ts';
import { resolveSettings } from '../../src/cli/settings.ts';
import { evaluateFile } from '../../src/evaluate/evaluate-file.ts';
import { findPersonalData } from '../../src/evaluate/personal-data.ts';
import { FolderCache, inspectAttachments } from '../../src/load/attachments.ts';
import { findEvidence } from '../../src/load/find-evidence.ts';
import { parseYaml } from '../../src/load/read-yaml.ts';
import { auditedFile, toResults } from '../../src/report/build-report.ts';
import { jsonFile } from '../../src/report/formats/json.ts';
import { validateEvidence } from '../../src/validate/validate-evidence.ts';

const dir = process.argv[2]!;
const io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: {} };
const { pack } = resolveSettings({ config: false }, dir, io)!;
const found = findEvidence([dir], process.cwd());
const folders = new FolderCache();
const spent: Record<string, number> = {};
const time = <T>(stage: string, work: () => T): T => {
  const started = performance.now();
  const result = work();
  spent[stage] = (spent[stage] ?? 0) + performance.now() - started;
  return result;
};

// The first round warms the code up; the second is the one reported.
for (let round = 0; round < 2; round++) {
  for (const stage of Object.keys(spent)) spent[stage] = 0;
  for (const file of found) {
    const bytes = time('read the file', () => readFileSync(file.absolute));
    time("yaml's Lexer + Parser alone (the CST)", () => {
      const lines = new LineCounter();
      for (const _ of new Parser(lines.addNewLine).parse(bytes.toString('utf8')));
    });
    const read = time('parseYaml: checks, then data and positions (the ordinary reader, else yaml)', () => parseYaml(bytes, file.file));
    if (!read.ok) continue;
    time('personal-data scan (for redaction)', () => findPersonalData(read.data));
    const valid = time('validate (zod, dates)', () => validateEvidence(read.data, read.positions, file.file));
    if (!valid.ok) continue;
    const attachments = time('attachments (realpath, lstat)', () => inspectAttachments(valid.evidence, dirname(realpathSync.native(file.absolute)), realpathSync.native(file.root), folders));
    const outcomes = time('evaluate the rules', () => evaluateFile(valid.evidence, pack.rules, attachments));
    const report = time('results with positions', () => auditedFile({ file: file.file, provider: '', period: null }, toResults(outcomes, read.positions, pack.id), []));
    time("the file's JSON", () => jsonFile(report));
  }
  const started = performance.now();
  for (const file of found) jsonFile(auditFile(file, pack, { folders }));
  spent['whole: auditFile + JSON'] = performance.now() - started;
}
// Lexing alone, for scale: the depth gauge reads the same lexemes.
const texts = found.map((file) => readFileSync(file.absolute, 'utf8'));
let lexing = performance.now();
for (const text of texts) for (const _ of new Lexer().lex(text));
lexing = performance.now() - lexing;
spent["yaml's Lexer alone"] = lexing;
const msPerFile = Object.fromEntries(Object.entries(spent).map(([stage, ms]) => [stage, ms / found.length]));
process.stdout.write(`${JSON.stringify({ files: found.length, msPerFile })}\n`);
