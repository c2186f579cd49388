// The GitHub action as docs/ci/github-actions.yml uses it: action.yml's inputs (the workflow's `with:` over the
// defaults) handed to its script as the runner would, against the sample evidence in a workspace of its own.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repo } from './cli/run-cli.ts';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(repo, 'action.yml'), 'utf8')) as Action;
const workflow = parse(readFileSync(join(repo, 'docs', 'ci', 'github-actions.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
const used = Object.values(workflow.jobs).flatMap((job) => job.steps).find((step) => step.uses?.startsWith('<owner>/<repo>@'))!;
const audit = action.runs.steps.find((step) => step.id === 'audit')!;

/** The step's environment as the runner makes it: each `${{ inputs.NAME }}` replaced by that input's value. */
function environment(given: Record<string, unknown>): Record<string, string> {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, { default: value }]) => [name, String(given[name] ?? value ?? '')]));
  return Object.fromEntries(
    Object.entries(audit.env!).map(([variable, expression]) => {
      const name = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(expression)?.[1];
      if (!name || !(name in inputs)) throw new Error(`${variable}: ${expression} is not one of action.yml's inputs`);
      return [variable, inputs[name]!];
    }),
  );
}

/** Runs the audit step's script in a fresh workspace holding the sample evidence under evidence/. */
function runAction(given: Record<string, unknown>, evidence = join(repo, 'fixtures', 'sample')) {
  const workspace = mkdtempSync(join(tmpdir(), 'involve-action-'));
  cpSync(evidence, join(workspace, 'evidence'), { recursive: true });
  const outputFile = join(mkdtempSync(join(tmpdir(), 'involve-action-output-')), 'output');
  writeFileSync(outputFile, '');
  const script = /^node "\$GITHUB_ACTION_PATH\/(.+)"$/.exec(audit.run!)![1]!;
  const env = { PATH: process.env.PATH ?? '', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, ...environment(given) };
  const run = spawnSync(process.execPath, [join(repo, script)], { cwd: tmpdir(), env, encoding: 'utf8', timeout: 60_000 });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, outputs, workspace };
}

describe('the GitHub action (action.yml)', () => {
  it('is a composite action whose every input reaches its script or its upload steps', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(used.with!).filter((name) => !(name in action.inputs))).toEqual([]);
    const text = readFileSync(join(repo, 'action.yml'), 'utf8');
    for (const name of Object.keys(action.inputs)) expect(text, name).toContain(`inputs.${name}`);
    // The actions it uses are pinned to a release (a major tag, or a commit SHA), never a branch.
    for (const step of action.runs.steps.filter((s) => s.uses)) expect(step.uses).toMatch(/@(v\d+|[0-9a-f]{40})$/);
  });

  it("runs as docs/ci/github-actions.yml uses it: annotations, the reports asked for, its outputs and involve's exit status", () => {
    const { status, stdout, outputs, workspace } = runAction(used.with!);
    expect(status).toBe(1);
    expect(stdout).toContain('::error file=evidence/2026-Q3/trent-house-rehab.yaml,line=');
    expect(outputs).toEqual({ 'exit-code': '1', sarif: 'involve-reports/involve.sarif', junit: 'involve-reports/involve-junit.xml', html: 'involve-reports/involve-report.html' });
    // Every output action.yml reads from the step is one the script wrote.
    const read = [...readFileSync(join(repo, 'action.yml'), 'utf8').matchAll(/steps\.audit\.outputs\.([a-z-]+)/g)].map((m) => m[1]!);
    expect(read.filter((name) => !(name in outputs))).toEqual([]);
    const sarif = JSON.parse(readFileSync(join(workspace, outputs.sarif!), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
    expect(readFileSync(join(workspace, outputs.junit!), 'utf8')).toContain('<testsuites');
  });

  it('fails the step with exit 2 and uploads nothing when the paths hold no evidence, unless allow-empty', () => {
    const empty = mkdtempSync(join(tmpdir(), 'involve-action-empty-'));
    mkdirSync(join(empty, '2026-Q4'));
    const failed = runAction({ paths: 'evidence/2026-Q4', reports: 'sarif junit' }, empty);
    expect(failed.status).toBe(2);
    expect(failed.stderr).toBe('involve: no evidence files (*.yaml, *.yml) found in evidence/2026-Q4; check the path, or pass --allow-empty to accept an empty run\n');
    expect(failed.outputs).toEqual({ 'exit-code': '2' });
    expect(existsSync(join(failed.workspace, 'involve-reports'))).toBe(false);
    const allowed = runAction({ paths: 'evidence/2026-Q4', 'allow-empty': true }, empty);
    expect(allowed.status).toBe(0);
    expect(allowed.outputs['exit-code']).toBe('0');
  });

  it('takes several paths, one a line, and the options of the same names', () => {
    const { status, stdout, outputs } = runAction({ paths: 'evidence/2026-Q3/notts-cjs.yaml\nevidence/2026-Q3/oxon-young-people.yaml\n', 'fail-on': 'never', rules: 'core', 'as-of': '2026-12-04', reports: '' });
    expect(status).toBe(0);
    expect(stdout).toMatch(/involve: 2 files audited against pack core/);
    expect(outputs).toEqual({ 'exit-code': '0' });
  });
});
