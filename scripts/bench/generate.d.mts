// Types for generate.mjs, so tests written in TypeScript can build bench-like evidence.
export interface Random {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}
export type Intended = 'green' | 'amber' | 'red' | 'invalid';
export function random(seed: number): Random;
export function evidenceFile(rng: Random, id: string, name: string, period: string): { text: string; intended: Intended; flaw: string | undefined };
export function generateRepository(dir: string, files: number, seed?: number): { dir: string; files: number; intended: Record<Intended, number>; bytes: number };
