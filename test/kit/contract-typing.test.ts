import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Proves the contract typing: the fixture compiles as it is (every `@ts-expect-error` meets an
 * error), and with the markers removed each marked line fails and nothing else does.
 */
const fixture = path.join(__dirname, 'contract-typing.fixture.ts');
const MARKER = '// @ts-expect-error';

function diagnosticsOf(source: string): ts.Diagnostic[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(__dirname, '../../tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error('tsconfig.json not readable');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === fixture ? source : readFile(name));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) =>
    path.resolve(name) === fixture ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, onError, create);
  const program = ts.createProgram([fixture], { ...config.options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file && path.resolve(d.file.fileName) === fixture);
}

describe('contract typing (createFunction, implement, ClientOf)', () => {
  const source = readFileSync(fixture, 'utf8');

  it('accepts the fixture as written: every marked mistake is a type error', () => {
    expect(diagnosticsOf(source).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  }, 60_000);

  it('without the markers, exactly the marked lines fail', () => {
    const lines = source.split('\n');
    const expected = lines.flatMap((line, index) => (line.trim().startsWith(MARKER) ? [index + 1] : [])); // 0-based index of the next line
    expect(expected.length).toBeGreaterThanOrEqual(6);
    const unmarked = lines.map((line) => (line.trim().startsWith(MARKER) ? '' : line)).join('\n');
    const failing = new Set(diagnosticsOf(unmarked).map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line));
    for (const line of expected) expect({ line: line + 1, fails: failing.has(line) }).toEqual({ line: line + 1, fails: true });
    expect([...failing].every((line) => expected.includes(line))).toBe(true);
  }, 60_000);
});
