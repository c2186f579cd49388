// Report stage: SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers: the pack's rules and a result per thing to act on.
import type { ArtifactLocation, Location, Log, ReportingDescriptor, Result } from 'sarif';
import { escapeMarkdown as md } from '../escape/markdown.ts';
import type { FileProblem, FileReport, MissingReturn, Report, RuleInfo, RuleResult, Severity } from '../model.ts';
import { missingWords } from './labels.ts';
import type { Formatter } from './types.ts';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
// GitHub code scanning matches alerts across runs by partialFingerprints; ours name the provider, period and
// rule rather than a line, so an alert survives edits that move it and closes when the rule passes.
const FINGERPRINT = 'involve/v1';
const INVALID = 'invalid-evidence';
const WARNING = 'evidence-warning';
const MISSING = 'missing-return';

const LEVEL: Record<Severity, Result.level> = { required: 'error', recommended: 'warning', aspirational: 'note' };

// Pass and skip are not reported: code scanning would list each pass as an open alert. A waived result keeps
// its level and carries a suppression, which code scanning shows as dismissed with the reason.
function levelOf(r: RuleResult): Result.level | undefined {
  if (r.status === 'fail' || r.status === 'waived') return LEVEL[r.severity];
  if (r.status === 'warn') return 'warning';
  if (r.status === 'info') return 'note';
  return undefined;
}

const pascal = (id: string) => id.replace(/(?:^|[-_])([a-z0-9])/gi, (_, c: string) => c.toUpperCase());

function ruleOf(r: RuleInfo): ReportingDescriptor {
  const c = r.citation;
  const interpretation = c.interpretation ? [`Interpretation: ${c.interpretation}`] : [];
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: {
      text: [`How to fix: ${r.hint}`, '', `Citation: ${c.document}, ${c.section}: ${c.quote}`, ...interpretation].join('\n'),
      markdown: [`**How to fix:** ${md(r.hint)}`, '', `**Citation:** ${md(c.document)}, ${md(c.section)}`, '', `> ${md(c.quote)}`, ...(c.interpretation ? ['', `*Interpretation:* ${md(c.interpretation)}`] : [])].join('\n'),
    },
    ...(c.url ? { helpUri: c.url } : {}),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { citation: c, severity: r.severity, pack: r.defined_in },
  };
}

function toolRule(id: string, level: Result.level, title: string, hint: string): ReportingDescriptor {
  return { id, name: pascal(id), shortDescription: { text: title }, fullDescription: { text: title }, help: { text: hint, markdown: hint }, defaultConfiguration: { level } };
}

const TOOL_RULES = [
  toolRule(INVALID, 'error', 'The evidence file could not be audited', 'Fix each error where it is reported; `involve schema` prints the evidence format. No rule runs until the file is valid.'),
  toolRule(WARNING, 'warning', 'The evidence file has something the audit ignored', 'Remove or correct what is reported (for example a misspelt key); it was not read as evidence.'),
  toolRule(MISSING, 'error', 'A registered provider sent no return for a quarter it owes one', 'Ask the provider for its return, or correct its entry in the provider register (`from`, `to`) if none is due.'),
];

// Report paths are relative to where involve ran, with `/` separators. A relative one becomes a relative URI
// reference under %SRCROOT% (the checkout, for code scanning); an absolute one becomes a file: URI.
function artifactOf(path: string): ArtifactLocation {
  // encodeURIComponent throws on a lone surrogate; it also encodes `:`, which a first segment must not hold.
  const encode = (p: string) => p.replace(/[\uD800-\uDFFF]/gu, '\uFFFD').split('/').map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]:)\/(.*)$/.exec(path);
  if (drive) return { uri: `file:///${drive[1]}/${encode(drive[2]!)}` };
  if (path.startsWith('/')) return { uri: `file://${encode(path)}` };
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  return { uri: encode(segments.join('/')), uriBaseId: '%SRCROOT%' };
}

function locationOf(f: FileReport, at: { line: number; column: number }, message?: string): Location {
  return {
    physicalLocation: { artifactLocation: artifactOf(f.file), region: { startLine: at.line, startColumn: at.column } },
    ...(message === undefined ? {} : { message: { text: message } }),
  };
}

export const renderSarif: Formatter = (report) => {
  const rules = [...report.rules.map(ruleOf), ...TOOL_RULES];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const identity = (f: FileReport, ...rest: string[]) => ({ [FINGERPRINT]: [f.provider, f.period ?? 'unknown-period', ...rest].join('/') });
  const context = (f: FileReport) => ({ provider: f.provider, period: f.period, file_status: f.status });

  const problems = (f: FileReport, list: FileProblem[], ruleId: string, level: Result.level): Result[] => {
    const seen = new Map<string, number>();
    return list.map((p) => {
      // Several errors can share a code; their order within the file keeps each fingerprint distinct and stable.
      const n = (seen.get(p.code) ?? 0) + 1;
      seen.set(p.code, n);
      return { ruleId, ruleIndex: index.get(ruleId)!, level, message: { text: p.message }, locations: [locationOf(f, p)], partialFingerprints: identity(f, ruleId, p.code, String(n)), properties: { ...context(f), code: p.code } };
    });
  };

  const outcome = (f: FileReport, r: RuleResult): Result[] => {
    const level = levelOf(r);
    if (!level) return [];
    const related = r.findings.length > 1 ? r.findings.map((n, i) => ({ id: i + 1, ...locationOf(f, n, n.message) })) : [];
    const ruleIndex = index.get(r.rule);
    return [{
      ruleId: r.rule,
      ...(ruleIndex === undefined ? {} : { ruleIndex }),
      level,
      message: { text: r.message },
      locations: [locationOf(f, r)],
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: identity(f, r.rule),
      ...(r.status === 'waived' && r.waiver ? { suppressions: [{ kind: 'external' as const, justification: `${r.waiver.reason} (approved by ${r.waiver.approved_by}, until ${r.waiver.expires})` }] } : {}),
      properties: { ...context(f), status: r.status, severity: r.severity },
    }];
  };

  // Located on the provider's entry in the register, the one line a missing return can point at.
  const missing = (m: MissingReturn): Result => ({
    ruleId: MISSING,
    ruleIndex: index.get(MISSING)!,
    level: 'error',
    message: { text: missingWords(m, m.period) },
    ...(m.file ? { locations: [{ physicalLocation: { artifactLocation: artifactOf(m.file), region: { startLine: m.line ?? 1, startColumn: m.column ?? 1 } } }] } : {}),
    partialFingerprints: { [FINGERPRINT]: [m.provider, m.period, MISSING].join('/') },
    properties: { provider: m.provider, period: m.period, file_status: 'missing' },
  });

  // GitHub code scanning takes at most 25,000 results per run (and shows the top 5,000 by severity); one result
  // per failing rule per file stays far below that for any commissioner's set of providers.
  const results = report.files.flatMap((f) => [
    ...problems(f, f.errors, INVALID, 'error'),
    ...problems(f, f.warnings, WARNING, 'warning'),
    ...f.results.flatMap((r) => outcome(f, r)),
  ]).concat(report.missing.map(missing));

  const log: Log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'involve', version: report.tool.version, semanticVersion: report.tool.version, rules } },
      // Columns come from JavaScript string offsets, which is SARIF's default column kind.
      columnKind: 'utf16CodeUnits',
      results,
      properties: { pack: report.pack, summary: report.summary, waivers: report.waivers },
    }],
  };
  return JSON.stringify(log, null, 2);
};
