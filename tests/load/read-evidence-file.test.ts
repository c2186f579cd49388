// Tests for load/read-evidence-file.ts: files that are not small, readable, regular UTF-8 files become one
// located error, and the audit of the file (auditFile) is `invalid` with that error, never a throw or a hang.
// Every input here is generated into a temporary folder; none is committed.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFile } from '../../src/audit-file.ts';
import type { DiagnosticCode } from '../../src/diagnostic.ts';
import { findEvidence, type FoundFile } from '../../src/load/find-evidence.ts';
import { readEvidenceFile } from '../../src/load/read-evidence-file.ts';
import { DEFAULT_LIMITS } from '../../src/load/read-yaml.ts';
import { compilePack, type CompiledPack } from '../../src/packs/compile-pack.ts';
import { loadPack } from '../../src/packs/load-pack.ts';

const repo = join(import.meta.dirname, '..', '..');
const example = join(repo, 'fixtures', 'examples', '2026-Q3', 'smart-cjs.yaml');
const exampleText = readFileSync(example, 'utf8');

let root: string;
let quarter: string;
let pack: CompiledPack;
const found = (name: string): FoundFile => ({ file: `2026-Q3/${name}`, absolute: join(quarter, name), root: quarter });

/** A generated file that must be refused with `code` at `line`:`column`. */
interface Refused {
  name: string;
  bytes: () => Buffer;
  code: DiagnosticCode;
  line: number;
  column: number;
  message: RegExp;
}

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

