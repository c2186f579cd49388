// Report stage: makes any string safe inside a GitHub Actions workflow command (`::error file=…,title=…::data`).
// Follows @actions/core's command.ts (escapeData, escapeProperty), the exact inverse of what the runner
// unescapes: a command is one line, so CR and LF must never reach the log raw, and `%` goes first so that a
// literal "%0A" in evidence stays literal text. Properties are split on `,` and end at the first `::`, so a
// property value also hides `:` and `,`; data runs to the end of the line and needs no more.
// Spec: https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
