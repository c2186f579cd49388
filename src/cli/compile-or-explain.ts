// CLI: loads and compiles a pack for a command, or prints why it cannot (exit status 2).
import { formatDiagnostic } from '../diagnostic.ts';
import { compilePack, type CompiledPack } from '../packs/compile-pack.ts';
import { loadPack, PackError } from '../packs/load-pack.ts';
import type { Io } from './io.ts';

export function compileOrExplain(ref: string, io: Io): CompiledPack | undefined {
  try {
    return compilePack(loadPack(ref, io.cwd));
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    for (const d of error.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    io.stderr.write(`involve: the rule pack "${ref}" is broken\n`);
    return undefined;
  }
}
