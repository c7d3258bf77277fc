/**
 * The package's types compile for every user: a strict project with `lib: ["es2022", "dom"]`,
 * no @types/node and `skipLibCheck: false` (test/package/fixtures/strict-consumer) type-checks
 * against the built declarations, and on `lib: ["esnext", "dom"]` `await using` works too.
 * Inside this repository `coherent-dcs` resolves to dist/ through the package's own exports.
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";

const FIXTURE = "test/package/fixtures/strict-consumer";

/** Parsed files, shared by both compilations: the DOM's declarations are large. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** The diagnostics of compiling the fixture with `tsconfig`, as tsc would print them. */
function typeCheck(tsconfig: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${FIXTURE}/${tsconfig}`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, ...rest) => {
    if (!parsed.has(name)) parsed.set(name, getSourceFile.call(host, name, ...rest));
    return parsed.get(name);
  };
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.formatDiagnostic(d, { ...host, getNewLine: () => "\n" }).trim());
}

describe("a strict user project type-checks against dist/", { timeout: 60_000 }, () => {
  it('with lib ["es2022", "dom"], no @types/node and skipLibCheck false', () => {
    expect(typeCheck("tsconfig.json")).toEqual([]);
  });

  it('with lib ["esnext", "dom"], where `await using` signs out', () => {
    expect(typeCheck("tsconfig.esnext.json")).toEqual([]);
  });
});
