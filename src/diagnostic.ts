// Shared by every stage: one located problem in an evidence file, a rule pack or a config.
export type DiagnosticCode =
  | 'file-unreadable'
  | 'file-too-large'
  | 'not-a-file'
  | 'encoding'
  | 'control-character'
  | 'too-deep'
  | 'yaml-syntax'
  | 'yaml-warning'
  | 'no-document'
  | 'multiple-documents'
  | 'tag'
  | 'alias'
  | 'not-a-mapping'
  | 'duplicate-key'
  | 'unknown-key'
  | 'missing-field'
  | 'invalid-value'
  | 'date-after-submission'
  | 'submitted-after-today'
  | 'duplicate-provider'
  | 'duplicate-return'
  | 'not-registered'
  | 'register-mismatch'
  | 'unknown-rule'
  | 'duplicate-rule'
  | 'unknown-param'
  | 'unknown-field'
  | 'unknown-message'
  | 'unknown-placeholder'
  | 'unknown-pack'
  | 'pack-cycle'
  | 'rule-id-mismatch'
  | 'stale-wording'
  | 'internal-error';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  /** Where in the file's data, for machines (`["surveys", 0, "to"]`); the message says it for people. */
  path?: (string | number)[];
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
