// Test helper: libxml2's xmllint, compiled to WebAssembly (npm xmllint-wasm), as the JUnit report's real reader.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const JUNIT_XSD = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'validators', 'junit', 'jenkins-xunit-junit-10.xsd'), 'utf8');

export interface Lint {
  /** Exit 0: well-formed, and valid against the schema when one was given. */
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** `xmllint ARGS report.xml`, with the Jenkins xUnit JUnit schema beside it as `junit.xsd`. */
export async function xmllint(args: string[], xml: string): Promise<Lint> {
  try {
    const run = await validateXML({
      xml: [{ fileName: 'report.xml', contents: xml }],
      schema: [],
      preload: [{ fileName: 'junit.xsd', contents: JUNIT_XSD }],
      modifyArguments: () => [...args, 'report.xml'],
    });
    return { ok: run.valid, stdout: run.normalized, stderr: run.rawOutput };
  } catch (error) {
    // A document that is not well-formed ends xmllint with an exit code the package rejects with.
    return { ok: false, stdout: '', stderr: (error as Error).message };
  }
}

/** Well-formed and valid against the Jenkins xUnit JUnit schema. */
export const validateJunit = (xml: string) => xmllint(['--schema', 'junit.xsd', '--noout'], xml);

// Joins the answers in one run, because each run starts a worker and a WebAssembly instance; a private-use
// character no test string holds keeps them apart.
const SEPARATOR = '\uE000';

/** The string value of each XPath expression in the document, as libxml2 reads it. */
export async function xpath(xml: string, expressions: string[]): Promise<string[]> {
  const run = await xmllint(['--xpath', `concat(${expressions.flatMap((e) => [`string(${e})`, `'${SEPARATOR}'`]).join(', ')})`], xml);
  if (!run.ok) throw new Error(`xmllint could not read the document: ${run.stderr}`);
  // Each value ends with the separator; xmllint ends what --xpath prints with a newline of its own.
  const values = run.stdout.replace(/\n$/, '').split(SEPARATOR).slice(0, -1);
  if (values.length !== expressions.length) throw new Error(`${expressions.length} expressions gave ${values.length} values`);
  return values;
}
