import { describe, expect, it } from 'vitest';
import { statusOf, summarise } from '../../src/report/build-report.ts';
import type { FileReport, RuleResult } from '../../src/report/model.ts';

const result = (severity: RuleResult['severity'], status: RuleResult['status']) => ({ severity, status }) as RuleResult;

describe('a file status', () => {
  it.each([
    [[], 'green'],
    [[result('required', 'pass'), result('aspirational', 'info')], 'green'],
    [[result('required', 'skip')], 'green'],
    [[result('recommended', 'fail')], 'amber'],
    [[result('required', 'warn')], 'amber'],
    [[result('recommended', 'warn')], 'amber'],
    [[result('required', 'fail'), result('recommended', 'fail')], 'red'],
    [[result('required', 'fail'), result('required', 'warn')], 'red'],
  ] as const)('%j → %s', (results, status) => {
    expect(statusOf(results as unknown as RuleResult[])).toBe(status);
  });

  it('counts files by status', () => {
    const files = ['red', 'green', 'invalid', 'green', 'amber'].map((status) => ({ status, results: [] }) as unknown as FileReport);
    expect(summarise(files)).toEqual({ files: 5, red: 1, amber: 1, green: 2, invalid: 1, waived: 0 });
  });
});
