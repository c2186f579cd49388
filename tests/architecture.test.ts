// Imports flow one way through the pipeline (STYLE.md, practice 1): a module imports only from its own stage
// or earlier ones, nothing imports the CLI, and formats see only the report model, escapes and their own types.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');
const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => f.split('\\').join('/'));

// Check kinds come before packs because a pack is validated against the kinds' parameter schemas;
// the config reuses a pack's overrides; evaluate-file comes after both, because it runs compiled rules.
function stageOf(file: string): number {
  if (file === 'diagnostic.ts' || file === 'version.ts') return 0;
  if (file.startsWith('load/')) return 1;
  if (file.startsWith('validate/')) return 2;
  if (file.startsWith('evaluate/') && file !== 'evaluate/evaluate-file.ts') return 3;
  if (file.startsWith('packs/')) return 4;
  if (file.startsWith('config/')) return 4.5;
  if (file === 'evaluate/evaluate-file.ts') return 5;
  if (file.startsWith('report/')) return 6;
  if (file === 'audit-file.ts') return 7;
  if (file.startsWith('cli/')) return 8;
  throw new Error(`src/${file} belongs to no stage; add it to stageOf`);
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g)].map((m) =>
    relative(src, resolve(dirname(join(src, file)), m[1] ?? m[2]!)).split('\\').join('/'),
  );
}

describe('architecture', () => {
  it('has every module in a stage', () => {
    for (const file of files) expect(() => stageOf(file)).not.toThrow();
  });

  it.each(files)('src/%s imports only from its stage or earlier', (file) => {
    for (const target of importsOf(file)) {
      expect(stageOf(target), `${file} → ${target}`).toBeLessThanOrEqual(stageOf(file));
    }
  });

  it('formats import only the report model, the escapes and their own types', () => {
    for (const file of files.filter((f) => f.startsWith('report/formats/'))) {
      for (const target of importsOf(file)) {
        expect(target, `${file} → ${target}`).toMatch(/^report\/(model\.ts|escape\/.+|formats\/.+)$/);
      }
    }
  });

  it("the review's formats import only the models, the escapes, the labels and their own types", () => {
    for (const file of files.filter((f) => f.startsWith('report/review/') && f !== 'report/review/model.ts')) {
      for (const target of importsOf(file)) {
        expect(target, `${file} → ${target}`).toMatch(/^report\/(model\.ts|streaks\.ts|escape\/.+|formats\/(labels|types)\.ts|review\/.+)$/);
      }
    }
  });

  it('nothing but the CLI touches the process or the clock', () => {
    for (const file of files.filter((f) => !f.startsWith('cli/'))) {
      const text = readFileSync(join(src, file), 'utf8');
      expect(text, file).not.toMatch(/process\.(exit|stdout|stderr|argv|env)\b|new Date\(\)|Date\.now\(\)/);
    }
  });
});
