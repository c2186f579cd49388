// Test helper: a temporary folder holding the given files (pack folders, configs), for tests that load them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'involve-pack-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
