// The docs cannot drift from the code: the tables taken from it are generated (UPDATE_DOCS=1 rewrites them),
// every relative link leads to a file in the repository, and nothing points outside the repository.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { conditionSchema } from '../src/evaluate/condition.ts';
import { generatedBlocks } from './generated-docs.ts';

const root = join(import.meta.dirname, '..');
const docsDir = join(root, 'docs');
const inDocs = (readdirSync(docsDir, { recursive: true }) as string[]).map((f) => join('docs', f.split('\\').join('/')));
const pages = ['README.md', 'CHANGELOG.md', ...inDocs.filter((f) => f.endsWith('.md'))];
const read = (file: string) => readFileSync(join(root, file), 'utf8');

const block = /<!-- ([a-z-]+):start -->\n([\s\S]*?)<!-- \1:end -->/g;

describe('generated tables', () => {
  if (process.env.UPDATE_DOCS) {
    for (const page of pages) {
      const text = read(page);
      const updated = text.replace(block, (whole, name: string) => (generatedBlocks[name] ? `<!-- ${name}:start -->\n${generatedBlocks[name]()}\n<!-- ${name}:end -->` : whole));
      if (updated !== text) writeFileSync(join(root, page), updated);
    }
  }
  const found = pages.flatMap((page) => [...read(page).matchAll(block)].map((m) => ({ page, name: m[1]!, body: m[2]! })));

  it.each(Object.keys(generatedBlocks))('%s is in the docs and as the code makes it', (name) => {
    const copies = found.filter((b) => b.name === name);
    expect(copies.length, `no <!-- ${name}:start --> block in README.md or docs/`).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.body, `${copy.page}: run UPDATE_DOCS=1 npx vitest run tests/docs.test.ts`).toBe(`${generatedBlocks[name]!()}\n`);
  });

  it('has no marked block that nothing writes, and no block left open', () => {
    for (const { page, name } of found) expect(Object.keys(generatedBlocks), page).toContain(name);
    for (const page of pages) expect([...read(page).matchAll(/<!-- [a-z-]+:start -->/g)].length, page).toBe([...read(page).matchAll(block)].length);
  });

  it('names every condition operator in the guide to writing packs', () => {
    const shape = z.toJSONSchema(conditionSchema, { io: 'input' }) as { properties: Record<string, unknown> };
    const operators = Object.keys(shape.properties).filter((key) => !['field', 'when', 'status', 'message'].includes(key));
    const guide = read('docs/writing-packs.md');
    for (const operator of operators) expect(guide, operator).toMatch(new RegExp(`\`${operator}[\`:]`));
  });
});

// GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered.
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutCodeBlocks(markdown).matchAll(/^#{1,6} +(.+?) *$/gm)) {
    const slug = heading!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n ? `${slug}-${n}` : slug);
  }
  return anchors;
}

// Links are read from the prose only: code blocks and code spans show examples, not links.
const withoutCodeBlocks = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, '');
const withoutCode = (markdown: string) => withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, '');

const ignoredFolders = read('.gitignore').split('\n').filter((line) => line.endsWith('/')).map((line) => line.slice(0, -1));

describe('links', () => {
  it.each(pages)('every relative link in %s leads to a file in the repository', (page) => {
    const text = withoutCode(read(page));
    const targets = [...text.matchAll(/\]\(([^)\s]+)[^)]*\)|^\[[^\]]+\]: +(\S+)|(?:href|src)="([^"]+)"/gm)].map((m) => m[1] ?? m[2] ?? m[3]!);
    for (const target of targets.filter((t) => !/^[a-z]+:/i.test(t))) {
      const [path, anchor] = target.split('#') as [string, string | undefined];
      const file = path ? resolve(root, dirname(page), decodeURIComponent(path)) : join(root, page);
      const inRepository = relative(root, file).split(/[\\/]/);
      expect(inRepository[0], `${page} → ${target} leaves the repository`).not.toBe('..');
      expect(ignoredFolders, `${page} → ${target} is not in a clone`).not.toContain(inRepository[0]);
      expect(existsSync(file), `${page} → ${target} does not exist`).toBe(true);
      if (anchor && file.endsWith('.md')) expect([...anchorsOf(readFileSync(file, 'utf8'))], `${page} → ${target}`).toContain(anchor);
    }
  });

  it('shows installs pinned to a commit or tag, never a branch or a registry package, and explains the placeholders once', () => {
    const files = ['README.md', 'CHANGELOG.md', 'action.yml', '.pre-commit-hooks.yaml', ...inDocs.filter((f) => statSync(join(root, f)).isFile() && !f.endsWith('.json'))];
    for (const file of files) {
      expect(read(file), file).not.toMatch(/(?:@|#|rev: *)(?:main|master)(?![\w-])/);
      expect(read(file), file).not.toMatch(/involve@\d|npx --yes involve\b/);
    }
    expect(files.filter((file) => read(file).includes('address is not settled'))).toEqual(['README.md']);
    const marked = /### Where involve comes from\n([\s\S]*?)\n\n[^>]/.exec(read('README.md'))![1]!;
    for (const placeholder of ['<repository-url>', '<owner>/<repo>', '<commit-or-tag>']) expect(marked).toContain(placeholder);
  });

  it('never names a path that climbs out of the repository from where it is written', () => {
    // A user's clone has nothing beside it: from README.md any ../ leaves the repository, from docs/ any ../../.
    for (const file of ['README.md', 'CHANGELOG.md', ...inDocs.filter((f) => statSync(join(root, f)).isFile())]) {
      const depth = file.split('/').length - 1;
      expect(read(file).match(new RegExp(`(?:\\.\\./){${depth + 1},}[^\\s)\`'"]*`, 'g')) ?? [], file).toEqual([]);
    }
  });
});
