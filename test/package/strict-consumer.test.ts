/**
 * The package's types compile for every user: a strict project with `lib: ["es2022", "dom"]`,
 * no @types/node and `skipLibCheck: false` (test/package/fixtures/strict-consumer) type-checks
 * against the built declarations, and on `lib: ["esnext", "dom"]` `await using` works too.
 * Inside this repository `coherent-dcs` resolves to dist/ through the package's own exports.
 */
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";

const FIXTURE = "test/package/fixtures/strict-consumer";

function typeCheck(tsconfig: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", `${FIXTURE}/${tsconfig}`],
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    ),
  );
}

describe("a strict user project type-checks against dist/", { timeout: 60_000 }, () => {
  it('with lib ["es2022", "dom"], no @types/node and skipLibCheck false', async () => {
    expect(await typeCheck("tsconfig.json")).toEqual({ code: 0, output: "" });
  });

  it('with lib ["esnext", "dom"], where `await using` signs out', async () => {
    expect(await typeCheck("tsconfig.esnext.json")).toEqual({ code: 0, output: "" });
  });
});
