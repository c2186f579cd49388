// Evaluate stage: fills a rule's message template ("{{site}}: shown in {{shown}} rooms") from a check's data.
export type MessageData = Record<string, string | number | boolean | undefined>;

const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi;

/** A value the evidence does not give prints as "(not given)" rather than stopping the audit. */
export function interpolate(template: string, data: MessageData): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    // A template's own names only: {{constructor}} is not given, not Object's source text.
    const value = Object.hasOwn(data, name) ? data[name] : undefined;
    return value === undefined ? '(not given)' : String(value);
  });
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** A rule's params as placeholders: a list reads as a list ("travel, lunch"); a mapping is no text. */
export function paramsAsData(params: Record<string, unknown>): MessageData {
  const data: MessageData = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) data[name] = value.join(', ');
    else if (typeof value !== 'object') data[name] = value as string | number | boolean;
  }
  return data;
}