const refused: Refused[] = [
  {
    name: 'utf32-le.yaml',
    bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...'format: x\n'].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0]))]),
    code: 'encoding',
    line: 1,
    column: 1,
    message: /^the file is UTF-32; save it as UTF-8$/,
  },
  {
    name: 'utf32-be.yaml',
    bytes: () => Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), ...[...'format: x\n'].map((c) => Buffer.from([0, 0, 0, c.charCodeAt(0)]))]),
    code: 'encoding',
    line: 1,
    column: 1,
    message: /UTF-32/,
  },
  {
    name: 'nul-byte.yaml',
    bytes: () => Buffer.from(exampleText.replace('Jo Bloggs', 'Jo\u0000Bloggs')),
    code: 'control-character',
    line: 13,
    column: 11,
    message: /^control character U\+0000 is not allowed in YAML; remove it$/,
  },
  {
    name: 'esc-byte.yaml',
    bytes: () => Buffer.from(exampleText.replace('Oxford hub', '\u001b]0;pwned\u0007Oxford hub')),
    code: 'control-character',
    line: 22,
    column: 13,
    message: /U\+001B/,
  },
  {
    name: 'utf16-le-with-an-error.yaml',
    bytes: () => utf16le(`${exampleText}period: 2026-Q2\n`),
    code: 'duplicate-key',
    line: 81,
    column: 1,
    message: /^duplicate key "period": it is already at line \d+, column 1; keep one$/,
  },
  {
    name: 'too-large.yaml',
    // 2 MB: a comment line repeated, so only the size is wrong.
    bytes: () => Buffer.from(`${exampleText}${'# padding padding padding padding padding padding padding padding\n'.repeat(31_000)}`),
    code: 'file-too-large',
    line: 1,
    column: 1,
    message: /^the file is \d{7} bytes; the limit is 1048576 \(evidence files are a few KB\)$/,
  },
  {
    name: 'deep-flow.yaml',
    bytes: () => Buffer.from(`ladder: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
    code: 'too-deep',
    line: 1,
    column: 9 + 62,
    message: /^nesting is deeper than 64 levels/,
  },
  {
    name: 'deep-compact.yaml',
    bytes: () => Buffer.from(`ladder:\n  ${'- '.repeat(100_000)}x\n`),
    code: 'too-deep',
    line: 2,
    column: 3 + 62 * 2,
    message: /^nesting is deeper than 64 levels/,
  },
];

// Bytes that are not UTF-8: the file is refused, and still read (as Windows-1252 there) for its other errors.
const notUtf8: Record<string, Buffer> = {
  'broken-utf8.yaml': Buffer.concat([Buffer.from(exampleText.slice(0, exampleText.indexOf('SMART'))), Buffer.from([0xc3, 0x28]), Buffer.from('MART\n')]),
  'latin1.yaml': Buffer.from('format: involvement-evidence/1\nprovider:\n  id: cafe\n  name: Caf\u00e9 Hub\nperiod: 2026-Q3\nsubmitted:\n  on: 2026-10-07\n  by: Sam\n', 'latin1'),
};

/** Whether chmod 000 stops this user reading (it does not stop root); decided before the tests are collected. */
const canDenyRead = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'involve-chmod-'));
  try {
    writeFileSync(join(dir, 'probe'), 'x');
    chmodSync(join(dir, 'probe'), 0o000);
    readFileSync(join(dir, 'probe'));
    return false;
  } catch {
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

let writer: ChildProcess | undefined;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'involve-read-'));
  quarter = join(root, '2026-Q3');
  mkdirSync(quarter);
  mkdirSync(join(root, 'outside'));
  pack = compilePack(loadPack('core', repo));
  // The example with the attachments it lists, so it audits green here too.
  cpSync(dirname(example), quarter, { recursive: true });
  writeFileSync(join(quarter, 'utf16-le.yaml'), utf16le(exampleText));
  writeFileSync(join(quarter, 'utf16-be.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(exampleText, 'utf16le').swap16()]));
  for (const r of refused) writeFileSync(join(quarter, r.name), r.bytes());
  for (const [name, bytes] of Object.entries(notUtf8)) writeFileSync(join(quarter, name), bytes);
  copyFileSync(example, join(root, 'outside', 'secret.yaml'));
  symlinkSync('../outside/secret.yaml', join(quarter, 'outside-link.yaml'));
  symlinkSync('loop-b.yaml', join(quarter, 'loop-a.yaml'));
  symlinkSync('loop-a.yaml', join(quarter, 'loop-b.yaml'));
  mkdirSync(join(quarter, 'folder.yaml'));
  writeFileSync(join(quarter, 'unreadable.yaml'), exampleText);
  chmodSync(join(quarter, 'unreadable.yaml'), 0o000);
  execFileSync('mkfifo', [join(quarter, 'pipe.yaml')]);
  // A safety net: should the FIFO ever be opened blocking, this writer unblocks it after 5 s and the
  // timing assertion fails, instead of the whole test run hanging.
  writer = spawn('sh', ['-c', 'sleep 5; exec 3>"$0"', join(quarter, 'pipe.yaml')], { stdio: 'ignore' });
});

afterAll(() => {
  writer?.kill();
  rmSync(root, { recursive: true, force: true });
});

function expectOneError(file: FoundFile, code: DiagnosticCode, line: number, column: number, message: RegExp): void {
  const read = readEvidenceFile(file);
  expect(read.ok).toBe(false);
  if (read.ok) return;
  expect(read.errors).toHaveLength(1);
  expect(read.errors[0]).toMatchObject({ code, severity: 'error', file: file.file, line, column });
  expect(read.errors[0]!.message).toMatch(message);
  expect(read.errors[0]!.message).not.toMatch(/[\r\n]|undefined/);

  const report = auditFile(file, pack);
  expect(report.status).toBe('invalid');
  expect(report.results).toEqual([]);
  expect(report.errors).toEqual([{ code, line, column, message: read.errors[0]!.message }]);
  // A file that did not load is still named after itself and its quarter folder.
  expect(report.provider).toBe(file.file.replace(/^.*\//, '').replace(/\.yaml$/, ''));
  expect(report.period).toBe('2026-Q3');
}

describe('readEvidenceFile: files that load', () => {
  it('reads the example return with no errors and no warnings, and it audits green', () => {
    const read = readEvidenceFile(found('smart-cjs.yaml'));
    expect(read).toMatchObject({ ok: true, warnings: [] });
    expect(auditFile(found('smart-cjs.yaml'), pack)).toMatchObject({ status: 'green', errors: [], warnings: [], provider: 'smart-cjs' });
  });

  it.each(['utf16-le.yaml', 'utf16-be.yaml'])('decodes %s with a byte order mark to the same data as UTF-8', (name) => {
    const utf8 = readEvidenceFile(found('smart-cjs.yaml'));
    const other = readEvidenceFile(found(name));
    expect(other.ok && utf8.ok && other.data).toEqual(utf8.ok && utf8.data);
    expect(auditFile(found(name), pack).status).toBe('green');
  });

  it('reads a file exactly at the size limit and refuses one byte more', () => {
    const size = Buffer.byteLength(exampleText);
    expect(readEvidenceFile(found('smart-cjs.yaml'), { ...DEFAULT_LIMITS, maxBytes: size }).ok).toBe(true);
    const over = readEvidenceFile(found('smart-cjs.yaml'), { ...DEFAULT_LIMITS, maxBytes: size - 1 });
    expect(over.ok === false && over.errors[0]).toMatchObject({ code: 'file-too-large', message: `the file is ${size} bytes; the limit is ${size - 1} (evidence files are a few KB)` });
  });
});

describe('readEvidenceFile: generated files that must be refused', () => {
  it.each(refused)('$name → $code at $line:$column', ({ name, code, line, column, message }) => {
    expectOneError(found(name), code, line, column, message);
  });

  it('refuses the 2 MB file without reading it whole', () => {
    const started = performance.now();
    readEvidenceFile(found('too-large.yaml'));
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('readEvidenceFile: bytes that are not UTF-8', () => {
  const shown = (name: string) => {
    const report = auditFile(found(name), pack);
    expect(report.status).toBe('invalid');
    return report.errors.map((e) => `${e.line}:${e.column}: ${e.code}: ${e.message}`);
  };

  it('names the first stray byte and still checks the rest of the file', () => {
    expect(shown('broken-utf8.yaml')).toEqual([
      '1:1: missing-field: "period" is missing; expected text',
      '1:1: missing-field: "submitted" is missing; expected a mapping of fields',
      '5:9: encoding: byte 0xC3 at line 5 is probably an Ã saved from Excel or Word: save the file as UTF-8',
    ]);
  });

  it('refuses a whole file in Latin-1 for its first accent alone, when nothing else is wrong', () => {
    expect(shown('latin1.yaml')).toEqual(['4:12: encoding: byte 0xE9 at line 4 is probably an é saved from Excel or Word: save the file as UTF-8']);
    const read = readEvidenceFile(found('latin1.yaml'));
    // The file is read as Windows-1252 there: the provider's name comes through whole.
    expect(read.ok === false && read.readable?.data.provider).toEqual({ id: 'cafe', name: 'Café Hub' });
  });
});

describe('readEvidenceFile: things that are not regular files', () => {
  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const started = performance.now();
    expectOneError(found('pipe.yaml'), 'not-a-file', 1, 1, /^not a regular file \(a folder, FIFO, socket or device\); not read$/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a folder whose name ends in .yaml', () => {
    expectOneError(found('folder.yaml'), 'not-a-file', 1, 1, /^not a regular file/);
  });

  it('refuses a symbolic link out of the audited folder, as found by findEvidence', () => {
    const link = findEvidence(['2026-Q3'], root).find((f) => f.file === '2026-Q3/outside-link.yaml')!;
    expectOneError(link, 'not-a-file', 1, 1, /^symbolic link points outside the audited folder; not read$/);
  });

  it('refuses a symbolic link loop, as found by findEvidence', () => {
    const link = findEvidence(['2026-Q3'], root).find((f) => f.file === '2026-Q3/loop-a.yaml')!;
    expectOneError(link, 'not-a-file', 1, 1, /^symbolic link is broken or loops; not read$/);
  });

  it('reports a file that vanished between finding and reading', () => {
    expectOneError(found('gone.yaml'), 'file-unreadable', 1, 1, /^cannot read the file \(the file disappeared\)$/);
  });

  it.skipIf(!canDenyRead)('reports a file it may not read (skipped when this user reads chmod 000 files anyway, as root does)', () => {
    expectOneError(found('unreadable.yaml'), 'file-unreadable', 1, 1, /^cannot read the file \(permission denied\)$/);
  });
});
