// Packs stage: a short fingerprint of a compiled pack's rules, so a report says exactly what judged it.

/** JSON with every object's keys sorted and undefined left out: the same rules give the same text, however built. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The first 12 hex digits of the sha256 of the rules' canonical JSON: 48 bits, plenty to tell two packs apart. */
export function packHash(rules: unknown): string {
  // Loaded here, not at start-up: a run whose pack comes from the build-time snapshot never hashes.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(canonicalJson(rules)).digest('hex').slice(0, 12);
}
